"""The housing outflow page of policy officers and contract managers: quota use, outflow per
destination municipality and inflow per municipality of origin, with counts below 5 suppressed."""

from __future__ import annotations

import datetime
import io
import itertools

import pytest
from django.urls import reverse

from cases.models import Household, Stay
from cases.tests.factories import HouseholdFactory, StayFactory
from outflow.constants import HousingOutcome
from outflow.tests.factories import CorporationFactory, HousingApplicationFactory, HousingQuotaFactory
from reports.outflow_selectors import outflow_overview, quota_use
from reports.periods import Period, Scope

pytestmark = pytest.mark.django_db
D = datetime.date
# Own references: the factory's sequence could hit one of the world's fixed references.
REFERENCES = (f"HH-2025-7{n:04d}" for n in itertools.count())
LEFT_ON, ADMITTED_ON = D(2025, 6, 1), D(2025, 3, 1)


def _left(world, n: int, municipality: str, *, left_on=LEFT_ON, origin="Haarlem", admitted_on=ADMITTED_ON) -> None:
    for _ in range(n):
        household = HouseholdFactory(location=world.loc_a1, municipality_of_origin=origin, reference=next(REFERENCES))
        StayFactory(
            household=household,
            admitted_on=admitted_on,
            left_on=left_on,
            destination="social_rent",
            destination_municipality=municipality,
        )


def test_outflow_and_inflow_per_municipality_suppress_small_counts(world) -> None:
    _left(world, 6, "Heemstede", origin="Zandvoort")
    _left(world, 2, "Bloemendaal", origin="Zandvoort")
    _left(world, 1, "", origin="Velsen")
    _left(world, 5, "Haarlem", left_on=D(2024, 12, 31), admitted_on=D(2024, 6, 1))  # the year before
    overview = outflow_overview(Scope.region(), Period.year(2025))
    assert [(r.label, r.n, r.value) for r in overview["outflow"]] == [
        ("Heemstede", 6, "6"),
        ("Bloemendaal", 2, "<5"),
        ("Onbekend", 1, "<5"),  # "Unknown" in Dutch, the default language
    ]
    # Admitted 1 March 2025: 9 stays from Zandvoort and Velsen (the world's stays began in 2026).
    assert [(r.label, r.value) for r in overview["inflow"]] == [("Zandvoort", "8"), ("Velsen", "<5")]
    # Another organisation's location: none of these stays.
    assert outflow_overview(Scope.for_location(world.loc_b1), Period.year(2025))["outflow"] == []


def test_quota_use_counts_housed_applications_of_the_year(world) -> None:
    corporation = CorporationFactory(name="Pré Wonen")
    HousingQuotaFactory(corporation=corporation, municipality="Haarlem", year=2026, homes=12)
    HousingQuotaFactory(corporation=corporation, municipality="Heemstede", year=2026, homes=4)
    stay = world.household_a1.stays.get()
    for n in range(6):
        HousingApplicationFactory(
            stay=stay,
            corporation=corporation,
            municipality="haarlem" if n == 0 else "Haarlem",
            applied_on=D(2026, 1, 12),
            offered_on=D(2026, 2, 1),
            outcome=HousingOutcome.HOUSED,
            outcome_on=D(2026, 2, 2) if n else D(2026, 12, 31),
        )
    # Not counted: housed in another year, declined, or with another corporation.
    HousingApplicationFactory(
        stay=stay,
        corporation=corporation,
        applied_on=D(2025, 12, 1),
        outcome=HousingOutcome.HOUSED,
        offered_on=D(2025, 12, 2),
        outcome_on=D(2025, 12, 31),
    )
    HousingApplicationFactory(
        stay=stay,
        corporation=corporation,
        outcome=HousingOutcome.DECLINED,
        offered_on=D(2026, 3, 6),
        outcome_on=D(2026, 3, 7),
    )
    HousingApplicationFactory(
        stay=stay, outcome=HousingOutcome.HOUSED, offered_on=D(2026, 3, 6), outcome_on=D(2026, 3, 7)
    )
    HousingApplicationFactory(
        stay=stay,
        corporation=corporation,
        municipality="Heemstede",
        outcome=HousingOutcome.HOUSED,
        offered_on=D(2026, 3, 6),
        outcome_on=D(2026, 3, 7),
    )
    rows = {(r.municipality, r.corporation): r for r in quota_use(2026)}
    haarlem, heemstede = rows[("Haarlem", "Pré Wonen")], rows[("Heemstede", "Pré Wonen")]
    assert (haarlem.homes, haarlem.used, haarlem.used_shown, haarlem.remaining) == (12, 6, "6", "6")
    assert (heemstede.used, heemstede.used_shown, heemstede.remaining) == (1, "<5", "–")


def test_the_page_shows_aggregates_only(client, world, django_assert_max_num_queries) -> None:
    _left(world, 6, "Heemstede")
    HousingQuotaFactory(corporation=CorporationFactory(name="Elan Wonen"), municipality="Haarlem", year=2025, homes=9)
    client.force_login(world.contract_manager)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("reports:outflow_overview"), {"year": 2025})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Heemstede" in page and "Elan Wonen" in page
    references = Household.objects.values_list("reference", flat=True)
    assert not any(reference in page for reference in references)
    # A contract manager reads the quota; only the policy officer records one.
    assert reverse("outflow:quota_set") not in page


def test_a_location_of_another_organisation_is_refused(client, world) -> None:
    client.force_login(world.policy_officer)
    response = client.get(
        reverse("reports:outflow_overview"), {"organisation": world.org_a.pk, "location": world.loc_b1.pk}
    )
    assert response.status_code == 200
    assert response.context["overview"] is None
    assert Stay.objects.exists()


def test_the_report_pdf_has_the_outflow_per_municipality(client, world) -> None:
    from pypdf import PdfReader

    from reports.services import snapshot_generate

    _left(world, 6, "Heemstede")
    HousingQuotaFactory(corporation=CorporationFactory(name="Elan Wonen"), municipality="Haarlem", year=2025, homes=9)
    snapshot = snapshot_generate(scope=Scope.for_location(world.loc_a1), period=Period.quarter(2025, 2))
    client.force_login(world.contract_manager)
    response = client.get(reverse("reports:snapshot_pdf", args=[snapshot.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.getvalue())).pages)
    assert "Uitstroom naar wonen per gemeente" in text
    assert "Heemstede" in text and "Elan Wonen" in text
