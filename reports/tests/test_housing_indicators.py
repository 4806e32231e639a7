"""The housing outflow indicators (issue 14), each case built through the services on the days
they happen (time frozen per step), checked against values worked out by hand at the boundaries."""

from __future__ import annotations

import contextlib
import datetime

import pytest
import time_machine

from cases import services as cases
from cases.constants import BeschikkingKind, Destination, ShelterReason
from cases.services import AdultData
from opvang.constants import LocationKind
from opvang.tests.factories import LocationFactory, OrganisationFactory, UserFactory
from outflow import services as outflow
from outflow.constants import HousingDecision, HousingOutcome
from reports.periods import Period, Scope
from reports.services import compute_values

D = datetime.date
JAN, FEB, APR = Period.month(2026, 1), Period.month(2026, 2), Period.month(2026, 4)
Q1 = Period.quarter(2026, 1)
pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def on(day: datetime.date):
    with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def location():
    return LocationFactory(organisation=OrganisationFactory(name="Aanbieder"), kind=LocationKind.MO, capacity_places=10)


@pytest.fixture
def other_location():
    return LocationFactory(organisation=OrganisationFactory(name="Andere aanbieder"), kind=LocationKind.MO)


@pytest.fixture
def worker(location):
    return UserFactory(organisation=location.organisation, locations=[location])


def admit(location, admitted_on: D):
    with on(admitted_on):
        household = cases.household_register(
            location=location,
            reason=ShelterReason.ECONOMIC,
            municipality_of_origin="Haarlem",
            applied_on=admitted_on,
            adults=[AdultData(first_name="Anna", last_name="Jansen", date_of_birth=D(1990, 5, 1))],
            children=[],
        )
        return cases.household_admit(
            household=household, location=location, admitted_on=admitted_on, kind=BeschikkingKind.MO, months=6
        )


def ready(stay, ready_on: D, by) -> None:
    with on(ready_on):
        outflow.ready_to_move_record(household=stay.household, ready_on=ready_on, by=by)


def leave(stay, left_on: D, destination: str = Destination.SOCIAL_RENT) -> None:
    with on(left_on):
        cases.stay_end(stay=stay, left_on=left_on, destination=destination, destination_municipality="Haarlem")


def path(location, worker, *, admitted: D, ready_on: D | None, left: D | None, destination=Destination.SOCIAL_RENT):
    stay = admit(location, admitted)
    if ready_on:
        ready(stay, ready_on, worker)
    if left:
        leave(stay, left, destination)
    return stay


def test_median_days_from_ready_to_move_to_departure(location, other_location, worker) -> None:
    path(location, worker, admitted=D(2025, 11, 1), ready_on=D(2025, 12, 1), left=D(2026, 1, 31))  # 61 days, Jan
    path(location, worker, admitted=D(2025, 12, 1), ready_on=D(2026, 1, 2), left=D(2026, 1, 12))  # 10 days, Jan
    path(location, worker, admitted=D(2025, 12, 1), ready_on=D(2025, 12, 20), left=D(2026, 1, 1))  # 12, first day
    path(location, worker, admitted=D(2025, 12, 1), ready_on=D(2026, 1, 5), left=D(2026, 2, 1))  # 27, February
    path(location, worker, admitted=D(2025, 12, 1), ready_on=None, left=D(2026, 1, 20))  # never ready: left out
    other_worker = UserFactory(organisation=other_location.organisation, locations=[other_location])
    path(other_location, other_worker, admitted=D(2025, 12, 1), ready_on=D(2026, 1, 1), left=D(2026, 1, 31))  # 30

    at_location = compute_values(Scope.for_location(location), JAN)["ready_to_departure_days"]
    assert at_location == {"value": 12.0, "num": None, "den": 3}  # median of 10, 12, 61
    assert compute_values(Scope.for_location(location), FEB)["ready_to_departure_days"] == {
        "value": 27.0,
        "num": None,
        "den": 1,
    }
    # The region: 10, 12, 30, 61 -> (12 + 30) / 2.
    assert compute_values(Scope.region(), JAN)["ready_to_departure_days"] == {"value": 21.0, "num": None, "den": 4}


