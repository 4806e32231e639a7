"""AVG rights and the NEN 7513 access history: selectors (reads) and services (writes).

Four concerns, one module (it becomes a package when it grows):

- **Access history** (NEN 7513): who read or changed a household's file, when, on whose behalf
  (the user's organisation and role at that moment) and from where (IP address, request path).
  The entries are django-auditlog rows tagged with ``additional_data["household"]``.
- **Export** (AVG art. 15/20): all data on one household or one child as a dict that is JSON as
  it stands and renders as a readable PDF. Data about third parties is left out or marked.
- **Retention**: closed files are anonymised when their retention period has ended.
- **Early destruction**: a request of a parent, an adult client or a child of 12 or older,
  decided by a team lead, executed by anonymisation.

Every step that reads or changes a file writes an audit entry on the household, so the
client's own history shows exports, refusals, decisions and the anonymisation itself.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import DateField, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, TruncYear
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.constants import HouseholdStatus
from cases.models import (
    AdultClient,
    AftercareContact,
    Application,
    Beschikking,
    BeschikkingExtension,
    Handover,
    Household,
    Involvement,
    Stay,
    SuspendedChild,
    Suspension,
    ZrmAssessment,
)
from children.constants import CONSENT_AGE
from children.models import (
    Child,
    ChildVoice,
    MeldcodeStepRecord,
    VeerkrachtTrack,
    YouthCareReferral,
    age_on,
)
from plans.models import Action, Agreement, CircleMeeting, Goal, Participant, Plan, PlanVersion

from .constants import AnonymisationReason, DestructionStatus, RequesterRelation, Role
from .models import Anonymisation, DestructionRequest, User

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
}
ACTION_EVENTS = {
    LogEntry.Action.CREATE: "created",
    LogEntry.Action.UPDATE: "changed",
    LogEntry.Action.DELETE: "deleted",
    LogEntry.Action.ACCESS: "viewed",
}
# The filter choices of the administrators' search: every action and every own event.
EVENT_CHOICES = [(key, label) for key, label in EVENT_LABELS.items()]


def access_origin(user: User | None, request=None) -> dict[str, Any]:
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


def _log_event(
    obj,
    *,
    event: str,
    user: User | None,
    request=None,
    action: int = LogEntry.Action.ACCESS,
    **extra: Any,
) -> LogEntry:
    """One audit entry on a file: the household tag, the origin, the event and its details."""
    data = dict(obj.get_additional_data() or {})
    data |= access_origin(user, request)
    data |= {"event": event, **extra}
    # Inside a request the AuditlogMiddleware fills in actor and IP address; a task passes the
    # actor itself (or none: the system).
    actor = user if user is not None and getattr(user, "is_authenticated", False) else None
    return LogEntry.objects.log_create(obj, action=action, force_log=True, actor=actor, additional_data=data)


def record_file_access(obj, request, *, event: str = "viewed", **extra: Any) -> LogEntry:
    """Log that the request's user opened (part of) a file, with organisation, role and path.

    Until opvang.audit.record_access takes the request (see the privacy report), views of other
    apps log through record_access without the origin; access_history tolerates both.
    """
    return _log_event(obj, event=event, user=request.user, request=request, **extra)


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


def history_rows(entries) -> list[HistoryRow]:
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
                part=str(entry.content_type.name) if entry.content_type_id else "",
                ip=entry.remote_addr or "",
                household=data.get("household"),
            )
        )
    return rows


def access_log_search(
    *,
    user: str = "",
    reference: str = "",
    event: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[LogEntry]:
    """The administrators' search of the log. Two queries at most (households by reference)."""
    entries = LogEntry.objects.select_related("actor__organisation", "content_type").order_by("-timestamp", "-pk")
    if user:
        entries = entries.filter(
            Q(actor__username__icontains=user)
            | Q(actor__first_name__icontains=user)
            | Q(actor__last_name__icontains=user)
            | Q(actor_email__icontains=user)
        )
    if reference:
        # Evaluated here: a JSON key lookup takes a list of values, not a subquery.
        pks = list(Household.objects.filter(reference__icontains=reference).values_list("pk", flat=True)[:500])
        household_type = ContentType.objects.get_for_model(Household)
        entries = entries.filter(
            Q(additional_data__household__in=pks)
            | Q(content_type=household_type, object_pk__in=[str(pk) for pk in pks])
        )
    if event in ACTION_EVENTS.values():
        action = next(a for a, e in ACTION_EVENTS.items() if e == event)
        # The plain action, without the entries that carry their own event (exports and such).
        entries = entries.filter(action=action).filter(
            Q(additional_data__event__isnull=True) | Q(additional_data__event=event)
        )
    elif event:
        entries = entries.filter(additional_data__event=event)
    if date_from:
        entries = entries.filter(timestamp__date__gte=date_from)
    if date_to:
        entries = entries.filter(timestamp__date__lte=date_to)
    return entries


def household_references(pks) -> dict[int, str]:
    """Reference per household id, for the rows of one page of the log (one query)."""
    return dict(
        Household.objects.filter(pk__in={pk for pk in pks if isinstance(pk, int)}).values_list("pk", "reference")
    )


