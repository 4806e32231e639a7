"""Services and selectors of the chain consultation: stuck marks, the suggestion (with its
6-month boundary), bringing households in, decisions and their owners."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from cases.constants import ExtensionReason
from cases.models import Beschikking, BeschikkingExtension, Household, Stay
from chain import selectors, services
from chain.constants import StuckReason
from chain.models import StuckMark
from chain.tests.factories import make_case, make_consultation, make_decision, make_mark

pytestmark = pytest.mark.django_db

# The world's stays began on 10 January 2026: not yet 6 months before this day.
TODAY = datetime.date(2026, 6, 24)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 6, 24, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


# --- Stuck marks -----------------------------------------------------------------------------------


def test_mark_records_the_location_the_household_is_at(world) -> None:
    mark = make_mark(world.household_a1, since=TODAY)
    assert (mark.location, mark.resolved_on) == (world.loc_a1, None)


def test_mark_from_a_future_day_is_refused(world) -> None:
    with pytest.raises(ValidationError) as error:
        make_mark(world.household_a1, since=TODAY + datetime.timedelta(days=1))
    assert "since" in error.value.message_dict


def test_a_household_has_at_most_one_open_mark(world) -> None:
    make_mark(world.household_a1)
    with pytest.raises(ValidationError):
        make_mark(world.household_a1, reason=StuckReason.DEBTS)
    assert StuckMark.objects.filter(household=world.household_a1).count() == 1


def test_resolve_on_the_day_it_got_stuck_is_allowed_but_not_before_nor_in_the_future(world) -> None:
    mark = make_mark(world.household_a1, since=TODAY - datetime.timedelta(days=10))
    for bad in (mark.since - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.stuck_resolve(mark=mark, resolved_on=bad, by=world.caseworker)
    services.stuck_resolve(mark=mark, resolved_on=mark.since, by=world.caseworker)
    mark.refresh_from_db()
    assert (mark.resolved_on, mark.resolved_by) == (mark.since, world.caseworker)
    with pytest.raises(ValidationError):
        services.stuck_resolve(mark=mark, resolved_on=TODAY, by=world.caseworker)
    # Resolved: the household may be marked again.
    make_mark(world.household_a1, since=TODAY)


# --- The suggestion ----------------------------------------------------------------------------------


def _stay(household: Household) -> Stay:
    return household.stays.get()


def test_suggestion_after_more_than_six_months_not_on_the_day_itself(world) -> None:
    household = world.household_a1
    six_months_ago = datetime.date(2025, 12, 24)
    Stay.objects.filter(household=household).update(admitted_on=six_months_ago)
    assert selectors.stuck_suggestion(household) == {"long_stay": False, "no_outflow": False}
    Stay.objects.filter(household=household).update(admitted_on=six_months_ago - datetime.timedelta(days=1))
    assert selectors.stuck_suggestion(household)["long_stay"] is True
    suggested = Household.objects.filter(selectors._suggested(TODAY)).values_list("pk", flat=True)
    assert list(suggested) == [household.pk]
    # Once marked, it is stuck, no longer "possibly stuck".
    make_mark(household)
    assert not Household.objects.filter(selectors._suggested(TODAY)).exists()
    assert Household.objects.filter(selectors._stuck(TODAY)).get() == household


def test_suggestion_when_the_beschikking_was_extended_for_lack_of_outflow_only(world) -> None:
    beschikking = Beschikking.objects.get(stay__household=world.household_a2)
    for reason in (ExtensionReason.CARE, ExtensionReason.NO_OUTFLOW):
        BeschikkingExtension.objects.create(
            beschikking=beschikking,
            extended_on=TODAY,
            previous_end_on=beschikking.end_on,
            new_end_on=beschikking.end_on + datetime.timedelta(days=90),
            reason=reason,
        )
        expected = reason == ExtensionReason.NO_OUTFLOW
        assert selectors.stuck_suggestion(world.household_a2)["no_outflow"] is expected


# --- Consultations, households discussed, decisions --------------------------------------------------


def test_the_recorders_organisation_is_always_present(world) -> None:
    consultation = services.consultation_create(
        held_on=TODAY, organisations=[world.org_b], attendees="", by=world.caseworker
    )
    assert set(consultation.organisations.all()) == {world.org_a, world.org_b}


def test_only_the_households_own_provider_brings_it_in(world) -> None:
    consultation = make_consultation(world.org_a, world.org_b)
    with pytest.raises(ValidationError):
        services.consultation_case_add(consultation=consultation, household=world.household_a1, by=world.outsider)
    case = services.consultation_case_add(consultation=consultation, household=world.household_a1, by=world.caseworker)
    assert case.brought_in_by == world.caseworker
    with pytest.raises(ValidationError):
        services.consultation_case_add(consultation=consultation, household=world.household_a1, by=world.caseworker)


def test_a_household_goes_only_to_a_consultation_its_provider_attends(world) -> None:
    consultation = make_consultation(world.org_b)
    with pytest.raises(ValidationError) as error:
        services.consultation_case_add(consultation=consultation, household=world.household_a1, by=world.caseworker)
    assert "consultation" in error.value.message_dict


def test_decision_owner_must_be_able_to_open_the_household(world) -> None:
    case = make_case(world.household_a1)
    owners = set(selectors.decision_owner_choices(world.household_a1))
    assert owners == {world.caseworker, world.colleague, world.team_lead}
    for outsider in (world.caseworker_a2, world.outsider, world.policy_officer):
        with pytest.raises(ValidationError) as error:
            services.decision_add(case=case, text="x", owner=outsider, due_on=TODAY, by=None)
        assert "owner" in error.value.message_dict


def test_decision_due_before_the_consultation_is_refused(world) -> None:
    case = make_case(world.household_a1)
    with pytest.raises(ValidationError) as error:
        services.decision_add(
            case=case, text="x", owner=world.caseworker, due_on=TODAY - datetime.timedelta(days=1), by=None
        )
    assert "due_on" in error.value.message_dict


def test_decision_done_once_and_then_off_the_owners_list(world) -> None:
    decision = make_decision(world.household_a1, owner=world.colleague)
    assert list(selectors.open_decisions_for_owner(world.colleague)) == [decision]
    assert list(selectors.open_decisions_for_owner(world.caseworker)) == []
    services.decision_done(decision=decision, by=world.caseworker)
    decision.refresh_from_db()
    assert decision.done_by == world.caseworker
    with pytest.raises(ValidationError):
        services.decision_done(decision=decision, by=world.caseworker)
    assert list(selectors.open_decisions_for_owner(world.colleague)) == []


def test_digest_selector_takes_due_and_overdue_open_decisions_only(world) -> None:
    due = make_decision(world.household_a1, owner=world.caseworker)
    make_decision(world.household_a2, owner=world.caseworker_a2, due_on=TODAY + datetime.timedelta(days=1))
    done = make_decision(world.household_b1, owner=world.outsider)
    services.decision_done(decision=done, by=world.outsider)
    assert list(selectors.decisions_due_for_digest(TODAY)) == [due]
