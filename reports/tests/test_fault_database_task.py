"""Database outage under a Celery task: it retries with backoff and finishes exactly once (issue 18).

Real processes: the test's own PostgreSQL cluster (a copy of the test database), its own Redis
and a Celery worker (solo pool) on both. The daily digest job is delivered twice (a duplicate, as
after a redelivery) while the cluster is stopped; both deliveries fail on the database and are
retried with backoff; when the cluster is back one of them claims the day (``ScheduledRun``) and
queues the mail, the other finds the claim and does nothing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

import pytest
from django.db import connection

from cases.models import Beschikking
from opvang.celery import app
from opvang.models import OutboxMessage
from opvang.tests.faultservices import (
    PostgresCluster,
    copy_test_database,
    start_worker,
    stop_worker,
    wait_for,
)
from reports.models import ScheduledRun

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

DAY = "2026-04-10"


@pytest.fixture
def cluster() -> Iterator[PostgresCluster]:
    """This test's data in a cluster of its own; the test's connection points at it meanwhile."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    server = PostgresCluster()
    saved = {key: connection.settings_dict[key] for key in ("HOST", "PORT")}
    try:
        server.start()
        copy_test_database(server)
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(server.port))
        yield server
    finally:
        connection.close()
        connection.settings_dict.update(saved)
        server.remove()


def digest_due(world) -> None:
    adult = world.household_a1.adults.get()
    adult.caseworker = world.caseworker
    adult.save()
    world.caseworker.email = "begeleider@example.org"
    world.caseworker.save()
    Beschikking.objects.filter(stay__household=world.household_a1).update(end_on=datetime.date(2026, 4, 20))


def retries(log) -> dict[str, list[int]]:
    """The wait before each retry (seconds), per delivery (task id), as the worker logged them."""
    waits: dict[str, list[int]] = {}
    for task_id, seconds in re.findall(r"daily_caseload_digest\[([^\]]+)\] retry: Retry in (\d+)s", log.read_text()):
        waits.setdefault(task_id, []).append(int(seconds))
    return waits


def succeeded(log) -> int:
    return len(re.findall(r"daily_caseload_digest\[[^\]]+\] succeeded", log.read_text()))


def test_a_task_that_hits_a_stopped_database_retries_with_backoff_and_finishes_exactly_once(
    world, request, broker, tmp_path
) -> None:
    digest_due(world)
    cluster = request.getfixturevalue("cluster")  # after the data: the copy holds it
    log = tmp_path / "worker.log"
    worker = start_worker(broker.url, log)
    try:
        wait_for(lambda: "ready." in log.read_text(), 60, f"the worker to start (log: {log})")
        cluster.stop()  # the outage
        for _delivery in range(2):  # the job, and a duplicate of it
            app.send_task("reports.tasks.daily_caseload_digest", kwargs={"day": DAY})
        wait_for(
            lambda: [len(waits) >= 2 for waits in retries(log).values()] == [True, True],
            60,
            f"both deliveries to be retried twice (log: {log})",
        )

        cluster.start()  # back: the next retries go through
        connection.close()  # this test's own connection was broken by the outage

        def finished() -> bool:
            connection.close()
            return OutboxMessage.objects.filter(
                task_name="opvang.tasks.send_mail", dispatched_at__isnull=False
            ).exists()

        wait_for(finished, 90, f"the digest to be made after the outage (log: {log})")
        wait_for(lambda: succeeded(log) == 2, 90, f"both deliveries to finish (log: {log})")
    finally:
        stop_worker(worker)
    # Exactly once: one claim of the day, one mail queued and published.
    assert ScheduledRun.objects.filter(kind="digest", key=f"user:{world.caseworker.pk}").count() == 1
    assert OutboxMessage.objects.filter(task_name="opvang.tasks.send_mail").count() == 1
    # Backoff: each delivery waited 1 s, then 2 s (then 4 s …), never 0 s.
    assert [waits[:2] for waits in retries(log).values()] == [[1, 2], [1, 2]]
