"""Scheduled jobs: idempotent per period, digests without personal details."""

from __future__ import annotations

import datetime
import os
import time
import uuid

import pytest
import time_machine
from django.core import mail

from cases.constants import NoteKind
from cases.models import Beschikking
from cases.note_services import FollowUpData, note_add
from conftest import make_household
from opvang.celery import app
from opvang.schedule import BEAT_SCHEDULE
from opvang.tests.factories import LocationFactory
from reports import tasks
from reports.constants import PeriodKind, SnapshotStatus
from reports.models import EvaluationDossier, ReportSnapshot, ScheduledRun
from reports.periods import Period, Scope
from reports.services import snapshot_request


def test_running_the_quarterly_job_twice_gives_one_current_snapshot_per_scope(world) -> None:
    tasks.quarterly_reports.delay(day="2026-04-02")
    tasks.quarterly_reports.delay(day="2026-04-02")  # a retry or a double delivery
    q1 = Period.quarter(2026, 1)
    snapshots = ReportSnapshot.objects.filter(period_start=q1.start, period_end=q1.end)
    # 3 locations + 2 shelter organisations + the region, each once, each current.
    assert snapshots.count() == 6
    assert snapshots.filter(is_current=True).count() == 6
    assert set(snapshots.values_list("generated_by", flat=True)) == {None}
    assert ScheduledRun.objects.count() == 6


def test_monthly_job_makes_last_months_snapshot_per_location_once(world) -> None:
    tasks.monthly_location_snapshots.delay(day="2026-03-01")
    tasks.monthly_location_snapshots.delay(day="2026-03-01")
    february = ReportSnapshot.objects.filter(period_kind=PeriodKind.MONTH, period_start=datetime.date(2026, 2, 1))
    assert february.count() == 3


def test_evaluation_job_prepares_last_years_dossier_and_snapshot(world) -> None:
    tasks.evaluation_dossiers.delay(day="2026-04-01")
    tasks.evaluation_dossiers.delay(day="2026-04-01")
    assert EvaluationDossier.objects.filter(year=2025).count() == 3
    assert ReportSnapshot.objects.filter(period_kind=PeriodKind.YEAR, period_start__year=2025).count() == 3


def test_daily_digest_mails_each_caseworker_their_own_signals_with_initials_only(
    world, django_capture_on_commit_callbacks
) -> None:
    adult = world.household_a1.adults.get()
    adult.first_name, adult.last_name, adult.caseworker = "Jolanda", "Verbeek", world.caseworker
    adult.save()
    world.caseworker.email = "begeleider@example.org"
    world.caseworker.save()
    beschikking = Beschikking.objects.get(stay__household=world.household_a1)  # stay from 10 Jan 2026
    beschikking.end_on = datetime.date(2026, 4, 20)
    beschikking.save()
    # The mail leaves through the outbox, after the claim's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        sent = tasks.daily_caseload_digest.delay(day="2026-04-10").get()
        tasks.daily_caseload_digest.delay(day="2026-04-10")  # again the same day: no second mail
    assert sent == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["begeleider@example.org"]
    assert "HH-2026-00001 (J.V.)" in message.body
    assert "Jolanda" not in message.body and "Verbeek" not in message.body
    # The child of the household has had no intake for three months: signalled too.
    assert message.body.count("HH-2026-00001") == 2
    assert "HH-2026-00002" not in message.body


def test_daily_digest_lists_due_and_overdue_follow_ups_for_their_owner_without_their_text(
    world, django_capture_on_commit_callbacks
) -> None:
    world.colleague.email = "collega@example.org"
    world.colleague.save()
    with time_machine.travel(datetime.datetime(2026, 4, 1, 10, 0, tzinfo=datetime.UTC), tick=False):
        for due_on in (datetime.date(2026, 4, 8), datetime.date(2026, 4, 10), datetime.date(2026, 4, 30)):
            note_add(
                household=world.household_a1,
                kind=NoteKind.PHONE,
                contact_at=datetime.datetime(2026, 4, 1, 9, 0, tzinfo=datetime.UTC),
                text="Gebeld.",
                by=world.caseworker,
                follow_up=FollowUpData(what="Huisarts bellen", due_on=due_on, owner=world.colleague),
            )
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves through the outbox
        sent = tasks.daily_caseload_digest.delay(day="2026-04-10").get()
    assert sent == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == ["collega@example.org"]
    assert "Vervolgactie te laat: HH-2026-00001" in body
    assert "Vervolgactie voor vandaag: HH-2026-00001" in body
    assert body.count("HH-2026-00001") == 2  # the one due on 30 April waits
    assert "Huisarts" not in body


def test_on_demand_build_marks_the_snapshot_ready_and_current(world) -> None:
    snapshot = snapshot_request(scope=Scope.region(), period=Period.quarter(2026, 1), user=world.policy_officer)
    assert snapshot.status == SnapshotStatus.PENDING and not snapshot.is_current
    tasks.build_snapshot.delay(snapshot.pk)
    snapshot.refresh_from_db()
    assert (snapshot.status, snapshot.progress, snapshot.is_current) == (SnapshotStatus.DONE, 100, True)
    assert bytes(snapshot.pdf).startswith(b"%PDF")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_a_queued_snapshot_and_its_pdf() -> None:
    """End to end: a task queued on Redis, run by a Celery worker, snapshot and PDF stored."""
    broker = os.environ.get("OPVANG_TEST_REDIS_URL")
    if not broker:
        pytest.skip("OPVANG_TEST_REDIS_URL is not set")
    from celery.contrib.testing.worker import start_worker

    from opvang.celery import app

    location = LocationFactory(name="Werkhuis")
    make_household(location, "HH-2026-09999")
    snapshot = snapshot_request(scope=Scope.for_location(location), period=Period.quarter(2026, 1), user=None)
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "result_backend")}
    app.conf.update(broker_url=broker, task_always_eager=False, result_backend=None)
    try:
        # A queue of our own: other test runs may share this Redis database.
        queue = f"opvang-test-{uuid.uuid4().hex}"
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30, queues=[queue]):
            # An explicit connection: the app's cached producer pool may still point at memory://.
            with app.connection_for_write(broker) as connection:
                tasks.build_snapshot.apply_async(args=[snapshot.pk], queue=queue, connection=connection)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                snapshot.refresh_from_db()
                if snapshot.status in (SnapshotStatus.DONE, SnapshotStatus.FAILED):
                    break
                time.sleep(0.5)
    finally:
        app.conf.update(saved)
    assert snapshot.status == SnapshotStatus.DONE, snapshot.error
    assert snapshot.is_current
    assert bytes(snapshot.pdf).startswith(b"%PDF")


@pytest.mark.parametrize("entry", BEAT_SCHEDULE.values(), ids=list(BEAT_SCHEDULE))
def test_scheduled_jobs_wait_out_a_database_outage_of_an_hour(entry) -> None:
    """A job that runs daily or less often retries for about an hour without jitter (which could
    make every wait 0 s); one that runs every few minutes simply runs again (issue 18)."""
    if isinstance(entry["schedule"], float) and entry["schedule"] <= 300:
        return
    app.loader.import_default_modules()
    task = app.tasks[entry["task"]]
    waits = [min(task.retry_backoff_max, 2**retry) for retry in range(task.max_retries)]
    assert (task.retry_jitter, sum(waits) >= 3600) == (False, True)
