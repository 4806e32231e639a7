"""Reads of the privacy app: the access history (NEN 7513), retention, early destruction.

- **Access history**: who read or changed a household's file, when, on whose behalf (the user's
  organisation and role at that moment) and from where (IP address, request path). The entries
  are django-auditlog rows tagged with ``additional_data["household"]`` (opvang.audit writes them).
- **Retention**: which closed files are due for anonymisation.
- **Early destruction**: what a team lead should weigh before approving a request.

The export (AVG art. 15/20) has its own module, export.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db.models import DateField, Exists, Model, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.constants import HouseholdStatus
from cases.models import AftercareContact, Application, Household, PsychSupportReferral, Stay
from children.models import Child, MeldcodeStepRecord, VeerkrachtTrack, YouthCareReferral
from opvang.constants import Role

from .models import Anonymisation, DestructionRequest

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class _CareEnd(TypedDict):
        has_children: bool
        care_end: dt.date

# =============================================================================================
# Access history (NEN 7513)
# =============================================================================================

# The event shown for an entry: its own "event" (exports, refusals, anonymisation) or its action.
EVENT_LABELS = {
    "viewed": gettext_lazy("Viewed"),
    "created": gettext_lazy("Added"),
    "changed": gettext_lazy("Changed"),
    "deleted": gettext_lazy("Deleted"),
    "export": gettext_lazy("Data exported (request for access)"),
    "export_refused": gettext_lazy("Export refused"),
    "history_viewed": gettext_lazy("Access history viewed"),
    "history_printed": gettext_lazy("Access history printed"),
    "anonymised": gettext_lazy("File anonymised"),
    "destruction_requested": gettext_lazy("Request for destruction recorded"),
    "destruction_approved": gettext_lazy("Request for destruction approved"),
    "destruction_refused": gettext_lazy("Request for destruction refused"),
    "destruction_executed": gettext_lazy("Request for destruction executed"),
    # A call of the REST API with a personal token (api app); the token's name is in the entry.
    "api_call": gettext_lazy("API call"),
}
ACTION_EVENTS = {
    LogEntry.Action.CREATE: "created",
    LogEntry.Action.UPDATE: "changed",
    LogEntry.Action.DELETE: "deleted",
    LogEntry.Action.ACCESS: "viewed",
}
# The filter choices of the administrators' search: every action and every own event.
EVENT_CHOICES = [(key, label) for key, label in EVENT_LABELS.items()]


def entry_event(entry: LogEntry) -> str:
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    return data.get("event") or ACTION_EVENTS.get(entry.action, "viewed")


def access_history(household: Household) -> QuerySet[LogEntry]:
    """Every read and write of the household's file and of all its records, newest first.

    One query: the household tag covers every HouseholdRecord; the household's own entries are
    added by object in case an entry was written without the tag.
    """
    household_type = ContentType.objects.get_for_model(Household)
    return (
        LogEntry.objects.filter(
            Q(additional_data__household=household.pk) | Q(content_type=household_type, object_pk=str(household.pk))
        )
        .select_related("actor__organisation", "content_type")
        .order_by("-timestamp", "-pk")
    )


@dataclass(frozen=True)
class HistoryRow:
    """One line of "who has looked at my file": staff, organisation, role, when, what."""

    timestamp: dt.datetime
    who: str
    organisation: str
    role: str
    event: str
    event_label: str
    part: str
    ip: str
    household: int | None


def history_rows(entries: Iterable[LogEntry]) -> list[HistoryRow]:
    """Rows for the pages; entries need ``actor__organisation`` and ``content_type`` joined.

    Organisation and role come from the entry (at the time); older entries without them fall
    back to the user's current organisation and role.
    """
    rows = []
    for entry in entries:
        data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
        actor = entry.actor
        organisation = data.get("organisation_name")
        if organisation is None and actor is not None and actor.organisation is not None:
            organisation = actor.organisation.name
        role_code = data.get("role", actor.role if actor is not None else "")
        event = entry_event(entry)
        rows.append(
            HistoryRow(
                timestamp=entry.timestamp,
                who=(actor.get_full_name() or actor.username) if actor is not None else _("System"),
                organisation=organisation or "",
                role=str(Role(role_code).label) if role_code in Role.values else "",
                event=event,
                event_label=str(EVENT_LABELS.get(event, event)),
                part=_part(entry, data),
                ip=entry.remote_addr or "",
                household=data.get("household"),
            )
        )
    return rows


def _part(entry: LogEntry, data: dict) -> str:
    """What the entry is about; for an API call also the name of the token that made it."""
    part = str(entry.content_type.name) if entry.content_type_id else ""
    return f"{part} “{data['token']}”" if data.get("token") else part


def access_log() -> QuerySet[LogEntry]:
    """The log for the administrators' search, newest first (privacy.filters.AccessLogFilter narrows it)."""
    return LogEntry.objects.select_related("actor__organisation", "content_type").order_by("-timestamp", "-pk")


