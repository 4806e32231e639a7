"""Writes of case notes (rapportage) and their follow-ups.

A note is append-only: its author may change it on the day it was written, after that a
correction is a new note that points to the one it corrects. Every write is logged by
django-auditlog (opvang.audit registers CaseNote and FollowUp, with the texts masked).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opvang.constants import Role
from opvang.models import User

from .models import AdultClient, CaseNote, FollowUp, Household
from .services import Born, refuse_before_birth

# A contact is recorded when it happened; a clock a few minutes ahead must not block the note.
CLOCK_SLACK = timedelta(minutes=10)
# A follow-up more than a year ahead is a typing error, not a plan.
FOLLOW_UP_HORIZON_DAYS = 366


@dataclass(frozen=True)
class FollowUpData:
    what: str
    due_on: date
    owner: User


def note_editable_by(note: CaseNote, user: User) -> bool:
    """Only the author, and only on the day the note was written."""
    return note.author_id == user.pk and timezone.localdate(note.created_at) == timezone.localdate()


def follow_up_owner_candidates(household: Household) -> models.QuerySet[User]:
    """Colleagues who may own a follow-up: active case staff of the household's organisation who
    work at its location, and the organisation's team leads."""
    return (
        User.objects.filter(is_active=True, organisation_id=household.organisation_id)
        .filter(models.Q(role=Role.TEAM_LEAD) | models.Q(role=Role.CASEWORKER, locations=household.location_id))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _check_contact_at(contact_at: datetime, household: Household) -> None:
    if contact_at > timezone.now() + CLOCK_SLACK:
        raise ValidationError({"contact_at": _("A note records a contact that has taken place; the time lies ahead.")})
    if timezone.localdate(contact_at) < timezone.localdate(household.created_at) - timedelta(days=366):
        raise ValidationError({"contact_at": _("This date lies more than a year before the file was opened.")})


@transaction.atomic
def note_add(
    *,
    household: Household,
    kind: str,
    contact_at: datetime,
    text: str,
    by: User,
    adult: AdultClient | None = None,
    child: models.Model | None = None,
    goals: Iterable[models.Model] = (),
    restricted: bool = False,
    corrects: CaseNote | None = None,
    follow_up: FollowUpData | None = None,
) -> CaseNote:
    """Write a case note about the household, or about one adult or one child of it.

    ``child`` and ``goals`` come from the children and plans apps; they are linked through the
    relations those apps own (Child.case_notes, Goal.case_notes). A follow-up is raised with the
    note or not at all (one transaction). A correction keeps the
    restricted flag of the note it corrects, so safety content never leaks through a correction.
    """
    if adult is not None and child is not None:
        raise ValidationError({"person": _("A note is about one person at most: an adult or a child.")})
    if adult is not None and adult.household_id != household.pk:
        raise ValidationError({"person": _("This person is not part of the household.")})
    if child is not None and getattr(child, "household_id", None) != household.pk:
        raise ValidationError({"person": _("This person is not part of the household.")})
    if corrects is not None:
        if corrects.household_id != household.pk:
            raise ValidationError(_("A correction belongs to the same household as the note it corrects."))
        restricted = restricted or corrects.restricted
    _check_contact_at(contact_at, household)
    # The child is the children app's Child (a models.Model here), with a first name and a birth date.
    about = cast(list[Born], [person for person in (adult, child) if person is not None])
    refuse_before_birth(timezone.localtime(contact_at).date(), about, field="contact_at")
    note = CaseNote(
        household=household,
        adult=adult,
        kind=kind,
        contact_at=contact_at,
        text=text,
        restricted=restricted,
        corrects=corrects,
        author=by,
    )
    note.full_clean()
    note.save()
    if child is not None:
        note.children.set([child.pk])  # the reverse of Child.case_notes
    goals = list(goals)  # the form offers only the goals of this household's plan
    if goals:
        note.goals.set([goal.pk for goal in goals])  # the reverse of Goal.case_notes
    if follow_up is not None:
        follow_up_add(note=note, what=follow_up.what, due_on=follow_up.due_on, owner=follow_up.owner, by=by)
    return note


@transaction.atomic
def note_edit(*, note: CaseNote, kind: str, contact_at: datetime, text: str, restricted: bool, by: User) -> CaseNote:
    """Change a note on the day it was written, by its author; later a correction is a new note."""
    note = CaseNote.objects.select_for_update().select_related("household").get(pk=note.pk)
    if not note_editable_by(note, by):
        raise ValidationError(
            _("A note can only be changed by its author on the day it was written. Write a correction instead.")
        )
    _check_contact_at(contact_at, note.household)
    changed = []
    for field, value in (("kind", kind), ("contact_at", contact_at), ("text", text), ("restricted", restricted)):
        if getattr(note, field) != value:
            setattr(note, field, value)
            changed.append(field)
    if changed:
        note.full_clean()
        note.save(update_fields=[*changed, "updated_at"])
    return note


@transaction.atomic
def follow_up_add(*, note: CaseNote, what: str, due_on: date, owner: User, by: User) -> FollowUp:
    """A follow-up raised by a note, for a colleague at the household's location."""
    household = note.household
    if not follow_up_owner_candidates(household).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("Choose a colleague who works at the household's location.")})
    today = timezone.localdate()
    if due_on < today:
        raise ValidationError({"due_on": _("The due date lies in the past.")})
    if due_on > today + timedelta(days=FOLLOW_UP_HORIZON_DAYS):
        raise ValidationError({"due_on": _("The due date lies more than a year ahead.")})
    follow_up = FollowUp(household=household, note=note, what=what, due_on=due_on, owner=owner, created_by=by)
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_done(*, follow_up: FollowUp, by: User) -> FollowUp:
    """Mark a follow-up done, with who and when. Done twice is done once."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_at is None:
        follow_up.done_at = timezone.now()
        follow_up.done_by = by
        follow_up.save(update_fields=["done_at", "done_by"])
    return follow_up


@transaction.atomic
def follow_up_reopen(*, follow_up: FollowUp, by: User) -> FollowUp:
    """Undo "done": the follow-up is open again; who reopened it and when is kept."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_at is not None:
        follow_up.done_at = None
        follow_up.done_by = None
        follow_up.reopened_at = timezone.now()
        follow_up.reopened_by = by
        follow_up.save(update_fields=["done_at", "done_by", "reopened_at", "reopened_by"])
    return follow_up
