"""Dashboards and reports a user can read (issue 15): chart data as JSON, every filter combination
shows data or a reason, provisional reports, the PDF's first page, and tagged (PDF/UA-1) PDFs."""

from __future__ import annotations

import datetime
import io
import json
import re

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

import reports.tasks  # noqa: F401 - registers the build task that the outbox sends by name
from plans.tests.access_cases import make_agreed_plan
from reports.constants import PeriodKind
from reports.models import EvaluationDossier, ReportSnapshot
from reports.periods import Period, Scope
from reports.services import provisional_snapshots_replace, snapshot_generate

pytestmark = pytest.mark.django_db


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC), tick=False)


def json_block(body: str, element_id: str):
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', body, re.S)
    assert match, element_id
    return json.loads(match.group(1))


def test_the_comparison_chart_gets_plain_numbers_as_json_with_the_ui_in_dutch(world, client) -> None:
    client.force_login(world.policy_officer)
    with at(datetime.date(2026, 1, 20)):
        body = client.get(reverse("reports:dashboard") + "?period_kind=month&indicator=occupancy").content.decode()
    data = json_block(body, "comparison-data")
    # Per location one adult and one child from 10 January: 22 nights × 2 in 20 places × 31 days
    # = 44 / 620 = 7,1 % on the page and 7.1 in the chart data.
    assert data["labels"] == ["A1", "A2", "B1"]
    assert data["values"] == [7.1, 7.1, 7.1]
    assert "7,1%" in body.split('id="comparison-table"')[1]
    assert "data-value" not in body


@pytest.mark.parametrize("period_kind", [PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR])
@pytest.mark.parametrize("scope", ["region", "organisation", "location"])
def test_every_filter_combination_shows_data(world, client, period_kind, scope) -> None:
    params = {"period_kind": period_kind, "indicator": "households_served"}
    if scope == "organisation":
        params["organisation"] = world.org_a.pk
    if scope == "location":
        params |= {"organisation": world.org_a.pk, "location": world.loc_a2.pk}
    client.force_login(world.policy_officer)
    with at(datetime.date(2026, 5, 20)):
        response = client.get(reverse("reports:dashboard"), params)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="trend-chart"' in body and "nog geen" not in body
    trend = json_block(body, "trend-data")
    assert trend["labels"] and len(trend["values"]) == len(trend["labels"])


