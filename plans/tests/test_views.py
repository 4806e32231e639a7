"""The plan pages through the test client: the whole journey, HTMX editing, PDF, query counts."""

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from cases.tests.factories import AdultClientFactory, HouseholdFactory
from children.tests.factories import ChildFactory
from plans import services
from plans.constants import AgreementDecision, AgreementMethod, PlanStatus, Relation, VersionState
from plans.models import Action, Goal, Participant, Plan, PlanVersion

START = dt.datetime(2026, 2, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def big_family(world):
    """Two adults and three children (14, 10 and 6) at location A1."""
    household = world.household_a1
    household.adults.all().delete()
    household.children.all().delete()
    AdultClientFactory(household=household, first_name="Samira", last_name="Bakr")
    AdultClientFactory(household=household, first_name="Youssef", last_name="Bakr")
    ChildFactory(household=household, first_name="Lina", last_name="Bakr", date_of_birth=dt.date(2011, 5, 1))
    ChildFactory(household=household, first_name="Adam", last_name="Bakr", date_of_birth=dt.date(2015, 9, 1))
    ChildFactory(household=household, first_name="Nora", last_name="Bakr", date_of_birth=dt.date(2019, 11, 1))
    return household


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.getvalue()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_a_caseworker_builds_agrees_prints_and_reviews_a_plan(client, world, big_family, frozen):
    client.force_login(world.caseworker)
    response = client.post(
        reverse("plans:plan_create", kwargs={"household_pk": big_family.pk}),
        {"start_on": "2026-02-02", "direction_support": "cjg", "perspective": "Wij willen een eigen huis in Haarlem."},
    )
    plan = Plan.objects.get(household=big_family)
    assert response.status_code == 302
    draft = PlanVersion.objects.get(plan=plan)
    assert draft.participants.count() == 5

    circle_url = reverse("plans:participant_add", kwargs={"pk": plan.pk})
    client.post(circle_url, {"name": "Els de Buurvrouw", "relation": Relation.NEIGHBOUR, "role": "Past op Nora"})
    client.post(
        circle_url,
        {"name": "Karin (CJG)", "relation": Relation.CJG, "role": "Ondersteunt de regie", "contact_details": "06-11"},
    )
    neighbour = Participant.objects.get(plan_version=draft, name="Els de Buurvrouw")
    cjg = Participant.objects.get(plan_version=draft, name="Karin (CJG)")
    assert neighbour.kind == "network" and cjg.kind == "professional"
    assert cjg.contact_details == "06-11"  # the caseworker at A1 may see and write them

    lina = big_family.children.get(first_name="Lina")
    response = client.post(
        reverse("plans:goal_add", kwargs={"pk": plan.pk}),
        {
            "domain": "child_school",
            "for_whom": f"c:{lina.pk}",
            "text": "Lina blijft naar haar eigen school gaan",
            "status": "open",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert b'id="plan-goals"' in response.content and b'hx-swap-oob="true"' in response.content
    goal = Goal.objects.get(plan_version=draft)
    client.post(
        reverse("plans:action_add", kwargs={"goal_pk": goal.pk}),
        {"what": "Lina brengen op dinsdag", "owner": neighbour.pk, "due_on": "2026-03-01"},
        HTTP_HX_REQUEST="true",
    )
    client.post(
        reverse("plans:action_add", kwargs={"goal_pk": goal.pk}),
        {"what": "Gesprek met de school", "owner": cjg.pk, "due_on": "2026-02-20"},
    )
    assert Action.objects.filter(plan_version=draft).count() == 2

    # Everyone required answers: both parents, Lina (14), the neighbour and the CJG (they own actions).
    for participant in draft.participants.exclude(child__first_name__in=["Adam", "Nora"]):
        response = client.post(
            reverse("plans:agreement_record", kwargs={"pk": participant.pk}),
            {"decision": AgreementDecision.AGREED, "decided_on": "2026-02-02", "method": AgreementMethod.MEETING},
        )
        assert response.status_code == 302, response.content
    response = client.post(reverse("plans:plan_agree", kwargs={"pk": plan.pk}), {"agreed_on": "2026-02-02"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == VersionState.AGREED and draft.gedragen_at_agreement is True
    assert draft.next_review_on == dt.date(2026, 5, 2)

    response = client.get(reverse("plans:plan_pdf", kwargs={"pk": plan.pk}))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "Lina blijft naar haar eigen school gaan" in text
    assert "Els de Buurvrouw" in text and "Karin (CJG)" in text

    # Three months later: the review makes version 2; version 1 stays as agreed.
    frozen.move_to(dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC))
    client.force_login(world.caseworker)  # the session expired in the meantime
    response = client.post(reverse("plans:plan_review", kwargs={"pk": plan.pk}), {"confirm": "1"})
    assert response.status_code == 302
    second = PlanVersion.objects.get(plan=plan, number=2)
    new_goal = second.goals.get()
    client.post(
        reverse("plans:goal_edit", kwargs={"pk": new_goal.pk}),
        {"domain": "child_school", "for_whom": f"c:{lina.pk}", "text": "Lina haalt haar diploma", "status": "on_track"},
    )
    response = client.get(reverse("plans:plan_diff", kwargs={"pk": plan.pk, "number": 2}))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Lina blijft naar haar eigen school gaan" in content and "Lina haalt haar diploma" in content
    assert Goal.objects.get(pk=goal.pk).text == "Lina blijft naar haar eigen school gaan"
    plan.refresh_from_db()
    assert plan.status == PlanStatus.UNDER_REVIEW


def test_the_pdf_leaves_out_contact_details_and_safety_conditions(client, world, big_family, frozen):
    plan = services.plan_create(household=big_family, user=None, perspective="Rust in huis.")
    draft = PlanVersion.objects.get(plan=plan)
    services.plan_update(
        plan=plan,
        expected_version=plan.version,
        direction_support="swt",
        perspective="Rust in huis.",
        safety_conditions="Geen contact met de ex op het Geheimadres 12",
    )
    neighbour = services.participant_add(
        plan_version=draft,
        name="Buurman Piet",
        relation=Relation.NEIGHBOUR,
        contact_details="piet@voorbeeld.nl 0612345678",
    )
    goal = services.goal_add(plan_version=draft, domain="housing", text="Wij vinden een huis")
    services.action_add(goal=goal, what="Woningen zoeken op internet", owner=neighbour)
    client.force_login(world.caseworker)
    text = pdf_text(client.get(reverse("plans:plan_pdf", kwargs={"pk": plan.pk})))
    assert "Wij vinden een huis" in text and "Buurman Piet" in text and "Woningen zoeken" in text
    assert "piet@voorbeeld.nl" not in text and "0612345678" not in text
    assert "Geheimadres" not in text and "ex op het" not in text


def test_restricted_fields_are_left_out_for_a_receiving_organisation(client, world, frozen):
    from cases.constants import HandoverStatus
    from cases.models import Handover

    household = world.household_b1
    plan = services.plan_create(household=household, user=None, perspective="Samen verder.")
    draft = PlanVersion.objects.get(plan=plan)
    services.participant_add(
        plan_version=draft, name="Tante Mies", relation=Relation.OTHER_FAMILY, contact_details="Dorpsstraat 9"
    )
    Handover.objects.create(
        household=household,
        from_organisation=world.org_b,
        from_professional=world.outsider,
        to_organisation=world.org_a,
        to_professional=world.caseworker,
        planned_on=dt.date(2026, 2, 1),
        status=HandoverStatus.ACCEPTED,
    )
    client.force_login(world.caseworker)
    response = client.get(reverse("plans:plan_circle", kwargs={"pk": plan.pk}))
    assert response.status_code == 200
    assert "Tante Mies" in response.content.decode() and "Dorpsstraat 9" not in response.content.decode()
    # A receiving organisation reads the plan but does not change it.
    response = client.post(reverse("plans:goal_add", kwargs={"pk": plan.pk}), {"domain": "housing", "text": "x"})
    assert response.status_code == 404


def test_an_agreed_plan_shows_no_edit_controls_and_refuses_edits(client, world, big_family, frozen):
    plan = services.plan_create(household=big_family, user=None, perspective="Een huis.")
    draft = PlanVersion.objects.get(plan=plan)
    goal = services.goal_add(plan_version=draft, domain="housing", text="Een huis")
    services.plan_agree(plan=plan, agreed_on=dt.date(2026, 2, 2), user=None)
    client.force_login(world.caseworker)
    page = client.get(reverse("plans:plan_detail", kwargs={"pk": plan.pk})).content.decode()
    assert reverse("plans:goal_edit", kwargs={"pk": goal.pk}) not in page
    response = client.post(
        reverse("plans:goal_edit", kwargs={"pk": goal.pk}),
        {"domain": "housing", "text": "Iets anders", "status": "open"},
    )
    assert response.status_code == 200
    assert "can no longer be changed" in response.content.decode() or "niet meer" in response.content.decode()
    assert Goal.objects.get(pk=goal.pk).text == "Een huis"


def test_an_owner_from_outside_the_circle_is_refused_by_the_form(client, world, big_family, frozen):
    plan = services.plan_create(household=big_family, user=None)
    other = services.plan_create(household=world.household_a2, user=None)
    stranger = PlanVersion.objects.get(plan=other).participants.first()
    goal = services.goal_add(plan_version=PlanVersion.objects.get(plan=plan), domain="housing", text="Een huis")
    client.force_login(world.caseworker)
    response = client.post(
        reverse("plans:action_add", kwargs={"goal_pk": goal.pk}), {"what": "Bellen", "owner": stranger.pk}
    )
    assert response.status_code == 200
    assert not Action.objects.exists()


def test_the_plan_page_warns_about_missing_network_and_children_without_goals(client, world, big_family, frozen):
    plan = services.plan_create(household=big_family, user=None)
    client.force_login(world.caseworker)
    page = client.get(reverse("plans:plan_detail", kwargs={"pk": plan.pk})).content.decode()
    assert 'id="plan-status"' in page
    assert page.count("Lina") >= 2  # in the circle and in a warning


def test_the_household_card_shows_the_plan(client, world, big_family, frozen, django_assert_max_num_queries):
    from django.template.loader import render_to_string

    assert "plans:plan_create" not in render_to_string("plans/_household_plan_card.html", {"household": big_family})
    plan = services.plan_create(household=big_family, user=None)
    # the plan, its two newest versions
    with django_assert_max_num_queries(2):
        html = render_to_string("plans/_household_plan_card.html", {"household": big_family})
    assert reverse("plans:plan_detail", kwargs={"pk": plan.pk}) in html


def test_plan_page_query_count_does_not_grow_with_the_plan(
    client, world, big_family, frozen, django_assert_max_num_queries
):
    plan = services.plan_create(household=big_family, user=None, perspective="Een huis.")
    draft = PlanVersion.objects.get(plan=plan)
    for n in range(12):
        neighbour = services.participant_add(plan_version=draft, name=f"Buur {n}", relation=Relation.NEIGHBOUR)
        goal = services.goal_add(plan_version=draft, domain="housing", text=f"Doel {n}")
        for m in range(3):
            services.action_add(goal=goal, what=f"Actie {n}.{m}", owner=neighbour)
        services.agreement_record(
            participant=neighbour, decision="agreed", decided_on=dt.date(2026, 2, 2), method="phone"
        )
    services.meeting_record(
        plan=plan, held_on=dt.date(2026, 2, 2), decisions="Plan besproken", attendees=draft.participants.all()
    )
    client.force_login(world.caseworker)
    # session, user, savepoint, plan, household (access), audit-log insert, versions,
    # participants (+agreement, links, owns-action flag), goals, actions, adults, children (+voice flag),
    # the children's voice entries, meetings, attendees, the user's locations (may_see_safety), release,
    # savepoint, session save, release, + the user's organisation (NEN 7513 origin of the access entry)
    # = 21, whatever the number of participants, goals and actions.
    with django_assert_max_num_queries(21):
        response = client.get(reverse("plans:plan_detail", kwargs={"pk": plan.pk}))
    assert response.status_code == 200


def test_caseload_signals_flag_overdue_reviews_and_actions(world, frozen):
    from cases.models import Household
    from plans.selectors import caseload_signal_annotations

    household = world.household_a1
    plan = services.plan_create(household=household, user=None, perspective="Een huis.")
    draft = PlanVersion.objects.get(plan=plan)
    goal = services.goal_add(plan_version=draft, domain="housing", text="Een huis")
    services.action_add(goal=goal, what="Bellen", due_on=dt.date(2026, 2, 10))
    services.plan_agree(plan=plan, agreed_on=dt.date(2026, 2, 2), user=None)
    signals = caseload_signal_annotations()
    row = Household.objects.annotate(**signals).get(pk=household.pk)
    assert not row.plan_review_overdue and not row.plan_actions_overdue
    with time_machine.travel(dt.datetime(2026, 5, 10, 9, 0, tzinfo=dt.UTC), tick=False):
        row = Household.objects.annotate(**caseload_signal_annotations()).get(pk=household.pk)
    assert row.plan_review_overdue and row.plan_actions_overdue


def test_caseload_signals_stay_bounded_on_many_households(world, frozen, django_assert_max_num_queries):
    from cases.models import Household
    from plans.selectors import caseload_signal_annotations

    for n in range(55):
        household = HouseholdFactory(location=world.loc_a1)
        plan = services.plan_create(household=household, user=None, perspective="Een huis.")
        services.goal_add(plan_version=PlanVersion.objects.get(plan=plan), domain="housing", text=f"Doel {n}")
    # one query: the households with both EXISTS subqueries
    with django_assert_max_num_queries(1):
        rows = list(Household.objects.annotate(**caseload_signal_annotations()))
    assert len(rows) >= 55


def test_two_people_editing_the_plan_get_a_conflict_not_a_lost_update(client, world, big_family, frozen):
    plan = services.plan_create(household=big_family, user=None, perspective="Eerste tekst")
    url = reverse("plans:plan_edit", kwargs={"pk": plan.pk})
    client.force_login(world.caseworker)
    data = {"version": plan.version, "direction_support": "cjg", "perspective": "Tekst van de begeleider"}
    assert client.post(url, data).status_code == 302
    data["perspective"] = "Tekst van de collega, op een oude pagina"
    response = client.post(url, data)
    assert response.status_code == 409
    assert PlanVersion.objects.get(plan=plan).perspective == "Tekst van de begeleider"


def test_a_circle_meeting_is_recorded_with_who_was_there(client, world, big_family, frozen):
    plan = services.plan_create(household=big_family, user=None)
    draft = PlanVersion.objects.get(plan=plan)
    parents = list(draft.participants.filter(adult__isnull=False))
    client.force_login(world.caseworker)
    response = client.post(
        reverse("plans:meeting_add", kwargs={"pk": plan.pk}),
        {"held_on": "2026-02-02", "attendees": [p.pk for p in parents], "decisions": "Oma helpt met de post."},
    )
    assert response.status_code == 302
    meeting = plan.meetings.get()
    assert set(meeting.attendees.all()) == set(parents)
    page = client.get(reverse("plans:plan_detail", kwargs={"pk": plan.pk})).content.decode()
    assert "Oma helpt met de post." in page


def test_opening_a_plan_is_audited_with_the_household(client, world, big_family, frozen):
    from auditlog.models import LogEntry

    plan = services.plan_create(household=big_family, user=None)
    client.force_login(world.caseworker)
    client.get(reverse("plans:plan_detail", kwargs={"pk": plan.pk}))
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("pk")
    assert entry.additional_data["household"] == big_family.pk
    assert entry.additional_data["role"] == "caseworker"
    assert entry.actor == world.caseworker


def test_inline_goal_edit_returns_the_goal_form_for_htmx(client, world, big_family, frozen):
    plan = services.plan_create(household=big_family, user=None)
    goal = services.goal_add(plan_version=PlanVersion.objects.get(plan=plan), domain="housing", text="Een huis")
    client.force_login(world.caseworker)
    response = client.get(reverse("plans:goal_edit", kwargs={"pk": goal.pk}), HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content and 'hx-post="' + reverse("plans:goal_edit", kwargs={"pk": goal.pk}) in content
