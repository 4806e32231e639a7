"""The aftercare indicators of issue 14 (readmissions under the relapse guarantee, departures
with an aftercare plan, safety checks after the shelter on time), each case built through the
services on the days they happen, checked against values worked out by hand at the boundaries."""

from __future__ import annotations

import contextlib
import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from cases import services as cases
from cases.constants import BeschikkingKind, Destination, ShelterReason
from cases.services import AdultData
from opvang.constants import LocationKind
from opvang.tests.factories import LocationFactory, OrganisationFactory, UserFactory
from outflow import services as outflow
from reports.periods import Period, Scope
from reports.services import compute_values

D = datetime.date
pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def on(day: datetime.date):
    with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def location():
    return LocationFactory(organisation=OrganisationFactory(name="Aanbieder"), kind=LocationKind.VO, capacity_places=10)


@pytest.fixture
def worker(location):
    return UserFactory(organisation=location.organisation, locations=[location])


def admit(location, admitted_on: D, *, reason=ShelterReason.DOMESTIC_VIOLENCE, kind=BeschikkingKind.VO):
    with on(admitted_on):
        household = cases.household_register(
            location=location,
            reason=reason,
            municipality_of_origin="Haarlem",
            applied_on=admitted_on,
            adults=[AdultData(first_name="Anna", last_name="Jansen", date_of_birth=D(1990, 5, 1))],
            children=[],
        )
        return cases.household_admit(household=household, location=location, admitted_on=admitted_on, kind=kind)


def leave(stay, left_on: D, destination: str = Destination.SOCIAL_RENT):
    with on(left_on):
        cases.stay_end(stay=stay, left_on=left_on, destination=destination)
    return stay.household


def readmit(household, location, admitted_on: D, *, guarantee: bool):
    with on(admitted_on):
        return cases.household_admit(
            household=household,
            location=location,
            admitted_on=admitted_on,
            kind=BeschikkingKind.VO,
            relapse_guarantee=guarantee,
        )


def value(location, period: Period, code: str) -> dict:
    return compute_values(Scope.for_location(location), period)[code]


def test_readmissions_under_the_relapse_guarantee_count_in_the_month_of_admission(location) -> None:
    exactly_12 = leave(admit(location, D(2025, 12, 1)), D(2026, 1, 15))
    readmit(exactly_12, location, D(2027, 1, 15), guarantee=True)  # 15 Jan + 12 months: still under the guarantee
    without = leave(admit(location, D(2025, 12, 1)), D(2026, 3, 1))
    readmit(without, location, D(2027, 1, 20), guarantee=False)  # a readmission, not under the guarantee
    february = leave(admit(location, D(2025, 12, 1)), D(2026, 6, 1))
    readmit(february, location, D(2027, 2, 1), guarantee=True)  # counts in February
    too_late = leave(admit(location, D(2025, 12, 1)), D(2026, 1, 15))
    with pytest.raises(ValidationError) as error:
        readmit(too_late, location, D(2027, 1, 16), guarantee=True)  # 12 months and a day
    assert "relapse_guarantee" in error.value.message_dict

    assert value(location, Period.month(2027, 1), "readmissions_guarantee")["value"] == 1
    assert value(location, Period.month(2027, 2), "readmissions_guarantee")["value"] == 1
    assert value(location, Period.quarter(2027, 1), "readmissions_guarantee")["value"] == 2


def plan(household, worker, made_on: D) -> None:
    with on(made_on):
        outflow.aftercare_plan_save(
            household=household,
            by=worker,
            owner_user=worker,
            frequency_weeks=2,
            made_on=made_on,
            planned_end_on=made_on + datetime.timedelta(days=180),
        )