# =============================================================================================
# Export (right of access, data portability)
# =============================================================================================

ANONYMISED = "Geanonimiseerd"

WITHHELD_SECRET_LOCATION = gettext_lazy("secret location")
WITHHELD_THIRD_PARTY = gettext_lazy("data about someone else")
# What is never exported, and why: listed in every export so the client knows it exists.
WITHHELD_ALWAYS = [
    gettext_lazy("The safety section (threat and safety notes): it holds data about other people."),
    gettext_lazy("Child-protection concerns, Veilig Thuis reports and meldcode steps."),
    gettext_lazy("Contact details and names of people in the circle who are not part of the household."),
    gettext_lazy("The safety conditions of the plan."),
    gettext_lazy("Addresses of shelter locations."),
]


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _text(value) -> str:
    return str(value) if value is not None else ""


def _location(location) -> dict:
    # A secret location is left out entirely: an export may travel further than the client.
    if location.secret_address:
        return {"withheld": True, "reason": str(WITHHELD_SECRET_LOCATION)}
    return {"name": location.name, "municipality": location.municipality}


def _professional(user: User | None, household: Household) -> dict | None:
    """Own staff by name; professionals of other organisations by organisation and role only."""
    if user is None:
        return None
    organisation = user.organisation.name if user.organisation else ""
    role = _text(user.get_role_display())
    if user.organisation_id == household.organisation_id:
        return {"name": user.get_full_name() or user.username, "organisation": organisation, "role": role}
    return {"organisation": organisation, "role": role, "third_party": True}


def _participant(participant: Participant | None) -> dict | None:
    """The household's own people by name; everyone else as relation and role only."""
    if participant is None:
        return None
    if participant.belongs_to_household:
        return {"name": participant.name, "relation": _text(participant.get_relation_display())}
    return {
        "third_party": True,
        "relation": _text(participant.get_relation_display()),
        "role": participant.role,
    }


def _export_queryset() -> QuerySet[Household]:
    """The household with every part of its file joined (a fixed number of queries)."""
    return Household.objects.select_related("organisation", "location").prefetch_related(
        Prefetch(
            "adults",
            queryset=AdultClient.objects.select_related("caseworker__organisation").prefetch_related(
                Prefetch(
                    "zrm_assessments",
                    queryset=ZrmAssessment.objects.select_related("assessed_by__organisation").prefetch_related(
                        "scores"
                    ),
                ),
                Prefetch("involvements", queryset=Involvement.objects.select_related("user__organisation")),
            ),
        ),
        Prefetch("applications", queryset=Application.objects.select_related("location")),
        Prefetch(
            "stays",
            queryset=Stay.objects.select_related("location").prefetch_related(
                Prefetch(
                    "beschikkingen",
                    queryset=Beschikking.objects.prefetch_related(
                        Prefetch("extensions", queryset=BeschikkingExtension.objects.order_by("extended_on"))
                    ),
                )
            ),
        ),
        Prefetch(
            "handovers",
            queryset=Handover.objects.select_related(
                "from_organisation",
                "to_organisation",
                "from_professional__organisation",
                "to_professional__organisation",
            ).prefetch_related("children"),
        ),
        Prefetch(
            "suspensions",
            queryset=Suspension.objects.select_related(
                "adult", "location", "decided_by__organisation"
            ).prefetch_related(Prefetch("children_affected", queryset=SuspendedChild.objects.select_related("child"))),
        ),
        Prefetch("aftercare_contacts", queryset=AftercareContact.objects.select_related("recorded_by__organisation")),
        Prefetch(
            "children",
            queryset=Child.objects.select_related("mentor__organisation").prefetch_related(
                Prefetch("voices", queryset=ChildVoice.objects.select_related("recorded_by__organisation")),
                "referrals",
                "veerkracht",
                Prefetch("involvements", queryset=Involvement.objects.select_related("user__organisation")),
            ),
        ),
        Prefetch(
            "plans",
            queryset=Plan.objects.prefetch_related(
                Prefetch(
                    "versions",
                    queryset=PlanVersion.objects.order_by("number").prefetch_related(
                        Prefetch("participants", queryset=Participant.objects.select_related("agreement")),
                        Prefetch(
                            "goals",
                            queryset=Goal.objects.select_related("adult", "child").prefetch_related(
                                Prefetch("actions", queryset=Action.objects.select_related("owner"))
                            ),
                        ),
                    ),
                )
            ),
        ),
    )


def _involvement(involvement: Involvement, household: Household) -> dict:
    # Professionals are named by organisation and role only (they are not the data subject).
    organisation = involvement.external_organisation
    if involvement.user is not None and involvement.user.organisation is not None:
        organisation = involvement.user.organisation.name
    return {
        "organisation": organisation,
        "role": involvement.role,
        "from": _iso(involvement.started_on),
        "until": _iso(involvement.ended_on),
    }


