"""Pages of the chain consultation: the stuck card on the household page, the caseload's signals
and the owner's decisions, the consultation page's scope (households of others counted, never
named), and query bounds on the lists."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cases.models import Household, Stay
from cases.tests.factories import AdultClientFactory, BeschikkingFactory, HouseholdFactory, StayFactory
from chain.models import ConsultationCase, Decision, StuckMark
from chain.tests.factories import make_case, make_consultation, make_decision, make_mark

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 24, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


def household_url(household) -> str:
    return reverse("cases:household_detail", args=[household.pk])


def test_a_stuck_family_goes_to_a_consultation_and_the_decision_reaches_the_owners_caseload(client, world) -> None:
    """The issue's browser scenario (3) through the test client: mark, bring in, decide, see, do."""
    household = world.household_a1
    client.force_login(world.caseworker)
    response = client.post(
        reverse("chain:stuck_mark", args=[household.pk]),
        {"reason": "no_housing", "since": "2026-05-01", "explanation": "Geen woning in zicht"},
    )
    assert response.status_code == 302
    assert client.get(household_url(household)).context["chain_stuck_mark"].reason == "no_housing"

    response = client.post(
        reverse("chain:consultation_create"),
        {"held_on": "2026-06-24", "organisations": [world.org_b.pk], "attendees": "Anna, SWT", "next_meeting_on": ""},
    )
    consultation = world.org_a.chain_consultations.get()
    assert response["Location"] == reverse("chain:consultation_detail", args=[consultation.pk])

    client.post(
        reverse("chain:case_add", args=[household.pk]), {"consultation": consultation.pk, "question": "Urgentie?"}
    )
    case = ConsultationCase.objects.get(consultation=consultation, household=household)
    client.post(
        reverse("chain:decision_add", args=[case.pk]),
        {"text": "Urgentie aanvragen", "owner": world.colleague.pk, "due_on": "2026-07-01"},
    )
    decision = Decision.objects.get(case=case)

    client.force_login(world.colleague)
    caseload = client.get(reverse("cases:caseload"))
    assert list(caseload.context["chain_open_decisions"]) == [decision]
    assert "Urgentie aanvragen" in caseload.content.decode()
    row = next(h for h in caseload.context["page"] if h.pk == household.pk)
    assert row.signal_stuck and not row.signal_stuck_suggested and not row.signal_chain_decision_overdue

    response = client.post(reverse("chain:decision_done", args=[decision.pk]), {"next": "caseload"})
    assert response["Location"] == reverse("cases:caseload")
    assert client.get(reverse("cases:caseload")).context["chain_open_decisions"] == []


def test_overdue_decision_is_a_caseload_signal(client, world) -> None:
    decision = make_decision(world.household_a1, owner=world.colleague)
    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
        client.force_login(world.caseworker)
        page = client.get(reverse("cases:caseload")).context["page"]
        assert next(h for h in page if h.pk == world.household_a1.pk).signal_chain_decision_overdue
        # Not the caseworker's own decision: it is not in their list.
        assert client.get(reverse("cases:caseload")).context["chain_open_decisions"] == []
    assert decision.owner == world.colleague


def test_household_card_suggests_a_long_stay_and_offers_the_actions_to_the_provider_only(client, world) -> None:
    Stay.objects.filter(household=world.household_a1).update(admitted_on=datetime.date(2025, 12, 23))
    client.force_login(world.caseworker)
    response = client.get(household_url(world.household_a1))
    assert response.context["chain_suggestion"]["long_stay"] is True
    assert reverse("chain:stuck_mark", args=[world.household_a1.pk]) in response.content.decode()


