"""Every indicator group on a small hand-built fixture; expected values are worked out by hand."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.constants import Destination, ExtensionReason, HandoverKind, HandoverStatus, ZrmDomain, ZrmMoment
from cases.models import BeschikkingExtension, Handover, Involvement, Suspension, ZrmAssessment, ZrmScore
from cases.tests.factories import (
    AdultClientFactory,
    ApplicationFactory,
    BeschikkingFactory,
    HouseholdFactory,
    StayFactory,
)
from children.models import ChildVoice, MeldcodeStepRecord, VeerkrachtTrack, YouthCareReferral
from children.tests.factories import ChildFactory
from opvang.constants import LocationKind, Role, Training
from opvang.models import TrainingRecord
from opvang.tests.factories import LocationFactory, OrganisationFactory, UserFactory
from reports.indicators import INDICATORS
from reports.periods import Period, Scope
from reports.services import compute_values

D = datetime.date
Q1 = Period.quarter(2026, 1)  # 1 January – 31 March 2026: 90 days


@pytest.fixture
def location(db):
    return LocationFactory(organisation=OrganisationFactory(name="Aanbieder"), kind=LocationKind.MO, capacity_places=10)


def household(location, *, adults=1, children=0, **stay):
    h = HouseholdFactory(location=location)
    for _ in range(adults):
        AdultClientFactory(household=h)
    kids = [ChildFactory(household=h) for _ in range(children)]
    s = StayFactory(household=h, **stay) if stay else None
    return h, s, kids


def values(location, period=Q1):
    return compute_values(Scope.for_location(location), period)


def test_occupancy_and_presence_with_stays_crossing_the_period_boundaries(location) -> None:
    mentor = UserFactory()
    # H1: 1 adult + 2 children, 15 Dec 2025 → 10 Feb 2026: nights 1 Jan..9 Feb = 40, × 3 persons = 120.
    _, _, (a, b) = household(
        location, children=2, admitted_on=D(2025, 12, 15), left_on=D(2026, 2, 10), destination=Destination.SOCIAL_RENT
    )
    a.mentor = mentor
    a.save()
    # H2: 1 adult + 1 child, from 20 Mar 2026 (application 1 Mar: 19 days waiting): 12 nights × 2 = 24.
    h2, s2, (c,) = household(location, children=1, admitted_on=D(2026, 3, 20))
    s2.application = ApplicationFactory(household=h2, applied_on=D(2026, 3, 1))
    s2.save()
    c.intake_on = D(2026, 3, 30)  # 10 days after admission
    c.save()
    # H3: 1 adult, since 1 Aug 2025 and still there: 90 nights; over 6 months at 31 March.
    household(location, admitted_on=D(2025, 8, 1))
    # H4: left before the period: not counted anywhere.
    household(location, adults=2, admitted_on=D(2025, 6, 1), left_on=D(2025, 12, 31), destination=Destination.UNKNOWN)

    v = values(location)
    assert v["occupancy"] == {"value": 26.0, "num": 234, "den": 900}  # (120 + 24 + 90) / (10 × 90)
    assert v["households_served"]["value"] == 3
    assert v["households_present"]["value"] == 2  # H1 left in the period
    assert v["children_served"]["value"] == 3
    assert v["children_present"]["value"] == 1
    assert v["waiting_days"] == {"value": 19.0, "num": None, "den": 1}
    # C's 14-day window closes on 3 April (next period); H1's children's on 29 December (before).
    assert v["child_intake"] == {"value": None, "num": 0, "den": 0}
    assert values(location, Period.month(2026, 4))["child_intake"] == {"value": 100.0, "num": 1, "den": 1}
    assert v["child_mentor"] == {"value": 33.3, "num": 1, "den": 3}
    assert v["stays_over_6_months"]["value"] == 1
    assert v["exits"]["value"] == 1
    assert v["exits_permanent"]["value"] == 1
    assert v["exits_permanent_share"]["value"] == 100.0
    assert v["stay_length_mo"] == {"value": 57.0, "num": None, "den": 1}  # 15 Dec → 10 Feb
    assert v["stay_length_vo"]["value"] is None


def test_child_intake_after_14_days_does_not_count(location) -> None:
    _, _, (child,) = household(location, children=1, admitted_on=D(2026, 1, 10))
    child.intake_on = D(2026, 1, 25)  # 15 days
    child.save()
    assert values(location)["child_intake"] == {"value": 0.0, "num": 0, "den": 1}


def test_children_voice_veerkracht_school_faces_referrals_and_meldcode(location, settings) -> None:
    settings.OPVANG_FACES_THRESHOLD = 2
    _, _, (a, b) = household(location, children=2, admitted_on=D(2026, 1, 5))
    ChildVoice.objects.create(child=a, recorded_on=D(2026, 2, 1), wishes="naar school")
    ChildVoice.objects.create(child=b, recorded_on=D(2025, 12, 1), wishes="voor de stay")  # before the stay
    VeerkrachtTrack.objects.create(child=a, form="group", started_on=D(2026, 1, 20))
    a.school_name, a.school_continued = "De Zonnewijzer", True
    a.save()
    b.school_name, b.school_continued = "De Zonnewijzer", False
    b.save()
    # a meets three different faces (one of them twice), b one.
    u1, u2 = UserFactory(), UserFactory()
    Involvement.objects.create(household=a.household, child=a, user=u1, role="mentor", started_on=D(2026, 1, 5))
    Involvement.objects.create(household=a.household, child=a, user=u1, role="mentor", started_on=D(2026, 2, 5))
    Involvement.objects.create(household=a.household, child=a, user=u2, role="vervanger", started_on=D(2026, 1, 15))
    Involvement.objects.create(
        household=a.household,
        child=a,
        external_name="Jan",
        external_organisation="CJG",
        role="cjg",
        started_on=D(2026, 1, 7),
    )
    Involvement.objects.create(household=b.household, child=b, user=u1, role="mentor", started_on=D(2026, 1, 5))
    YouthCareReferral.objects.create(
        child=a, provider="GGZ", kind="trauma_treatment", referred_on=D(2026, 1, 10), started_on=D(2026, 2, 9)
    )
    MeldcodeStepRecord.objects.create(child=b, step=1, done_on=D(2026, 3, 1))
    MeldcodeStepRecord.objects.create(child=b, step=2, done_on=D(2026, 3, 2))  # not a new procedure

    v = values(location)
    assert v["child_voice"] == {"value": 50.0, "num": 1, "den": 2}
    assert v["child_veerkracht"] == {"value": 50.0, "num": 1, "den": 2}
    assert v["child_school"] == {"value": 50.0, "num": 1, "den": 2}
    assert v["faces_median"] == {"value": 2.0, "num": None, "den": 2}  # median of 3 and 1
    assert v["faces_above"] == {"value": 50.0, "num": 1, "den": 2}  # a: 3 > 2
    assert v["youth_care_referrals"]["value"] == 1
    assert v["referral_days"]["value"] == 30.0
    assert v["meldcode_started"]["value"] == 1


def test_a_return_at_11_months_counts_for_12_months_and_one_at_13_months_does_not(location) -> None:
    h5, _, _ = household(
        location, admitted_on=D(2024, 10, 1), left_on=D(2025, 2, 1), destination=Destination.SOCIAL_RENT
    )
    h6, _, _ = household(location, admitted_on=D(2024, 10, 1), left_on=D(2025, 2, 1), destination=Destination.OWN_HOME)
    ApplicationFactory(household=h5, applied_on=D(2026, 1, 1))  # 11 months after leaving
    ApplicationFactory(household=h6, applied_on=D(2026, 3, 1))  # 13 months after leaving

    v = values(location)  # Q1 2026: the 12-month cohort left in Q1 2025
    assert v["returns_12m"] == {"value": 50.0, "num": 1, "den": 2}
    assert v["returns_6m"]["den"] == 0  # nobody left to permanent housing in Q3 2025
    # Q1 2027: the 24-month cohort is the same households; both came back within 24 months.
    assert values(location, Period.quarter(2027, 1))["returns_24m"] == {"value": 100.0, "num": 2, "den": 2}


def test_exit_to_temporary_housing_is_not_in_the_return_cohort(location) -> None:
    h, _, _ = household(
        location, admitted_on=D(2024, 10, 1), left_on=D(2025, 2, 1), destination=Destination.OTHER_SHELTER
    )
    ApplicationFactory(household=h, applied_on=D(2025, 6, 1))
    assert values(location)["returns_12m"]["den"] == 0


def test_extensions_share_and_reasons(location) -> None:
    _, stay, _ = household(location, admitted_on=D(2025, 11, 15))
    extended = BeschikkingFactory(stay=stay, start_on=D(2025, 11, 15), end_on=D(2026, 2, 15))
    BeschikkingExtension.objects.create(
        beschikking=extended,
        extended_on=D(2026, 2, 10),
        previous_end_on=D(2026, 2, 15),
        new_end_on=D(2026, 5, 15),
        reason=ExtensionReason.NO_OUTFLOW,
    )
    extended.end_on = D(2026, 5, 15)
    extended.save()
    _, stay2, _ = household(location, admitted_on=D(2025, 12, 1))
    BeschikkingFactory(stay=stay2, start_on=D(2025, 12, 1), end_on=D(2026, 3, 1))  # not extended
    _, stay3, _ = household(location, admitted_on=D(2026, 2, 1))
    BeschikkingFactory(stay=stay3, start_on=D(2026, 2, 1), end_on=D(2026, 5, 1))  # ends after the period

    v = values(location)
    assert v["beschikking_extended"] == {"value": 50.0, "num": 1, "den": 2}
    assert v["extensions_no_outflow"]["value"] == 1
    assert v["extensions_safety"]["value"] == 0


def test_handovers_aftercare_suspensions_zrm_and_staff(location) -> None:
    worker = UserFactory(organisation=location.organisation, role=Role.CASEWORKER, locations=[location])
    UserFactory(organisation=location.organisation, role=Role.CASEWORKER, locations=[location])
    TrainingRecord.objects.create(user=worker, training=Training.GEDRAGEN_PLAN, completed_on=D(2025, 5, 1))
    TrainingRecord.objects.create(user=worker, training=Training.VEERKRACHT, completed_on=D(2026, 6, 1))  # too late
    h, stay, (child,) = household(
        location, children=1, admitted_on=D(2025, 10, 1), left_on=D(2026, 2, 1), destination=Destination.SOCIAL_RENT
    )
    receiver = OrganisationFactory(name="Wijkteam")
    Handover.objects.create(
        household=h,
        from_organisation=location.organisation,
        from_professional=worker,
        to_organisation=receiver,
        planned_on=D(2026, 1, 20),
        kind=HandoverKind.WARM,
        status=HandoverStatus.ACCEPTED,
        accepted_on=D(2026, 1, 25),
    )
    Handover.objects.create(
        household=h,
        from_organisation=location.organisation,
        from_professional=worker,
        to_organisation=receiver,
        planned_on=D(2026, 2, 20),
        kind=HandoverKind.COLD,
        status=HandoverStatus.ACCEPTED,
        accepted_on=D(2026, 3, 5),
    )  # 13 days later
    adult = h.adults.get()
    suspension = Suspension.objects.create(
        household=h, adult=adult, location=location, start_on=D(2026, 1, 10), reason="house_rules", decided_by=worker
    )
    suspension.children_affected.create(child=child, stayed_at="oma")
    intake = ZrmAssessment.objects.create(adult=adult, assessed_on=D(2025, 10, 5), moment=ZrmMoment.INTAKE)
    exit_ = ZrmAssessment.objects.create(adult=adult, assessed_on=D(2026, 1, 30), moment=ZrmMoment.EXIT)
    for domain, before, after in [(ZrmDomain.FINANCES, 2, 4), (ZrmDomain.HOUSING, 1, 3), (ZrmDomain.JUSTICE, 3, 3)]:
        ZrmScore.objects.create(assessment=intake, domain=domain, score=before)
        ZrmScore.objects.create(assessment=exit_, domain=domain, score=after)

    v = values(location)
    assert v["handover_warm"] == {"value": 50.0, "num": 1, "den": 2}
    assert v["handover_confirmed"] == {"value": 50.0, "num": 1, "den": 2}
    assert v["suspension_children"]["value"] == 1
    # nights: adult + child from 1 Jan to 31 Jan = 31 × 2 = 62; one suspension → 1000 / 62.
    assert v["suspensions_rate"] == {"value": 16.13, "num": 1, "den": 62}
    assert v["zrm_intake_exit"] == {"value": 100.0, "num": 1, "den": 1}
    assert v["zrm_improved_2"] == {"value": 100.0, "num": 1, "den": 1}
    assert v["zrm_change_finances"]["value"] == 2.0
    assert v["zrm_change_justice"]["value"] == 0.0
    assert v["zrm_change_mental_health"]["value"] is None
    assert v["staff_gedragen_plan"] == {"value": 50.0, "num": 1, "den": 2}
    assert v["staff_veerkracht"] == {"value": 0.0, "num": 0, "den": 2}
    # Aftercare: the cohort of Q1 is the stays that ended in Q4 2025 (none here).
    assert v["aftercare_3m"]["den"] == 0
    later = values(location, Period.quarter(2026, 2))  # cohort: ended in Q1 2026
    assert later["aftercare_3m"] == {"value": 0.0, "num": 0, "den": 1}


def test_an_empty_period_gives_zero_counts_and_no_percentages(location) -> None:
    v = values(location, Period.quarter(2030, 1))
    assert v["applications"]["value"] == 0
    assert v["households_served"]["value"] == 0
    assert v["child_mentor"]["value"] is None
    assert v["stay_length_mo"]["value"] is None
    assert set(v) == {i.code for i in INDICATORS}


def test_organisation_and_region_scopes_add_up_locations(location) -> None:
    other = LocationFactory(organisation=location.organisation, capacity_places=5)
    elsewhere = LocationFactory(organisation=OrganisationFactory(name="Ander"), capacity_places=5)
    for loc in (location, other, elsewhere):
        household(loc, admitted_on=D(2026, 1, 1))
    assert compute_values(Scope.for_organisation(location.organisation), Q1)["households_served"]["value"] == 2
    assert compute_values(Scope.region(), Q1)["households_served"]["value"] == 3


def _query_count(scope, period) -> int:
    with CaptureQueriesContext(connection) as queries:
        compute_values(scope, period)
    return len(queries.captured_queries)


def test_the_region_report_takes_the_same_number_of_queries_for_more_households(location) -> None:
    household(location, children=1, admitted_on=D(2026, 1, 1))
    small = _query_count(Scope.region(), Q1)
    for day in range(1, 40):
        household(
            location,
            children=2,
            admitted_on=D(2025, 12, 1) + datetime.timedelta(days=day),
            left_on=D(2026, 3, 1),
            destination=Destination.PRIVATE_RENT,
        )
    assert _query_count(Scope.region(), Q1) == small
    # A fixed number of queries for the whole report (a few per indicator group, never one per
    # indicator or household): 34 with the voice, housing-outflow and stuck groups of round 2.
    assert small <= 40


def test_gedragen_plan_indicators(location) -> None:
    from plans.constants import ParticipantKind, Relation, VersionState
    from plans.models import Goal, Participant, Plan, PlanVersion

    # Stay A, admitted 15 Dec 2025: day 30 is 14 Jan 2026 (in Q1); plan agreed 10 Jan: in time.
    ha, _, (child,) = household(location, children=1, admitted_on=D(2025, 12, 15))
    plan_a = Plan.objects.create(household=ha, start_on=D(2025, 12, 20))
    v1 = PlanVersion.objects.create(
        plan=plan_a,
        number=1,
        state=VersionState.SUPERSEDED,
        agreed_on=D(2026, 1, 10),
        gedragen_at_agreement=True,
        next_review_on=D(2026, 3, 1),
        reviewed_on=D(2026, 2, 25),
    )
    Participant.objects.create(
        plan_version=v1, name="Buurvrouw", relation=Relation.NEIGHBOUR, kind=ParticipantKind.NETWORK
    )
    Participant.objects.create(
        plan_version=v1, name="Oma", relation=Relation.OTHER_FAMILY, kind=ParticipantKind.NETWORK
    )
    Goal.objects.create(plan_version=v1, domain="child_school", child=child, text="Elke dag naar school")
    # Stay B, admitted 1 Feb 2026: plan agreed 20 Mar (47 days: too late), not gedragen, no network.
    hb, _, _ = household(location, admitted_on=D(2026, 2, 1))
    plan_b = Plan.objects.create(household=hb, start_on=D(2026, 2, 1))
    v2 = PlanVersion.objects.create(
        plan=plan_b,
        number=1,
        state=VersionState.AGREED,
        agreed_on=D(2026, 3, 20),
        gedragen_at_agreement=False,
        next_review_on=D(2026, 3, 25),
    )
    Participant.objects.create(
        plan_version=v2, name="Mentor", relation=Relation.SHELTER_MENTOR, kind=ParticipantKind.PROFESSIONAL
    )
    # Stay C, admitted 10 Feb and left after 20 days: shorter than 30 days, left out.
    household(location, admitted_on=D(2026, 2, 10), left_on=D(2026, 3, 2), destination=Destination.UNKNOWN)

    v = values(location)
    assert v["plan_within_30"] == {"value": 50.0, "num": 1, "den": 2}
    assert v["plan_gedragen"] == {"value": 50.0, "num": 1, "den": 2}
    assert v["plan_network_mean"] == {"value": 1.0, "num": None, "den": 2}  # (2 + 0) / 2
    assert v["plan_network_any"] == {"value": 50.0, "num": 1, "den": 2}
    assert v["plan_reviews_on_time"] == {"value": 50.0, "num": 1, "den": 2}  # B's review (25 Mar) not started
    assert v["child_own_goal"] == {"value": 100.0, "num": 1, "den": 1}


def test_occupancy_uses_the_capacity_that_held_on_each_day(location) -> None:
    """Capacity is dated: 10 places until 1 March, 20 from then on; a report over Q1 counts
    59 days × 10 + 31 days × 20 = 1210 capacity nights, before and after later changes."""
    from opvang.models import LocationCapacity
    from reports.indicators import Computation

    LocationCapacity.objects.filter(location=location).update(valid_from=D(2025, 1, 1))
    LocationCapacity.objects.create(location=location, valid_from=D(2026, 3, 1), places=20, units=5)
    assert Computation(Scope.for_location(location), Q1).capacity_nights == 1210
    LocationCapacity.objects.create(location=location, valid_from=D(2026, 6, 1), places=50, units=9)
    location.capacity_places = 50
    location.save()
    assert Computation(Scope.for_location(location), Q1).capacity_nights == 1210
    # Before it opened (no capacity yet) a location has no capacity nights.
    LocationCapacity.objects.filter(location=location, valid_from=D(2025, 1, 1)).update(valid_from=D(2026, 2, 1))
    assert Computation(Scope.for_location(location), Q1).capacity_nights == 28 * 10 + 31 * 20


def test_staff_indicators_count_who_was_assigned_during_the_period(location) -> None:
    """Trained shares rest on the assignment history: a caseworker who left after the period
    still counts for it, one who joined after it does not, and a later promotion changes nothing."""
    from opvang.models import StaffAssignment

    left = UserFactory(organisation=location.organisation, role=Role.CASEWORKER, locations=[location])
    joined_later = UserFactory(organisation=location.organisation, role=Role.CASEWORKER, locations=[location])
    StaffAssignment.objects.filter(user=joined_later).update(started_on=D(2026, 5, 1))
    for training in (Training.TRAUMA_INFORMED, Training.MELDCODE):
        TrainingRecord.objects.create(user=left, training=training, completed_on=D(2025, 1, 1))
        TrainingRecord.objects.create(user=joined_later, training=training, completed_on=D(2025, 1, 1))
    # An expired meldcode training does not count at the end of the period.
    TrainingRecord.objects.filter(user=left, training=Training.MELDCODE).update(expires_on=D(2026, 2, 1))
    before = values(location)
    assert before["staff_trauma_informed"] == {"value": 100.0, "num": 1, "den": 1}
    assert before["staff_meldcode"] == {"value": 0.0, "num": 0, "den": 1}
    # Today the caseworker leaves (deactivated): the past report recomputes the same.
    left.is_active = False
    left.save()
    StaffAssignment.objects.filter(user=left).update(ended_on=D(2026, 6, 30))
    assert values(location)["staff_trauma_informed"] == before["staff_trauma_informed"]
    assert values(location)["staff_meldcode"] == before["staff_meldcode"]


def test_organisations_median_counts_each_organisation_once_per_household(location) -> None:
    h1, _, _ = household(location, admitted_on=D(2026, 1, 5))
    h2, _, _ = household(location, admitted_on=D(2026, 2, 1))
    household(location, admitted_on=D(2026, 3, 1))  # H3: nobody involved: 0
    org = OrganisationFactory(name="Wijkteam")
    u1, u2 = UserFactory(organisation=org), UserFactory(organisation=org)

    def involve(h, **fields):
        Involvement.objects.create(household=h, adult=h.adults.first(), role="hulp", **fields)

    # H1: two users of one organisation (1), "GGZ" written twice differently (1), one that ended
    # before the period (not counted): 2 organisations.
    involve(h1, user=u1, started_on=D(2026, 1, 5))
    involve(h1, user=u2, started_on=D(2026, 2, 5))
    involve(h1, external_name="Piet", external_organisation="GGZ", started_on=D(2026, 1, 6))
    involve(h1, external_name="Kees", external_organisation=" ggz ", started_on=D(2026, 1, 7))
    involve(
        h1,
        external_name="Els",
        external_organisation="Reclassering",
        started_on=D(2025, 6, 1),
        ended_on=D(2025, 12, 31),
    )
    # H2: one user, and an external professional without organisation (not counted): 1; one that
    # starts after the period: not counted.
    involve(h2, user=u1, started_on=D(2026, 2, 1))
    involve(h2, external_name="Anna", external_organisation="", started_on=D(2026, 2, 2))
    involve(h2, external_name="Bob", external_organisation="Schuldhulp", started_on=D(2026, 4, 2))

    assert values(location)["organisations_median"] == {"value": 1.0, "num": None, "den": 3}  # median of 2, 1, 0
