"""The monitoring pages through the test client: dashboard, on-demand reports, dossiers, privacy."""

from __future__ import annotations

import datetime
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from cases.models import AdultClient, Household
from children.models import Child
from opvang.models import User
from opvang.tests.factories import LocationFactory, OrganisationFactory
from reports.constants import DossierStatus, PeriodKind, PointStatus, ScopeKind, SnapshotStatus
from reports.indicators import DEFINITIONS_VERSION
from reports.models import EvaluationDossier, FollowUpAction, ImprovementPoint, ReportSnapshot
from reports.periods import Period, Scope
from reports.services import snapshot_request


def _stored_snapshot(scope: Scope, period: Period, households: int) -> ReportSnapshot:
    """A finished snapshot row with a few values (no computation: the dashboard only reads them)."""
    return ReportSnapshot.objects.create(
        scope_kind=scope.kind,
        scope_key=scope.key,
        organisation=scope.organisation,
        location=scope.location,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        revision=1,
        is_current=True,
        status=SnapshotStatus.DONE,
        definitions_version=DEFINITIONS_VERSION,
        generated_at=timezone.now(),
        values={
            "occupancy": {"value": 80.0 + households, "num": 800, "den": 1000},
            "households_served": {"value": households, "num": households, "den": None},
        },
    )


def _quarters(count: int) -> list[Period]:
    period, periods = Period.quarter(2026, 3), []
    for _ in range(count):
        periods.append(period)
        period = period.previous()
    return periods


def test_dashboard_shows_trends_and_location_comparison_in_a_fixed_number_of_queries(
    world, client, django_assert_max_num_queries
) -> None:
    # The world's stays began on 10 January 2026: the dashboard shows Q1 2026 up to today's quarter.
    for n, period in enumerate(_quarters(3)):
        _stored_snapshot(Scope.region(), period, 10 + n)
        for location in (world.loc_a1, world.loc_a2, world.loc_b1):
            _stored_snapshot(Scope.for_location(location), period, 3 + n)
    client.force_login(world.policy_officer)
    url = reverse("reports:dashboard") + "?period_kind=quarter&indicator=households_served"
    with time_machine.travel(datetime.datetime(2026, 10, 5, 12, tzinfo=datetime.UTC), tick=False):
        # First visit: the current quarter (Q4, provisional) is computed for the region and each location.
        assert client.get(url).status_code == 200
        assert ReportSnapshot.objects.filter(period_start=datetime.date(2026, 10, 1), is_provisional=True).count() == 4
        # Expected (14): session, user, savepoint (ATOMIC_REQUESTS), first admission in scope, the
        # locations in scope, the stored snapshots (one lookup), the scope's snapshots (trend), the
        # locations' snapshots of the latest period (comparison), organisations and locations for the
        # filter form, release; savepoint, session update, release. Independent of the number of
        # snapshots, periods and locations.
        with django_assert_max_num_queries(14):
            response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert Period.quarter(2026, 1).label in body and Period.quarter(2026, 4).label in body
    assert "voorlopig" in body
    assert 'id="trend-data"' in body
    assert reverse("reports:definitions") + "#households_served" in body
    # The region's 10 households of Q3 are shown; the computed Q4 has the world's 3 (suppressed).
    assert ">10</a>" in body
    comparison = body.split('id="comparison-table"')[1].split("</table>")[0]
    assert comparison.count("&lt;5") == 3


def test_dashboard_without_any_stay_says_why_there_is_nothing(world, client) -> None:
    empty = LocationFactory(organisation=OrganisationFactory(name="Nieuw"))
    client.force_login(world.policy_officer)
    response = client.get(reverse("reports:dashboard") + f"?location={empty.pk}")
    assert response.status_code == 200
    assert "er is op de locaties nog geen verblijf vastgelegd" in response.content.decode()
    assert 'id="trend-chart"' not in response.content.decode()


def test_starting_a_report_runs_the_task_and_the_page_shows_it_complete(
    world, client, django_capture_on_commit_callbacks
) -> None:
    client.force_login(world.contract_manager)
    data = {
        "scope_kind": ScopeKind.LOCATION,
        "location": world.loc_a1.pk,
        "period_kind": PeriodKind.QUARTER,
        "year": 2026,
        "quarter": 1,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report_generate"), data)
    snapshot = ReportSnapshot.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reports:snapshot_detail", args=[snapshot.pk]
    )
    assert snapshot.generated_by == world.contract_manager
    page = client.get(response["Location"]).content.decode()
    assert reverse("reports:snapshot_pdf", args=[snapshot.pk]) in page
    assert "current" in page or "actueel" in page


