"""The audit trail, built on django-auditlog.

Every create, change and delete of a registered model is logged with the changed fields, the
actor and the IP address (AuditlogMiddleware). Opening a person's file is logged as an ACCESS
entry through :func:`record_access`. Entries carry ``additional_data["household"]`` so that a
client's own access history ("who has looked at my file") is one indexed filter.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import contextmanager
from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.db import connection, transaction

# Each app registers its own models from its AppConfig.ready() with register_models(), naming
# the fields that are never written into the log in clear text: the log is read by
# administrators, who do not see case files, so identifiers and restricted sections are masked
# (the change itself is logged).


def register_models(
    pairs: list[tuple[str, str]],
    *,
    masked: Mapping[str, list[str]] | None = None,
    excluded: Mapping[str, list[str]] | None = None,
) -> None:
    """Log every create, change and delete of these (app_label, model) pairs. ``masked`` and
    ``excluded`` map a model name to fields logged as "***" or not logged at all."""
    for app_label, model_name in pairs:
        model = apps.get_model(app_label, model_name)
        if auditlog.contains(model):
            continue
        m2m = [f.name for f in model._meta.many_to_many]
        auditlog.register(
            model,
            mask_fields=(masked or {}).get(model_name, []),
            mask_callable="opvang.audit.mask_value",
            exclude_fields=(excluded or {}).get(model_name, []),
            m2m_fields=m2m,
        )


def mask_value(value: str) -> str:
    """Masked fields show only that they changed, not what they contain."""
    return "***"


@contextmanager
def audit_maintenance():
    """The one way past the append-only guard (PostgreSQL): for the log-retention job only."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL opvang.audit_maintenance = 'on'")
        yield


def access_origin(user, request=None) -> dict[str, Any]:
    """On whose behalf and from where: stored in an entry's ``additional_data``.

    The organisation and role are copied as they are now, because a user may move to another
    organisation later; the log must show on whose behalf the file was opened at the time.
    """
    data: dict[str, Any] = {}
    if user is not None and getattr(user, "is_authenticated", False):
        organisation = user.organisation
        data |= {
            "organisation": user.organisation_id,
            "organisation_name": organisation.name if organisation else "",
            "role": user.role,
        }
    if request is not None:
        data["path"] = request.path[:300]
    return data


def log_event(
    obj,
    *,
    event: str,
    user=None,
    request=None,
    action: int = LogEntry.Action.ACCESS,
    **extra: Any,
) -> LogEntry:
    """One audit entry on a file: the household tag, the origin, the event and its details.

    The privacy app reads these entries back as the client's access history; ``event`` names
    what happened ("viewed", "export", "anonymised", ...).
    """
    data = dict(obj.get_additional_data() or {})
    data |= access_origin(user, request)
    data |= {"event": event, **extra}
    # Inside a request the AuditlogMiddleware fills in actor and IP address; a task passes the
    # actor itself (or none: the system).
    actor = user if user is not None and getattr(user, "is_authenticated", False) else None
    return LogEntry.objects.log_create(obj, action=action, force_log=True, actor=actor, additional_data=data)


def record_access(instance, request, *, event: str = "viewed", **extra: Any) -> LogEntry:
    """Log that the request's user opened a person's file (or a part of it), with the origin
    NEN 7513 asks for: the user's organisation and role at that moment, the path and the IP."""
    return log_event(instance, event=event, user=request.user, request=request, **extra)
