"""Writes of the monitoring app: generating snapshots, and the evaluation dossier."""

from __future__ import annotations

import datetime
import decimal
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from opvang.constants import OrganisationKind
from opvang.locking import claim_version
from opvang.models import Location, Organisation, User
from opvang.outbox import SWEEP_BATCH, outbox_enqueue, outbox_is_waiting, outbox_keys_in_flight
from opvang.pdf import render_pdf
from opvang.services import model_create, model_update

from . import dossier_selectors, selectors
from .constants import ActionStatus, DossierStatus, PartyKind, PointStatus, RunKind, ScopeKind, SnapshotStatus, Unit
from .indicators import DEFINITIONS_VERSION, INDICATORS, Computation
from .models import (
    DossierComment,
    DossierParticipant,
    EvaluationDossier,
    FollowUpAction,
    ImprovementPoint,
    ReportSnapshot,
    ScheduledRun,
    Target,
)
from .periods import Period, Scope
from .presentation import INDICATORS_BY_CODE

logger = logging.getLogger(__name__)


class QueryCounter:
    """Counts the SQL statements run (stored with each snapshot: the cost of its computation)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def compute_values(scope: Scope, period: Period) -> dict[str, dict]:
    """All indicator values for one scope and period: a fixed number of queries (see indicators)."""
    computation = Computation(scope, period)
    return {indicator.code: indicator.fn(computation).as_dict() for indicator in INDICATORS}


def _next_revision(scope: Scope, period: Period) -> int:
    latest = ReportSnapshot.objects.filter(
        scope_key=scope.key, period_start=period.start, period_end=period.end
    ).aggregate(r=Max("revision"))["r"]
    return (latest or 0) + 1


@transaction.atomic
def snapshot_request(*, scope: Scope, period: Period, user: User | None) -> ReportSnapshot:
    """A new, pending revision for this scope and period (it becomes current once generated)."""
    for _attempt in range(3):
        snapshot = ReportSnapshot(
            scope_kind=scope.kind,
            scope_key=scope.key,
            organisation=scope.organisation if scope.kind != ScopeKind.REGION else None,
            location=scope.location,
            period_kind=period.kind,
            period_start=period.start,
            period_end=period.end,
            revision=_next_revision(scope, period),
            generated_by=user,
            definitions_version=DEFINITIONS_VERSION,
        )
        snapshot.full_clean(exclude=["scope_key"], validate_constraints=False)
        try:
            # A concurrent request may take the same revision number: retry with the next one.
            with transaction.atomic():
                snapshot.save()
            return snapshot
        except IntegrityError:
            continue
    raise ValidationError(_("Another report for this scope and period is being started. Try again."))


@transaction.atomic
def snapshot_queue(*, scope: Scope, period: Period, user: User | None) -> ReportSnapshot:
    """A pending revision and the outbox row that has it built, in one transaction: a broker
    that is down delays the build (the outbox sweep sends it later) but never loses it."""
    snapshot = snapshot_request(scope=scope, period=period, user=user)
    outbox_enqueue(task=BUILD_TASK, kwargs={"snapshot_id": snapshot.pk}, key=snapshot_outbox_key(snapshot.pk))
    return snapshot


BUILD_TASK = "reports.tasks.build_snapshot"


def snapshot_outbox_key(snapshot_id: int) -> str:
    return f"snapshot:{snapshot_id}"


def snapshot_is_queued(snapshot: ReportSnapshot) -> bool:
    """A pending snapshot whose build has not reached the broker yet (it is down)."""
    return snapshot.status == SnapshotStatus.PENDING and outbox_is_waiting(snapshot_outbox_key(snapshot.pk))


# A pending snapshot that nothing has tried to build for this long is queued again: longer than
# the outbox sweep's minute and a full build (BUILD_TIME_LIMIT in tasks) together.
ORPHAN_AFTER = datetime.timedelta(minutes=10)


def orphan_snapshots_requeue(*, now: datetime.datetime | None = None) -> int:
    """Queue the build of every pending snapshot that nothing is going to build; returns how many.

    An orphan has been pending for longer than ``ORPHAN_AFTER`` with no outbox message waiting
    for it or published within that time: it was requested before the outbox existed, or its
    task was lost with a broker that restarted empty. A duplicate build is harmless (a finished
    snapshot is skipped), so at worst a slow queue builds nothing twice.
    """
    cutoff = (now or timezone.now()) - ORPHAN_AFTER
    pending = list(
        ReportSnapshot.objects.filter(status=SnapshotStatus.PENDING, requested_at__lt=cutoff)
        .order_by("requested_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    in_flight = outbox_keys_in_flight([snapshot_outbox_key(pk) for pk in pending], since=cutoff)
    orphans = [pk for pk in pending if snapshot_outbox_key(pk) not in in_flight]
    for pk in orphans:
        logger.warning("snapshot %s was pending without a build on its way: queued again", pk)
        outbox_enqueue(task=BUILD_TASK, kwargs={"snapshot_id": pk}, key=snapshot_outbox_key(pk))
    return len(orphans)


def _set_progress(snapshot: ReportSnapshot, progress: int, status: str = SnapshotStatus.RUNNING) -> None:
    # A plain UPDATE, committed at once when called outside a transaction: the progress bar of
    # another request can see it while the rest of the work is still going on.
    snapshot.progress, snapshot.status = progress, status
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(progress=progress, status=status)


def stored_or_computed_values(scope: Scope, period: Period) -> dict[str, dict]:
    """Values of the current snapshot of this scope and period when one exists with the same
    definitions, otherwise computed now (used for the "previous period" column)."""
    stored = (
        ReportSnapshot.objects.filter(
            scope_key=scope.key,
            period_start=period.start,
            period_end=period.end,
            is_current=True,
            definitions_version=DEFINITIONS_VERSION,
        )
        .values_list("values", flat=True)
        .first()
    )
    return stored if stored is not None else compute_values(scope, period)


def snapshot_build(*, snapshot: ReportSnapshot, with_pdf: bool = True) -> ReportSnapshot:
    """Compute a pending snapshot's values and PDF, then make it the current revision.

    Runs in steps that each commit, so progress is visible; the final step is atomic. Without
    ``with_pdf`` (bulk demo data) the PDF is rendered at its first download instead.
    """
    if snapshot.is_done:
        return snapshot  # a retried or duplicated task: nothing to do
    scope, period = snapshot.scope, snapshot.period
    _set_progress(snapshot, 10)
    started = time.monotonic()
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        values = compute_values(scope, period)
    query_count = counter.count
    duration_ms = int((time.monotonic() - started) * 1000)
    _set_progress(snapshot, 50)
    previous = stored_or_computed_values(scope, period.previous())
    _set_progress(snapshot, 70)
    snapshot.values, snapshot.previous_values = values, previous
    snapshot.trend = selectors.trend_for(snapshot)
    snapshot.query_count, snapshot.duration_ms = query_count, duration_ms
    snapshot.generated_at = timezone.now()
    # Made on or before the last day of its period: facts of the remaining days are still missing.
    snapshot.is_provisional = timezone.localdate() <= period.end
    pdf = _render_pdf_or_none(snapshot) if with_pdf else None
    _set_progress(snapshot, 90)
    return _snapshot_finish(snapshot=snapshot, pdf=pdf)


def _render_pdf_or_none(snapshot: ReportSnapshot) -> bytes | None:
    """The snapshot's PDF, or None when rendering fails or runs out of time: the values are
    stored all the same and the missing PDF is rendered at its first download."""
    try:
        return render_pdf("reports/snapshot_pdf.html", selectors.snapshot_pdf_context(snapshot))
    except Exception:  # noqa: BLE001 (any rendering fault, the soft time limit included)
        logger.exception("PDF of snapshot %s not rendered; left for the first download", snapshot.pk)
        return None


@transaction.atomic
def _snapshot_finish(*, snapshot: ReportSnapshot, pdf: bytes | None) -> ReportSnapshot:
    # Lock the revisions of this scope and period so two finishing builds cannot both be current.
    list(
        ReportSnapshot.objects.select_for_update().filter(
            scope_key=snapshot.scope_key, period_start=snapshot.period_start, period_end=snapshot.period_end
        )
    )
    ReportSnapshot.objects.filter(
        scope_key=snapshot.scope_key,
        period_start=snapshot.period_start,
        period_end=snapshot.period_end,
        is_current=True,
    ).update(is_current=False)
    snapshot.pdf = pdf
    snapshot.status, snapshot.progress, snapshot.is_current = SnapshotStatus.DONE, 100, True
    snapshot.full_clean(exclude=["scope_key", "pdf"], validate_constraints=False)
    snapshot.save()
    return snapshot


def snapshot_fail(*, snapshot_id: int, error: str) -> None:
    """Record that a build failed (shown on the progress page)."""
    ReportSnapshot.objects.filter(pk=snapshot_id).exclude(status=SnapshotStatus.DONE).update(
        status=SnapshotStatus.FAILED, error=error[:2000]
    )


@transaction.atomic
def snapshot_generate(
    *, scope: Scope, period: Period, user: User | None = None, with_pdf: bool = True
) -> ReportSnapshot:
    """Request and build a snapshot in one transaction (schedule, demo data, tests)."""
    return snapshot_build(snapshot=snapshot_request(scope=scope, period=period, user=user), with_pdf=with_pdf)


@transaction.atomic
def snapshot_ensure_pdf(*, snapshot: ReportSnapshot) -> bytes:
    """The snapshot's stored PDF; rendered from its stored values and stored once if missing."""
    if snapshot.pdf is None:
        snapshot.pdf = render_pdf("reports/snapshot_pdf.html", selectors.snapshot_pdf_context(snapshot))
        ReportSnapshot.objects.filter(pk=snapshot.pk, pdf__isnull=True).update(pdf=snapshot.pdf)
    return bytes(snapshot.pdf)