def test_report_form_says_what_is_missing(world, client) -> None:
    client.force_login(world.contract_manager)
    response = client.post(
        reverse("reports:report_generate"),
        {"scope_kind": ScopeKind.LOCATION, "period_kind": PeriodKind.QUARTER, "year": 2026},
    )
    assert response.status_code == 400
    assert not ReportSnapshot.objects.exists()


def test_progress_partial_polls_until_the_report_is_ready(world, client) -> None:
    snapshot = snapshot_request(scope=Scope.region(), period=Period.quarter(2026, 1), user=world.policy_officer)
    client.force_login(world.policy_officer)
    url = reverse("reports:snapshot_status", args=[snapshot.pk])
    pending = client.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in pending.content.decode() and "HX-Refresh" not in pending
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(status=SnapshotStatus.DONE, progress=100)
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true" and "hx-trigger" not in done.content.decode()


def test_dossier_edit_detects_a_concurrent_change(world, client) -> None:
    dossier = EvaluationDossier.objects.create(location=world.loc_a1, year=2026)
    client.force_login(world.contract_manager)
    url = reverse("reports:dossier_edit", args=[dossier.pk])
    first = client.post(url, {"participants": "Gemeente", "notes": "eerste", "version": 1})
    second = client.post(url, {"participants": "Aanbieder", "notes": "tweede", "version": 1})
    assert first.status_code == 302 and second.status_code == 409
    dossier.refresh_from_db()
    assert (dossier.notes, dossier.version) == ("eerste", 2)


def test_a_final_dossier_is_frozen_and_keeps_its_points_as_they_were(world, client) -> None:
    client.force_login(world.policy_officer)
    old = EvaluationDossier.objects.create(location=world.loc_a1, year=2025, participants="Gemeente\nAanbieder")
    point = ImprovementPoint.objects.create(location=world.loc_a1, year_raised=2025, text="Kind eerder spreken")
    client.post(reverse("reports:dossier_finalise", args=[old.pk]), {"accept_missing": "on"})
    old.refresh_from_db()
    assert old.status == DossierStatus.FINAL
    # Later changes to the point (in the 2026 dossier) do not change the final 2025 record.
    new = EvaluationDossier.objects.create(location=world.loc_a1, year=2026)
    client.post(reverse("reports:improvement_point_status", args=[new.pk, point.pk]), {"status": PointStatus.DONE})
    assert ImprovementPoint.objects.get(pk=point.pk).status == PointStatus.DONE
    assert old.frozen_points[0]["status"] == PointStatus.OPEN
    # Nothing can be added to the final dossier any more.
    client.post(
        reverse("reports:follow_up_action_add", args=[old.pk]),
        {"what": "Te laat", "owner": "Iemand", "due_on": "2026-01-01"},
    )
    assert not FollowUpAction.objects.filter(dossier=old).exists()
    assert client.get(reverse("reports:dossier_edit", args=[old.pk])).status_code == 302