def _adult(adult: AdultClient, household: Household) -> dict:
    return {
        "first_name": adult.first_name,
        "last_name": adult.last_name,
        "role_in_household": _text(adult.get_role_display()),
        "date_of_birth": _iso(adult.date_of_birth),
        "bsn": adult.bsn or "",
        "phone": adult.phone,
        "email": adult.email,
        "caseworker": _professional(adult.caseworker, household),
        "involvements": [_involvement(i, household) for i in adult.involvements.all()],
    }


def _child(child: Child, household: Household) -> dict:
    return {
        "first_name": child.first_name,
        "last_name": child.last_name,
        "date_of_birth": _iso(child.date_of_birth),
        "bsn": child.bsn or "",
        "gender": _text(child.get_gender_display()),
        "school": child.school_name,
        "school_continued": child.school_continued,
        # A named contact at school is a third party.
        "school_contact": {"third_party": True, "relation": _("School")} if child.school_contact else None,
        "own_mentor": _professional(child.mentor, household),
        "own_intake_on": _iso(child.intake_on),
        "support_needs": [str(need) for need in child.support_needs],
        "support_notes": child.support_notes,
        "voices": [
            {"recorded_on": _iso(v.recorded_on), "wishes": v.wishes, "worries": v.worries} for v in child.voices.all()
        ],
        "youth_care_referrals": [
            {
                "provider": r.provider,
                "kind": _text(r.get_kind_display()),
                "referred_on": _iso(r.referred_on),
                "started_on": _iso(r.started_on),
                "ended_on": _iso(r.ended_on),
            }
            for r in child.referrals.all()
        ],
        "veerkracht": [
            {
                "form": _text(t.get_form_display()),
                "phase": _text(t.get_phase_display()),
                "started_on": _iso(t.started_on),
                "sessions_attended": t.sessions_attended,
                "ended_on": _iso(t.ended_on),
                "reason_not_offered": t.not_offered_reason,
            }
            for t in child.veerkracht.all()
        ],
        "involvements": [_involvement(i, household) for i in child.involvements.all()],
    }


def _stay(stay: Stay) -> dict:
    return {
        "location": _location(stay.location),
        "admitted_on": _iso(stay.admitted_on),
        "left_on": _iso(stay.left_on),
        "destination": _text(stay.get_destination_display()),
        "beschikkingen": [
            {
                "kind": _text(b.get_kind_display()),
                "start_on": _iso(b.start_on),
                "end_on": _iso(b.end_on),
                "original_end_on": _iso(b.original_end_on),
                "extensions": [
                    {
                        "extended_on": _iso(e.extended_on),
                        "previous_end_on": _iso(e.previous_end_on),
                        "new_end_on": _iso(e.new_end_on),
                        "reason": _text(e.get_reason_display()),
                        "notes": e.notes,
                    }
                    for e in b.extensions.all()
                ],
            }
            for b in stay.beschikkingen.all()
        ],
    }


def _handover(handover: Handover, household: Household) -> dict:
    return {
        "planned_on": _iso(handover.planned_on),
        "kind": _text(handover.get_kind_display()),
        "status": _text(handover.get_status_display()),
        "from": _professional(handover.from_professional, household)
        or {"organisation": handover.from_organisation.name},
        # The receiving professional works elsewhere: organisation and role, never the name.
        "to": {"organisation": handover.to_organisation.name, "role": _("Receiving professional"), "third_party": True},
        "children": [f"{c.first_name} {c.last_name}" for c in handover.children.all()],
        "consent_given": handover.consent_given,
        "child_consent_given": handover.child_consent_given,
        "what_is_passed_on": handover.summary,
        "accepted_on": _iso(handover.accepted_on),
        "completed_on": _iso(handover.completed_on),
    }


def _plan(plan: Plan, household: Household, *, child: Child | None = None) -> dict:
    versions = []
    for version in plan.versions.all():
        participants = list(version.participants.all())
        goals = [g for g in version.goals.all() if child is None or g.child_id == child.pk]
        versions.append(
            {
                "version": version.number,
                "state": _text(version.get_state_display()),
                "agreed_on": _iso(version.agreed_on),
                "perspective": version.perspective if child is None else "",
                "strengths": version.strengths if child is None else "",
                "worries": version.worries if child is None else "",
                "if_things_go_differently": version.if_things_go_differently if child is None else "",
                "next_review_on": _iso(version.next_review_on),
                "circle": [
                    {
                        **_participant(p),
                        "agreed": _text(p.agreement.get_decision_display()) if hasattr(p, "agreement") else "",
                    }
                    for p in participants
                ]
                if child is None
                else [],
                "goals": [
                    {
                        "for": f"{g.adult}" if g.adult_id else (f"{g.child}" if g.child_id else _("The household")),
                        "domain": g.domain_label,
                        "goal": g.text,
                        "target_on": _iso(g.target_on),
                        "status": _text(g.get_status_display()),
                        "progress": g.progress_notes,
                        "actions": [
                            {
                                "what": a.what,
                                "who": _participant(a.owner),
                                "due_on": _iso(a.due_on),
                                "done_on": _iso(a.done_on),
                            }
                            for a in g.actions.all()
                        ],
                    }
                    for g in goals
                ],
            }
        )
    return {
        "status": _text(plan.get_status_display()),
        "start_on": _iso(plan.start_on),
        "closed_on": _iso(plan.closed_on),
        "who_supports_the_direction": _text(plan.get_direction_support_display()),
        "versions": versions,
    }


