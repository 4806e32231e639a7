"""Broker outage: queued work survives a stopped Redis and runs once it is back (issue 18).

Real processes: a Redis of this test's own (started, stopped, started again on the same port)
and a Celery worker (solo pool) that builds the report once the outbox sweep has published it.
"""

from __future__ import annotations

import datetime
import subprocess
import time

import pytest
from django.db import connection
from django.urls import reverse

from cases.models import Beschikking
from opvang.models import OutboxMessage
from opvang.tasks import outbox_sweep
from opvang.tests.faultservices import wait_for
from reports import tasks
from reports.constants import PeriodKind, ScopeKind, SnapshotStatus
from reports.models import ReportSnapshot, ScheduledRun
from reports.tests.test_worker_kill import start_worker

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

QUEUED_NL = "wordt gemaakt zodra die weer werkt"


def test_report_requested_while_the_broker_is_down_is_built_when_it_is_back(world, client, broker, tmp_path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker is a separate process on the same database")
    broker.stop()  # the outage
    client.force_login(world.contract_manager)
    data = {
        "scope_kind": ScopeKind.LOCATION,
        "location": world.loc_a1.pk,
        "period_kind": PeriodKind.QUARTER,
        "year": 2026,
        "quarter": 1,
    }
    started = time.monotonic()
    response = client.post(reverse("reports:report_generate"), data, follow=True)
    # Generous for a loaded CI machine (the request renders two pages); a hang on the broker is
    # unbounded, and a refused connection is retried twice within a second (PUBLISH_RETRY_POLICY).
    assert time.monotonic() - started < 15, "a dead broker must not hold up the request"

    # The user is told the work is queued, and the page says what is really going on.
    assert response.status_code == 200
    page = response.content.decode()
    assert "staat in de wachtrij" in page and QUEUED_NL in page
    snapshot = ReportSnapshot.objects.get()
    assert snapshot.status == SnapshotStatus.PENDING
    message = OutboxMessage.objects.get(key=f"snapshot:{snapshot.pk}")
    assert message.dispatched_at is None and message.attempts == 1 and message.last_error
    status = client.get(reverse("reports:snapshot_status", args=[snapshot.pk]), headers={"HX-Request": "true"})
    assert QUEUED_NL in status.content.decode()
    assert outbox_sweep() == 0  # the sweep during the outage: still nothing lost, nothing raised

    # The broker comes back; the periodic sweep publishes, a real worker builds the report.
    broker.start()
    worker = start_worker(broker.url, "celery,reports,mail", tmp_path / "worker.log")
    try:
        assert outbox_sweep() == 1
        wait_for(
            lambda: ReportSnapshot.objects.filter(pk=snapshot.pk, status=SnapshotStatus.DONE).exists(),
            90,
            f"the worker to build the report (log: {tmp_path / 'worker.log'})",
        )
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
    snapshot.refresh_from_db()
    assert (snapshot.is_current, bytes(snapshot.pdf)[:4]) == (True, b"%PDF")
    assert OutboxMessage.objects.get(pk=message.pk).dispatched_at is not None
    done = client.get(reverse("reports:snapshot_detail", args=[snapshot.pk])).content.decode()
    assert QUEUED_NL not in done and reverse("reports:snapshot_pdf", args=[snapshot.pk]) in done


def test_digest_mail_queued_while_the_broker_is_down_is_published_when_it_is_back(world, broker) -> None:
    adult = world.household_a1.adults.get()
    adult.caseworker = world.caseworker
    adult.save()
    world.caseworker.email = "begeleider@example.org"
    world.caseworker.save()
    Beschikking.objects.filter(stay__household=world.household_a1).update(end_on=datetime.date(2026, 4, 20))
    broker.stop()

    # The digest job runs (beat reached a worker before the outage): claim and mail row together.
    assert tasks.daily_caseload_digest.apply(kwargs={"day": "2026-04-10"}, throw=True).get() == 1
    claim = ScheduledRun.objects.get(kind="digest", key=f"user:{world.caseworker.pk}")
    mail = OutboxMessage.objects.get(task_name="opvang.tasks.send_mail")
    assert mail.dispatched_at is None and mail.kwargs["to"] == ["begeleider@example.org"]
    assert claim.pk  # the claim stays: the mail is not lost with it, it waits in the outbox

    broker.start()
    assert broker.queue_length("mail") == 0
    assert outbox_sweep() == 1
    assert broker.queue_length("mail") == 1  # published exactly once; a second sweep sends nothing
    assert outbox_sweep() == 0 and broker.queue_length("mail") == 1
