"""A provider's team lead reads and downloads the reports and evaluation dossiers of their own
organisation and its locations (never another provider's, never the region's); every download is
in the audit log (reports.access)."""

from __future__ import annotations

import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from reports.constants import PeriodKind, SnapshotStatus
from reports.models import EvaluationDossier, ReportSnapshot
from reports.periods import Period, Scope

QUARTER = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), PeriodKind.QUARTER)


def _snapshot(scope: Scope) -> ReportSnapshot:
    return ReportSnapshot.objects.create(
        scope_kind=scope.kind,
        scope_key=scope.key,
        organisation=scope.organisation,
        location=scope.location,
        period_kind=QUARTER.kind,
        period_start=QUARTER.start,
        period_end=QUARTER.end,
        revision=1,
        is_current=True,
        status=SnapshotStatus.DONE,
        generated_at=timezone.now(),
        pdf=b"%PDF-1.4 stored",
        values={"households_served": {"value": 12, "num": 12, "den": None}},
    )


def _snapshots(world) -> dict[str, ReportSnapshot]:
    return {
        "a1": _snapshot(Scope.for_location(world.loc_a1)),
        "a2": _snapshot(Scope.for_location(world.loc_a2)),
        "org_a": _snapshot(Scope.for_organisation(world.org_a)),
        "b1": _snapshot(Scope.for_location(world.loc_b1)),
        "org_b": _snapshot(Scope.for_organisation(world.org_b)),
        "region": _snapshot(Scope.region()),
    }


def test_team_lead_lists_own_organisation_and_locations_only(world, client) -> None:
    snapshots = _snapshots(world)
    client.force_login(world.team_lead)
    response = client.get(reverse("reports:report_list"))
    assert response.status_code == 200
    listed = {s.pk for s in response.context["page"].object_list}
    assert listed == {snapshots["a1"].pk, snapshots["a2"].pk, snapshots["org_a"].pk}
    # No form to queue reports, and the filter offers only the own provider and its locations.
    assert response.context["form"] is None
    assert reverse("reports:report_generate") not in response.content.decode()
    filters = response.context["filters"]
    assert list(filters.fields["organisation"].queryset) == [world.org_a]
    assert set(filters.fields["location"].queryset) == {world.loc_a1, world.loc_a2}


def test_team_lead_filter_on_other_provider_shows_nothing_of_it(world, client) -> None:
    snapshots = _snapshots(world)
    client.force_login(world.team_lead)
    response = client.get(reverse("reports:report_list"), {"organisation": world.org_b.pk})
    # An organisation outside the choices does not validate, so nothing is filtered: still only A's.
    listed = {s.pk for s in response.context["page"].object_list}
    assert snapshots["b1"].pk not in listed and snapshots["org_b"].pk not in listed


def test_team_lead_opens_and_downloads_own_reports(world, client) -> None:
    snapshots = _snapshots(world)
    client.force_login(world.team_lead)
    for key in ("a1", "a2", "org_a"):
        pk = snapshots[key].pk
        assert client.get(reverse("reports:snapshot_detail", args=[pk])).status_code == 200
        pdf = client.get(reverse("reports:snapshot_pdf", args=[pk]))
        assert pdf.status_code == 200 and pdf.getvalue().startswith(b"%PDF")
        assert client.get(reverse("reports:snapshot_csv", args=[pk])).status_code == 200
        assert client.get(reverse("reports:snapshot_xlsx", args=[pk])).status_code == 200


def test_team_lead_gets_404_on_other_provider_and_region(world, client) -> None:
    snapshots = _snapshots(world)
    client.force_login(world.team_lead)
    for key in ("b1", "org_b", "region"):
        pk = snapshots[key].pk
        for name in ("snapshot_detail", "snapshot_status", "snapshot_pdf", "snapshot_csv", "snapshot_xlsx"):
            assert client.get(reverse(f"reports:{name}", args=[pk])).status_code == 404, (key, name)