def test_an_organisation_with_another_organisations_location_is_refused(world, client) -> None:
    client.force_login(world.policy_officer)
    response = client.get(reverse("reports:dashboard"), {"organisation": world.org_a.pk, "location": world.loc_b1.pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert "B1 is geen locatie van Opvang A" in body
    assert 'id="trend-chart"' not in body
    assert not ReportSnapshot.objects.exists()


def test_a_provisional_report_is_marked_everywhere_and_replaced_after_the_period(world, client) -> None:
    scope, period = Scope.for_location(world.loc_a1), Period.quarter(2026, 1)
    with at(datetime.date(2026, 3, 20)):
        snapshot = snapshot_generate(scope=scope, period=period)
    assert snapshot.is_provisional
    client.force_login(world.contract_manager)
    detail = client.get(reverse("reports:snapshot_detail", args=[snapshot.pk])).content.decode()
    assert "voorlopig" in detail and "Voorlopig: dit rapport" in detail
    assert "voorlopig" in client.get(reverse("reports:report_list")).content.decode()
    pdf = PdfReader(io.BytesIO(body_of(client.get(reverse("reports:snapshot_pdf", args=[snapshot.pk])))))
    assert "Voorlopig" in pdf.pages[0].extract_text()

    with at(datetime.date(2026, 3, 31)):
        assert provisional_snapshots_replace() == 0  # the period has not ended yet
    with at(datetime.date(2026, 4, 1)):
        assert provisional_snapshots_replace() == 1
        assert provisional_snapshots_replace() == 0  # idempotent
    final = ReportSnapshot.objects.get(scope_key=scope.key, is_current=True)
    assert final.revision == 2 and not final.is_provisional
    assert (
        "Voorlopig: dit rapport" not in client.get(reverse("reports:snapshot_detail", args=[final.pk])).content.decode()
    )


def test_the_first_page_of_the_report_pdf_carries_the_headline_numbers(world, client) -> None:
    snapshot = snapshot_generate(scope=Scope.for_location(world.loc_a1), period=Period.quarter(2026, 1))
    client.force_login(world.contract_manager)
    pdf = PdfReader(io.BytesIO(body_of(client.get(reverse("reports:snapshot_pdf", args=[snapshot.pk])))))
    first = pdf.pages[0].extract_text()
    for name in ("Kerncijfers", "Bezetting", "Huishoudens in opvang", "Eigen intake binnen 14 dagen"):
        assert name in first, name


def test_a_dossier_without_yearly_report_offers_to_make_it(world, client, django_capture_on_commit_callbacks) -> None:
    dossier = EvaluationDossier.objects.create(location=world.loc_a1, year=2026)
    client.force_login(world.contract_manager)
    page = client.get(reverse("reports:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Maak het jaarrapport 2026 nu" in page
    data = {"scope_kind": "location", "location": world.loc_a1.pk, "period_kind": "year", "year": 2026}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report_generate"), data)
    page = client.get(reverse("reports:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Maak het jaarrapport" not in page and "Bezetting" in page


# --- Every PDF the app makes is tagged PDF/UA-1, in Dutch, with a title -----------------------------
def _structure_types(node, found: set[str]) -> set[str]:
    node = node.get_object()
    if "/S" in node:
        found.add(str(node["/S"]))
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
            _structure_types(kid, found)
    return found


def body_of(response) -> bytes:
    """The bytes of a plain or a streaming (FileResponse) response."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_accessible(content: bytes, title: str, *, tags: set[str]) -> set[str]:
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == title
    assert "pdfuaid" in root["/Metadata"].get_object().get_data().decode()  # PDF/UA identification
    found = _structure_types(root["/StructTreeRoot"], set())
    assert tags <= found, tags - found
    return found


def test_every_kind_of_pdf_is_tagged_pdf_ua_with_language_and_title(world, client) -> None:
    snapshot = snapshot_generate(scope=Scope.for_location(world.loc_a1), period=Period.quarter(2026, 1))
    dossier = EvaluationDossier.objects.create(location=world.loc_a1, year=2026)
    client.force_login(world.contract_manager)
    report = body_of(client.get(reverse("reports:snapshot_pdf", args=[snapshot.pk])))
    found = assert_accessible(report, "A1 (Opvang A) – K1 2026", tags={"/H1", "/H2", "/Table", "/TH", "/Figure"})
    assert "/Caption" in found  # each chart has its text alternative beside it (and as /Alt)
    dossier_pdf = body_of(client.get(reverse("reports:dossier_pdf", args=[dossier.pk])))
    assert_accessible(dossier_pdf, "A1 2026", tags={"/H1", "/H2"})

    household = world.household_a1
    client.force_login(world.caseworker)
    plan = make_agreed_plan(household)
    plan_pdf = body_of(client.get(reverse("plans:plan_pdf", args=[plan.pk])))
    assert_accessible(plan_pdf, "Ons plan", tags={"/H1"})
    history = body_of(client.get(reverse("privacy:access_history_pdf", args=[household.pk])))
    assert_accessible(history, "Wie heeft mijn dossier bekeken", tags={"/H1", "/Table", "/TH"})

    client.force_login(world.team_lead)
    export = client.post(
        reverse("privacy:household_export", args=[household.pk]),
        {"subject": "household", "format": "pdf", "requested_by": "client", "endangers": "no"},
    )
    assert export["Content-Type"] == "application/pdf"
    assert_accessible(body_of(export), "De gegevens die wij over jou bewaren", tags={"/H1"})
