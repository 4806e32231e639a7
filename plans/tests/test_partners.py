"""Chain partners in the plan: who sees what, for how long, and what they may do themselves.

A partner reads a plan only while (1) they are in the circle of its current version, linked by
account, and (2) a parent's consent for their organisation is recorded and not withdrawn. A child
from 12 decides about their own part. Every read is in the access log.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.tests.factories import AdultClientFactory, HouseholdFactory
from children.tests.factories import ChildFactory
from opvang.constants import OrganisationKind, Role
from opvang.tests.factories import OrganisationFactory, UserFactory
from plans import services
from plans.constants import AgreementDecision, AgreementMethod, Relation
from plans.models import ActionComment, Agreement, Plan, PlanConsent
from plans.tests.partners import give_consent, link_partner, organisation_for, partner_user

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def cjg(db):
    return partner_user("partner")


@pytest.fixture
def shared(world, cjg):
    """Household A1's plan: a goal for the household with an action of the CJG partner, an action of the
    family's own, safety conditions and contact details; the parent consented to sharing with CJG."""
    household = world.household_a1
    plan = services.plan_create(household=household, user=world.caseworker, perspective="Een eigen huis in Haarlem")
    draft = plan.versions.get()
    services.plan_update(
        plan=plan,
        expected_version=plan.version,
        direction_support="cjg",
        perspective="Een eigen huis in Haarlem",
        safety_conditions="Geen contact met de ex-partner Zwartkop",
    )
    me = link_partner(draft, cjg, name="Karin van het CJG")
    me.contact_details = "06-99887766"
    me.save()
    goal = services.goal_add(plan_version=draft, domain="housing", text="Een huis met een tuin")
    mine = services.action_add(goal=goal, what="Opvoedondersteuning thuis", owner=me)
    family = services.action_add(goal=goal, what="Inschrijven bij de corporatie", owner=draft.participants.first())
    consent = give_consent(household, cjg.organisation)
    return {"plan": plan, "draft": draft, "me": me, "mine": mine, "family": family, "consent": consent}


def partner_page(client, plan):
    return client.get(reverse("plans:partner_plan", kwargs={"pk": plan.pk}))


def test_a_partner_with_consent_sees_the_plan_and_nothing_restricted(client, world, cjg, shared):
    world.household_a1.adults.update(bsn="111222333")
    world.loc_a1.address = "Geheime Laan 1"
    world.loc_a1.secret_address = True
    world.loc_a1.save()
    client.force_login(cjg)

    home = client.get(reverse("plans:partner_home"))
    assert world.household_a1.reference in home.content.decode()
    page = partner_page(client, shared["plan"])

    assert page.status_code == 200
    text = page.content.decode()
    assert "Een eigen huis in Haarlem" in text and "Een huis met een tuin" in text
    assert "Opvoedondersteuning thuis" in text and "Karin van het CJG" in text
    for never in ("Zwartkop", "06-99887766", "111222333", "Geheime Laan", world.household_a2.reference):
        assert never not in text
    assert not page.context["restricted"]  # the circle table is included without the contact column


def test_the_case_file_stays_closed_to_a_partner_with_consent(client, world, cjg, shared):
    client.force_login(cjg)
    for url in (
        reverse("cases:household_detail", kwargs={"pk": world.household_a1.pk}),
        reverse("plans:plan_detail", kwargs={"pk": shared["plan"].pk}),
        reverse("plans:plan_circle", kwargs={"pk": shared["plan"].pk}),
        reverse("plans:plan_pdf", kwargs={"pk": shared["plan"].pk}),
        reverse("cases:caseload"),
    ):
        assert client.get(url).status_code in (403, 404), url


