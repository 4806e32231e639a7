"""Reads of the shelter network."""

from __future__ import annotations

import datetime

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from .constants import EXPIRY_WARNING_DAYS, QualificationKind, Role, Training
from .models import Location, Organisation, Qualification, TrainingRecord, User


def organisations_with_locations() -> QuerySet[Organisation]:
    return Organisation.objects.prefetch_related(
        Prefetch("locations", queryset=Location.objects.order_by("name"))
    ).annotate(staff_count=Count("staff", distinct=True))


def staff_list() -> QuerySet[User]:
    return User.objects.select_related("organisation").prefetch_related("locations").order_by("username")


def audit_entries() -> QuerySet[LogEntry]:
    """The audit log, newest first (opvang.filters.AuditLogFilter narrows it)."""
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")


# django-auditlog has no Dutch catalogue: the audit log page names its actions itself.
AUDIT_ACTIONS = {
    LogEntry.Action.CREATE: gettext_lazy("created"),
    LogEntry.Action.UPDATE: gettext_lazy("changed"),
    LogEntry.Action.DELETE: gettext_lazy("deleted"),
    LogEntry.Action.ACCESS: gettext_lazy("opened"),
}


def audit_action_label(entry: LogEntry) -> str:
    return str(AUDIT_ACTIONS.get(entry.action, entry.get_action_display()))


def audit_field_labels(entry: LogEntry) -> list[str]:
    """The changed fields by their (Dutch) verbose names instead of their column names."""
    model = entry.content_type.model_class()
    labels = []
    for name in entry.changes_dict:
        try:
            field = model._meta.get_field(name) if model else None
            if field is not None and field.auto_created and not field.concrete:
                # A reverse relation (the children of a household, say): the related model's name.
                assert field.related_model is not None and not isinstance(field.related_model, str)
                labels.append(str(field.related_model._meta.verbose_name_plural))
            else:
                # Fields without a verbose name of their own (created_at) are translated here.
                labels.append(gettext(str(getattr(field, "verbose_name", name))))
        except FieldDoesNotExist:
            labels.append(name)
    return labels


def expiring_credentials(today: datetime.date) -> dict[int, list[tuple[str, Promise, datetime.date]]]:
    """Per team lead (user id): (staff member, training or registration, expiry date) for the
    active staff of their organisation whose training or registration expires within
    EXPIRY_WARNING_DAYS days and has not been renewed. Three queries in all.
    """
    until = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    rows: dict[int, list[tuple[str, Promise, datetime.date]]] = {}
    renewed_training = TrainingRecord.objects.filter(
        user_id=OuterRef("user_id"), training=OuterRef("training"), completed_on__gt=OuterRef("completed_on")
    )
    renewed_registration = Qualification.objects.filter(
        user_id=OuterRef("user_id"), kind=OuterRef("kind"), expires_on__gt=OuterRef("expires_on")
    )
    staff = Q(user__is_active=True, user__organisation__isnull=False, expires_on__range=(today, until))
    fields = ("user__organisation_id", "user__first_name", "user__last_name", "user__username")
    found = [
        (org, " ".join(p for p in (first, last) if p) or username, Training(code).label, expires)
        for org, first, last, username, code, expires in TrainingRecord.objects.filter(staff)
        .exclude(Exists(renewed_training))
        .values_list(*fields, "training", "expires_on")
    ] + [
        (org, " ".join(p for p in (first, last) if p) or username, QualificationKind(code).label, expires)
        for org, first, last, username, code, expires in Qualification.objects.filter(staff)
        .exclude(Exists(renewed_registration))
        .values_list(*fields, "kind", "expires_on")
    ]
    if not found:
        return rows
    leads = User.objects.filter(
        role=Role.TEAM_LEAD, is_active=True, organisation_id__in={org for org, *_ in found}
    ).values_list("pk", "organisation_id")
    for lead_id, org_id in leads:
        rows[lead_id] = sorted(
            ((name, label, expires) for org, name, label, expires in found if org == org_id),
            key=lambda row: (row[2], row[0]),
        )
    return rows
