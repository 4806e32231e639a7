"""Celery tasks of the monitoring app. Each takes ids/dates, looks objects up again and calls a
service; idempotency comes from ScheduledRun's unique key per (kind, scope, period)."""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from opvang import selectors as network_selectors
from opvang.constants import Role
from opvang.models import Location

from . import selectors, services
from .constants import PeriodKind, RunKind
from .models import ReportSnapshot
from .periods import Period, Scope

if TYPE_CHECKING:
    from celery import Task  # bound tasks (bind=True in RETRY) receive themselves

logger = logging.getLogger(__name__)
# A database outage (restart, failover) is waited out for about an hour: 1, 2, 4 … 256 seconds,
# then every 5 minutes. No jitter: Celery's "full jitter" draws each wait from 0 up to the
# backoff, so five retries could be spent within a second or two of a restart (issue 18).
RETRY = {
    "bind": True,
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "retry_jitter": False,
    "max_retries": 20,
}


def _last_complete(kind: str, today: datetime.date) -> Period:
    """The last complete month/quarter/year before ``today``."""
    current = Period.containing(kind, today)
    return current.previous()


def _today(day: str | None) -> datetime.date:
    return datetime.date.fromisoformat(day) if day else timezone.localdate()


# A stuck report never holds a worker forever: the soft limit ends the PDF (values are kept,
# the PDF follows at download) or fails the build (shown on its page, start it again); the
# hard limit kills the task if even that does not return.
BUILD_SOFT_TIME_LIMIT = 300
BUILD_TIME_LIMIT = 360


@shared_task(**RETRY, soft_time_limit=BUILD_SOFT_TIME_LIMIT, time_limit=BUILD_TIME_LIMIT)
def build_snapshot(self: Task, snapshot_id: int) -> None:
    """On-demand generation started from the UI (progress shown by polling)."""
    snapshot = ReportSnapshot.objects.select_related("organisation", "location__organisation").get(pk=snapshot_id)
    try:
        services.snapshot_build(snapshot=snapshot)
    except (OperationalError, InterfaceError):
        raise  # retried with backoff
    except Exception as error:
        logger.exception("snapshot %s failed", snapshot_id)
        services.snapshot_fail(snapshot_id=snapshot_id, error=str(error))
        raise


@shared_task(**RETRY)
def requeue_orphan_snapshots(self: Task) -> int:
    """Every few minutes: start the pending snapshots that nothing is going to build."""
    return services.orphan_snapshots_requeue()


@shared_task(**RETRY)
def monthly_location_snapshots(self: Task, day: str | None = None) -> int:
    """On the 1st: last month's snapshot for every shelter location."""
    period = _last_complete(PeriodKind.MONTH, _today(day))
    made = 0
    for location_id in selectors.shelter_locations().values_list("pk", flat=True):
        location = Location.objects.select_related("organisation").get(pk=location_id)
        made += bool(
            services.scheduled_snapshot(
                kind=RunKind.MONTHLY_LOCATION, scope=Scope.for_location(location), period=period
            )
        )
    return made


@shared_task(**RETRY)
def quarterly_reports(self: Task, day: str | None = None) -> int:
    """After each quarter: the monitoring report per location, per organisation and for the region."""
    period = _last_complete(PeriodKind.QUARTER, _today(day))
    scopes = [Scope.for_location(loc) for loc in selectors.shelter_locations()]
    scopes += [Scope.for_organisation(org) for org in selectors.shelter_organisations()]
    scopes.append(Scope.region())
    return sum(bool(services.scheduled_snapshot(kind=RunKind.QUARTERLY, scope=s, period=period)) for s in scopes)


@shared_task(**RETRY)
def evaluation_dossiers(self: Task, day: str | None = None) -> int:
    """In Q2: last year's snapshot per location and a draft evaluation dossier for the meeting."""
    today = _today(day)
    period = Period.year(today.year - 1)
    made = 0
    for location in selectors.shelter_locations():
        services.dossier_ensure(location=location, year=today.year - 1)
        made += bool(
            services.scheduled_snapshot(kind=RunKind.EVALUATION, scope=Scope.for_location(location), period=period)
        )
    return made


@shared_task(**RETRY)
def replace_provisional_snapshots(self: Task, day: str | None = None) -> int:
    """Daily: a final revision of each current provisional snapshot whose period has ended."""
    return services.provisional_snapshots_replace(today=_today(day))


SIGNAL_LABELS = {
    "beschikking_expired": gettext_noop("Beschikking expired"),
    "beschikking_ending": gettext_noop("Beschikking ends within 14 days"),
    "child_without_intake": gettext_noop("Child without own intake after 14 days"),
    "plan_review_overdue": gettext_noop("Plan review overdue"),
    "follow_up_due": gettext_noop("Follow-up due today"),
    "follow_up_overdue": gettext_noop("Follow-up overdue"),
    "chain_decision_due": gettext_noop("Chain consultation decision due today"),
    "chain_decision_overdue": gettext_noop("Chain consultation decision overdue"),
    "evaluation_action_due": gettext_noop("Follow-up action of an evaluation due within 14 days"),
    "evaluation_action_overdue": gettext_noop("Follow-up action of an evaluation overdue"),
}


@shared_task(**RETRY)
def daily_caseload_digest(self: Task, day: str | None = None) -> int:
    """Refresh each caseworker's signals and mail them a short digest, at most once a day.

    The mail holds only the household reference and the client's initials: no names, no dates
    of birth, no free text (mail leaves the application). Team leads also read which trainings
    and registrations of their staff expire within 60 days.
    """
    today = _today(day)
    signals = selectors.caseworker_signals(today)
    expiring = network_selectors.expiring_credentials(today)
    sent = 0
    action_owners = {
        user_id
        for user_id, rows in signals.items()
        if any(signal.startswith("evaluation_action") for signal, _reference, _initials in rows)
    }
    for user in selectors.digest_recipients(set(signals) | set(expiring), any_role=action_owners):
        rows = signals.get(user.pk, [])
        credentials = expiring.get(user.pk, []) if user.role == Role.TEAM_LEAD else []
        if not rows and not credentials:
            continue
        with override("nl"):
            lines = [
                f"- {_(SIGNAL_LABELS[signal])}: {reference}" + (f" ({initials})" if initials else "")
                for signal, reference, initials in rows
            ]
            body = [_("Your signals for today (%(day)s):") % {"day": today.strftime("%d-%m-%Y")}, "", *lines]
            if credentials:
                body += [
                    "",
                    _("Trainings and registrations of your staff that expire within 60 days:"),
                    "",
                    *(f"- {name}: {label} ({expires.strftime('%d-%m-%Y')})" for name, label, expires in credentials),
                ]
            subject = _("Opvang: your signals for today")
        if not services.digest_mail_queue(
            user=user,
            period=Period.custom(today, today),
            subject=subject,
            body="\n".join(body),
            detail={"signals": len(rows), "expiring": len(credentials)},
        ):
            continue
        sent += 1
    return sent
