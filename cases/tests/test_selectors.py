"""Caseload signals appear and disappear when they should."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from cases import extensions, selectors, services
from cases.constants import Destination, ExtensionReason, HandoverKind, HouseholdStatus
from cases.filters import CaseloadFilter
from cases.tests.factories import HandoverFactory
from children.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def signals(world, household) -> dict[str, bool]:
    row = selectors.caseload(user=world.team_lead).get(pk=household.pk)
    # Every registered signal: the case file's own and those the children and plans add.
    return {signal.name: getattr(row, signal.name) for signal in extensions.caseload_signals()}


def test_beschikking_signal_appears_14_days_before_end_and_disappears_with_extension(world):
    household = world.household_a1
    beschikking = household.stays.get().beschikkingen.get()
    beschikking.end_on = TODAY + datetime.timedelta(days=20)
    beschikking.save()
    assert not signals(world, household)["signal_beschikking_ends"]
    with time_machine.travel(datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.UTC), tick=False):
        assert signals(world, household)["signal_beschikking_ends"]
    beschikking.end_on = TODAY + datetime.timedelta(days=10)
    beschikking.save()
    assert signals(world, household)["signal_beschikking_ends"]
    services.beschikking_extend(
        beschikking=beschikking,
        new_end_on=TODAY + datetime.timedelta(days=90),
        reason=ExtensionReason.CARE,
        by=world.caseworker,
    )
    assert not signals(world, household)["signal_beschikking_ends"]


def test_beschikking_signal_disappears_when_outflow_is_arranged(world):
    household = world.household_a1
    stay = household.stays.get()
    beschikking = stay.beschikkingen.get()
    beschikking.end_on = TODAY + datetime.timedelta(days=5)
    beschikking.save()
    assert signals(world, household)["signal_beschikking_ends"]
    services.stay_plan_outflow(stay=stay, planned_destination=Destination.SOCIAL_RENT, planned_left_on=TODAY)
    assert not signals(world, household)["signal_beschikking_ends"]


def test_child_intake_signal_after_14_days_until_the_intake(world):
    household = world.household_a1  # admitted 2026-01-10, child without intake
    child = household.children.get()
    assert signals(world, household)["signal_child_without_intake"]
    stay = household.stays.get()
    stay.admitted_on = TODAY - datetime.timedelta(days=5)
    stay.save()
    assert not signals(world, household)["signal_child_without_intake"]
    stay.admitted_on = TODAY - datetime.timedelta(days=30)
    stay.save()
    child.intake_on = TODAY
    child.save()
    assert not signals(world, household)["signal_child_without_intake"]


def test_mentor_signal_until_each_child_has_a_mentor(world):
    household = world.household_a1
    assert signals(world, household)["signal_child_without_mentor"]
    household.children.update(mentor=world.caseworker)
    assert not signals(world, household)["signal_child_without_mentor"]
    ChildFactory(household=household)
    assert signals(world, household)["signal_child_without_mentor"]


def test_open_handover_signal_until_completed(world):
    household = world.household_a1
    assert not signals(world, household)["signal_open_handover"]
    handover = HandoverFactory(
        household=household, from_professional=world.caseworker, to_organisation=world.org_b, kind=HandoverKind.COLD
    )
    assert signals(world, household)["signal_open_handover"]
    services.handover_accept(handover=handover, by=world.outsider)
    assert signals(world, household)["signal_open_handover"]
    services.handover_complete(handover=handover, by=world.outsider)
    assert not signals(world, household)["signal_open_handover"]


def test_relapse_signal_for_12_months(world):
    household = world.household_a1
    stay = household.stays.get()
    services.stay_end(stay=stay, left_on=datetime.date(2026, 5, 1), destination=Destination.PRIVATE_RENT)
    assert not signals(world, household)["signal_relapse"]
    services.application_add(household=household, location=world.loc_a1, applied_on=datetime.date(2026, 11, 1))
    assert signals(world, household)["signal_relapse"]
    with time_machine.travel(datetime.datetime(2027, 11, 2, 10, tzinfo=datetime.UTC), tick=False):
        assert not signals(world, household)["signal_relapse"]


def test_caseload_filters_on_a_signal(world):
    household = world.household_a1
    household.children.update(mentor=world.caseworker)
    caseload = selectors.caseload(user=world.team_lead)
    rows = CaseloadFilter({"signal": "signal_child_without_mentor"}, queryset=caseload, user=world.team_lead).qs
    assert household not in rows and world.household_a2 in rows


def test_caseload_leaves_closed_households_out_unless_asked_and_ignores_invalid_input(world):
    household = world.household_a1
    household.status = HouseholdStatus.CLOSED
    household.save()
    caseload = selectors.caseload(user=world.team_lead)
    assert household in caseload

    def rows(data):
        return CaseloadFilter(data, queryset=caseload, user=world.team_lead).qs

    assert household not in rows({}) and world.household_a2 in rows({})
    assert household in rows({"status": "closed"}) and world.household_a2 not in rows({"status": "closed"})
    # A location outside the user's scope does not validate: nothing is filtered but the default.
    invalid = rows({"location": world.loc_b1.pk, "status": "closed"})
    assert household not in invalid and world.household_a2 in invalid


def test_zrm_change_per_domain(world):
    adult = world.household_a1.adults.get()
    services.zrm_record(
        adult=adult,
        assessed_on=datetime.date(2026, 1, 12),
        moment="intake",
        scores={"housing": 1, "finances": 2},
        by=world.caseworker,
    )
    services.zrm_record(
        adult=adult, assessed_on=TODAY, moment="exit", scores={"housing": 4, "finances": 2}, by=world.caseworker
    )
    (change,) = selectors.zrm_change(world.household_a1)
    rows = {row.domain: row.change for row in change.rows}
    assert rows["housing"] == 3 and rows["finances"] == 0 and rows["justice"] is None


def test_beschikking_ending_boundary_days(world):
    # Ends within 14 days: today up to and including today + 14; the day after is not yet a signal.
    household = world.household_a1
    beschikking = household.stays.get().beschikkingen.get()
    for days, ends, expired in [(15, False, False), (14, True, False), (0, True, False), (-1, False, True)]:
        beschikking.end_on = TODAY + datetime.timedelta(days=days)
        beschikking.save()
        row = signals(world, household)
        assert (row["signal_beschikking_ends"], row["signal_beschikking_expired"]) == (ends, expired), days


def test_expired_beschikking_stays_a_signal_with_outflow_planned_until_extended(world):
    household = world.household_a1
    stay = household.stays.get()
    beschikking = stay.beschikkingen.get()
    beschikking.end_on = TODAY - datetime.timedelta(days=1)
    beschikking.save()
    services.stay_plan_outflow(
        stay=stay, planned_destination=Destination.SOCIAL_RENT, planned_left_on=TODAY + datetime.timedelta(days=7)
    )
    row = signals(world, household)
    assert row["signal_beschikking_expired"] and not row["signal_beschikking_ends"]
    services.beschikking_extend(
        beschikking=beschikking,
        new_end_on=TODAY + datetime.timedelta(days=30),
        reason=ExtensionReason.CARE,
        by=world.caseworker,
    )
    assert not signals(world, household)["signal_beschikking_expired"]


def test_expired_beschikking_signal_ends_with_the_stay(world):
    household = world.household_a1
    stay = household.stays.get()
    beschikking = stay.beschikkingen.get()
    beschikking.end_on = TODAY - datetime.timedelta(days=3)
    beschikking.save()
    assert signals(world, household)["signal_beschikking_expired"]
    services.stay_end(stay=stay, left_on=TODAY, destination=Destination.SOCIAL_RENT)
    assert not signals(world, household)["signal_beschikking_expired"]


def test_expired_beschikking_reads_verlopen_on_the_caseload(world, client):
    household = world.household_a1
    beschikking = household.stays.get().beschikkingen.get()
    beschikking.end_on = TODAY - datetime.timedelta(days=1)
    beschikking.save()
    client.force_login(world.team_lead)
    html = client.get("/cases/", {"signal": "signal_beschikking_expired"}).content.decode()
    assert "Beschikking verlopen" in html and household.reference in html
    assert "loopt af" not in html.split("<tbody>")[1]
