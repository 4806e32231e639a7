"""The transactional outbox: queue Celery work so that a broker outage never loses it.

``outbox_enqueue`` writes a row in the caller's transaction and publishes it after the commit.
When the broker cannot be reached the row stays undispatched (nothing is raised to the user's
request) and ``outbox_dispatch_pending`` (run by beat every minute) publishes it later. Delivery
is at least once: the tasks behind it are idempotent (ScheduledRun keys, finished snapshots).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from .celery import app
from .models import OutboxMessage

logger = logging.getLogger(__name__)

# A dead broker answers "connection refused" at once; an unreachable one is bounded by
# broker_connection_timeout. A couple of quick retries, then the sweep takes over.
PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
BROKER_ERRORS = (BrokerError, ConnectionError, OSError, TimeoutError)
SWEEP_BATCH = 500


@transaction.atomic
def outbox_enqueue(*, task: str, kwargs: dict[str, Any], key: str = "") -> OutboxMessage:
    """Queue ``task`` (its registered name) with JSON ``kwargs``; published after the commit."""
    message = OutboxMessage(task_name=task, kwargs=kwargs, key=key)
    message.full_clean()
    message.save()
    transaction.on_commit(partial(outbox_dispatch, message_id=message.pk))
    return message


def outbox_dispatch(*, message_id: int) -> bool:
    """Publish one undispatched message; False when it was already sent or the broker is down."""
    if app.conf.task_always_eager:
        return _run_eagerly(message_id)
    with transaction.atomic():
        # Locked while publishing: the sweep and the after-commit hook never send it twice.
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=message_id, dispatched_at=None).first()
        )
        if message is None:
            return False
        message.attempts += 1
        try:
            # By name: the web process never imports the higher apps' task modules.
            app.send_task(message.task_name, kwargs=message.kwargs, retry=True, retry_policy=PUBLISH_RETRY_POLICY)
        except BROKER_ERRORS as error:
            logger.warning("outbox %s: broker unreachable, kept for the sweep: %s", message.pk, error)
            message.last_error = str(error)[:2000]
            message.save(update_fields=["attempts", "last_error"])
            return False
        message.dispatched_at = timezone.now()
        message.save(update_fields=["attempts", "dispatched_at"])
    return True


def _run_eagerly(message_id: int) -> bool:
    # Without a broker (development, tests) the task runs here and now, as .delay() would.
    claimed = OutboxMessage.objects.filter(pk=message_id, dispatched_at=None).update(dispatched_at=timezone.now())
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    if message.task_name not in app.tasks:
        app.loader.import_default_modules()  # autodiscovery: every app's tasks module
    app.tasks[message.task_name].delay(**message.kwargs)
    return True


def outbox_dispatch_pending() -> int:
    """Publish every undispatched message, oldest first; returns how many were sent."""
    ids = list(OutboxMessage.objects.filter(dispatched_at=None).values_list("pk", flat=True)[:SWEEP_BATCH])
    return sum(outbox_dispatch(message_id=pk) for pk in ids)


def outbox_is_waiting(key: str) -> bool:
    """Whether work about ``key`` is still waiting for the broker (never published)."""
    return OutboxMessage.objects.filter(key=key, dispatched_at=None).exists()


def outbox_keys_in_flight(keys: Iterable[str], *, since: datetime.datetime) -> set[str]:
    """Of ``keys``, those with a message still waiting for the broker or published since
    ``since`` (a worker may not have reached it yet); the others have nothing on the way."""
    recent = Q(dispatched_at=None) | Q(dispatched_at__gte=since)
    return set(OutboxMessage.objects.filter(recent, key__in=list(keys)).values_list("key", flat=True))