def test_share_of_departures_with_an_aftercare_plan_within_14_days(location, worker) -> None:
    # February's cohort: departures whose 14th day falls in February, 18 Jan up to 14 Feb.
    first_day = leave(admit(location, D(2025, 12, 1)), D(2026, 1, 18))
    plan(first_day, worker, D(2026, 2, 1))  # made on day 14: counts
    last_day = leave(admit(location, D(2025, 12, 1)), D(2026, 2, 14))
    plan(last_day, worker, D(2026, 3, 1))  # day 15: too late
    leave(admit(location, D(2025, 12, 1)), D(2026, 2, 10))  # no plan
    january = leave(admit(location, D(2025, 12, 1)), D(2026, 1, 17))  # January's cohort
    plan(january, worker, D(2026, 1, 17))
    march = leave(admit(location, D(2025, 12, 1)), D(2026, 2, 15))  # March's cohort
    plan(march, worker, D(2026, 2, 15))
    leave(admit(location, D(2025, 12, 1)), D(2026, 2, 1), Destination.DECEASED)  # left out

    assert value(location, Period.month(2026, 2), "aftercare_plan") == {
        "value": 33.3,
        "num": 1,
        "den": 3,
    }
    assert value(location, Period.month(2026, 1), "aftercare_plan") == {"value": 100.0, "num": 1, "den": 1}
    assert value(location, Period.month(2026, 3), "aftercare_plan") == {"value": 100.0, "num": 1, "den": 1}


def check(household, worker, months: int, done_on: D) -> None:
    with on(done_on):
        outflow.safety_check_record(
            household=household,
            months=months,
            by=worker,
            done_on=done_on,
            risk_level="low",
            incidents=False,
            children={},
        )


def test_share_of_safety_checks_done_on_time(location, worker) -> None:
    # April: checks whose due day + 14 days falls in April, i.e. due from 18 March up to 16 April.
    h1 = leave(admit(location, D(2026, 1, 5)), D(2026, 2, 18))  # 1 month: due 18 Mar
    check(h1, worker, 1, D(2026, 4, 1))  # due + 14: on time
    h2 = leave(admit(location, D(2025, 12, 1)), D(2026, 1, 16))  # 3 months: due 16 Apr (1 month: March)
    check(h2, worker, 3, D(2026, 5, 1))  # due + 15: late
    h3 = leave(admit(location, D(2026, 1, 5)), D(2026, 3, 1))  # 1 month: due 1 Apr
    check(h3, worker, 1, D(2026, 4, 1))  # on the 1-month day itself
    h4 = leave(admit(location, D(2026, 1, 5), kind=BeschikkingKind.VO, reason=ShelterReason.EVICTION), D(2026, 2, 28))
    del h4  # a VO stay (whatever the reason): due 28 Mar, never done
    leave(admit(location, D(2026, 1, 5), reason=ShelterReason.EVICTION, kind=BeschikkingKind.MO), D(2026, 2, 18))
    leave(admit(location, D(2026, 1, 5)), D(2026, 3, 17))  # due 17 Apr: May's
    back = leave(admit(location, D(2026, 1, 5)), D(2026, 2, 20))  # due 20 Mar, but admitted again before
    readmit(back, location, D(2026, 3, 10), guarantee=True)
    leave(admit(location, D(2026, 1, 5)), D(2026, 2, 21), Destination.DECEASED)  # left out

    april = value(location, Period.month(2026, 4), "safety_checks_on_time")
    assert april == {"value": 50.0, "num": 2, "den": 4}  # h1 and h3 on time; h2 late, h4 not done
    # March: due 15 Feb up to 17 Mar: h2's 1-month check (16 Feb), not done.
    assert value(location, Period.month(2026, 3), "safety_checks_on_time") == {"value": 0.0, "num": 0, "den": 1}


def contact(household, worker, day: D, kind: str) -> None:
    with on(day):
        outflow.aftercare_contact_add(household=household, contact_on=day, kind=kind, by=worker)


def test_an_attempt_that_reached_nobody_is_no_aftercare_contact(location, worker) -> None:
    # April's aftercare_3m cohort: the departures of January.
    reached = leave(admit(location, D(2025, 12, 1)), D(2026, 1, 10))
    contact(reached, worker, D(2026, 1, 20), "visit")
    attempt = leave(admit(location, D(2025, 12, 1)), D(2026, 1, 15))
    contact(attempt, worker, D(2026, 2, 1), "no_contact")
    last_day = leave(admit(location, D(2025, 12, 1)), D(2026, 1, 31))
    contact(last_day, worker, D(2026, 4, 30), "phone")  # 31 Jan + 3 months = 30 April: within
    assert value(location, Period.month(2026, 4), "aftercare_3m") == {"value": 66.7, "num": 2, "den": 3}
