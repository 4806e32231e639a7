"""Cross-cutting Celery tasks: the outbox sweep and outgoing mail."""

from __future__ import annotations

from smtplib import SMTPException
from typing import TYPE_CHECKING

from celery import shared_task
from django.core.mail import send_mail as django_send_mail

from . import outbox

if TYPE_CHECKING:
    from celery import Task

# Mail is retried until the mail server takes it: every 10 minutes at most, for days.
MAIL_RETRY_MAX_SECONDS = 600
# What a mail server that is down or refuses raises (SMTPException is an OSError too).
MAIL_ERRORS = (SMTPException, OSError)


def mail_retry_countdown(retries: int) -> int:
    """Seconds before the next try of a mail: 5, 10, 20, … at most every 10 minutes."""
    return int(min(MAIL_RETRY_MAX_SECONDS, 5 * 2**retries))


@shared_task(acks_late=True, ignore_result=True)
def outbox_sweep() -> int:
    """Publish the work that could not be sent when it was queued (broker down, lost publish)."""
    return outbox.outbox_dispatch_pending()


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None)
def send_mail(self: Task, *, subject: str, body: str, to: list[str], from_email: str | None = None) -> None:
    """Send one plain-text mail; a mail server that is down is tried again with backoff."""
    try:
        django_send_mail(subject, body, from_email, to)
    except MAIL_ERRORS as error:
        if self.request.is_eager:
            raise
        raise self.retry(exc=error, countdown=mail_retry_countdown(self.request.retries)) from error
