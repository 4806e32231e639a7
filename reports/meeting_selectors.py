"""Reads of the account meetings (accountgesprekken) and their agreements (scoped by reports.access)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from opvang.models import Organisation

from .constants import AgreementStatus
from .models import AccountAgreement, AccountMeeting, EvaluationDossier


def meeting_queryset() -> QuerySet[AccountMeeting]:
    """Meetings with their provider and contract manager joined."""
    return AccountMeeting.objects.select_related("organisation", "contract_manager")


def meeting_list() -> QuerySet[AccountMeeting]:
    """Meetings newest first, with the number of agreements made and still open in each."""
    return (
        meeting_queryset()
        .annotate(
            agreement_count=Count("agreements", distinct=True),
            open_count=Count("agreements", filter=Q(agreements__status=AgreementStatus.OPEN), distinct=True),
        )
        .order_by("-held_on", "-pk")
    )


def _earlier(meeting: AccountMeeting) -> Q:
    """Meetings of the same provider before this one (the same day: recorded before it)."""
    return Q(meeting__organisation_id=meeting.organisation_id) & (
        Q(meeting__held_on__lt=meeting.held_on) | Q(meeting__held_on=meeting.held_on, meeting__pk__lt=meeting.pk)
    )


def meeting_agreements(meeting: AccountMeeting) -> list[AccountAgreement]:
    """The agreements made in this meeting."""
    return list(meeting.agreements.select_related("closed_in").order_by("kind", "pk"))


def meeting_carried_over(meeting: AccountMeeting) -> list[AccountAgreement]:
    """Agreements of the provider's earlier meetings that come back in this one: those still open,
    and those closed in this very meeting (so the record shows what was decided here)."""
    carried = AccountAgreement.objects.filter(_earlier(meeting)).filter(
        Q(status=AgreementStatus.OPEN) | Q(closed_in=meeting)
    )
    return list(carried.select_related("meeting", "closed_in").order_by("meeting__held_on", "pk"))


def previous_meeting(meeting: AccountMeeting) -> AccountMeeting | None:
    """The provider's meeting before this one, if any."""
    return (
        AccountMeeting.objects.filter(organisation_id=meeting.organisation_id)
        .filter(Q(held_on__lt=meeting.held_on) | Q(held_on=meeting.held_on, pk__lt=meeting.pk))
        .order_by("-held_on", "-pk")
        .first()
    )


def organisation_agreements_for_year(organisation: Organisation | int, year: int) -> list[AccountAgreement]:
    """The provider's agreements that belong to a year: those made in its meetings of that year,
    and those of earlier years not closed before that year began (carried over)."""
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    carried = Q(meeting__held_on__year__lt=year) & (Q(closed_in__isnull=True) | Q(closed_in__held_on__year__gte=year))
    agreements = AccountAgreement.objects.filter(meeting__organisation_id=organisation_id).filter(
        Q(meeting__held_on__year=year) | carried
    )
    return list(agreements.select_related("meeting", "closed_in").order_by("kind", "meeting__held_on", "pk"))


def dossier_account_agreements(dossier: EvaluationDossier) -> list[AccountAgreement]:
    """The agreements with the dossier location's provider in the dossier's year."""
    return organisation_agreements_for_year(dossier.location.organisation_id, dossier.year)
