"""Snapshots: revisions, the current mark, the PDF read back, exports and suppression."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cases.tests.factories import HouseholdFactory, StayFactory
from opvang.tests.factories import LocationFactory, OrganisationFactory
from reports.constants import ScopeKind, SnapshotStatus, Unit
from reports.exports import neutralise, snapshot_csv_rows, snapshot_xlsx
from reports.indicators import INDICATORS
from reports.models import ImprovementPoint, ReportSnapshot
from reports.periods import Period, Scope
from reports.presentation import INDICATORS_BY_CODE, format_value
from reports.services import snapshot_ensure_pdf, snapshot_generate

Q1 = Period.quarter(2026, 1)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def busy_location(db):
    """A location with six households admitted in January (enough to pass suppression)."""
    location = LocationFactory(
        organisation=OrganisationFactory(name="Stichting Test"), name="Huis Zes", capacity_places=12
    )
    for day in range(6):
        StayFactory(household=HouseholdFactory(location=location), admitted_on=datetime.date(2026, 1, 1 + day))
    return location


def test_generating_again_makes_a_new_current_revision_and_keeps_the_old_one(busy_location) -> None:
    scope = Scope.for_location(busy_location)
    first = snapshot_generate(scope=scope, period=Q1, with_pdf=False)
    second = snapshot_generate(scope=scope, period=Q1, with_pdf=False)
    first.refresh_from_db()
    assert (first.revision, second.revision) == (1, 2)
    assert not first.is_current and second.is_current
    assert first.values == second.values  # nothing overwritten
    assert ReportSnapshot.objects.filter(scope_key=scope.key).count() == 2


def test_report_pdf_shows_scope_period_indicator_names_values_and_improvement_points(busy_location) -> None:
    ImprovementPoint.objects.create(location=busy_location, year_raised=2025, text="Eerder intakegesprek met kinderen")
    snapshot = snapshot_generate(scope=Scope.for_location(busy_location), period=Q1)
    assert snapshot.status == SnapshotStatus.DONE and snapshot.generated_by is None
    text = pdf_text(bytes(snapshot.pdf))
    assert "Huis Zes (Stichting Test)" in text
    assert Q1.label in text and Q1.previous().label in text
    for code in ("households_served", "occupancy", "child_intake", "returns_12m"):
        assert str(INDICATORS_BY_CODE[code].name) in text
    served = INDICATORS_BY_CODE["households_served"]
    assert f"{served.name} 6" in text
    assert "Eerder intakegesprek met kinderen" in text
    assert str(INDICATORS_BY_CODE["households_served"].definition)[:40] in text.replace("\n", " ")


def test_pdf_of_a_snapshot_made_without_one_is_rendered_once_and_stored(busy_location) -> None:
    snapshot = snapshot_generate(scope=Scope.for_location(busy_location), period=Q1, with_pdf=False)
    assert snapshot.pdf is None
    data = snapshot_ensure_pdf(snapshot=snapshot)
    assert data.startswith(b"%PDF")
    assert bytes(ReportSnapshot.objects.get(pk=snapshot.pk).pdf) == data


def test_region_scope_is_stored_with_its_own_key(busy_location) -> None:
    snapshot = snapshot_generate(scope=Scope.region(), period=Q1, with_pdf=False)
    assert snapshot.scope_kind == ScopeKind.REGION and snapshot.scope_key == "region"
    assert snapshot.values["households_served"]["value"] == 6


@pytest.mark.parametrize("text", ["=1+1", "+31 6", "-2", "@SUM(A1)"])
def test_export_cells_that_look_like_formulas_are_neutralised(text) -> None:
    assert neutralise(text) == "'" + text


def test_csv_and_xlsx_hold_the_same_suppressed_table(busy_location) -> None:
    # A location name that a spreadsheet would run as a formula.
    busy_location.name = '=HYPERLINK("http://x")'
    busy_location.save()
    snapshot = snapshot_generate(scope=Scope.for_location(busy_location), period=Q1, with_pdf=False)
    rows = snapshot_csv_rows(snapshot)
    assert rows[0][1].startswith("'=")
    by_code = {row[1]: row for row in rows if len(row) == 5}
    assert by_code["households_served"][3] == "6"
    assert by_code["households_present"][3] == "6"
    assert by_code["applications"][3] == "<5"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    sheet = load_workbook(io.BytesIO(snapshot_xlsx(snapshot))).active
    assert sheet["B1"].value.startswith("'=")
    assert sheet["B1"].data_type == "s"
    assert len(list(sheet.iter_rows())) == len(rows)


@pytest.mark.parametrize(
    ("code", "stored", "shown"),
    [
        ("households_served", {"value": 4, "num": 4, "den": None}, "<5"),
        ("households_served", {"value": 0, "num": 0, "den": None}, "<5"),
        ("households_served", {"value": 5, "num": 5, "den": None}, "5"),
        ("child_mentor", {"value": 75.0, "num": 3, "den": 4}, "n<5"),
        ("child_mentor", {"value": 20.0, "num": 2, "den": 10}, "n<5"),
        ("child_mentor", {"value": 50.0, "num": 5, "den": 10}, "50,0%"),
        ("stay_length_mo", {"value": 40.0, "num": None, "den": 3}, "n<5"),
        ("stay_length_mo", {"value": 40.5, "num": None, "den": 8}, "40,5"),
        ("child_mentor", {"value": None, "num": 0, "den": 0}, "–"),
    ],
)
def test_small_cells_are_suppressed(code, stored, shown) -> None:
    assert format_value(INDICATORS_BY_CODE[code], stored) == shown


def test_every_indicator_has_a_name_definition_and_known_unit() -> None:
    codes = [i.code for i in INDICATORS]
    assert len(codes) == len(set(codes))
    for indicator in INDICATORS:
        assert str(indicator.name) and len(str(indicator.definition)) > 20
        assert indicator.unit in Unit.values


def test_snapshot_records_how_many_queries_its_computation_took(busy_location) -> None:
    snapshot = snapshot_generate(scope=Scope.region(), period=Q1, with_pdf=False)
    # One query per group of indicators (housing outflow and the stuck households added theirs).
    assert 15 <= snapshot.query_count <= 40
