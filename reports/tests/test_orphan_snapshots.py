"""No orphan pending reports: a pending snapshot that nothing is going to build is started (issue 18)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from opvang.models import OutboxMessage
from opvang.tests.factories import LocationFactory
from reports import tasks
from reports.constants import SnapshotStatus
from reports.models import ReportSnapshot
from reports.periods import Period, Scope
from reports.services import ORPHAN_AFTER, snapshot_queue, snapshot_request

pytestmark = pytest.mark.django_db

Q1 = Period.quarter(2026, 1)


def requested(snapshot: ReportSnapshot, ago: datetime.timedelta) -> ReportSnapshot:
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(requested_at=timezone.now() - ago)
    return snapshot


def test_the_sweep_starts_pending_snapshots_that_nothing_will_build_and_only_those(
    django_capture_on_commit_callbacks,
) -> None:
    scopes = [Scope.for_location(LocationFactory()) for _ in range(5)]
    old = ORPHAN_AFTER + datetime.timedelta(minutes=1)
    # Requested before the outbox existed: pending, no outbox row at all.
    orphan = requested(snapshot_request(scope=scopes[0], period=Q1, user=None), old)
    # Just requested (its outbox row may still be committing): left alone.
    fresh = snapshot_request(scope=scopes[1], period=Q1, user=None)
    # Queued while the broker is down: the outbox sweep sends it, this sweep leaves it alone.
    with django_capture_on_commit_callbacks(execute=False):
        waiting = requested(snapshot_queue(scope=scopes[2], period=Q1, user=None), old)
    # Published a minute ago (a busy worker has not reached it yet): left alone.
    with django_capture_on_commit_callbacks(execute=False):
        on_its_way = requested(snapshot_queue(scope=scopes[3], period=Q1, user=None), old)
    OutboxMessage.objects.filter(key=f"snapshot:{on_its_way.pk}").update(
        dispatched_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    # Published long ago, and the broker lost it (restarted empty): an orphan too.
    with django_capture_on_commit_callbacks(execute=False):
        lost = requested(snapshot_queue(scope=scopes[4], period=Q1, user=None), old)
    OutboxMessage.objects.filter(key=f"snapshot:{lost.pk}").update(dispatched_at=timezone.now() - old)

    with django_capture_on_commit_callbacks(execute=True):  # the outbox publishes, the task runs (eager)
        assert tasks.requeue_orphan_snapshots.apply(throw=True).get() == 2
    status = dict(ReportSnapshot.objects.values_list("pk", "status"))
    assert status == {
        orphan.pk: SnapshotStatus.DONE,
        lost.pk: SnapshotStatus.DONE,
        fresh.pk: SnapshotStatus.PENDING,
        waiting.pk: SnapshotStatus.PENDING,
        on_its_way.pk: SnapshotStatus.PENDING,
    }
    # Queued once: the next sweep finds the new outbox rows and does nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.requeue_orphan_snapshots.apply(throw=True).get() == 0
    assert OutboxMessage.objects.filter(key=f"snapshot:{orphan.pk}").count() == 1
