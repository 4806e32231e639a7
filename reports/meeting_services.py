"""Writes of the account meetings (accountgesprekken): a contract manager meets a provider a few
times a year, records agreements (training agreements among them), and updates the status of the
open agreements of earlier meetings in the next one."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from opvang.constants import OrganisationKind, Role
from opvang.models import Organisation, User
from opvang.services import model_create, model_update

from .constants import MEETING_PLAN_AHEAD_DAYS, AgreementStatus
from .models import AccountAgreement, AccountMeeting


def _check_date(held_on: datetime.date) -> None:
    if held_on > timezone.localdate() + datetime.timedelta(days=MEETING_PLAN_AHEAD_DAYS):
        raise ValidationError({"held_on": _("A meeting can be planned at most a year ahead.")})


def _ensure_held(meeting: AccountMeeting, message: str) -> None:
    """Agreements and their status are recorded in a meeting that has taken place."""
    if meeting.held_on > timezone.localdate():
        when = formats.date_format(meeting.held_on, "j F Y")
        raise ValidationError(message % {"date": when})


@transaction.atomic
def meeting_create(
    *, organisation: Organisation, held_on: datetime.date, attendees: str, notes: str, by: User
) -> AccountMeeting:
    """Record an account meeting with a provider (a date ahead: a planned meeting)."""
    if by.role != Role.CONTRACT_MANAGER:
        raise ValidationError(_("Only a contract manager records account meetings."))
    if organisation.kind != OrganisationKind.SHELTER_PROVIDER:
        raise ValidationError(
            {"organisation": _("Account meetings are held with shelter providers. Choose a provider.")}
        )
    _check_date(held_on)
    return model_create(
        AccountMeeting,
        organisation=organisation,
        held_on=held_on,
        contract_manager=by,
        attendees=attendees.strip(),
        notes=notes.strip(),
    )


@transaction.atomic
def meeting_update(*, meeting: AccountMeeting, held_on: datetime.date, attendees: str, notes: str) -> AccountMeeting:
    """Change the date, the attendees or the notes of a meeting."""
    _check_date(held_on)
    recorded = meeting.agreements.exists() or meeting.closed_agreements.exists()
    if held_on > timezone.localdate() and recorded:
        raise ValidationError(
            {
                "held_on": _(
                    "Agreements were recorded in this meeting, so it has taken place: its date cannot lie ahead."
                )
            }
        )
    # The order of meetings must stay: an agreement is closed in its own meeting or a later one.
    closed_here_from_later = meeting.closed_agreements.filter(meeting__held_on__gt=held_on).exists()
    own_closed_before = meeting.agreements.filter(closed_in__held_on__lt=held_on).exclude(closed_in=meeting).exists()
    if closed_here_from_later or own_closed_before:
        message = _(
            "On this date the meeting would come before a meeting whose agreements it closed, "
            "or after the meeting that closed its own agreements. Check the date."
        )
        raise ValidationError({"held_on": message})
    meeting, _changed = model_update(
        instance=meeting,
        fields=["held_on", "attendees", "notes"],
        data={"held_on": held_on, "attendees": attendees.strip(), "notes": notes.strip()},
    )
    return meeting


@transaction.atomic
def agreement_add(
    *, meeting: AccountMeeting, kind: str, text: str, owner: str, due_on: datetime.date | None
) -> AccountAgreement:
    """An agreement made in a meeting that has taken place."""
    _ensure_held(meeting, _("Agreements are recorded once the meeting has taken place; it is planned for %(date)s."))
    if due_on is not None and due_on < meeting.held_on:
        raise ValidationError({"due_on": _("The agreed date cannot lie before the meeting.")})
    return model_create(
        AccountAgreement, meeting=meeting, kind=kind, text=text.strip(), owner=owner.strip(), due_on=due_on
    )


@transaction.atomic
def agreement_set_status(
    *, meeting: AccountMeeting, agreement: AccountAgreement, status: str, reason: str = ""
) -> AccountAgreement:
    """Record in ``meeting`` how far an agreement of this or an earlier meeting of the provider is:
    done or dropped (with a reason) closes it in this meeting; open reopens it."""
    _ensure_held(
        meeting, _("The status of agreements is updated in a meeting that has taken place (planned for %(date)s).")
    )
    made_in = agreement.meeting
    if made_in.organisation_id != meeting.organisation_id:
        raise ValidationError(_("This agreement was made with another provider."))
    if (made_in.held_on, made_in.pk) > (meeting.held_on, meeting.pk):
        raise ValidationError(_("This agreement was made after this meeting; update it in a later meeting."))
    if agreement.closed_in_id not in (None, meeting.pk):
        raise ValidationError(_("This agreement was closed in another meeting; change its status there."))
    reason = reason.strip()
    if status == AgreementStatus.DROPPED and not reason:
        raise ValidationError({"reason": _("Say why the agreement is dropped.")})
    agreement, _changed = model_update(
        instance=agreement,
        fields=["status", "status_reason", "closed_in"],
        data={
            "status": status,
            "status_reason": reason,
            "closed_in": None if status == AgreementStatus.OPEN else meeting,
        },
    )
    return agreement
