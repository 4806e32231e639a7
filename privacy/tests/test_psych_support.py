"""The adults' psychological support referrals in the privacy rights: in the AVG export, wiped on
anonymisation (kind and dates kept), and their end counts as the end of care for retention."""

from __future__ import annotations

import datetime

import pytest

from cases.constants import Destination, HouseholdStatus
from cases.models import PsychSupportReferral
from cases.tests.factories import AdultClientFactory, HouseholdFactory, StayFactory
from privacy import export, selectors, services
from privacy.constants import AnonymisationReason
from privacy.models import DestructionRequest

pytestmark = pytest.mark.django_db
D = datetime.date


def closed_adults_household(location, *, left_on: D):
    household = HouseholdFactory(location=location, status=HouseholdStatus.CLOSED, reference="HH-1998-00001")
    adult = AdultClientFactory(household=household, date_of_birth=D(1970, 1, 1))
    StayFactory(
        household=household,
        admitted_on=left_on - datetime.timedelta(days=120),
        left_on=left_on,
        destination=Destination.SOCIAL_RENT,
    )
    return household, adult


def referral(adult, **dates) -> PsychSupportReferral:
    return PsychSupportReferral.objects.create(
        adult=adult,
        kind="ggz_basic",
        provider="Praktijk Duinzicht",
        referred_on=dates.pop("referred_on", D(2005, 1, 1)),
        reason="Angstklachten na het geweld",
        notes="Acht gesprekken",
        **dates,
    )


def test_the_export_holds_the_adults_referrals(world) -> None:
    adult = world.household_a1.adults.get()
    referral(adult, referred_on=D(2026, 10, 1), started_on=D(2026, 10, 20))
    data = export.household_export_data(world.household_a1)
    (support,) = data["adults"][0]["psych_support"]
    assert support["provider"] == "Praktijk Duinzicht" and support["reason"] == "Angstklachten na het geweld"
    assert (support["referred_on"], support["started_on"], support["ended_on"]) == ("2026-10-01", "2026-10-20", None)
    assert support["kind"] == "Generalistische basis-GGZ"


def test_support_that_ends_after_the_stay_lengthens_retention(world) -> None:
    household, adult = closed_adults_household(world.loc_a1, left_on=D(2009, 3, 1))
    today = D(2026, 6, 15)
    assert household.pk in selectors.files_due_for_anonymisation(today).values_list("pk", flat=True)
    referral(adult, referred_on=D(2009, 2, 1), started_on=D(2009, 4, 1), ended_on=D(2012, 1, 1))
    assert household.pk not in selectors.files_due_for_anonymisation(today).values_list("pk", flat=True)
    assert household.pk in selectors.files_due_for_anonymisation(D(2027, 1, 2)).values_list("pk", flat=True)


def test_anonymisation_wipes_the_story_and_keeps_kind_and_dates(world) -> None:
    household, adult = closed_adults_household(world.loc_a1, left_on=D(2005, 3, 1))
    referral(adult, started_on=D(2005, 2, 1), ended_on=D(2005, 6, 1))
    services.household_anonymise(household, reason=AnonymisationReason.RETENTION)
    row = PsychSupportReferral.objects.get(adult=adult)
    assert (row.reason, row.notes, row.provider) == (services.ANONYMISED,) * 3
    assert (row.kind, row.referred_on, row.ended_on) == ("ggz_basic", D(2005, 1, 1), D(2005, 6, 1))


def test_an_open_referral_is_a_warning_before_destruction(world) -> None:
    adult = world.household_a1.adults.get()
    referral(adult, referred_on=D(2026, 10, 1))
    warnings = [str(w) for w in selectors.destruction_warnings(DestructionRequest(household=world.household_a1))]
    assert any("psychologische hulp" in w for w in warnings)
