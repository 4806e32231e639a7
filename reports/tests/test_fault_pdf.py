"""PDF rendering that fails (no space for its work, a stuck renderer cut off by the soft time
limit): the report's values are stored, the PDF is made at download, the user is told (issue 18).

PDFs live in the database (ReportSnapshot.pdf), not in the media directory, so there is no file
write to break; the fault is injected where rendering fails, in the renderer.
"""

from __future__ import annotations

import errno

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.urls import reverse

from reports import services, tasks
from reports.constants import SnapshotStatus
from reports.periods import Period, Scope

pytestmark = pytest.mark.faults


@pytest.mark.parametrize(
    "fault", [OSError(errno.ENOSPC, "No space left on device"), SoftTimeLimitExceeded("stuck PDF")]
)
def test_failing_pdf_keeps_the_values_and_is_made_at_download(world, client, monkeypatch, fault) -> None:
    real_render = services.render_pdf

    def broken(*args, **kwargs):
        raise fault

    monkeypatch.setattr(services, "render_pdf", broken)
    snapshot = services.snapshot_request(scope=Scope.region(), period=Period.quarter(2026, 1), user=None)
    tasks.build_snapshot.apply(args=[snapshot.pk], throw=True)
    snapshot.refresh_from_db()
    assert (snapshot.status, snapshot.is_current, snapshot.pdf) == (SnapshotStatus.DONE, True, None)
    assert snapshot.values  # the figures are safe

    client.force_login(world.contract_manager)
    url = reverse("reports:snapshot_pdf", args=[snapshot.pk])
    response = client.get(url, follow=True)  # still failing: a message, not a 500
    assert response.redirect_chain[-1][0] == reverse("reports:snapshot_detail", args=[snapshot.pk])
    assert "De PDF kon nu niet worden gemaakt" in response.content.decode()

    monkeypatch.setattr(services, "render_pdf", real_render)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    snapshot.refresh_from_db()
    assert bytes(snapshot.pdf).startswith(b"%PDF")  # stored once rendered


def test_report_task_has_time_limits() -> None:
    assert tasks.build_snapshot.soft_time_limit == tasks.BUILD_SOFT_TIME_LIMIT
    assert tasks.build_snapshot.time_limit == tasks.BUILD_TIME_LIMIT > tasks.BUILD_SOFT_TIME_LIMIT
