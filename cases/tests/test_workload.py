"""The team lead's caseload per caseworker: the caseworker filter and the workload table."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from cases import selectors
from cases.constants import HouseholdStatus
from cases.filters import CaseloadFilter
from cases.models import FollowUp
from cases.tests.factories import AdultClientFactory, BeschikkingFactory, HouseholdFactory, StayFactory
from cases.tests.test_notes import write
from children.tests.factories import ChildFactory
from opvang.constants import Role
from opvang.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def quiet(household) -> None:
    """No signal: a beschikking running well past the warning days, each child with intake and mentor."""
    # Admitted a month ago (no "possibly stuck" after six months), beschikking running two more months.
    household.stays.update(admitted_on=TODAY - datetime.timedelta(days=30))
    household.stays.get().beschikkingen.update(end_on=TODAY + datetime.timedelta(days=60))
    household.children.update(intake_on=TODAY)


@pytest.fixture
def team(world):
    """caseworker: trajectory caseworker of A1's adult (A1 has a signal: its child has no intake);
    colleague: mentor of A1's child and of A2's child (A2 is quiet) and of a child in a closed
    household; a second adult of A2 with the caseworker too. Org B's household names the caseworker
    (a stray link) and is never counted for organisation A."""
    world.household_a1.adults.update(caseworker=world.caseworker)
    AdultClientFactory(household=world.household_a2, caseworker=world.caseworker)
    world.household_a1.children.update(mentor=world.colleague)
    world.household_a2.children.update(mentor=world.colleague)
    ChildFactory(household=world.household_a2)  # mentored by caseworker_a2 (below)
    quiet(world.household_a2)
    world.household_a2.children.update(intake_on=TODAY)
    world.household_a2.children.filter(mentor__isnull=True).update(mentor=world.caseworker_a2)
    closed = HouseholdFactory(location=world.loc_a1, status=HouseholdStatus.CLOSED, reference="HH-2026-09999")
    ChildFactory(household=closed, mentor=world.colleague)
    world.household_b1.adults.update(caseworker=world.caseworker)
    # Follow-ups: the caseworker has one overdue and one due today, the colleague one done.
    note = write(world, world.household_a1)
    for due, owner, done in [(-1, world.caseworker, False), (0, world.caseworker, False), (-3, world.colleague, True)]:
        FollowUp.objects.create(
            household=world.household_a1,
            note=note,
            what="Bellen",
            due_on=TODAY + datetime.timedelta(days=due),
            owner=owner,
            created_by=world.caseworker,
            done_at=datetime.datetime(2026, 11, 23, tzinfo=datetime.UTC) if done else None,
            done_by=world.colleague if done else None,
        )
    return world


def by_name(rows) -> dict[str, tuple[int, int, int, int, int]]:
    return {
        row.staff_member.username: (
            row.households,
            row.children,
            row.open_follow_ups,
            row.overdue_follow_ups,
            row.signals,
        )
        for row in rows
    }


def test_workload_per_caseworker_hand_computed(team, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        rows = selectors.caseworker_workload(user=team.team_lead)
    # caseworker: A1 (1 child) and A2 (2 children); follow-ups 2 open, 1 overdue; A1 has a signal.
    # colleague: A1 and A2 through the children they mentor (not the closed household); 2 children.
    # caseworker_a2: A2 through the one child it mentors. team_lead: nothing.
    # Org B's staff and the inactive user are not listed.
    assert by_name(rows) == {
        "caseworker": (2, 3, 2, 1, 1),
        "colleague": (2, 2, 0, 0, 1),
        "caseworker_a2": (1, 1, 0, 0, 0),
        "team_lead": (0, 0, 0, 0, 0),
    }


def test_workload_is_for_team_leads_only(team):
    for user in (team.caseworker, team.colleague, team.policy_officer, team.admin):
        assert selectors.caseworker_workload(user=user) == []


def test_team_lead_of_another_organisation_sees_only_their_own_staff(team):
    rows = selectors.caseworker_workload(user=team.team_lead_b)
    assert set(by_name(rows)) == {"outsider", "team_lead_b"}
    # B's household names A's caseworker: that link does not make A's staff appear in B's table.
    assert by_name(rows)["outsider"] == (0, 0, 0, 0, 0)


def test_caseload_filters_on_caseworker_or_mentor(team):
    caseload = selectors.caseload(user=team.team_lead)

    def refs(value) -> set[str]:
        rows = CaseloadFilter({"caseworker": value}, queryset=caseload, user=team.team_lead).qs
        return {h.reference for h in rows}

    assert refs(team.caseworker.pk) == {"HH-2026-00001", "HH-2026-00002"}
    assert refs(team.caseworker_a2.pk) == {"HH-2026-00002"}
    assert refs(team.team_lead.pk) == set()
    # Someone of another organisation is no valid choice: the filter then narrows nothing.
    assert refs(team.outsider.pk) == {"HH-2026-00001", "HH-2026-00002"}


def test_caseworker_filter_and_workload_only_on_the_team_leads_caseload(team, client):
    client.force_login(team.caseworker)
    response = client.get(reverse("cases:caseload"), {"caseworker": team.colleague.pk})
    assert "caseworker" not in response.context["form"].fields
    assert response.context["workload"] == []
    assert "Werkvoorraad per begeleider" not in response.content.decode()
    client.force_login(team.team_lead)
    response = client.get(reverse("cases:caseload"), {"caseworker": team.caseworker_a2.pk})
    html = response.content.decode()
    assert "Werkvoorraad per begeleider" in html and "Begeleider of vaste begeleider" in html
    assert [h.reference for h in response.context["page"]] == ["HH-2026-00002"]
    # The caseload names each household's trajectory caseworkers and children's mentors.
    row = response.context["page"][0]
    assert {p.username for p in row.caseworkers} == {"caseworker", "colleague", "caseworker_a2"}


def test_team_lead_caseload_with_workload_query_count_is_bounded(world, client, django_assert_max_num_queries):
    staff = [UserFactory(organisation=world.org_a, locations=[world.loc_a1]) for _ in range(6)]
    UserFactory(organisation=world.org_a, role=Role.TEAM_LEAD)
    for i in range(55):
        stay = StayFactory(household__location=world.loc_a1, household__reference=f"HH-2025-{i + 1:05d}")
        BeschikkingFactory(stay=stay, end_on=TODAY + datetime.timedelta(days=i % 20))
        AdultClientFactory(household=stay.household, caseworker=staff[i % 6])
        ChildFactory(household=stay.household, mentor=staff[(i + 1) % 6])
        ChildFactory(household=stay.household)
    client.force_login(world.team_lead)
    # 20 measured: the caseload's own (see test_views), plus the children and their mentors, the
    # caseworker filter's choices, the workload's 5 and the user's own follow-ups (and the chain's
    # caseload panel: the user's open decisions).
    with django_assert_max_num_queries(21):
        response = client.get(reverse("cases:caseload"))
    assert response.status_code == 200
    assert len(response.context["workload"]) == 11  # 4 of the world, 6 caseworkers, a second team lead
    assert sum(row.households for row in response.context["workload"]) > 55