def _export_header(subject: str, reference: str) -> dict:
    return {
        "subject": subject,
        "reference": reference,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "notice": _(
            "This overview holds the data we keep about you. Data about other people has been left out "
            "or is shown only as their relation and role."
        ),
        "withheld": [str(w) for w in WITHHELD_ALWAYS],
    }


def household_export_data(household: Household, *, include_children: bool = True) -> dict:
    """All data on one household, JSON-serialisable (strings, numbers, booleans, lists, dicts).

    Left out: the safety section, child-protection data, secret locations, names and contact
    details of third parties. Third parties appear as ``{"third_party": true, ...}``.
    """
    hh = _export_queryset().get(pk=household.pk)
    data = {
        "export": _export_header("household", hh.reference),
        "household": {
            "reference": hh.reference,
            "organisation": hh.organisation.name,
            "location": _location(hh.location),
            "reason_for_shelter": _text(hh.get_reason_display()),
            "municipality_of_origin": hh.municipality_of_origin,
            "status": _text(hh.get_status_display()),
            "secret_address_needed": hh.secret_address_needed,
        },
        "adults": [_adult(a, hh) for a in hh.adults.all()],
        "applications": [
            {
                "location": _location(a.location),
                "applied_on": _iso(a.applied_on),
                "referred_by": a.referred_by,
                "decision": _text(a.get_decision_display()),
                "decided_on": _iso(a.decided_on),
            }
            for a in hh.applications.all()
        ],
        "stays": [_stay(s) for s in hh.stays.all()],
        "handovers": [_handover(h, hh) for h in hh.handovers.all()],
        "suspensions": [
            {
                "client": f"{s.adult}",
                "location": _location(s.location),
                "start_on": _iso(s.start_on),
                "end_on": _iso(s.end_on),
                "reason": _text(s.get_reason_display()),
                "notes": s.notes,
                "children": [
                    {"child": f"{sc.child}", "where_the_child_stayed": sc.stayed_at} for sc in s.children_affected.all()
                ],
            }
            for s in hh.suspensions.all()
        ],
        "aftercare": [
            {"date": _iso(c.contact_on), "kind": _text(c.get_kind_display()), "notes": c.notes}
            for c in hh.aftercare_contacts.all()
        ],
        "zrm": [
            {
                "client": f"{a}",
                "date": _iso(z.assessed_on),
                "moment": _text(z.get_moment_display()),
                "scores": {
                    _text(s.get_domain_display()): s.score for s in sorted(z.scores.all(), key=lambda s: s.domain)
                },
            }
            for a in hh.adults.all()
            for z in a.zrm_assessments.all()
        ],
        "children": [_child(c, hh) for c in hh.children.all()] if include_children else [],
        "plans": [_plan(p, hh) for p in hh.plans.all()],
    }
    return data


def child_export_data(child: Child) -> dict:
    """All data on one child: the child's own file, the stays it shared and its own goals."""
    hh = _export_queryset().get(pk=child.household_id)
    own = next(c for c in hh.children.all() if c.pk == child.pk)
    return {
        "export": _export_header("child", hh.reference),
        "child": _child(own, hh),
        "stays": [_stay(s) for s in hh.stays.all()],
        "handovers": [_handover(h, hh) for h in hh.handovers.all() if any(c.pk == own.pk for c in h.children.all())],
        "plans": [_plan(p, hh, child=own) for p in hh.plans.all()],
    }


