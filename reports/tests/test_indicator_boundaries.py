"""The corrected indicators (issue 15), each case built through the public services on the days
they happen (time frozen per step), checked against values worked out by hand at the boundaries.
"""

from __future__ import annotations

import contextlib
import datetime

import pytest
import time_machine

from cases import services as cases
from cases.constants import BeschikkingKind, Destination, ExtensionReason, HandoverKind, ShelterReason
from cases.services import AdultData, ChildData
from children import services as children
from children.tests.factories import complete_intake
from opvang.constants import LocationKind, Role
from opvang.tests.factories import LocationFactory, OrganisationFactory, UserFactory
from plans import services as plans
from plans.constants import Relation
from plans.models import PlanVersion
from reports.periods import Period, Scope
from reports.services import compute_values

D = datetime.date
JAN, FEB = Period.month(2026, 1), Period.month(2026, 2)
pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def on(day: datetime.date):
    """Act on ``day`` (the services refuse dates in the future)."""
    with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def location():
    return LocationFactory(organisation=OrganisationFactory(name="Aanbieder"), kind=LocationKind.MO, capacity_places=10)


def admit(location, admitted_on: D, *, children_born: tuple[D, ...] = (), months: int = 3):
    """Register and admit a household (one adult) on ``admitted_on``; returns the stay."""
    with on(admitted_on):
        household = cases.household_register(
            location=location,
            reason=ShelterReason.values[0],
            municipality_of_origin="Haarlem",
            applied_on=admitted_on,
            adults=[AdultData(first_name="Anna", last_name="Jansen", date_of_birth=D(1990, 5, 1))],
            children=[
                ChildData(first_name=f"Kind{n}", last_name="Jansen", date_of_birth=b)
                for n, b in enumerate(children_born)
            ],
        )
        return cases.household_admit(
            household=household, location=location, admitted_on=admitted_on, kind=BeschikkingKind.MO, months=months
        )


def leave(stay, left_on: D, destination: str = Destination.UNKNOWN):
    with on(left_on):
        return cases.stay_end(stay=stay, left_on=left_on, destination=destination)


def values(location, period):
    return compute_values(Scope.for_location(location), period)


def test_child_intake_counts_in_the_period_its_14_day_window_closes(location) -> None:
    # Window [admission, admission + 14 days] closes 18 Dec + 14 = 1 Jan: January. Intake on day 15: a miss.
    late = admit(location, D(2025, 12, 18), children_born=(D(2018, 1, 1),))
    # 17 Jan + 14 = 31 Jan: still January. Intake on day 14 exactly: in time.
    in_time = admit(location, D(2026, 1, 17), children_born=(D(2018, 1, 1),))
    # 18 Jan + 14 = 1 Feb: the month after. Intake on day 14 (1 Feb): in time, counted in February.
    next_month = admit(location, D(2026, 1, 18), children_born=(D(2018, 1, 1),))
    # Left after 10 days without intake: shorter than the window, left out.
    short = admit(location, D(2026, 1, 5), children_born=(D(2018, 1, 1),))
    leave(short, D(2026, 1, 15))
    caseworker = UserFactory(organisation=location.organisation, locations=[location])
    for stay, day in ((late, D(2026, 1, 2)), (in_time, D(2026, 1, 31)), (next_month, D(2026, 2, 1))):
        with on(day):
            complete_intake(stay.household.children.get(), day, by=caseworker)

    assert values(location, JAN)["child_intake"] == {"value": 50.0, "num": 1, "den": 2}
    assert values(location, FEB)["child_intake"] == {"value": 100.0, "num": 1, "den": 1}


def test_a_draft_intake_does_not_count_for_child_intake(location) -> None:
    # Admitted 5 Jan: the window closes on 19 Jan (January). A draft of the conversation on day 3
    # is no intake; completing it on day 20 (25 Jan) makes a completed intake that came too late.
    stay = admit(location, D(2026, 1, 5), children_born=(D(2018, 1, 1),))
    child = stay.household.children.get()
    caseworker = UserFactory(organisation=location.organisation, locations=[location])
    with on(D(2026, 1, 8)):
        children.child_intake_save(child=child, by=caseworker, held_on=D(2026, 1, 8), present="alone")
    with on(D(2026, 1, 20)):
        assert values(location, JAN)["child_intake"] == {"value": 0.0, "num": 0, "den": 1}
    with on(D(2026, 1, 25)):
        complete_intake(child, D(2026, 1, 25), by=caseworker)
    # Completed, but held on day 20: outside the 14 days. Held on day 3 it would count.
    assert values(location, JAN)["child_intake"] == {"value": 0.0, "num": 0, "den": 1}
    other = admit(location, D(2026, 1, 10), children_born=(D(2019, 6, 1),))
    with on(D(2026, 1, 20)):
        complete_intake(other.household.children.get(), D(2026, 1, 12), by=caseworker)
    assert values(location, JAN)["child_intake"] == {"value": 50.0, "num": 1, "den": 2}