def test_without_consent_or_outside_the_circle_there_is_nothing(client, world, cjg, shared):
    shared["consent"].delete()
    client.force_login(cjg)
    assert partner_page(client, shared["plan"]).status_code == 404
    assert client.get(reverse("plans:partner_home")).context["plans"] == []

    # Consent for another chain partner does not count for CJG.
    give_consent(world.household_a1, organisation_for("partner_no_consent"))
    assert partner_page(client, shared["plan"]).status_code == 404

    # Consent, but removed from the circle of the review draft: no access to the new version.
    give_consent(world.household_a1, cjg.organisation)
    assert partner_page(client, shared["plan"]).status_code == 200
    services.plan_agree(plan=shared["plan"], agreed_on=TODAY, user=None)
    draft = services.plan_review_start(plan=Plan.objects.get(pk=shared["plan"].pk), user=None)
    services.participant_remove(participant=draft.participants.get(user=cjg))
    assert partner_page(client, shared["plan"]).status_code == 404


def test_withdrawing_consent_ends_access_at_once(client, world, cjg, shared):
    client.force_login(cjg)
    assert partner_page(client, shared["plan"]).status_code == 200

    client.force_login(world.caseworker)
    response = client.post(reverse("plans:consent_withdraw", kwargs={"pk": shared["consent"].pk}), {"confirm": "1"})
    assert response.status_code == 302
    consent = PlanConsent.objects.get(pk=shared["consent"].pk)
    assert consent.withdrawn_on == TODAY and consent.withdrawn_recorded_by == world.caseworker

    client.force_login(cjg)
    assert partner_page(client, shared["plan"]).status_code == 404
    assert client.post(reverse("plans:partner_action_done", kwargs={"pk": shared["mine"].pk})).status_code == 404
    assert client.get(reverse("plans:partner_home")).context["plans"] == []


def test_a_closed_plan_is_no_longer_shared(client, cjg, shared):
    services.plan_close(plan=shared["plan"])
    client.force_login(cjg)
    assert partner_page(client, shared["plan"]).status_code == 404


def test_a_child_from_twelve_decides_about_their_own_part(client, world, cjg, shared):
    lina = ChildFactory(household=world.household_a1, first_name="Lina", date_of_birth=dt.date(2013, 3, 2))  # 13
    sam = ChildFactory(household=world.household_a1, first_name="Sam", date_of_birth=dt.date(2014, 3, 3))  # 11
    services.goal_add(plan_version=shared["draft"], domain="child_school", child=lina, text="Lina gaat naar het VO")
    services.goal_add(plan_version=shared["draft"], domain="child_school", child=sam, text="Sam leert zwemmen")
    client.force_login(cjg)

    text = partner_page(client, shared["plan"]).content.decode()
    assert "Sam leert zwemmen" in text  # under 12 (one day short): the parent's consent covers it
    assert "Lina gaat naar het VO" not in text

    consent = services.plan_consent_give(
        household=world.household_a1, organisation=cjg.organisation, child=lina, given_on=TODAY
    )
    assert "Lina gaat naar het VO" in partner_page(client, shared["plan"]).content.decode()
    services.plan_consent_withdraw(consent=consent)
    assert "Lina gaat naar het VO" not in partner_page(client, shared["plan"]).content.decode()


def test_a_partner_marks_their_own_action_done_and_comments(client, cjg, shared):
    client.force_login(cjg)
    done_url = reverse("plans:partner_action_done", kwargs={"pk": shared["mine"].pk})
    assert client.post(done_url).status_code == 302
    shared["mine"].refresh_from_db()
    assert shared["mine"].done_on == TODAY

    response = client.post(
        reverse("plans:partner_action_comment", kwargs={"pk": shared["mine"].pk}), {"text": "Eerste bezoek gedaan"}
    )
    assert response.status_code == 302
    comment = ActionComment.objects.get(action=shared["mine"])
    assert comment.author == cjg
    assert "Eerste bezoek gedaan" in partner_page(client, shared["plan"]).content.decode()

    # The family's own action is not theirs to tick off or comment on.
    family = shared["family"]
    assert client.post(reverse("plans:partner_action_done", kwargs={"pk": family.pk})).status_code == 404
    assert client.get(reverse("plans:partner_action_comment", kwargs={"pk": family.pk})).status_code == 404
    family.refresh_from_db()
    assert family.done_on is None