def household_references(pks: Iterable[int | None]) -> dict[int, str]:
    """Reference per household id, for the rows of one page of the log (one query)."""
    return dict(
        Household.objects.filter(pk__in={pk for pk in pks if isinstance(pk, int)}).values_list("pk", "reference")
    )


# =============================================================================================
# Retention
# =============================================================================================


# Files of children: the Jeugdwet asks at least 20 years after care ends.
RETENTION_YEARS_CHILD = 20
# Files of adults only: no statutory minimum for MO/VO files; 15 years is the providers' policy
# (long enough to recognise a return years later, short enough not to keep files forever).
RETENTION_YEARS_ADULT = 15


def retention_years() -> tuple[int, int]:
    """(child, adult) retention in years; the settings may lengthen them, never shorten below law."""
    child = int(getattr(settings, "OPVANG_RETENTION_YEARS_CHILD", RETENTION_YEARS_CHILD))
    adult = int(getattr(settings, "OPVANG_RETENTION_YEARS_ADULT", RETENTION_YEARS_ADULT))
    if child < RETENTION_YEARS_CHILD:
        raise ImproperlyConfigured("OPVANG_RETENTION_YEARS_CHILD may not be less than 20 (Jeugdwet).")
    if adult < 1:
        raise ImproperlyConfigured("OPVANG_RETENTION_YEARS_ADULT must be at least 1.")
    return child, adult


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without it
        return day.replace(year=day.year - years, day=28)


_NEVER = dt.date(1900, 1, 1)


def _latest(model: type[Model], field: str, path: str = "household") -> Coalesce:
    subquery = (
        model._default_manager.filter(**{path: OuterRef("pk"), f"{field}__isnull": False})
        .order_by(f"-{field}")
        .values(field)[:1]
    )
    return Coalesce(Subquery(subquery, output_field=DateField()), Value(_NEVER, output_field=DateField()))


def households_with_care_end() -> QuerySet[WithAnnotations[Household, _CareEnd]]:
    """Households annotated with ``care_end``: the last day care was given.

    Care ends with the last stay or the last aftercare contact (an application that never led
    to a stay counts with its own date), or the end of an adult's psychological support, which
    can run on after the stay. With children, the children's own care counts too
    (youth-care referrals and Veerkracht can end after the stay): the youngest child's care is
    the one that ends last.
    """
    household_end = Greatest(
        _latest(Stay, "left_on"),
        _latest(AftercareContact, "contact_on"),
        _latest(Application, "applied_on"),
        _latest(PsychSupportReferral, "ended_on", "adult__household"),
    )
    children_end = Greatest(
        _latest(YouthCareReferral, "ended_on", "child__household"),
        _latest(VeerkrachtTrack, "ended_on", "child__household"),
    )
    return Household.objects.annotate(
        has_children=Exists(Child.objects.filter(household=OuterRef("pk"))),
        care_end=Greatest(household_end, children_end, output_field=DateField()),
    )


def files_due_for_anonymisation(today: dt.date) -> QuerySet[Household]:
    """Closed, not yet anonymised households whose retention period has ended on ``today``."""
    child_years, adult_years = retention_years()
    return (
        households_with_care_end()
        .filter(status=HouseholdStatus.CLOSED, care_end__gt=_NEVER)
        .exclude(Exists(Anonymisation.objects.filter(household=OuterRef("pk"), child__isnull=True)))
        .exclude(Exists(Stay.objects.filter(household=OuterRef("pk"), left_on__isnull=True)))
        .filter(
            Q(has_children=True, care_end__lte=years_before(today, child_years))
            | Q(has_children=False, care_end__lte=years_before(today, adult_years))
        )
        .order_by("pk")
    )


def is_anonymised(household: Household) -> bool:
    return Anonymisation.objects.filter(household=household, child__isnull=True).exists()


# =============================================================================================
# Early destruction on request
# =============================================================================================


def destruction_warnings(destruction_request: DestructionRequest) -> list[str]:
    """What the team lead should weigh before approving (shown on the decision page)."""
    household = destruction_request.household
    children = Child.objects.filter(household=household)
    if destruction_request.child_id:
        children = children.filter(pk=destruction_request.child_id)
    warnings = []
    if household.status != HouseholdStatus.CLOSED:
        warnings.append(_("The household's file is not closed: care is still running."))
    if children.filter(Q(veilig_thuis_report=True) | ~Q(protection_concerns="")).exists():
        warnings.append(_("There are child-protection concerns or a Veilig Thuis report."))
    if MeldcodeStepRecord.objects.filter(child__in=children).exists():
        warnings.append(_("Steps of the meldcode have been recorded."))
    if YouthCareReferral.objects.filter(child__in=children, ended_on__isnull=True).exists():
        warnings.append(_("A youth-care referral is still open."))
    open_support = PsychSupportReferral.objects.filter(adult__household=household, ended_on__isnull=True, outcome="")
    if destruction_request.child_id is None and open_support.exists():
        warnings.append(_("An adult's referral for psychological support is still open."))
    return warnings
