"""The suspension policy evaluation (issue 14): hand-counted values for a year at one location and
the region, with the year's first and last day, duration bands at their edges, small counts
suppressed; the PDF read back; municipal roles only, and no client data in it."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cases import services
from cases.services import AffectedChild
from reports.periods import Period, Scope
from reports.suspension_selectors import evaluation

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = Period.year(2026)


def suspend(world, household, start_on, *, reason="violence", children=(), **fields):
    suspension = services.suspension_record(
        household=household,
        adult=household.adults.get(),
        location=household.location,
        start_on=start_on,
        reason=reason,
        decided_by=world.team_lead if household.organisation_id == world.org_a.pk else world.team_lead_b,
        children_affected=[AffectedChild(c, "Bij oma", arrangement) for c, arrangement in children],
        **{k: v for k, v in fields.items() if k in ("end_on", "duration_days", "heard", "heard_on", "adult_went")},
    )
    later = {k: v for k, v in fields.items() if k in ("objection", "objection_on", "objection_outcome", "outcome")}
    if later:
        services.suspension_update(
            suspension=suspension,
            end_on=suspension.end_on,
            heard=suspension.heard,
            heard_on=suspension.heard_on,
            objection=later.get("objection", "none"),
            objection_on=later.get("objection_on"),
            objection_outcome=later.get("objection_outcome", ""),
            adult_went=suspension.adult_went,
            outcome=later.get("outcome", ""),
        )
    return suspension


@pytest.fixture
def year_of_suspensions(world):
    a1, b1 = world.household_a1, world.household_b1
    child = a1.children.get()
    # In 2026 at A1: the year's first and last day included.
    suspend(
        world,
        a1,
        D(2026, 1, 1),
        end_on=D(2026, 1, 1),
        heard="yes",
        heard_on=D(2025, 12, 31),
        adult_went="network",
        children=[(child, "network")],
        outcome="returned",
    )  # 1 day
    suspend(world, a1, D(2026, 12, 31), duration_days=3, heard="no", adult_went="street")  # decided 3 days
    suspend(
        world,
        a1,
        D(2026, 3, 1),
        end_on=D(2026, 3, 7),
        heard="yes",
        children=[(child, "")],
        objection="objection",
        objection_on=D(2026, 3, 2),
        objection_outcome="lifted",
        outcome="returned",
    )  # 7
    suspend(world, a1, D(2026, 4, 1), end_on=D(2026, 4, 14), outcome="left")  # 14 days, hearing not recorded
    suspend(world, a1, D(2026, 5, 1), end_on=D(2026, 5, 15), heard="yes")  # 15 days
    suspend(world, a1, D(2026, 6, 1), reason="substances", heard="yes")  # duration unknown
    # Outside the year.
    suspend(world, a1, D(2025, 12, 31), end_on=D(2026, 1, 2), heard="yes")
    suspend(world, a1, D(2027, 1, 1), heard="yes")
    # Another organisation's location: in the region only.
    suspend(world, b1, D(2026, 2, 1), duration_days=2, heard="yes")


def _table(report, title):
    return {cell.label: (cell.n, cell.value) for cell in next(t for t in report["tables"] if t.title == title).rows}


def test_location_year_counted_by_hand(world, year_of_suspensions) -> None:
    report = evaluation(Scope.for_location(world.loc_a1), YEAR)
    assert (report["total"].n, report["total"].value) == (6, "6")
    assert (report["with_children"].n, report["children"].n, report["children"].value) == (2, 2, "<5")
    assert _table(report, "Naar reden") == {
        "Geweld of bedreiging": (5, "5"),
        "Middelengebruik op de locatie": (1, "<5"),
        "Herhaaldelijk huisregels overtreden": (0, "<5"),
        "Anders": (0, "<5"),
    }
    durations = _table(report, "Naar duur")
    assert [n for n, _shown in durations.values()] == [1, 1, 1, 1, 1, 1]  # 1, 2–3, 4–7, 8–14, >14 days, unknown
    heard = _table(report, "Gehoord vóór het besluit")
    assert [n for n, _shown in heard.values()] == [4, 1, 1]  # yes, no, not recorded
    assert [n for n, _ in _table(report, "Bezwaar of beroep").values()] == [5, 1, 0]
    assert [n for n, _ in _table(report, "Uitkomst van bezwaar en beroep").values()] == [0, 0, 0, 1, 0]
    assert [n for n, _ in _table(report, "Waar de volwassene heen ging").values()] == [1, 0, 1, 0, 4]
    assert [n for n, _ in _table(report, "Uitkomst").values()] == [2, 1, 3]
    assert [n for n, _ in _table(report, "Regeling voor de kinderen").values()] == [0, 0, 0, 1, 0, 0, 1]


def test_region_adds_the_other_organisation(world, year_of_suspensions) -> None:
    report = evaluation(Scope.region(), YEAR)
    assert report["total"].n == 7
    assert [(c.label, c.n) for c in report["per_location"]] == [("A1", 6), ("B1", 1)]
    assert [n for n, _ in _table(report, "Naar duur").values()][1] == 2  # B1's 2 days decided


def test_pdf_reads_back_with_the_aggregates_and_no_names(client, world, year_of_suspensions) -> None:
    client.force_login(world.policy_officer)
    response = client.get(reverse("reports:suspension_evaluation_pdf"), {"year": 2026, "location": world.loc_a1.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.getvalue())).pages)
    assert "Evaluatie schorsingsbeleid" in text and "2026" in text
    assert "Geweld of bedreiging" in text and "<5" in text
    assert world.household_a1.reference not in text and "Ouder" not in text


def test_the_page_is_for_municipal_roles_only(
    client, world, year_of_suspensions, django_assert_max_num_queries
) -> None:
    client.force_login(world.contract_manager)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("reports:suspension_evaluation"), {"year": 2026})
    page = response.content.decode()
    assert response.status_code == 200 and "Geweld of bedreiging" in page
    assert world.household_a1.reference not in page
    client.force_login(world.team_lead)
    assert client.get(reverse("reports:suspension_evaluation")).status_code == 403