@transaction.atomic
def scheduled_snapshot(*, kind: str, scope: Scope, period: Period) -> ReportSnapshot | None:
    """The scheduled snapshot of this kind, scope and period, made at most once.

    The ScheduledRun row and the snapshot are written in one transaction: a retry after a failure
    starts again from scratch, a second delivery of the same job finds the row and does nothing.
    """
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(
                kind=kind, key=scope.key, period_start=period.start, period_end=period.end
            )
    except IntegrityError:
        return None
    snapshot = snapshot_generate(scope=scope, period=period, user=None)
    run.detail = {"snapshot": snapshot.pk, "queries": snapshot.query_count, "ms": snapshot.duration_ms}
    run.save(update_fields=["detail"])
    return snapshot


def provisional_snapshots_replace(*, today: datetime.date | None = None) -> int:
    """A final revision for every current provisional snapshot whose period has ended.

    Idempotent: the new revision is not provisional, so a second run finds nothing to do.
    """
    today = today or timezone.localdate()
    due = list(
        ReportSnapshot.objects.filter(is_current=True, is_provisional=True, period_end__lt=today)
        .select_related("organisation", "location__organisation")
        .defer(*selectors.LIGHT_FIELDS, "values")
    )
    for old in due:
        snapshot_generate(scope=old.scope, period=old.period, user=None)
    return len(due)