# Labels of the export's keys for the PDF (the JSON keeps the keys).
EXPORT_LABELS = {
    "export": gettext_lazy("About this overview"),
    "subject": gettext_lazy("Subject"),
    "generated_at": gettext_lazy("Made on"),
    "notice": gettext_lazy("Note"),
    "withheld": gettext_lazy("What is not in this overview"),
    "household": gettext_lazy("Household"),
    "reference": gettext_lazy("Reference"),
    "organisation": gettext_lazy("Organisation"),
    "location": gettext_lazy("Location"),
    "reason_for_shelter": gettext_lazy("Reason for shelter"),
    "municipality_of_origin": gettext_lazy("Municipality of origin"),
    "municipality": gettext_lazy("Municipality"),
    "status": gettext_lazy("Status"),
    "secret_address_needed": gettext_lazy("Secret address needed"),
    "adults": gettext_lazy("Adults"),
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "role_in_household": gettext_lazy("Role in the household"),
    "date_of_birth": gettext_lazy("Date of birth"),
    "bsn": gettext_lazy("BSN"),
    "phone": gettext_lazy("Phone"),
    "email": gettext_lazy("E-mail"),
    "caseworker": gettext_lazy("Caseworker"),
    "involvements": gettext_lazy("Professionals involved"),
    "applications": gettext_lazy("Applications"),
    "applied_on": gettext_lazy("Applied on"),
    "referred_by": gettext_lazy("Referred by"),
    "decision": gettext_lazy("Decision"),
    "decided_on": gettext_lazy("Decided on"),
    "stays": gettext_lazy("Stays"),
    "admitted_on": gettext_lazy("Admitted on"),
    "left_on": gettext_lazy("Left on"),
    "destination": gettext_lazy("Destination"),
    "beschikkingen": gettext_lazy("Beschikkingen"),
    "kind": gettext_lazy("Kind"),
    "start_on": gettext_lazy("Start"),
    "end_on": gettext_lazy("End"),
    "original_end_on": gettext_lazy("Original end"),
    "extensions": gettext_lazy("Extensions"),
    "extended_on": gettext_lazy("Extended on"),
    "previous_end_on": gettext_lazy("Previous end"),
    "new_end_on": gettext_lazy("New end"),
    "reason": gettext_lazy("Reason"),
    "notes": gettext_lazy("Notes"),
    "handovers": gettext_lazy("Handovers"),
    "planned_on": gettext_lazy("Date"),
    "from": gettext_lazy("From"),
    "to": gettext_lazy("To"),
    "until": gettext_lazy("Until"),
    "children": gettext_lazy("Children"),
    "consent_given": gettext_lazy("Consent of the parent given"),
    "child_consent_given": gettext_lazy("Consent of children from 12 given"),
    "what_is_passed_on": gettext_lazy("What is passed on"),
    "accepted_on": gettext_lazy("Accepted on"),
    "completed_on": gettext_lazy("Completed on"),
    "suspensions": gettext_lazy("Suspensions"),
    "client": gettext_lazy("Client"),
    "child": gettext_lazy("Child"),
    "where_the_child_stayed": gettext_lazy("Where the child stayed"),
    "aftercare": gettext_lazy("Aftercare"),
    "date": gettext_lazy("Date"),
    "zrm": gettext_lazy("Self-sufficiency matrix (ZRM)"),
    "moment": gettext_lazy("Moment"),
    "scores": gettext_lazy("Scores"),
    "gender": gettext_lazy("Gender"),
    "school": gettext_lazy("School"),
    "school_continued": gettext_lazy("School attendance continued"),
    "school_contact": gettext_lazy("School contact"),
    "own_mentor": gettext_lazy("Own mentor"),
    "own_intake_on": gettext_lazy("Own intake on"),
    "support_needs": gettext_lazy("Support needs"),
    "support_notes": gettext_lazy("Notes on support needs"),
    "voices": gettext_lazy("What the child says"),
    "recorded_on": gettext_lazy("Date"),
    "wishes": gettext_lazy("What the child wants"),
    "worries": gettext_lazy("Worries"),
    "youth_care_referrals": gettext_lazy("Youth-care referrals"),
    "provider": gettext_lazy("Provider"),
    "referred_on": gettext_lazy("Referred on"),
    "started_on": gettext_lazy("Started on"),
    "ended_on": gettext_lazy("Ended on"),
    "veerkracht": gettext_lazy("Veerkracht"),
    "form": gettext_lazy("Form"),
    "phase": gettext_lazy("Phase"),
    "sessions_attended": gettext_lazy("Sessions attended"),
    "reason_not_offered": gettext_lazy("Reason not offered"),
    "plans": gettext_lazy("Plans"),
    "closed_on": gettext_lazy("Closed on"),
    "who_supports_the_direction": gettext_lazy("Who supports the family's direction"),
    "versions": gettext_lazy("Versions"),
    "version": gettext_lazy("Version"),
    "state": gettext_lazy("State"),
    "agreed_on": gettext_lazy("Agreed on"),
    "perspective": gettext_lazy("What do we want to have achieved when we leave the shelter?"),
    "strengths": gettext_lazy("What goes well"),
    "if_things_go_differently": gettext_lazy("What we do if things go differently"),
    "next_review_on": gettext_lazy("Next review"),
    "circle": gettext_lazy("Circle"),
    "name": gettext_lazy("Name"),
    "relation": gettext_lazy("Relation"),
    "role": gettext_lazy("Role"),
    "agreed": gettext_lazy("Agreement"),
    "goals": gettext_lazy("Goals"),
    "for": gettext_lazy("For"),
    "domain": gettext_lazy("Topic"),
    "goal": gettext_lazy("Goal"),
    "target_on": gettext_lazy("Target date"),
    "progress": gettext_lazy("Progress"),
    "actions": gettext_lazy("Actions"),
    "what": gettext_lazy("What"),
    "who": gettext_lazy("Who"),
    "due_on": gettext_lazy("By when"),
    "done_on": gettext_lazy("Done on"),
}
# Top-level sections in the order the PDF shows them.
EXPORT_SECTIONS = (
    "household",
    "child",
    "adults",
    "applications",
    "stays",
    "handovers",
    "suspensions",
    "aftercare",
    "zrm",
    "children",
    "plans",
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _label(key: str) -> str:
    return str(EXPORT_LABELS.get(key, key.replace("_", " ").capitalize()))


def _marker(value: dict) -> str | None:
    """A third party or a withheld part as one readable line."""
    if value.get("withheld"):
        return _("Left out: %(reason)s") % {"reason": value.get("reason", "")}
    if value.get("third_party"):
        described = ", ".join(str(value[k]) for k in ("relation", "organisation", "role") if value.get(k))
        return _("Someone else (%(description)s)") % {"description": described or WITHHELD_THIRD_PARTY}
    return None


def _display(value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and _ISO_DATE.match(value):
        return date_format(dt.date.fromisoformat(value), "j F Y")
    if isinstance(value, dict):
        return _marker(value) or "; ".join(f"{_label(k)}: {_display(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_display(v) for v in value)
    return str(value)


def _is_block(value) -> bool:
    """A value that gets its own heading in the PDF rather than one table cell."""
    if isinstance(value, dict):
        return _marker(value) is None and (any(isinstance(v, (dict, list)) for v in value.values()) or len(value) > 3)
    if isinstance(value, list):
        return any(isinstance(v, dict) and _marker(v) is None for v in value)
    return False


def _node(title: str, value, level: int) -> dict:
    node = {"title": title, "level": min(level, 5), "rows": [], "children": []}
    if isinstance(value, list):
        for number, item in enumerate(value, 1):
            node["children"].append(_node(f"{title} {number}", item, level + 1))
        return node
    for key, item in value.items():
        if _is_block(item):
            node["children"].append(_node(_label(key), item, level + 1))
        else:
            node["rows"].append((_label(key), _display(item)))
    return node


def export_document(data: dict) -> list[dict]:
    """The export as nested sections (title, level, rows, children) for the PDF template."""
    sections = []
    for key in EXPORT_SECTIONS:
        if key in data:
            value = data[key]
            section = _node(_label(key), value, 2)
            section["empty"] = value in ([], {})
            sections.append(section)
    return sections


def export_record(*, household: Household, request, fmt: str, child: Child | None, requested_by: str) -> LogEntry:
    """Audit an export (what, for whom, in which format) on the household's file."""
    return record_file_access(
        household, request, event="export", format=fmt, child=child.pk if child else None, requested_by=requested_by
    )


def export_refusal_record(
    *, household: Household, request, child: Child | None, requested_by: str, reason: str
) -> LogEntry:
    """Record that disclosure was refused because it could endanger someone. Nothing is exported."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"refusal_reason": _("Give the reason for refusing.")})
    return record_file_access(
        household,
        request,
        event="export_refused",
        child=child.pk if child else None,
        requested_by=requested_by,
        reason=reason[:2000],
    )


# =============================================================================================
# Retention and anonymisation
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


def _latest(model, field: str, path: str = "household") -> Coalesce:
    subquery = (
        model.objects.filter(**{path: OuterRef("pk"), f"{field}__isnull": False})
        .order_by(f"-{field}")
        .values(field)[:1]
    )
    return Coalesce(Subquery(subquery, output_field=DateField()), Value(_NEVER, output_field=DateField()))


def households_with_care_end() -> QuerySet[Household]:
    """Households annotated with ``care_end``: the last day care was given.

    Care ends with the last stay or the last aftercare contact (an application that never led
    to a stay counts with its own date). With children, the children's own care counts too
    (youth-care referrals and Veerkracht can end after the stay): the youngest child's care is
    the one that ends last.
    """
    household_end = Greatest(
        _latest(Stay, "left_on"),
        _latest(AftercareContact, "contact_on"),
        _latest(Application, "applied_on"),
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


def _mark_texts(queryset: QuerySet, *fields: str) -> None:
    """Replace free texts that were filled in with the marker, keep empty ones empty.

    A filled text stays countable ("a reason was given") and constraints that ask for a text
    keep holding; what was written is gone.
    """
    for field in fields:
        queryset.exclude(**{field: ""}).update(**{field: ANONYMISED})


def _pseudonymise_professionals(involvements: QuerySet[Involvement]) -> None:
    """External professionals get a number per distinct face, so the faces count still counts."""
    numbers: dict[str, int] = {}
    changed = []
    for involvement in involvements.filter(user__isnull=True).order_by("pk"):
        number = numbers.setdefault(involvement.professional_key, len(numbers) + 1)
        involvement.external_name = f"{ANONYMISED} {number}"
        changed.append(involvement)
    Involvement.objects.bulk_update(changed, ["external_name"])


def _anonymise_children(children: QuerySet[Child]) -> None:
    children.update(
        first_name=ANONYMISED,
        last_name=ANONYMISED,
        bsn=None,
        date_of_birth=TruncYear("date_of_birth"),
        school_contact="",
        protection_concerns="",
        version=F("version") + 1,
    )
    _mark_texts(children, "school_name", "support_notes")
    _mark_texts(ChildVoice.objects.filter(child__in=children), "wishes", "worries")
    _mark_texts(VeerkrachtTrack.objects.filter(child__in=children), "not_offered_reason")
    MeldcodeStepRecord.objects.filter(child__in=children).update(notes="")
    _mark_texts(SuspendedChild.objects.filter(child__in=children), "stayed_at")
    Participant.objects.filter(child__in=children).update(name=ANONYMISED, contact_details="")
    _mark_texts(Goal.objects.filter(child__in=children), "text", "progress_notes")
    _pseudonymise_professionals(Involvement.objects.filter(child__in=children))


def _anonymise_household_rows(household: Household) -> None:
    """Overwrite everything that identifies a person or tells their story; keep the skeleton
    (dates, locations, destinations, kinds, statuses, scores, counts) that reports aggregate."""
    Household.objects.filter(pk=household.pk).update(safety_threat="", safety_notes="", version=F("version") + 1)
    adults = AdultClient.objects.filter(household=household)
    adults.update(
        first_name=ANONYMISED,
        last_name=ANONYMISED,
        bsn=None,
        date_of_birth=TruncYear("date_of_birth"),
        phone="",
        email="",
    )
    _pseudonymise_professionals(Involvement.objects.filter(adult__household=household))
    _mark_texts(Application.objects.filter(household=household), "referred_by")
    _mark_texts(BeschikkingExtension.objects.filter(beschikking__stay__household=household), "notes")
    handovers = Handover.objects.filter(household=household)
    handovers.update(to_professional_name="")
    _mark_texts(handovers, "summary", "consent_override_reason", "rejected_reason")
    _mark_texts(Suspension.objects.filter(household=household), "notes")
    _mark_texts(AftercareContact.objects.filter(household=household), "notes")
    _anonymise_children(Child.objects.filter(household=household))
    # The plan: the family's words, the circle's names and contact details.
    Plan.objects.filter(household=household).update(version=F("version") + 1)
    versions = PlanVersion.objects.filter(plan__household=household)
    versions.update(safety_conditions="")
    _mark_texts(versions, "perspective", "strengths", "worries", "if_things_go_differently")
    participants = Participant.objects.filter(plan_version__plan__household=household)
    participants.update(name=ANONYMISED, contact_details="")
    _mark_texts(participants, "role")
    _mark_texts(Agreement.objects.filter(participant__in=participants), "declined_reason")
    _mark_texts(Goal.objects.filter(plan_version__in=versions), "text", "progress_notes")
    _mark_texts(Action.objects.filter(plan_version__in=versions), "what")
    meetings = CircleMeeting.objects.filter(plan__household=household)
    meetings.update(other_attendees="")
    _mark_texts(meetings, "decisions")


def is_anonymised(household: Household) -> bool:
    return Anonymisation.objects.filter(household=household, child__isnull=True).exists()


@transaction.atomic
def household_anonymise(
    household: Household,
    *,
    reason: str,
    request: DestructionRequest | None = None,
    actor: User | None = None,
) -> Anonymisation:
    """Anonymise a household's whole file, once. A second call returns the first record.

    The rows are overwritten with queryset updates on purpose: a save per row would copy every
    name and text being removed into the append-only audit log as the "old" value. The
    anonymisation itself is audited as one event on the household (plus the Anonymisation row).
    """
    # Lock the household: two runs of the retention job must not both anonymise it.
    Household.objects.select_for_update().filter(pk=household.pk).first()
    existing = Anonymisation.objects.filter(household=household, child__isnull=True).first()
    if existing is not None:
        return existing
    _anonymise_household_rows(household)
    anonymisation = Anonymisation(household=household, reason=reason, request=request)
    anonymisation.full_clean()
    anonymisation.save()
    _log_event(
        household,
        event="anonymised",
        user=actor,
        action=LogEntry.Action.UPDATE,
        reason=reason,
        destruction_request=request.pk if request else None,
    )
    return anonymisation


@transaction.atomic
def child_anonymise(
    child: Child,
    *,
    reason: str,
    request: DestructionRequest | None = None,
    actor: User | None = None,
) -> Anonymisation:
    """Anonymise one child's part of the file (early destruction for that child only)."""
    Child.objects.select_for_update().filter(pk=child.pk).first()
    existing = Anonymisation.objects.filter(child=child).first()
    if existing is not None:
        return existing
    _anonymise_children(Child.objects.filter(pk=child.pk))
    anonymisation = Anonymisation(household_id=child.household_id, child=child, reason=reason, request=request)
    anonymisation.full_clean()
    anonymisation.save()
    _log_event(
        child.household,
        event="anonymised",
        user=actor,
        action=LogEntry.Action.UPDATE,
        reason=reason,
        child=child.pk,
        destruction_request=request.pk if request else None,
    )
    return anonymisation


# =============================================================================================
# Early destruction on request
# =============================================================================================


def destruction_requests_for_user(user: User) -> QuerySet[DestructionRequest]:
    """Requests a team lead decides on: those of the own organisation's households."""
    if not (user.is_authenticated and user.is_active and user.role == Role.TEAM_LEAD and user.organisation_id):
        return DestructionRequest.objects.none()
    return DestructionRequest.objects.filter(household__organisation_id=user.organisation_id).select_related(
        "household", "child", "recorded_by", "decided_by"
    )


def destruction_request_get_for_user(user: User, pk: int) -> DestructionRequest:
    """The request if this user is a team lead of the household's organisation, else 404."""
    from django.http import Http404

    destruction_request = destruction_requests_for_user(user).filter(pk=pk).first()
    if destruction_request is None:
        raise Http404
    return destruction_request


def _may_decide(user: User, household: Household) -> bool:
    return (
        user.is_active
        and user.role == Role.TEAM_LEAD
        and user.organisation_id is not None
        and user.organisation_id == household.organisation_id
    )


@transaction.atomic
def destruction_request_record(
    *,
    household: Household,
    requester_relation: str,
    requested_on: dt.date,
    recorded_by: User,
    child: Child | None = None,
    reason: str = "",
) -> DestructionRequest:
    """Record a request for early destruction of the household's file, or of one child's part.

    A child asks for its own file only, and only from the age of 12 (on the day of the request).
    """
    errors: dict[str, str] = {}
    if requested_on > timezone.localdate():
        errors["requested_on"] = _("The date of the request cannot be in the future.")
    if child is not None and child.household_id != household.pk:
        errors["child"] = _("This child does not belong to the household.")
    if requester_relation == RequesterRelation.CHILD:
        if child is None:
            errors["child"] = _("A child asks for the destruction of its own file: choose the child.")
        elif age_on(child.date_of_birth, requested_on) < CONSENT_AGE:
            errors["child"] = _("A child may ask for this from the age of %(age)s.") % {"age": CONSENT_AGE}
    open_requests = DestructionRequest.objects.filter(
        household=household, child=child, status__in=[DestructionStatus.REQUESTED, DestructionStatus.APPROVED]
    )
    if open_requests.exists():
        errors["__all__"] = _("There is already an open request for this file.")
    if errors:
        raise ValidationError(errors)
    destruction_request = DestructionRequest(
        household=household,
        child=child,
        requested_on=requested_on,
        requester_relation=requester_relation,
        reason=reason.strip(),
        recorded_by=recorded_by,
    )
    destruction_request.full_clean()
    destruction_request.save()
    _log_event(
        household,
        event="destruction_requested",
        user=recorded_by,
        action=LogEntry.Action.UPDATE,
        destruction_request=destruction_request.pk,
        child=child.pk if child else None,
    )
    return destruction_request


@transaction.atomic
def destruction_request_decide(
    *, destruction_request: DestructionRequest, decided_by: User, approve: bool, reason: str
) -> DestructionRequest:
    """Approve or refuse, always with a reason. Only a team lead of the household's organisation,
    and not the one who recorded the request (four eyes: destruction cannot be undone).

    Refuse when a legal retention duty or a child-protection interest outweighs the request
    (DOMAIN.md, "Data protection").
    """
    destruction_request = DestructionRequest.objects.select_for_update().get(pk=destruction_request.pk)
    if not _may_decide(decided_by, destruction_request.household):
        raise PermissionDenied
    if destruction_request.status != DestructionStatus.REQUESTED:
        raise ValidationError(_("This request has already been decided."))
    if destruction_request.recorded_by_id == decided_by.pk:
        raise ValidationError(_("Someone other than the person who recorded the request decides on it."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    destruction_request.status = DestructionStatus.APPROVED if approve else DestructionStatus.REFUSED
    destruction_request.decided_by = decided_by
    destruction_request.decided_on = timezone.localdate()
    destruction_request.decision_reason = reason.strip()
    destruction_request.full_clean()
    destruction_request.save()
    _log_event(
        destruction_request.household,
        event="destruction_approved" if approve else "destruction_refused",
        user=decided_by,
        action=LogEntry.Action.UPDATE,
        destruction_request=destruction_request.pk,
    )
    return destruction_request


@transaction.atomic
def destruction_request_execute(*, destruction_request: DestructionRequest, executed_by: User) -> Anonymisation:
    """Carry out an approved request by anonymisation (the household, or the one child).

    A whole household is anonymised only once its file is closed: care that still runs needs it.
    """
    destruction_request = (
        DestructionRequest.objects.select_for_update(of=("self",))
        .select_related("household", "child")
        .get(pk=destruction_request.pk)
    )
    household = destruction_request.household
    if not _may_decide(executed_by, household):
        raise PermissionDenied
    if destruction_request.status != DestructionStatus.APPROVED:
        raise ValidationError(_("Only an approved request can be executed."))
    if destruction_request.child is None and household.status != HouseholdStatus.CLOSED:
        raise ValidationError(_("Close the household's file before destroying it."))
    if destruction_request.child is not None:
        anonymisation = child_anonymise(
            destruction_request.child,
            reason=AnonymisationReason.EARLY_DESTRUCTION,
            request=destruction_request,
            actor=executed_by,
        )
    else:
        anonymisation = household_anonymise(
            household, reason=AnonymisationReason.EARLY_DESTRUCTION, request=destruction_request, actor=executed_by
        )
    destruction_request.status = DestructionStatus.EXECUTED
    destruction_request.executed_on = timezone.localdate()
    destruction_request.full_clean()
    destruction_request.save()
    _log_event(
        household,
        event="destruction_executed",
        user=executed_by,
        action=LogEntry.Action.UPDATE,
        destruction_request=destruction_request.pk,
    )
    return anonymisation


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
    return warnings
