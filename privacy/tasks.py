"""Celery tasks of the privacy app.

anonymise_due_files runs daily from beat (see the schedule entry "privacy-anonymise-due-files").
It is idempotent by construction: the selector skips anonymised households and the unique
constraints on Anonymisation make a second anonymisation of the same file impossible.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from cases.models import Household

from . import selectors, services
from .constants import AnonymisationReason

logger = logging.getLogger("privacy.tasks")


# A database that is down when the job starts is waited out (about an hour, as reports.tasks.RETRY).
@shared_task(
    acks_late=True,
    ignore_result=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=False,
    max_retries=20,
)
def anonymise_due_files(today: str | None = None) -> int:
    """Anonymise every closed file whose retention period has ended. Returns how many it did.

    Each household in its own transaction: one failure is logged and does not stop the rest.
    """
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    due = list(selectors.files_due_for_anonymisation(day).values_list("pk", flat=True))
    logger.info("anonymise_due_files started: %s due on %s", len(due), day.isoformat())
    done = failed = 0
    for pk in due:
        household = Household.objects.filter(pk=pk).first()
        if household is None:
            continue
        try:
            if selectors.is_anonymised(household):
                continue
            services.household_anonymise(household, reason=AnonymisationReason.RETENTION)
            done += 1
        except Exception:
            failed += 1
            logger.exception("anonymise_due_files failed for household %s", pk)
    logger.info("anonymise_due_files finished: %s anonymised, %s failed", done, failed)
    return done
