"""'Adults referred for psychological support': referrals made in the period, during a stay in
scope or after it, counted at the location of the household's latest stay admitted on or before
the referral day. Expected values worked out by hand, including the period's boundary days."""

from __future__ import annotations

import datetime

import pytest

from cases.constants import Destination
from cases.models import PsychSupportReferral
from cases.tests.factories import AdultClientFactory, HouseholdFactory, StayFactory
from opvang.constants import LocationKind
from opvang.tests.factories import LocationFactory, OrganisationFactory
from reports.indicators import INDICATORS
from reports.periods import Period, Scope
from reports.services import compute_values

D = datetime.date
JAN, FEB, DEC = Period.month(2026, 1), Period.month(2026, 2), Period.month(2025, 12)
pytestmark = pytest.mark.django_db


@pytest.fixture
def locations():
    provider = OrganisationFactory(name="Aanbieder")
    return (
        LocationFactory(organisation=provider, name="L", kind=LocationKind.MO, capacity_places=10),
        LocationFactory(organisation=provider, name="M", kind=LocationKind.VO, capacity_places=10),
    )


def adult_with_stays(*stays):
    household = HouseholdFactory(location=stays[0][0])
    adult = AdultClientFactory(household=household, date_of_birth=D(1990, 1, 1))
    for location, admitted_on, left_on in stays:
        left = {"left_on": left_on, "destination": Destination.OTHER_SHELTER} if left_on else {}
        StayFactory(household=household, location=location, admitted_on=admitted_on, **left)
    return adult


def refer(adult, *days):
    for day in days:
        PsychSupportReferral.objects.create(adult=adult, kind="poh_ggz", referred_on=day, reason="Somber")


def referrals(location, period) -> int:
    return compute_values(Scope.for_location(location), period)["psych_referrals"]["value"]


def test_referrals_counted_in_their_period_at_the_latest_stay_begun_by_then(locations) -> None:
    first, second = locations
    # H1 at L from 5 January: on the admission day and the last day of January; then 1 February.
    refer(adult_with_stays((first, D(2026, 1, 5), None)), D(2026, 1, 5), D(2026, 1, 31), D(2026, 2, 1))
    # H2 left L on 10 January: a referral after the stay (20 January) still counts at L; one on
    # 31 December counts for December.
    refer(adult_with_stays((first, D(2025, 12, 1), D(2026, 1, 10))), D(2026, 1, 20), D(2025, 12, 31))
    # H3 moved from L to M on 2 January: 1 January counts at L, 2 January (the day of the new
    # stay) at M.
    refer(
        adult_with_stays((first, D(2025, 11, 1), D(2026, 1, 2)), (second, D(2026, 1, 2), None)),
        D(2026, 1, 1),
        D(2026, 1, 2),
    )
    # H4 never stayed (referred while applying): counted nowhere.
    h4 = AdultClientFactory(household=HouseholdFactory(location=first))
    refer(h4, D(2026, 1, 15))

    assert referrals(first, JAN) == 4  # H1 5 and 31 Jan, H2 20 Jan, H3 1 Jan
    assert referrals(first, FEB) == 1  # H1 1 Feb
    assert referrals(first, DEC) == 1  # H2 31 Dec
    assert referrals(second, JAN) == 1  # H3 2 Jan
    assert referrals(second, FEB) == 0
    organisation = compute_values(Scope.for_organisation(first.organisation), JAN)
    assert organisation["psych_referrals"]["value"] == 5


def test_the_indicator_is_defined_with_the_self_sufficiency_indicators() -> None:
    indicator = next(i for i in INDICATORS if i.code == "psych_referrals")
    assert indicator.section == "zrm" and indicator.unit == "count"
    assert "laatste verblijf van het gezin dat op of vóór de dag van de verwijzing begon" in str(indicator.definition)