def test_caseworker_sees_no_reports(world, client) -> None:
    snapshots = _snapshots(world)
    client.force_login(world.caseworker)
    assert client.get(reverse("reports:report_list")).status_code == 403
    assert client.get(reverse("reports:snapshot_pdf", args=[snapshots["a1"].pk])).status_code == 403
    assert client.get(reverse("reports:dossier_list")).status_code == 403


def test_every_download_is_in_the_audit_log(world, client) -> None:
    snapshots = _snapshots(world)
    dossier = EvaluationDossier.objects.create(location=world.loc_a1, year=2026)
    client.force_login(world.team_lead)
    for name in ("snapshot_pdf", "snapshot_csv", "snapshot_xlsx"):
        client.get(reverse(f"reports:{name}", args=[snapshots["a1"].pk]))
    client.get(reverse("reports:dossier_pdf", args=[dossier.pk]))
    entries = LogEntry.objects.filter(actor=world.team_lead, action=LogEntry.Action.ACCESS)
    downloads = {
        (entry.content_type, entry.object_pk, entry.additional_data["format"])
        for entry in entries
        if entry.additional_data.get("event") == "downloaded"
    }
    snapshot_type = ContentType.objects.get_for_model(ReportSnapshot)
    dossier_type = ContentType.objects.get_for_model(EvaluationDossier)
    assert downloads == {
        (snapshot_type, str(snapshots["a1"].pk), "pdf"),
        (snapshot_type, str(snapshots["a1"].pk), "csv"),
        (snapshot_type, str(snapshots["a1"].pk), "xlsx"),
        (dossier_type, str(dossier.pk), "pdf"),
    }
    assert all(entry.additional_data["organisation"] == world.org_a.pk for entry in entries)


def test_municipal_download_is_logged_too(world, client) -> None:
    snapshots = _snapshots(world)
    client.force_login(world.contract_manager)
    assert client.get(reverse("reports:snapshot_pdf", args=[snapshots["region"].pk])).status_code == 200
    assert LogEntry.objects.filter(
        actor=world.contract_manager, additional_data__event="downloaded", object_pk=str(snapshots["region"].pk)
    ).exists()


def test_team_lead_reads_own_locations_dossiers_without_edit_controls(world, client) -> None:
    own = EvaluationDossier.objects.create(location=world.loc_a2, year=2026)
    other = EvaluationDossier.objects.create(location=world.loc_b1, year=2026)
    client.force_login(world.team_lead)
    listed = {d.pk for d in client.get(reverse("reports:dossier_list")).context["page"].object_list}
    assert listed == {own.pk}
    page = client.get(reverse("reports:dossier_detail", args=[own.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("reports:dossier_pdf", args=[own.pk]) in html
    for name in ("dossier_edit", "dossier_finalise", "improvement_point_add", "follow_up_action_add"):
        assert reverse(f"reports:{name}", args=[own.pk]) not in html, name
    assert client.get(reverse("reports:dossier_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("reports:dossier_pdf", args=[other.pk])).status_code == 404
    # Reading is all: the municipality prepares and finalises the dossier.
    assert client.post(reverse("reports:dossier_finalise", args=[own.pk])).status_code == 403


def test_team_lead_navigation_links_to_reports(world, client) -> None:
    client.force_login(world.team_lead)
    response = client.get(reverse("reports:report_list"))
    urls = [url for _label, url, _active in response.context["nav_items"]]
    assert reverse("reports:report_list") in urls


def test_only_one_navigation_item_is_the_current_page(world, client) -> None:
    client.force_login(world.team_lead)
    response = client.get(reverse("reports:meeting_list"))
    active = [url for _label, url, is_active in response.context["nav_items"] if is_active]
    assert active == [reverse("reports:meeting_list")]
    assert response.content.decode().count('aria-current="page"') == 1
