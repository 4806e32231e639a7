"""Writes of the chain consultation: stuck marks, consultations, households discussed, decisions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import household_scope_q
from cases.models import Household
from opvang.models import Organisation, User
from opvang.services import model_create, model_update

from .models import ChainConsultation, ConsultationCase, Decision, StuckMark


@transaction.atomic
def stuck_mark(*, household: Household, reason: str, since: date, explanation: str = "", by: User | None) -> StuckMark:
    """Mark a household as stuck since a day (not in the future), at the location it is at now."""
    if since > timezone.localdate():
        raise ValidationError({"since": _("A household cannot be stuck from a day in the future.")})
    if StuckMark.objects.filter(household=household, resolved_on__isnull=True).exists():
        raise ValidationError(_("This household is already marked as stuck."))
    return model_create(
        StuckMark,
        household=household,
        location_id=household.location_id,
        reason=reason,
        since=since,
        explanation=explanation,
        marked_by=by,
    )


@transaction.atomic
def stuck_resolve(*, mark: StuckMark, resolved_on: date, by: User | None) -> StuckMark:
    """The household is no longer stuck from this day on (not in the future, not before it got stuck)."""
    if mark.resolved_on is not None:
        raise ValidationError(_("This mark has been resolved already."))
    if resolved_on > timezone.localdate():
        raise ValidationError({"resolved_on": _("A mark cannot be resolved on a day in the future.")})
    if resolved_on < mark.since:
        raise ValidationError({"resolved_on": _("A household cannot be unstuck before it got stuck.")})
    mark, _updated = model_update(
        instance=mark, fields=["resolved_on", "resolved_by"], data={"resolved_on": resolved_on, "resolved_by": by}
    )
    return mark


@transaction.atomic
def consultation_create(
    *,
    held_on: date,
    organisations: Iterable[Organisation],
    attendees: str = "",
    next_meeting_on: date | None = None,
    by: User | None,
) -> ChainConsultation:
    """Record a chain consultation; the organisation of whoever records it was present."""
    consultation = model_create(
        ChainConsultation, held_on=held_on, attendees=attendees, next_meeting_on=next_meeting_on, created_by=by
    )
    present = {o.pk for o in organisations}
    if by is not None and by.organisation_id is not None:
        present.add(by.organisation_id)
    if not present:
        raise ValidationError({"organisations": _("Name at least one organisation present.")})
    consultation.organisations.set(present)
    return consultation


@transaction.atomic
def consultation_case_add(
    *, consultation: ChainConsultation, household: Household, question: str = "", by: User | None
) -> ConsultationCase:
    """Bring a household to a consultation: only its own provider does, and only to a consultation
    at which that provider is present."""
    if by is not None and by.organisation_id != household.organisation_id:
        raise ValidationError(_("Only the household's own provider brings it to a chain consultation."))
    if not consultation.organisations.filter(pk=household.organisation_id).exists():
        raise ValidationError(
            {"consultation": _("The household's organisation is not among the organisations present.")}
        )
    if ConsultationCase.objects.filter(consultation=consultation, household=household).exists():
        raise ValidationError({"consultation": _("This household is already on the consultation's agenda.")})
    return model_create(
        ConsultationCase, consultation=consultation, household=household, question=question, brought_in_by=by
    )


def may_own_decisions(user: User, household: Household) -> bool:
    """A decision's owner must be able to open the household (its caseload and digest show it)."""
    return user.is_active and Household.objects.filter(household_scope_q(user), pk=household.pk).exists()


@transaction.atomic
def decision_add(*, case: ConsultationCase, text: str, owner: User, due_on: date, by: User | None) -> Decision:
    """Record what the consultation decided about a household, with its owner and due date."""
    if not may_own_decisions(owner, case.household):
        raise ValidationError({"owner": _("The owner must be someone who may open this household's file.")})
    if due_on < case.consultation.held_on:
        raise ValidationError({"due_on": _("The due date cannot lie before the consultation.")})
    return model_create(Decision, case=case, text=text, owner=owner, due_on=due_on, created_by=by)


@transaction.atomic
def decision_done(*, decision: Decision, by: User) -> Decision:
    """Mark a decision done (by its owner or a colleague who may change the file)."""
    if decision.done_at is not None:
        raise ValidationError(_("This decision is done already."))
    decision, _updated = model_update(
        instance=decision, fields=["done_at", "done_by"], data={"done_at": timezone.now(), "done_by": by}
    )
    return decision