def test_a_dossier_cannot_be_final_without_participants(world, client) -> None:
    dossier = EvaluationDossier.objects.create(location=world.loc_a1, year=2026)
    client.force_login(world.policy_officer)
    client.post(reverse("reports:dossier_finalise", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT


def test_open_points_of_earlier_years_are_carried_over_into_the_dossier_and_its_pdf(world, client) -> None:
    dossier = EvaluationDossier.objects.create(location=world.loc_a1, year=2026)
    ImprovementPoint.objects.create(location=world.loc_a1, year_raised=2024, text="Oud en nog open")
    ImprovementPoint.objects.create(
        location=world.loc_a1, year_raised=2024, text="Oud en klaar", status=PointStatus.DONE, closed_year=2025
    )
    ImprovementPoint.objects.create(location=world.loc_a2, year_raised=2025, text="Andere locatie")
    FollowUpAction.objects.create(
        dossier=dossier, what="Training", owner="Teamleider", due_on=datetime.date(2026, 9, 1)
    )
    client.force_login(world.contract_manager)
    page = client.get(reverse("reports:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Oud en nog open" in page and "Oud en klaar" not in page and "Andere locatie" not in page
    response = client.get(reverse("reports:dossier_pdf", args=[dossier.pk]))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.getvalue())).pages)
    assert "A1" in text and "2026" in text and "Oud en nog open" in text and "Teamleider" in text


@pytest.mark.django_db
def test_no_client_name_or_reference_reaches_municipal_pages_exports_or_pdfs(client) -> None:
    """Against the demo data: every municipal page, export and PDF, searched for every client."""
    call_command("seed_demo", stdout=io.StringIO())
    forbidden = [f"{a} {b}" for a, b in AdultClient.objects.values_list("first_name", "last_name")]
    forbidden += [f"{a} {b}" for a, b in Child.objects.values_list("first_name", "last_name")]
    forbidden += list(Household.objects.values_list("reference", flat=True))
    assert len(forbidden) > 20

    location_snapshots = ReportSnapshot.objects.filter(scope_kind=ScopeKind.LOCATION, is_current=True)
    urls = [
        reverse("reports:dashboard"),
        reverse("reports:report_list"),
        reverse("reports:definitions"),
        reverse("reports:dossier_list"),
    ]
    urls += [
        reverse("reports:dashboard") + f"?period_kind=quarter&location={s.location_id}&indicator={code}"
        for s in location_snapshots[:2]
        for code in ("households_served", "child_intake")
    ]
    for snapshot in ReportSnapshot.objects.filter(is_current=True, period_kind=PeriodKind.QUARTER).order_by(
        "-period_start"
    )[:6]:
        for name in ("snapshot_detail", "snapshot_pdf", "snapshot_csv", "snapshot_xlsx"):
            urls.append(reverse(f"reports:{name}", args=[snapshot.pk]))
    for dossier in EvaluationDossier.objects.all():
        urls += [
            reverse("reports:dossier_detail", args=[dossier.pk]),
            reverse("reports:dossier_pdf", args=[dossier.pk]),
        ]

    for username in ("beleid", "contract"):
        client.force_login(User.objects.get(username=username))
        for url in urls:
            response = client.get(url)
            if url.startswith(reverse("reports:dashboard")) and username == "contract":
                assert response.status_code == 403
                continue
            assert response.status_code == 200, url
            text = _text_of(response)
            leaks = [name for name in forbidden if name in text]
            assert not leaks, f"{url} shows {leaks}"


def _text_of(response) -> str:
    content_type = response["Content-Type"]
    if content_type == "application/pdf":
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.getvalue())).pages)
    if "spreadsheet" in content_type:
        sheet = load_workbook(io.BytesIO(response.getvalue())).active
        return "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    return re.sub(r"\s+", " ", response.getvalue().decode())


def test_report_list_filters_per_organisation_and_has_a_query_bound(
    world, client, django_assert_max_num_queries
) -> None:
    for period in _quarters(4):
        for location in (world.loc_a1, world.loc_a2, world.loc_b1):
            _stored_snapshot(Scope.for_location(location), period, 6)
        _stored_snapshot(Scope.for_organisation(world.org_a), period, 12)
    client.force_login(world.contract_manager)
    url = reverse("reports:report_list") + f"?organisation={world.org_a.pk}&current=on"
    # Expected: session, user, savepoint, the filter form's organisation and location choices
    # (validation: 2), the page's count and rows (2, joins applied), the request form's
    # organisation and location choices (2), release; savepoint, session update, release.
    with django_assert_max_num_queries(14):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('/pdf/"') == 12  # 4 quarters × (A1, A2, organisation A); B1 left out
    assert f">{world.loc_b1.name} (" not in body


def test_dossier_list_has_a_query_bound(world, client, django_assert_max_num_queries) -> None:
    for year in range(2015, 2027):
        for location in (world.loc_a1, world.loc_a2, world.loc_b1):
            EvaluationDossier.objects.create(location=location, year=year)
    client.force_login(world.policy_officer)
    # Expected: session, user, savepoint, count, one page of dossiers with location and
    # organisation joined, release; savepoint, session update, release.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("reports:dossier_list"))
    assert response.status_code == 200
    assert response.content.decode().count("/reports/dossiers/") >= 25  # a full page of links
