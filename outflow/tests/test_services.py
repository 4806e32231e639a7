"""Services of housing outflow and the caseload's "ready to move without an offer" signal."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from cases.selectors import caseload
from opvang.constants import OrganisationKind
from opvang.tests.factories import OrganisationFactory
from outflow import services
from outflow.constants import HousingDecision, HousingOutcome
from outflow.models import HousingQuota, ReadyToMove
from outflow.tests.factories import CorporationFactory, HousingApplicationFactory, ReadyToMoveFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_ready_to_move_is_one_mark_per_stay_and_a_second_corrects_it(world) -> None:
    household = world.household_a1
    first = services.ready_to_move_record(household=household, ready_on=D(2026, 10, 1), by=world.caseworker)
    again = services.ready_to_move_record(
        household=household, ready_on=D(2026, 10, 5), by=world.colleague, notes="Datum gecorrigeerd"
    )
    assert again.pk == first.pk
    mark = ReadyToMove.objects.get(household=household)
    assert (mark.ready_on, mark.decided_by, mark.stay) == (D(2026, 10, 5), world.colleague, household.stays.get())


def test_ready_to_move_needs_an_open_stay_and_a_date_after_admission(world) -> None:
    household = world.household_a1
    stay = household.stays.get()
    with pytest.raises(ValidationError) as error:
        services.ready_to_move_record(
            household=household, ready_on=stay.admitted_on - datetime.timedelta(days=1), by=world.caseworker
        )
    assert "ready_on" in error.value.message_dict
    household.stays.update(left_on=D(2026, 11, 1), destination="social_rent")
    with pytest.raises(ValidationError):
        services.ready_to_move_record(household=household, ready_on=D(2026, 10, 1), by=world.caseworker)


def test_housing_application_takes_only_a_housing_corporation(world) -> None:
    shelter = OrganisationFactory(name="Andere opvang", kind=OrganisationKind.SHELTER_PROVIDER)
    with pytest.raises(ValidationError) as error:
        services.housing_application_add(
            household=world.household_a1,
            kind="urgency",
            municipality="Haarlem",
            applied_on=D(2026, 11, 1),
            by=world.caseworker,
            corporation=shelter,
        )
    assert "corporation" in error.value.message_dict
    corporation = CorporationFactory(name="Pré Wonen")
    application = services.housing_application_add(
        household=world.household_a1,
        kind="urgency",
        municipality=" Haarlem ",
        applied_on=D(2026, 11, 1),
        by=world.caseworker,
        corporation=corporation,
    )
    assert (application.municipality, application.stay, application.outcome) == (
        "Haarlem",
        world.household_a1.stays.get(),
        HousingOutcome.OPEN,
    )


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"decision": HousingDecision.GRANTED}, "decided_on"),
        ({"outcome": HousingOutcome.HOUSED, "outcome_on": D(2026, 11, 20)}, "offered_on"),
        ({"outcome": HousingOutcome.REFUSED, "outcome_on": D(2026, 11, 20)}, "outcome"),
        ({"outcome": HousingOutcome.WITHDRAWN}, "outcome_on"),
        ({"offer": "Tweekamerwoning Schalkwijk"}, "offered_on"),
        ({"decision": HousingDecision.GRANTED, "decided_on": D(2026, 10, 1)}, "decided_on"),
    ],
)
def test_housing_application_update_refuses_incomplete_outcomes(world, fields, field_in_error) -> None:
    application = HousingApplicationFactory(stay=world.household_a1.stays.get(), applied_on=D(2026, 11, 1))
    data = {
        "decision": HousingDecision.PENDING,
        "decided_on": None,
        "offered_on": None,
        "offer": "",
        "outcome": HousingOutcome.OPEN,
        "outcome_on": None,
        **fields,
    }
    with pytest.raises(ValidationError) as error:
        services.housing_application_update(application=application, **data)
    assert field_in_error in error.value.message_dict


def test_housing_application_goes_from_decision_to_housed(world) -> None:
    application = HousingApplicationFactory(stay=world.household_a1.stays.get(), applied_on=D(2026, 11, 1))
    services.housing_application_update(
        application=application,
        decision=HousingDecision.GRANTED,
        decided_on=D(2026, 11, 5),
        offered_on=D(2026, 11, 10),
        offer="Tweekamerwoning Schalkwijk",
        outcome=HousingOutcome.HOUSED,
        outcome_on=D(2026, 11, 12),
    )
    application.refresh_from_db()
    assert (application.decision, application.offered_on, application.outcome, application.outcome_on) == (
        HousingDecision.GRANTED,
        D(2026, 11, 10),
        HousingOutcome.HOUSED,
        D(2026, 11, 12),
    )


def test_quota_is_set_once_per_corporation_municipality_and_year(world) -> None:
    corporation = CorporationFactory(name="Elan Wonen")
    services.housing_quota_set(corporation=corporation, municipality="Haarlem", year=2026, homes=20)
    services.housing_quota_set(corporation=corporation, municipality="Haarlem ", year=2026, homes=25)
    services.housing_quota_set(corporation=corporation, municipality="Haarlem", year=2027, homes=18)
    assert list(HousingQuota.objects.order_by("year").values_list("year", "homes")) == [(2026, 25), (2027, 18)]
    with pytest.raises(ValidationError):
        services.housing_quota_set(corporation=world.org_a, municipality="Haarlem", year=2026, homes=3)


def _signal(world, household) -> bool:
    return caseload(user=world.team_lead).get(pk=household.pk).signal_ready_without_offer


def test_signal_ready_to_move_for_more_than_60_days_without_an_offer(world) -> None:
    today = D(2026, 11, 24)
    a1, a2 = world.household_a1, world.household_a2
    # Exactly 60 days: not yet "more than 60 days".
    ReadyToMoveFactory(stay=a1.stays.get(), ready_on=today - datetime.timedelta(days=60))
    # 61 days: the signal shows.
    ReadyToMoveFactory(stay=a2.stays.get(), ready_on=today - datetime.timedelta(days=61))
    assert _signal(world, a1) is False
    assert _signal(world, a2) is True
    # An offer made before the ready date does not count; one on or after it silences the signal.
    early = HousingApplicationFactory(stay=a2.stays.get(), applied_on=D(2026, 1, 20), offered_on=D(2026, 2, 1))
    assert _signal(world, a2) is True
    early.offered_on = today - datetime.timedelta(days=61)
    early.save()
    assert _signal(world, a2) is False


def test_signal_leaves_households_that_have_left_alone(world) -> None:
    household = world.household_a1
    ReadyToMoveFactory(stay=household.stays.get(), ready_on=D(2026, 6, 1))
    household.stays.update(left_on=D(2026, 11, 1), destination="social_rent")
    assert _signal(world, household) is False