def test_share_to_housing_within_90_days_counts_in_the_period_its_window_closes(location, worker) -> None:
    # April's cohort: marked 1 Jan (1 Jan + 90 days = 1 April) up to 30 Jan (+ 90 = 30 April).
    path(location, worker, admitted=D(2025, 12, 1), ready_on=D(2026, 1, 1), left=D(2026, 4, 1))  # day 90: housed
    path(location, worker, admitted=D(2025, 12, 1), ready_on=D(2026, 1, 1), left=D(2026, 4, 2))  # day 91: too late
    path(
        location,
        worker,
        admitted=D(2025, 12, 1),
        ready_on=D(2026, 1, 30),
        left=D(2026, 2, 15),
        destination=Destination.BACK_TO_PERPETRATOR,
    )  # left, but not to housing
    path(location, worker, admitted=D(2025, 12, 1), ready_on=D(2026, 1, 15), left=None)  # still waiting
    path(
        location,
        worker,
        admitted=D(2025, 12, 1),
        ready_on=D(2026, 1, 10),
        left=D(2026, 3, 1),
        destination=Destination.INTERMEDIATE,
    )  # housed (intermediate facility)
    path(location, worker, admitted=D(2025, 12, 1), ready_on=D(2025, 12, 31), left=D(2026, 1, 5))  # March's cohort
    path(location, worker, admitted=D(2025, 12, 1), ready_on=D(2026, 1, 31), left=D(2026, 2, 5))  # May's cohort

    assert compute_values(Scope.for_location(location), APR)["housing_within_90"] == {
        "value": 40.0,
        "num": 2,
        "den": 5,
    }
    march = compute_values(Scope.for_location(location), Period.month(2026, 3))["housing_within_90"]
    assert march == {"value": 100.0, "num": 1, "den": 1}


def test_applications_by_kind_and_outcome(location, other_location, worker) -> None:
    stay = admit(location, D(2025, 12, 1))
    corporation = OrganisationFactory(name="Pré Wonen", kind="housing")

    def apply(kind: str, applied_on: D, stay=stay, by=worker):
        with on(applied_on):
            return outflow.housing_application_add(
                household=stay.household,
                kind=kind,
                municipality="Haarlem",
                applied_on=applied_on,
                by=by,
                corporation=corporation,
            )

    def close(application, *, outcome: str, on_day: D, decision=HousingDecision.GRANTED, offered=True):
        with on(D(2026, 6, 1)):
            outflow.housing_application_update(
                application=application,
                decision=decision,
                decided_on=application.applied_on,
                offered_on=application.applied_on if offered else None,
                offer="",
                outcome=outcome,
                outcome_on=on_day,
            )

    first = apply("urgency", D(2026, 1, 1))  # first day of Q1
    close(first, outcome=HousingOutcome.HOUSED, on_day=D(2026, 3, 31))  # last day of Q1
    before = apply("urgency", D(2025, 12, 31))  # made before Q1...
    close(before, outcome=HousingOutcome.DECLINED, on_day=D(2026, 1, 15))  # ...its outcome in Q1
    apply("social_rent", D(2026, 3, 31))  # last day, still open
    refused = apply("supported_housing", D(2026, 2, 1))
    close(
        refused, outcome=HousingOutcome.REFUSED, on_day=D(2026, 4, 1), decision=HousingDecision.REFUSED, offered=False
    )  # outcome after Q1
    apply("urgency", D(2026, 4, 1))  # after Q1
    other_stay = admit(other_location, D(2025, 12, 1))
    other_worker = UserFactory(organisation=other_location.organisation, locations=[other_location])
    apply("intermediate", D(2026, 2, 1), stay=other_stay, by=other_worker)

    v = compute_values(Scope.for_location(location), Q1)
    counts = {code: v[code]["value"] for code in v if code.startswith("housing_applications_")}
    assert counts == {
        "housing_applications_urgency": 1,
        "housing_applications_social_rent": 1,
        "housing_applications_supported_housing": 1,
        "housing_applications_intermediate": 0,
    }
    outcomes = {code: v[code]["value"] for code in v if code.startswith("housing_outcome_")}
    assert outcomes == {
        "housing_outcome_housed": 1,
        "housing_outcome_declined": 1,
        "housing_outcome_refused": 0,
        "housing_outcome_withdrawn": 0,
    }
    region = compute_values(Scope.region(), Q1)
    assert region["housing_applications_intermediate"]["value"] == 1
    assert (
        compute_values(Scope.for_location(location), Period.quarter(2026, 2))["housing_outcome_refused"]["value"] == 1
    )