def test_a_partner_records_their_own_agreement(client, cjg, shared):
    client.force_login(cjg)
    url = reverse("plans:partner_agreement", kwargs={"pk": shared["plan"].pk})
    assert client.post(url, {"decision": "declined"}).status_code == 200  # a reason is required
    assert client.post(url, {"decision": "agreed"}).status_code == 302
    agreement = Agreement.objects.get(participant=shared["me"])
    assert agreement.decision == AgreementDecision.AGREED
    assert agreement.method == AgreementMethod.SELF
    assert agreement.recorded_by == cjg and agreement.decided_on == TODAY

    # Once the version is agreed there is no draft to answer to.
    services.plan_agree(plan=shared["plan"], agreed_on=TODAY, user=None)
    response = client.post(url, {"decision": "declined", "declined_reason": "Toch niet"})
    assert response.status_code == 200 and response.context["form"].errors
    with pytest.raises(ValidationError):
        services.partner_agreement_record(participant=shared["draft"].participants.first(), user=cjg, decision="agreed")


def test_the_partners_plan_view_runs_a_bounded_number_of_queries(
    client, world, cjg, shared, django_assert_max_num_queries
):
    client.force_login(cjg)
    assert client.post(reverse("plans:partner_agreement", kwargs={"pk": shared["plan"].pk}), {"decision": "agreed"})
    services.action_comment_add(action=shared["mine"], author=cjg, text="Eerste bezoek gedaan")
    for n, born in enumerate((dt.date(2012, 1, 1), dt.date(2016, 1, 1), dt.date(2020, 1, 1))):
        child = ChildFactory(household=world.household_a1, first_name=f"Kind{n}", date_of_birth=born)
        services.goal_add(plan_version=shared["draft"], domain="child_school", child=child, text=f"Doel {n}")
    partner_page(client, shared["plan"])  # warm: first-request caches are not the page's cost
    # session, user, the request's savepoint, the plan in scope, the user's organisation, access log
    # entry, versions, circle (agreements joined; the partner's own place and agreement are read
    # from it), goals, their actions, children (names included: a child of 12 or more missing from
    # the circle is named without a query of its own), the children's consents, adults, action
    # comments, circle meetings, release; the session's save in a savepoint of its own (3).
    with django_assert_max_num_queries(19):
        page = partner_page(client, shared["plan"])
    assert page.status_code == 200
    assert "Doel 1" in page.content.decode() and "Doel 0" not in page.content.decode()  # 14 without consent


def test_every_partner_read_is_in_the_clients_access_history(client, world, cjg, shared):
    client.force_login(cjg)
    partner_page(client, shared["plan"])
    client.get(reverse("plans:partner_agreement", kwargs={"pk": shared["plan"].pk}))

    client.force_login(world.caseworker)
    history = client.get(reverse("privacy:access_history", kwargs={"pk": world.household_a1.pk}))
    text = history.content.decode()
    assert cjg.organisation.name in text
    assert str(Role.CHAIN_PARTNER.label) in text or "Ketenpartner" in text
    rows = [row for row in history.context["rows"] if row.organisation == cjg.organisation.name]
    assert len(rows) >= 2


def test_the_start_page_lists_only_shared_plans_in_bounded_queries(
    client, world, cjg, shared, django_assert_max_num_queries
):
    for n in range(12):
        household = HouseholdFactory(reference=f"HH-2026-1{n:04d}", location=world.loc_a1)
        AdultClientFactory(household=household)
        plan = services.plan_create(household=household, user=None)
        link_partner(plan.versions.get(), cjg)
        if n % 2 == 0:
            give_consent(household, cjg.organisation)
    client.force_login(cjg)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("plans:partner_home"))
    plans = response.context["plans"]
    assert len(plans) == 7  # A1's and the six with consent
    mine = next(p for p in plans if p.pk == shared["plan"].pk)
    assert mine.my_open_actions == 1


