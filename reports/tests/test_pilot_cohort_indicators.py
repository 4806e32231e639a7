"""The pilot cohort indicators (reports.cohorts) and the share of 6-month beschikkingen, each case
built through the services on the days they happen, checked against values worked out by hand at
the boundaries (first and last day of the period, the 12-month window, the day of joining)."""

from __future__ import annotations

import contextlib
import datetime

import pytest
import time_machine
from django.urls import reverse

from cases import services as cases
from cases.constants import BeschikkingKind, Destination, ShelterReason
from cases.models import Application
from cases.services import AdultData
from opvang.constants import LocationKind
from opvang.tests.factories import LocationFactory, OrganisationFactory, UserFactory
from outflow import services as outflow
from reports import cohorts
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
    return LocationFactory(organisation=OrganisationFactory(name="Aanbieder"), kind=LocationKind.MO, capacity_places=10)


@pytest.fixture
def worker(location):
    return UserFactory(organisation=location.organisation, locations=[location])


def admit(location, admitted_on: D, *, reason=ShelterReason.ECONOMIC, months: int = 3):
    with on(admitted_on):
        household = cases.household_register(
            location=location,
            reason=reason,
            municipality_of_origin="Haarlem",
            applied_on=admitted_on,
            adults=[AdultData(first_name="Anna", last_name="Jansen", date_of_birth=D(1990, 5, 1))],
            children=[],
        )
        return cases.household_admit(
            household=household, location=location, admitted_on=admitted_on, kind=BeschikkingKind.MO, months=months
        )


def leave(stay, left_on: D, destination: str) -> None:
    with on(left_on):
        cases.stay_end(stay=stay, left_on=left_on, destination=destination, destination_municipality="Haarlem")


def join(pilot, stay, joined_on: D, by) -> None:
    with on(joined_on):
        outflow.pilot_member_add(pilot=pilot, household=stay.household, joined_on=joined_on, by=by)


def apply_again(stay, applied_on: D) -> None:
    Application.objects.create(household=stay.household, location=stay.location, applied_on=applied_on)


# --- The pilot cohort -----------------------------------------------------------------------------
# The pilot runs from 1 January 2025; its period here is 18 months: 1 January 2025 to 30 June 2026.
# The relapse cohort (12-month windows closed by 30 June 2026): departures 1 January to 30 June 2025.
PERIOD = Period.custom(D(2025, 1, 1), D(2026, 6, 30))


@pytest.fixture
def pilot():
    return outflow.pilot_create(name="Pilot economisch daklozen", target_group="economic", started_on=D(2025, 1, 1))


@pytest.fixture
def cohort(location, worker, pilot):
    # H1: 50 days, to social rent on 1 March 2025; applies again exactly 12 months later: a return.
    h1 = admit(location, D(2025, 1, 10))
    join(pilot, h1, D(2025, 1, 10), worker)
    leave(h1, D(2025, 3, 1), Destination.SOCIAL_RENT)
    apply_again(h1, D(2026, 3, 1))
    # H2: 149 days, to social rent on the last day of the relapse cohort; applies again 12 months
    # and one day later: no return.
    h2 = admit(location, D(2025, 2, 1))
    join(pilot, h2, D(2025, 2, 1), worker)
    leave(h2, D(2025, 6, 30), Destination.SOCIAL_RENT)
    apply_again(h2, D(2026, 7, 1))
    # H3: 122 days, to private rent the day after the relapse cohort: a departure, not in that cohort
    # (its return a month later does not count).
    h3 = admit(location, D(2025, 3, 1))
    join(pilot, h3, D(2025, 3, 1), worker)
    leave(h3, D(2025, 7, 1), Destination.PRIVATE_RENT)
    apply_again(h3, D(2025, 8, 1))
    # H4: 455 days, to the network on the last day of the period, having joined that very day.
    h4 = admit(location, D(2025, 4, 1))
    join(pilot, h4, D(2026, 6, 30), worker)
    leave(h4, D(2026, 6, 30), Destination.TEMPORARY_NETWORK)
    # H5: leaves the day after the period: no departure in it.
    h5 = admit(location, D(2025, 5, 1))
    join(pilot, h5, D(2025, 5, 1), worker)
    leave(h5, D(2026, 7, 1), Destination.SOCIAL_RENT)
    # H6: economically homeless, left (21 days, to the network) the day before joining: not the
    # pilot's departure, but one of the economically homeless.
    h6 = admit(location, D(2025, 5, 10))
    leave(h6, D(2025, 5, 31), Destination.TEMPORARY_NETWORK)
    join(pilot, h6, D(2025, 6, 1), worker)
    # H7: evicted, not in the pilot: 10 days, to social rent, no return.
    h7 = admit(location, D(2025, 2, 1), reason=ShelterReason.EVICTION)
    leave(h7, D(2025, 2, 11), Destination.SOCIAL_RENT)
    # H8: economically homeless, left before the period: not counted anywhere.
    h8 = admit(location, D(2024, 12, 1))
    leave(h8, D(2024, 12, 31), Destination.SOCIAL_RENT)


def _values(rows, label) -> dict:
    row = next(r for r in rows if r.label == label)
    return {code: result.value for code, result in row.values.items()}