def test_marking_twice_shows_the_services_refusal_on_the_form(client, world) -> None:
    make_mark(world.household_a1)
    client.force_login(world.caseworker)
    response = client.post(
        reverse("chain:stuck_mark", args=[world.household_a1.pk]), {"reason": "debts", "since": "2026-06-01"}
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert StuckMark.objects.filter(household=world.household_a1).count() == 1


def test_consultation_page_names_only_the_households_the_reader_may_open(client, world) -> None:
    consultation = make_consultation(world.org_a, world.org_b)
    for household in (world.household_a1, world.household_a2, world.household_b1):
        make_decision(household, case=make_case(household, consultation))
    url = reverse("chain:consultation_detail", args=[consultation.pk])
    seen = {
        "caseworker": ({"HH-2026-00001"}, 2),
        "caseworker_a2": ({"HH-2026-00002"}, 2),
        "team_lead": ({"HH-2026-00001", "HH-2026-00002"}, 1),
        "team_lead_b": ({"HH-2026-00003"}, 2),
    }
    for who, (references, others) in seen.items():
        client.force_login(getattr(world, who))
        response = client.get(url)
        body = response.content.decode()
        assert {case.household.reference for case in response.context["cases"]} == references, who
        assert response.context["other_cases"] == others, who
        for hidden in {"HH-2026-00001", "HH-2026-00002", "HH-2026-00003"} - references:
            assert hidden not in body, (who, hidden)
        assert "Ouder" not in body  # no client names on the consultation page


def test_municipal_roles_see_no_consultation_nor_mark(client, world) -> None:
    consultation = make_case(world.household_a1).consultation
    mark = make_mark(world.household_a1)
    for who in ("policy_officer", "contract_manager", "admin"):
        client.force_login(getattr(world, who))
        assert client.get(reverse("chain:consultation_detail", args=[consultation.pk])).status_code == 404
        assert client.get(reverse("chain:consultation_list")).status_code == 403
        assert client.get(reverse("chain:stuck_resolve", args=[mark.pk])).status_code == 404


def _many_households(world, n: int) -> list[Household]:
    households = []
    for i in range(n):
        household = HouseholdFactory(location=world.loc_a1, reference=f"HH-2026-7{i:04d}")
        AdultClientFactory(household=household, caseworker=world.caseworker)
        BeschikkingFactory(stay=StayFactory(household=household))
        households.append(household)
    return households


def test_caseload_with_decisions_query_count_is_bounded(client, world, django_assert_max_num_queries) -> None:
    consultation = make_consultation(world.org_a)
    for household in _many_households(world, 50)[:40]:
        make_mark(household)
        make_decision(household, owner=world.caseworker, case=make_case(household, consultation))
    client.force_login(world.caseworker)
    # session, user, savepoint, count, the page with every signal as a subquery (the chain's too),
    # adults, children, the owner's open decisions with their households and consultations (one
    # query), locations for the filter, follow-ups, release, session save (savepoint, update, release).
    with django_assert_max_num_queries(14):
        response = client.get(reverse("cases:caseload"))
    assert len(response.context["chain_open_decisions"]) == 40


def test_consultation_pages_query_counts_are_bounded(client, world, django_assert_max_num_queries) -> None:
    households = _many_households(world, 50)
    consultation = make_consultation(world.org_a, world.org_b)
    for household in households:
        make_decision(household, case=make_case(household, consultation))
    for _ in range(30):
        make_consultation(world.org_a, world.org_b)
    client.force_login(world.caseworker)
    # session, user, savepoint, consultation (scope), cases with households and who brought them
    # in, their decisions with owners, the count of others, organisations, release, session save.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("chain:consultation_detail", args=[consultation.pk]))
    assert len(response.context["cases"]) == 50
    # session, user, savepoint, the consultations with both counts, their organisations, release...
    with django_assert_max_num_queries(9):
        response = client.get(reverse("chain:consultation_list"))
    assert len(response.context["consultations"]) == 31


def test_bring_in_offers_only_consultations_the_own_organisation_attends(client, world) -> None:
    own = make_consultation(world.org_a)
    make_consultation(world.org_b)
    old = make_consultation(world.org_a, held_on=timezone.localdate() - datetime.timedelta(days=91))
    client.force_login(world.caseworker)
    form = client.get(reverse("chain:case_add", args=[world.household_a1.pk])).context["form"]
    assert list(form.fields["consultation"].queryset) == [own]
    assert old not in form.fields["consultation"].queryset