def test_a_child_turning_18_in_the_period_counts_for_it_but_not_after(location) -> None:
    # Admitted 1 Dec 2025 with children born 15 Jan 2008 (18 on 15 Jan 2026) and 1 Jan 2008 (18 on 1 Jan).
    admit(location, D(2025, 12, 1), children_born=(D(2008, 1, 15), D(2008, 1, 2)))
    assert values(location, Period.month(2025, 12))["children_served"]["value"] == 2
    # January: the first is 17 on 1 January (counts), the second turned 18 on 2 January... also 17 on the 1st.
    assert values(location, JAN)["children_served"]["value"] == 2
    # February: both are 18 on the first day of their stay in the period.
    assert values(location, FEB)["children_served"]["value"] == 0


def test_a_child_who_is_18_on_the_first_day_of_the_period_does_not_count(location) -> None:
    admit(location, D(2025, 12, 1), children_born=(D(2008, 1, 1), D(2008, 1, 2)))
    # On 1 January 2026 the first is exactly 18; the second is 18 on 2 January.
    assert values(location, JAN)["children_served"]["value"] == 1


def test_stays_over_6_months_means_strictly_more_than_6_months(location) -> None:
    # 31 March 2026 minus 6 months is 30 September 2025.
    admit(location, D(2025, 9, 29))  # 6 months and a day: counts
    admit(location, D(2025, 9, 30))  # exactly 6 months: not yet
    admit(location, D(2025, 10, 1))
    assert values(location, Period.month(2026, 3))["stays_over_6_months"]["value"] == 1  # stored; "<5" on screen
    assert values(location, Period.month(2026, 4))["stays_over_6_months"]["value"] == 3


def _agreed_plan(stay, agreed_on: D, *, neighbour: bool) -> PlanVersion:
    with on(agreed_on):
        plan = plans.plan_create(household=stay.household, user=None, perspective="Samen een huis.")
        draft = plans.plan_draft_version(plan)
        plans.goal_add(plan_version=draft, domain="housing", text="Wij hebben een huis")
        if neighbour:
            plans.participant_add(plan_version=draft, name="Buurvrouw Els", relation=Relation.NEIGHBOUR)
        return plans.plan_agree(plan=plan, agreed_on=agreed_on, user=None)


def test_plan_network_counts_only_the_network_outside_the_household(location) -> None:
    # plan_create puts the parent and the two children in the circle; they are not "network".
    with_neighbour = admit(location, D(2026, 1, 5), children_born=(D(2015, 1, 1), D(2018, 1, 1)))
    without = admit(location, D(2026, 1, 6), children_born=(D(2016, 1, 1),))
    _agreed_plan(with_neighbour, D(2026, 1, 20), neighbour=True)
    _agreed_plan(without, D(2026, 1, 31), neighbour=False)
    v = values(location, JAN)
    assert v["plan_network_mean"] == {"value": 0.5, "num": None, "den": 2}  # (1 + 0) / 2
    assert v["plan_network_any"] == {"value": 50.0, "num": 1, "den": 2}


def _handover(stay, planned_on: D, accepted_on: D, sender, receiver):
    with on(planned_on):
        handover = cases.handover_propose(
            household=stay.household,
            by=sender,
            to_organisation=receiver.organisation,
            planned_on=planned_on,
            kind=HandoverKind.WARM,
            consent_given=True,
        )
    with on(accepted_on):
        return cases.handover_accept(handover=handover, by=receiver, accepted_on=accepted_on)


