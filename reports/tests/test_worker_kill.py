"""A worker killed in the middle of a scheduled report: after redelivery, exactly one report.

Real processes throughout: a Celery worker (solo pool) is started against Redis, takes the
monthly-snapshot job, and is held mid-report by a table lock this test owns (deterministic:
no sleeps racing the work). The worker is then killed with SIGKILL, the lock released, and a
second worker started; Redis redelivers the unacknowledged job (acks_late, visibility timeout
shortened for the test) and the second worker finishes it.
"""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from conftest import make_household
from opvang.tests.factories import LocationFactory
from reports.constants import SnapshotStatus
from reports.models import ReportSnapshot, ScheduledRun

BASE = Path(__file__).resolve().parents[2]
VISIBILITY_SECONDS = 3


def conninfo() -> str:
    s = connection.settings_dict
    return f"host={s['HOST'] or '127.0.0.1'} port={s['PORT'] or 5432} user={s['USER']} dbname={s['NAME']}"


def start_worker(broker: str, queue: str, log: Path) -> subprocess.Popen:
    s = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "opvang.settings.test",
        "DATABASE_URL": f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}",
        "CELERY_BROKER_URL": broker,
    }
    command = [sys.executable, "-c", WORKER_BOOT, "-A", "opvang", "worker", "--pool=solo", "-Q", queue]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO"]
    return subprocess.Popen(command, cwd=BASE, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


# Celery's command line, with task_always_eager off (the test settings switch it on for the
# in-process suite) and a redelivery sweep every second instead of every ~100 s.
WORKER_BOOT = (
    "import sys, django; django.setup();"
    "from opvang.celery import app; app.conf.task_always_eager = False;"
    f"app.conf.broker_transport_options = {{'visibility_timeout': {VISIBILITY_SECONDS},"
    " 'unacked_restore_interval': 1, 'unacked_restore_throttle': 1};"
    "sys.argv = ['celery'] + sys.argv[1:];"
    "from celery.__main__ import main; main()"
)


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def a_backend_waits_on_a_lock(cursor) -> bool:
    cursor.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    return cursor.fetchone()[0] > 0


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_killed_worker_mid_report_yields_exactly_one_report_after_redelivery(tmp_path) -> None:
    broker = os.environ.get("OPVANG_TEST_REDIS_URL")
    if not broker:
        pytest.skip("OPVANG_TEST_REDIS_URL is not set")
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker is a separate process on the same database")
    from opvang.celery import app
    from reports import tasks

    location = LocationFactory(name="Werkplaats")
    make_household(location, "HH-2026-07777")
    day = "2026-03-01"  # the monthly job then reports on February 2026
    queue = f"opvang-kill-{uuid.uuid4().hex}"

    with psycopg.connect(conninfo(), autocommit=False) as holder, psycopg.connect(conninfo(), autocommit=True) as watch:
        # Hold the report table: the worker can read, but blocks when it writes the snapshot.
        holder.execute("LOCK TABLE reports_reportsnapshot IN EXCLUSIVE MODE")
        first = start_worker(broker, queue, tmp_path / "worker1.log")
        try:
            saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
            app.conf.update(broker_url=broker, task_always_eager=False)
            try:
                with app.connection_for_write(broker) as conn:
                    tasks.monthly_location_snapshots.apply_async(kwargs={"day": day}, queue=queue, connection=conn)
            finally:
                app.conf.update(saved)
            with watch.cursor() as cursor:
                wait_for(lambda: a_backend_waits_on_a_lock(cursor), 60, "the worker to reach the report")
            # Mid-report: the worker has claimed the job (ScheduledRun) and is blocked writing the
            # snapshot, all inside one uncommitted transaction. Kill it there.
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
        finally:
            if first.poll() is None:
                first.kill()
        holder.rollback()  # release the table; the dead worker's transaction rolls back

    assert not ScheduledRun.objects.exists(), "a killed worker left a claim behind"
    assert not ReportSnapshot.objects.filter(status=SnapshotStatus.DONE).exists()

    time.sleep(VISIBILITY_SECONDS + 1)  # the job is now due for redelivery
    second = start_worker(broker, queue, tmp_path / "worker2.log")
    try:
        wait_for(
            lambda: ReportSnapshot.objects.filter(status=SnapshotStatus.DONE).exists(),
            90,
            "the redelivered job to finish (log: %s)" % (tmp_path / "worker2.log"),
        )
        time.sleep(2)  # a second, duplicate delivery would have shown up by now
    finally:
        second.terminate()
        try:
            second.wait(timeout=20)
        except subprocess.TimeoutExpired:
            second.kill()

    snapshots = ReportSnapshot.objects.filter(location=location, period_start=datetime.date(2026, 2, 1))
    assert snapshots.count() == 1
    only = snapshots.get()
    assert (only.status, only.is_current) == (SnapshotStatus.DONE, True)
    assert ScheduledRun.objects.count() == 1