def snapshots_ensure(*, wanted: list[tuple[Scope, Period]]) -> int:
    """Make sure each (scope, period) has a current snapshot: computed on demand, kept, no PDF.

    One query finds the stored ones; a missing one is generated, and so is a provisional one made
    before today (an on-demand value is at most a day old). Returns how many were generated.
    """
    if not wanted:
        return 0
    today = timezone.localdate()
    stored = ReportSnapshot.objects.filter(
        scope_key__in={scope.key for scope, _period in wanted},
        period_start__in={period.start for _scope, period in wanted},
        is_current=True,
        definitions_version=DEFINITIONS_VERSION,
    ).values_list("scope_key", "period_start", "period_end", "is_provisional", "generated_at")
    fresh = {
        (key, start, end)
        for key, start, end, provisional, generated_at in stored
        if not provisional or (generated_at and timezone.localdate(generated_at) >= today)
    }
    missing = {(s.key, p.start, p.end): (s, p) for s, p in wanted if (s.key, p.start, p.end) not in fresh}
    for scope, period in missing.values():
        snapshot_generate(scope=scope, period=period, user=None, with_pdf=False)
    return len(missing)


@transaction.atomic
def digest_mail_queue(*, user: User, period: Period, subject: str, body: str, detail: dict) -> bool:
    """Claim today's digest of a user and queue its mail in one transaction (the outbox): a mail
    server or broker that is down delays the mail, never loses it. False when already sent."""
    if not scheduled_run_claim(kind=RunKind.DIGEST, key=f"user:{user.pk}", period=period, detail=detail):
        return False
    outbox_enqueue(
        task="opvang.tasks.send_mail", kwargs={"subject": subject, "body": body, "to": [user.email]}, key="digest"
    )
    return True