def test_consent_is_recorded_by_the_mentor_for_a_chain_partner_only(client, world, cjg, shared):
    household = world.household_a1
    adult = household.adults.first()
    client.force_login(world.caseworker)
    page = client.get(reverse("plans:consent_list", kwargs={"pk": shared["plan"].pk}))
    assert cjg.organisation.name in page.content.decode()

    swt = organisation_for("partner_no_consent")
    response = client.post(
        reverse("plans:consent_add", kwargs={"pk": shared["plan"].pk}),
        {"person": f"a:{adult.pk}", "organisation": swt.pk, "given_on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    assert PlanConsent.objects.get(organisation=swt).recorded_by == world.caseworker

    shelter = world.org_b
    with pytest.raises(ValidationError):
        services.plan_consent_give(household=household, organisation=shelter, adult=adult, given_on=TODAY)
    with pytest.raises(ValidationError):  # twice for the same organisation
        services.plan_consent_give(household=household, organisation=swt, adult=adult, given_on=TODAY)
    with pytest.raises(ValidationError):  # in the future
        services.plan_consent_give(
            household=household, organisation=swt, adult=adult, given_on=TODAY + dt.timedelta(days=1)
        )
    other_adult = world.household_b1.adults.first()
    with pytest.raises(ValidationError):  # someone of another household
        services.plan_consent_give(household=household, organisation=swt, adult=other_adult, given_on=TODAY)


def test_only_a_chain_partners_account_can_be_linked_to_the_circle(world, cjg, shared):
    draft = shared["draft"]
    with pytest.raises(ValidationError):
        services.participant_add(plan_version=draft, name="Collega", relation=Relation.SWT, user=world.caseworker)
    youth_care = OrganisationFactory(name="Jeugdzorg Elders", kind=OrganisationKind.YOUTH_CARE)
    with pytest.raises(ValidationError):
        services.participant_add(
            plan_version=draft, name="Karin", relation=Relation.CJG, user=cjg, organisation=youth_care
        )
    linked = services.participant_add(plan_version=draft, name="Karin", relation=Relation.CJG, user=cjg)
    assert linked.organisation == cjg.organisation


def test_the_mentor_links_a_partner_through_the_circle_form(client, world, shared):
    swt_partner = UserFactory(
        username="swt_partner", organisation=organisation_for("partner_no_consent"), role=Role.CHAIN_PARTNER
    )
    client.force_login(world.caseworker)
    response = client.post(
        reverse("plans:participant_add", kwargs={"pk": shared["plan"].pk}),
        {"name": "Wijkcoach Ali", "relation": Relation.SWT, "user": swt_partner.pk},
    )
    assert response.status_code == 302
    participant = shared["draft"].participants.get(name="Wijkcoach Ali")
    assert participant.user == swt_partner and participant.organisation == swt_partner.organisation

    # Editing keeps the link.
    client.post(
        reverse("plans:participant_edit", kwargs={"pk": participant.pk}),
        {"name": "Wijkcoach Ali B.", "relation": Relation.SWT, "user": swt_partner.pk},
    )
    participant.refresh_from_db()
    assert participant.user == swt_partner


def test_a_partner_logs_in_to_their_own_start_page(client, cjg):
    client.force_login(cjg)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("plans:partner_home")


def test_anonymisation_removes_the_partners_comments(world, cjg, shared):
    from privacy import services as privacy_services
    from privacy.constants import AnonymisationReason

    services.action_comment_add(action=shared["mine"], text="Moeder vertelt over haar broer.", author=cjg)
    privacy_services.household_anonymise(world.household_a1, reason=AnonymisationReason.RETENTION)
    assert "broer" not in ActionComment.objects.get().text


def test_the_avg_export_says_with_whom_the_plan_was_shared(world, cjg, shared):
    from privacy import export

    services.plan_consent_withdraw(consent=shared["consent"])
    (consent,) = export.household_export_data(world.household_a1)["plan_consents"]
    assert consent == {
        "who": str(world.household_a1.adults.first()),
        "shared_with": cjg.organisation.name,
        "given_on": "2026-01-10",
        "withdrawn_on": TODAY.isoformat(),
    }