def test_handover_confirmed_counts_in_the_period_its_7_day_window_closes(location) -> None:
    sender = UserFactory(organisation=location.organisation, role=Role.CASEWORKER, locations=[location])
    receiver = UserFactory(organisation=OrganisationFactory(name="Ontvanger"), role=Role.CASEWORKER)
    stays = [admit(location, D(2026, 1, 2)) for _ in range(3)]
    _handover(stays[0], D(2026, 1, 20), D(2026, 1, 28), sender, receiver)  # 8 days: too late; window closes 27 Jan
    _handover(stays[1], D(2026, 1, 24), D(2026, 1, 31), sender, receiver)  # 7 days; window closes 31 Jan
    _handover(stays[2], D(2026, 1, 25), D(2026, 2, 1), sender, receiver)  # 7 days; window closes 1 Feb
    jan, feb = values(location, JAN), values(location, FEB)
    assert jan["handover_confirmed"] == {"value": 50.0, "num": 1, "den": 2}
    assert feb["handover_confirmed"] == {"value": 100.0, "num": 1, "den": 1}
    # Warm handovers still count by the handover date: all three in January.
    assert jan["handover_warm"] == {"value": 100.0, "num": 3, "den": 3}
    assert feb["handover_warm"] == {"value": None, "num": 0, "den": 0}


def test_returns_count_households_not_stays(location) -> None:
    # Household 1 leaves to social rent twice in Q1 2026 and comes back each time; household 2 once, for good.
    first = admit(location, D(2026, 1, 5))
    leave(first, D(2026, 1, 20), Destination.SOCIAL_RENT)
    with on(D(2026, 2, 1)):
        second = cases.household_admit(
            household=first.household, location=location, admitted_on=D(2026, 2, 1), kind=BeschikkingKind.MO
        )
    leave(second, D(2026, 3, 1), Destination.SOCIAL_RENT)
    with on(D(2026, 4, 1)):
        cases.application_add(household=first.household, location=location, applied_on=D(2026, 4, 1))
    other = admit(location, D(2026, 1, 6))
    leave(other, D(2026, 2, 15), Destination.SOCIAL_RENT)
    # The 6-month cohort of Q3 2026 is the exits of Q1 2026: 2 households, 1 came back.
    assert values(location, Period.quarter(2026, 3))["returns_6m"] == {"value": 50.0, "num": 1, "den": 2}


def test_referral_days_count_the_help_that_started_in_the_period(location) -> None:
    stay = admit(location, D(2026, 1, 5), children_born=(D(2016, 1, 1), D(2017, 1, 1)))
    a, b = stay.household.children.order_by("date_of_birth")
    with on(D(2026, 1, 10)):
        waiting = children.youth_care_refer(
            child=a, provider="GGZ", kind="trauma_treatment", referred_on=D(2026, 1, 10)
        )
    with on(D(2026, 1, 20)):
        quick = children.youth_care_refer(child=b, provider="GGZ", kind="trauma_treatment", referred_on=D(2026, 1, 20))
    with on(D(2026, 1, 31)):
        children.youth_care_start(referral=quick, started_on=D(2026, 1, 31))  # 11 days, last day of January
    with on(D(2026, 2, 9)):
        children.youth_care_start(referral=waiting, started_on=D(2026, 2, 9))  # 30 days, in February
    jan, feb = values(location, JAN), values(location, FEB)
    assert jan["youth_care_referrals"]["value"] == 2
    assert jan["referral_days"] == {"value": 11.0, "num": None, "den": 1}
    assert feb["referral_days"] == {"value": 30.0, "num": None, "den": 1}


def test_beschikking_extended_counts_decisions_taken_by_the_period_end(location) -> None:
    decider = UserFactory(organisation=location.organisation, role=Role.TEAM_LEAD)
    late = admit(location, D(2025, 10, 1))  # beschikking ends 1 Jan 2026
    in_time = admit(location, D(2025, 10, 31))  # ends 31 Jan 2026
    with on(D(2026, 1, 31)):
        cases.beschikking_extend(
            beschikking=in_time.beschikkingen.get(),
            new_end_on=D(2026, 4, 30),
            reason=ExtensionReason.NO_OUTFLOW,
            by=decider,
        )
    with on(D(2026, 2, 3)):
        cases.beschikking_extend(
            beschikking=late.beschikkingen.get(),
            new_end_on=D(2026, 4, 1),
            reason=ExtensionReason.NO_OUTFLOW,
            by=decider,
        )
    assert values(location, JAN)["beschikking_extended"] == {"value": 50.0, "num": 1, "den": 2}
