"""Demo plans for households made by demo/cases.py: a plan in every state.

Every write goes through plans.services. The services refuse agreement dates before a version
was made; demo plans lie in the past, so each new version's creation time is moved back right
after it is made (demo data only). Idempotent: a household that has a plan is left alone, and
nothing happens when there are no households.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone

from cases.constants import HouseholdStatus
from cases.models import Household
from children.constants import VoiceTheme
from demo.network import Network
from opvang.constants import Role
from opvang.models import User
from plans import services
from plans.constants import AgreementDecision, AgreementMethod, ChildDomain, DirectionSupport, PlanStatus, Relation
from plans.models import Participant, Plan, PlanConsent, PlanVersion

# Which of the child's words a demo goal of the child comes from (children.constants.VoiceTheme).
VOICE_THEME_OF_DOMAIN = {
    ChildDomain.SCHOOL: VoiceTheme.SCHOOL,
    ChildDomain.WELLBEING: VoiceTheme.FEELING_SAFE,
    ChildDomain.LEISURE: VoiceTheme.FRIENDS_PLAY,
}

# Under this age a child goes to no school and plays no football: its goal is in the parent's words.
TODDLER_AGE = 4

# scenario, days since the plan started
SCENARIOS = [
    ("draft", 10),
    ("agreed_gedragen", 40),
    ("agreed_not_gedragen", 35),
    ("under_review", 110),
    ("review_overdue", 130),
    ("closed", 150),
]


def _backdate(plan_version: PlanVersion, day: date) -> None:
    moment = timezone.make_aware(datetime.combine(day, time(9, 0)))
    PlanVersion.objects.filter(pk=plan_version.pk).update(created_at=moment)
    plan_version.created_at = moment


def _caseworker(household: Household) -> User | None:
    return (
        User.objects.filter(locations=household.location, role=Role.CASEWORKER, is_active=True).order_by("pk").first()
    )


def _build(household: Household, network: Network, started: date) -> tuple[Plan, PlanVersion]:
    user = _caseworker(household)
    plan = services.plan_create(household=household, user=user, start_on=started)
    draft = PlanVersion.objects.select_related("plan").get(plan=plan)
    _backdate(draft, started)
    services.plan_update(
        plan=plan,
        expected_version=plan.version,
        direction_support=DirectionSupport.CJG if household.children.exists() else DirectionSupport.SWT,
        perspective=(
            "Wij willen weer een eigen huis in Haarlem, de kinderen blijven op hun eigen school "
            "en wij hebben geen schulden meer die ons wakker houden."
        ),
        strengths="Wij zijn een hecht gezin. Oma en de buurvrouw staan altijd voor ons klaar.",
        worries="Het geld is op aan het eind van de maand. De oudste slaapt slecht.",
        if_things_go_differently="Als het mis gaat, bellen wij eerst oma. Zij weet wat er moet gebeuren.",
        safety_conditions="Geen contact met de vorige partner zonder begeleiding.",
    )
    orgs = network.organisations
    neighbour = services.participant_add(
        plan_version=draft,
        name="Els Verhoeven",
        relation=Relation.NEIGHBOUR,
        role="Past op de kinderen als er afspraken zijn.",
        contact_details="06-12345001",
    )
    friends_mother = services.participant_add(
        plan_version=draft,
        name="Petra Kok",
        relation=Relation.FRIEND,
        role="Moeder van een vriendinnetje; haalt de kinderen op dinsdag uit school.",
    )
    grandmother = services.participant_add(
        plan_version=draft, name="Oma Truus", relation=Relation.OTHER_FAMILY, role="Helpt met de administratie."
    )
    cjg = services.participant_add(
        plan_version=draft,
        name="Karin Hoekstra",
        relation=Relation.CJG,
        organisation=orgs.get("cjg"),
        user=network.users.get("cjg"),
        role="Ondersteunt de regie van het gezin.",
        contact_details="k.hoekstra@cjg.example.org",
    )
    swt = services.participant_add(
        plan_version=draft,
        name="Mark de Graaf",
        relation=Relation.SWT,
        organisation=orgs.get("swt"),
        role="Regelt de schuldhulp en de woonurgentie.",
    )
    adults = list(household.adults.order_by("pk"))
    children = list(household.children.order_by("date_of_birth"))
    housing = services.goal_add(
        plan_version=draft, domain="housing", text="Wij wonen in een eigen huis.", target_on=started + timedelta(180)
    )
    services.action_add(goal=housing, what="Woonurgentie aanvragen", owner=swt, due_on=started + timedelta(21))
    services.action_add(goal=housing, what="Meekijken naar woningen op internet", owner=grandmother)
    if adults:
        money = services.goal_add(
            plan_version=draft, domain="finances", text="Ik heb overzicht over mijn geld.", adult=adults[0]
        )
        owner = Participant.objects.filter(plan_version=draft, adult=adults[0]).first()
        services.action_add(goal=money, what="Alle rekeningen in één map", owner=owner, due_on=started + timedelta(14))
    for child, domain, text in zip(
        children,
        [ChildDomain.SCHOOL, ChildDomain.WELLBEING, ChildDomain.LEISURE],
        ["Ik blijf naar mijn eigen school gaan.", "Ik slaap weer goed.", "Ik ga weer naar voetbal."],
        strict=False,
    ):
        if child.age(started) < TODDLER_AGE:
            # A toddler has no school or football: the goal is in the parent's words.
            domain, text = ChildDomain.WELLBEING, f"{child.first_name} heeft weer een vast ritme van slapen en eten."
        # A child's goal comes from the child's own words where it said something on that theme.
        voice = child.voices.filter(theme=VOICE_THEME_OF_DOMAIN[domain]).order_by("recorded_on").first()
        goal = services.goal_add(plan_version=draft, domain=domain, text=text, child=child, voice=voice)
        helper = friends_mother if domain == ChildDomain.SCHOOL else cjg
        services.action_add(goal=goal, what="Samen een plan maken met " + child.first_name, owner=helper)
    del neighbour
    return plan, PlanVersion.objects.select_related("plan").get(pk=draft.pk)


def _everyone_agrees(plan_version: PlanVersion, on: date, *, except_one_parent: bool = False) -> None:
    participants = list(plan_version.participants.order_by("pk"))
    declined = next((p for p in participants if p.adult_id), None) if except_one_parent else None
    for participant in participants:
        if participant == declined:
            services.agreement_record(
                participant=participant,
                decision=AgreementDecision.DECLINED,
                decided_on=on,
                declined_reason="Ik wil eerst zelf met de woningcorporatie praten.",
            )
            continue
        services.agreement_record(
            participant=participant, decision=AgreementDecision.AGREED, decided_on=on, method=AgreementMethod.MEETING
        )


def _agree(plan: Plan, plan_version: PlanVersion, on: date, *, except_one_parent: bool = False) -> PlanVersion:
    _everyone_agrees(plan_version, on, except_one_parent=except_one_parent)
    services.meeting_record(
        plan=plan,
        held_on=on,
        decisions="Het plan is samen doorgenomen en vastgesteld.",
        attendees=plan_version.participants.all(),
    )
    return services.plan_agree(plan=plan, agreed_on=on, user=None)


def seed(network: Network) -> None:
    today = timezone.localdate()
    households = list(
        Household.objects.filter(status=HouseholdStatus.IN_SHELTER)
        .annotate(n_adults=Count("adults"))
        .filter(n_adults__gt=0)
        .order_by("reference")[: len(SCENARIOS)]
    )
    for household, (scenario, days) in zip(households, SCENARIOS, strict=False):
        if Plan.objects.filter(household=household).exists():
            continue
        started = today - timedelta(days=days)
        plan, draft = _build(household, network, started)
        if scenario == "draft":
            continue
        agreed_on = started + timedelta(days=7)
        _agree(plan, draft, agreed_on, except_one_parent=scenario == "agreed_not_gedragen")
        if scenario == "under_review":
            review_on = today - timedelta(days=5)
            second = services.plan_review_start(plan=plan, user=None, on=review_on)
            _backdate(second, review_on)
            goal = second.goals.order_by("position").first()
            assert goal is not None  # the review copies the agreed version's goals
            services.goal_update(
                goal=goal,
                domain=goal.domain,
                text="Wij wonen in een eigen huis in Haarlem-Noord.",
                adult=goal.adult,
                child=goal.child,
                target_on=goal.target_on,
                status="on_track",
                progress_notes="De urgentie is toegekend.",
            )
            services.goal_add(plan_version=second, domain="work_education", text="Ik zoek vrijwilligerswerk.")
        elif scenario == "closed":
            services.plan_close(plan=plan, closed_on=today - timedelta(days=3))
    _share_with_cjg(network, today)


def _share_with_cjg(network: Network, today: date) -> None:
    """The demo CJG partner (login ``cjg``) sees one family: the parent of the first family with an
    open draft plan in which Karin owns an action consented to sharing the plan with the CJG."""
    partner = network.users.get("cjg")
    if partner is None or partner.organisation is None:
        return
    if PlanConsent.objects.filter(organisation=partner.organisation).exists():
        return
    plan = (
        Plan.objects.filter(
            status=PlanStatus.DRAFT,
            versions__participants__user=partner,
            versions__participants__actions__isnull=False,
        )
        .select_related("household")
        .order_by("household__reference")
        .first()
    )
    adult = plan.household.adults.order_by("pk").first() if plan is not None else None
    if plan is None or adult is None:
        return
    services.plan_consent_give(
        household=plan.household, organisation=partner.organisation, adult=adult, given_on=plan.start_on
    )