def test_the_pilot_households(pilot, cohort) -> None:
    rows = cohorts.cohort_report(pilot, PERIOD)
    assert _values(rows, "Huishoudens in de pilot") == {
        "cohort_departures": 4,  # H1, H2, H3, H4
        "cohort_to_housing": 75.0,  # H1, H2, H3 of 4
        "cohort_length_of_stay": 135.5,  # median of 50, 122, 149, 455
        "cohort_relapse_12": 50.0,  # H1 of H1, H2
    }


def test_by_shelter_reason(pilot, cohort) -> None:
    rows = cohorts.cohort_report(pilot, PERIOD)
    assert _values(rows, "Economisch dakloos") == {
        "cohort_departures": 5,  # H1, H2, H3, H4, H6
        "cohort_to_housing": 60.0,  # 3 of 5
        "cohort_length_of_stay": 122.0,  # median of 21, 50, 122, 149, 455
        "cohort_relapse_12": 50.0,  # H1 of H1, H2 (H6 did not leave to permanent housing)
    }
    assert _values(rows, "Huisuitzetting") == {
        "cohort_departures": 1,
        "cohort_to_housing": 100.0,
        "cohort_length_of_stay": 10.0,
        "cohort_relapse_12": 0.0,
    }
    assert _values(rows, "Huiselijk geweld") == {
        "cohort_departures": 0,
        "cohort_to_housing": None,
        "cohort_length_of_stay": None,
        "cohort_relapse_12": None,
    }


def test_a_period_shorter_than_12_months_has_no_relapse_cohort_yet(pilot, cohort) -> None:
    rows = cohorts.cohort_report(pilot, Period.custom(D(2025, 1, 1), D(2025, 12, 31)))
    values = _values(rows, "Huishoudens in de pilot")
    assert values["cohort_departures"] == 3  # H1, H2, H3 (H4 left in 2026)
    assert values["cohort_relapse_12"] is None


def test_the_pilot_period_runs_to_the_evaluation_date_or_today(pilot) -> None:
    assert pilot.evaluation_on == D(2026, 7, 1)
    assert cohorts.pilot_period(pilot, D(2024, 12, 31)) is None
    assert cohorts.pilot_period(pilot, D(2025, 3, 1)) == Period.custom(D(2025, 1, 1), D(2025, 3, 1))
    assert cohorts.pilot_period(pilot, D(2027, 1, 1)) == Period.custom(D(2025, 1, 1), D(2026, 7, 1))


def test_the_cohort_page_shows_aggregates_suppressed(client, world, pilot, cohort) -> None:
    client.force_login(world.policy_officer)
    with on(D(2026, 6, 30)):
        page = client.get(reverse("reports:pilot_cohort", args=[pilot.pk])).content.decode()
    assert "Pilot economisch daklozen" in page
    # Five households joined; the pilot's 4 departures and the shares resting on them are suppressed.
    assert '<td class="text-end">&lt;5</td>' in page
    assert "n&lt;5" in page
    assert "Anna" not in page and "Jansen" not in page


def test_the_cohort_page_is_for_municipal_roles_only(client, world, pilot) -> None:
    client.force_login(world.caseworker)
    assert client.get(reverse("reports:pilot_cohort", args=[pilot.pk])).status_code == 403
    client.force_login(world.contract_manager)
    assert client.get(reverse("reports:pilot_cohort", args=[pilot.pk])).status_code == 200


# --- Beschikkingen of 6 months --------------------------------------------------------------------


def test_share_of_6_month_beschikkingen_started_in_the_period(location) -> None:
    admit(location, D(2025, 12, 31), months=6)  # the day before the period
    admit(location, D(2026, 1, 1), months=6)  # first day: 6 months
    admit(location, D(2026, 1, 31), months=3)  # last day: 3 months (end 30 April, clamped)
    admit(location, D(2026, 1, 31), months=6)  # last day: 6 months (end 31 July)
    admit(location, D(2026, 2, 1), months=3)  # the day after the period
    elsewhere = LocationFactory(organisation=OrganisationFactory(name="Elders"), kind=LocationKind.MO)
    admit(elsewhere, D(2026, 1, 15), months=6)  # out of scope
    with on(D(2026, 2, 10)):
        values = compute_values(Scope.for_location(location), Period.month(2026, 1))
    assert values["beschikking_6_months"] == {"value": 66.7, "num": 2, "den": 3}


def test_a_6_month_beschikking_from_the_last_day_of_august_ends_on_the_last_day_of_february(location) -> None:
    admit(location, D(2025, 8, 31), months=6)  # ends 28 February 2026: still 6 months
    with on(D(2025, 9, 10)):
        values = compute_values(Scope.for_location(location), Period.month(2025, 8))
    assert values["beschikking_6_months"] == {"value": 100.0, "num": 1, "den": 1}


def test_the_cohort_page_is_a_fixed_number_of_queries(
    client, world, pilot, cohort, django_assert_max_num_queries
) -> None:
    client.force_login(world.policy_officer)
    with on(D(2026, 6, 30)), django_assert_max_num_queries(25):
        assert client.get(reverse("reports:pilot_cohort", args=[pilot.pk])).status_code == 200
