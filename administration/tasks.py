"""Celery tasks of the administration app: the invitation mail (queued through the outbox)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from celery import shared_task
from django.db import InterfaceError, OperationalError

from opvang.tasks import MAIL_ERRORS, mail_retry_countdown

from . import services

if TYPE_CHECKING:
    from celery import Task


@shared_task(
    bind=True,
    acks_late=True,
    ignore_result=True,
    max_retries=None,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=False,
)
def send_invitation(self: Task, *, invitation_id: int, site_url: str) -> bool:
    """Mail an invitation's link (its token is made now); a mail server that is down is tried
    again with backoff, a database outage too. True when a mail went out."""
    try:
        return services.invitation_mail_send(invitation_id=invitation_id, site_url=site_url) is not None
    except MAIL_ERRORS as error:
        if self.request.is_eager:
            raise
        raise self.retry(exc=error, countdown=mail_retry_countdown(self.request.retries)) from error
