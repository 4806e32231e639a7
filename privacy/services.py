"""Writes of the privacy app: audited exports and refusals, anonymisation, early destruction.

- **Export**: every export (and every refusal to export) is an event on the household's file.
- **Anonymisation**: a closed file whose retention has ended (the daily task in tasks.py), or an
  approved request for early destruction, overwrites names and stories and keeps the statistical
  skeleton that reports count.
- **Early destruction**: a request of a parent, an adult client or a child of 12 or older,
  decided by a team lead other than the recorder, executed by anonymisation.

Every step that reads or changes a file writes an audit entry on the household, so the
client's own history shows exports, refusals, decisions and the anonymisation itself.
"""

from __future__ import annotations

import datetime as dt

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.db.models.functions import TruncYear
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import HouseholdStatus
from cases.models import (
    AdultClient,
    AftercareContact,
    Application,
    BeschikkingExtension,
    CaseNote,
    FollowUp,
    Handover,
    Household,
    Involvement,
    PsychSupportReferral,
    SuspendedChild,
    Suspension,
)
from children.constants import CONSENT_AGE
from children.models import Child, ChildVoice, MeldcodeStepRecord, VeerkrachtTrack, age_on
from opvang.audit import log_event, record_access
from opvang.models import User
from outflow.models import AftercarePlan, SafetyCheck, Trajectory, TrajectoryAction, TrajectoryGoal
from plans.models import Action, ActionComment, Agreement, CircleMeeting, Goal, Participant, Plan, PlanVersion

from .access import may_decide_destruction
from .constants import AnonymisationReason, DestructionStatus, RequesterRelation
from .models import Anonymisation, DestructionRequest

# The marker that replaces a filled-in name or text.
ANONYMISED = "Geanonimiseerd"

# =============================================================================================
# Export
# =============================================================================================


def export_record(
    *, household: Household, request: HttpRequest, fmt: str, child: Child | None, requested_by: str
) -> LogEntry:
    """Audit an export (what, for whom, in which format) on the household's file."""
    return record_access(
        household, request, event="export", format=fmt, child=child.pk if child else None, requested_by=requested_by
    )


def export_refusal_record(
    *, household: Household, request: HttpRequest, child: Child | None, requested_by: str, reason: str
) -> LogEntry:
    """Record that disclosure was refused because it could endanger someone. Nothing is exported."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"refusal_reason": _("Give the reason for refusing.")})
    return record_access(
        household,
        request,
        event="export_refused",
        child=child.pk if child else None,
        requested_by=requested_by,
        reason=reason[:2000],
    )


# =============================================================================================
# Anonymisation
# =============================================================================================


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
    # Notes about the child tell its story: marked too (a household note stays until the household goes).
    child_notes = CaseNote.objects.filter(children__in=children)
    _mark_texts(FollowUp.objects.filter(note__in=child_notes), "what")
    _mark_texts(CaseNote.objects.filter(pk__in=child_notes.values("pk")), "text")
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
    # Psychological support: why and how it went is the adult's story; the kind and dates stay.
    _mark_texts(PsychSupportReferral.objects.filter(adult__household=household), "reason", "notes", "provider")
    # Aftercare after the departure: the plan's notes and professional, the safety checks' story.
    _mark_texts(AftercarePlan.objects.filter(household=household), "notes", "owner_professional")
    _mark_texts(SafetyCheck.objects.filter(household=household), "incidents_notes", "follow_up")
    # Trajectory support: the goals, actions and result in words; holder, dates and result stay.
    trajectories = Trajectory.objects.filter(household=household)
    _mark_texts(trajectories, "goal", "result_notes", "consent_override_reason")
    _mark_texts(TrajectoryGoal.objects.filter(trajectory__in=trajectories), "text")
    _mark_texts(TrajectoryAction.objects.filter(goal__trajectory__in=trajectories), "what", "owner")
    _mark_texts(CaseNote.objects.filter(household=household), "text")
    _mark_texts(FollowUp.objects.filter(household=household), "what")
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
    _mark_texts(ActionComment.objects.filter(action__plan_version__in=versions), "text")
    meetings = CircleMeeting.objects.filter(plan__household=household)
    meetings.update(other_attendees="")
    _mark_texts(meetings, "decisions")


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
    log_event(
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
    log_event(
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
    log_event(
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
    if not may_decide_destruction(decided_by, destruction_request.household):
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
    log_event(
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
    if not may_decide_destruction(executed_by, household):
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
    log_event(
        household,
        event="destruction_executed",
        user=executed_by,
        action=LogEntry.Action.UPDATE,
        destruction_request=destruction_request.pk,
    )
    return anonymisation