@transaction.atomic
def scheduled_run_claim(*, kind: str, key: str, period: Period, detail: dict | None = None) -> bool:
    """Claim a one-off job (e.g. one digest per caseworker per day); False when already done."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(
                kind=kind, key=key, period_start=period.start, period_end=period.end, detail=detail or {}
            )
    except IntegrityError:
        return False
    return True


# --- Evaluation dossier ------------------------------------------------------------------------
def _ensure_draft(dossier: EvaluationDossier) -> None:
    if dossier.is_final:
        raise ValidationError(_("This evaluation dossier is final and can no longer be changed."))


@transaction.atomic
def dossier_ensure(*, location: Location, year: int) -> EvaluationDossier:
    """The dossier of a location and year, created as a draft when missing."""
    dossier, _created = EvaluationDossier.objects.get_or_create(location=location, year=year)
    return dossier


@transaction.atomic
def dossier_update(
    *,
    dossier: EvaluationDossier,
    expected_version: int,
    meeting_on: datetime.date | None,
    participants: str,
    notes: str,
) -> EvaluationDossier:
    """Change the meeting details and notes of a draft dossier (optimistic locking)."""
    dossier = EvaluationDossier.objects.select_for_update().get(pk=dossier.pk)
    _ensure_draft(dossier)
    claim_version(dossier, expected_version)
    dossier.meeting_on, dossier.participants, dossier.notes = meeting_on, participants, notes
    dossier.full_clean()
    dossier.save()
    return dossier


class MissingParties(ValidationError):
    """Marking final while one of the four parties took no part: asks for confirmation."""


@transaction.atomic
def dossier_finalise(*, dossier: EvaluationDossier, user: User, accept_missing: bool = False) -> EvaluationDossier:
    """Mark the dossier final: from now on it is frozen and closed for comments.

    Someone must have been present (or, for dossiers from before participants were recorded one
    by one, named in the free text). When the provider, a partner on site, a policy officer or a
    contract manager was not present, it is marked final only with ``accept_missing`` (the page
    asks for that confirmation and shows which parties are missing; the dossier keeps warning).
    """
    dossier = EvaluationDossier.objects.select_for_update().get(pk=dossier.pk)
    _ensure_draft(dossier)
    participants = dossier_selectors.dossier_participants(dossier)
    if not any(p.present for p in participants) and not dossier.participants.strip():
        raise ValidationError(_("Record who was present at the evaluation meeting before marking it final."))
    missing = dossier_selectors.missing_parties(participants)
    if missing and not accept_missing:
        raise MissingParties(
            _("Not present at the meeting: %(parties)s. Confirm that the dossier may be marked final without them.")
            % {"parties": ", ".join(m.label for m in missing)}
        )
    dossier.frozen_points = [
        {"text": p.text, "year_raised": p.year_raised, "status": p.status, "note": p.status_note}
        for p in selectors.dossier_points(dossier)
    ]
    dossier.status, dossier.finalised_at, dossier.finalised_by = DossierStatus.FINAL, timezone.now(), user
    dossier.version += 1
    dossier.full_clean()
    dossier.save()
    return dossier


@transaction.atomic
def dossier_publish(*, dossier: EvaluationDossier) -> EvaluationDossier:
    """Make a final dossier readable for the participation council."""
    dossier = EvaluationDossier.objects.select_for_update().get(pk=dossier.pk)
    if not dossier.is_final:
        raise ValidationError(_("Only a final evaluation dossier can be made public. Mark it final first."))
    dossier.is_public = True
    dossier.full_clean()
    dossier.save(update_fields=["is_public", "updated_at"])
    return dossier


@transaction.atomic
def improvement_point_add(*, dossier: EvaluationDossier, text: str) -> ImprovementPoint:
    """A new improvement point for the dossier's location, raised in the dossier's year."""
    _ensure_draft(dossier)
    point = ImprovementPoint(location=dossier.location, year_raised=dossier.year, text=text.strip())
    point.full_clean()
    point.save()
    return point


@transaction.atomic
def improvement_point_set_status(
    *, dossier: EvaluationDossier, point: ImprovementPoint, status: str, note: str = ""
) -> ImprovementPoint:
    """Record a point's status in this year's evaluation (done or dropped closes it this year)."""
    _ensure_draft(dossier)
    if point.location_id != dossier.location_id or point.year_raised > dossier.year:
        raise ValidationError(_("This improvement point does not belong to this evaluation."))
    point.status, point.status_note = status, note.strip()
    point.closed_year = dossier.year if status in (PointStatus.DONE, PointStatus.DROPPED) else None
    point.full_clean()
    point.save()
    return point


@transaction.atomic
def follow_up_action_add(
    *,
    dossier: EvaluationDossier,
    what: str,
    due_on: datetime.date,
    owner_user: User | None = None,
    owner: str = "",
) -> FollowUpAction:
    """An agreed follow-up action with its owner (an account, or a name without one) and date."""
    _ensure_draft(dossier)
    if owner_user is None and not owner.strip():
        raise ValidationError({"owner_user": _("Choose who does it, or name them if they have no account.")})
    owners = dossier_selectors.action_owner_accounts(dossier)
    if owner_user is not None and not owners.filter(pk=owner_user.pk).exists():
        raise ValidationError(
            {"owner_user": _("The owner must be able to open the dossier: invite them to the meeting first.")}
        )
    return model_create(
        FollowUpAction,
        dossier=dossier,
        what=what.strip(),
        owner_user=owner_user,
        owner="" if owner_user is not None else owner.strip(),
        due_on=due_on,
    )


@transaction.atomic
def follow_up_action_delete(*, dossier: EvaluationDossier, action: FollowUpAction) -> None:
    _ensure_draft(dossier)
    if action.dossier_id != dossier.pk:
        raise ValidationError(_("This action does not belong to this evaluation."))
    action.delete()


@transaction.atomic
def follow_up_action_set_status(
    *, action: FollowUpAction, status: str, reason: str = "", by: User, today: datetime.date | None = None
) -> FollowUpAction:
    """Done or dropped (with its reason), by the owner or the municipality; reopening is not offered."""
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    if not action.is_open:
        raise ValidationError(_("This action has already been closed."))
    if status not in (ActionStatus.DONE, ActionStatus.DROPPED):
        raise ValidationError({"status": _("Choose done or dropped.")})
    if status == ActionStatus.DROPPED and not reason.strip():
        raise ValidationError({"reason": _("Say why the action is dropped.")})
    action, _updated = model_update(
        instance=action,
        fields=["status", "status_reason", "closed_on", "closed_by"],
        data={
            "status": status,
            "status_reason": reason.strip(),
            "closed_on": today or timezone.localdate(),
            "closed_by": by,
        },
    )
    return action


# --- The evaluation meeting: participants and comments -------------------------------------------
@transaction.atomic
def participant_invite(
    *,
    dossier: EvaluationDossier,
    user: User | None = None,
    name: str = "",
    organisation: str = "",
    role: str = "",
    party: str = "",
) -> DossierParticipant:
    """Invite an account (its party follows from its role and organisation) or a named guest."""
    _ensure_draft(dossier)
    if user is not None:
        if not dossier_selectors.invitable_accounts(dossier).filter(pk=user.pk).exists():
            raise ValidationError({"user": _("This account cannot be invited, or is already on the list.")})
        return model_create(
            DossierParticipant,
            dossier=dossier,
            user=user,
            role=role.strip(),
            party=dossier_selectors.party_for_account(user, dossier),
        )
    errors = {}
    if not name.strip():
        errors["name"] = _("Fill in the guest's name, or choose an account.")
    if party not in PartyKind.values:
        errors["party"] = _("Choose which party the guest represents.")
    if errors:
        raise ValidationError(errors)
    return model_create(
        DossierParticipant,
        dossier=dossier,
        name=name.strip(),
        organisation=organisation.strip(),
        role=role.strip(),
        party=party,
    )


@transaction.atomic
def participant_remove(*, dossier: EvaluationDossier, participant: DossierParticipant) -> None:
    _ensure_draft(dossier)
    if participant.dossier_id != dossier.pk:
        raise ValidationError(_("This participant does not belong to this evaluation."))
    participant.delete()


@transaction.atomic
def attendance_record(*, dossier: EvaluationDossier, present_ids: set[int]) -> int:
    """After the meeting: who of the invited was present (the others absent). Returns how many were present."""
    _ensure_draft(dossier)
    participants = list(dossier.meeting_participants.select_for_update())
    for participant in participants:
        model_update(instance=participant, fields=["present"], data={"present": participant.pk in present_ids})
    return sum(p.pk in present_ids for p in participants)


@transaction.atomic
def dossier_comment_add(*, dossier: EvaluationDossier, author: User, text: str) -> DossierComment:
    """A comment before the meeting; a final dossier takes no more comments."""
    dossier = EvaluationDossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.is_final:
        raise ValidationError(_("The dossier is final: comments are closed."))
    if not text.strip():
        raise ValidationError({"text": _("Write your comment.")})
    return model_create(DossierComment, dossier=dossier, author=author, text=text.strip())


# --- Targets (streefwaarden) -------------------------------------------------------------------
@transaction.atomic
def target_record(
    *,
    organisation: Organisation,
    location: Location | None,
    year: int,
    indicator: str,
    direction: str,
    value: decimal.Decimal,
    agreed_on: datetime.date,
    source: str,
    by: User,
) -> Target:
    """Record an agreed target of a provider (or one of its locations) for a year.

    A target is never edited: a new agreement is recorded as a new target with its own date, so
    reports made earlier keep showing the target that applied then.
    """
    errors: dict[str, str] = {}
    if organisation.kind != OrganisationKind.SHELTER_PROVIDER:
        errors["organisation"] = _("Targets are agreed with shelter providers. Choose a provider.")
    if location is not None and location.organisation_id != organisation.pk:
        errors["location"] = _("This location does not belong to the chosen provider.")
    indicator_obj = INDICATORS_BY_CODE.get(indicator)
    if indicator_obj is None:
        errors["indicator"] = _("Choose an indicator from the list.")
    elif indicator_obj.unit == Unit.PERCENT and not 0 <= value <= 100:
        errors["value"] = _("A percentage lies between 0 and 100.")
    if value < 0:
        errors["value"] = _("A target cannot be negative.")
    if agreed_on > timezone.localdate():
        errors["agreed_on"] = _("The agreement date lies in the future. Fill in the day it was agreed.")
    if errors:
        raise ValidationError(errors)
    target = Target(
        organisation=organisation,
        location=location,
        year=year,
        indicator=indicator,
        direction=direction,
        value=value,
        agreed_on=agreed_on,
        source=source.strip(),
        recorded_by=by,
    )
    target.full_clean()
    target.save()
    return target
