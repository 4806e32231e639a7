"""Reads of case notes and follow-ups, with the restricted rule applied.

Restricted notes (safety content) are visible only to those who may see the household's safety
section (cases.access.may_see_safety); everyone else gets a queryset without them, so a template
can never show one by mistake.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from opvang.models import User

from .access import household_scope_q, may_see_safety
from .models import CaseNote, FollowUp, Household

LATEST_NOTES = 5


def notes_for_household(user: User, household: Household, *, safety: bool | None = None) -> QuerySet[CaseNote]:
    """The household's notes this user may read, newest contact first, with what a list shows.

    safety: may_see_safety(user, household) when the page has already asked it."""
    notes = CaseNote.objects.filter(household=household)
    if safety is None:
        safety = may_see_safety(user, household)
    if not safety:
        notes = notes.filter(restricted=False)
    return (
        notes.select_related("author", "adult", "corrects")
        .prefetch_related(
            "children",
            "goals",
            Prefetch("follow_ups", queryset=FollowUp.objects.select_related("owner", "done_by")),
        )
        .annotate(correction_count=Count("corrections", distinct=True))
        .order_by("-contact_at", "-pk")
    )


def latest_notes(user: User, household: Household, *, child=None, safety: bool | None = None) -> list[CaseNote]:
    """The newest notes of the household, or of one child of it (Child.case_notes)."""
    notes = notes_for_household(user, household, safety=safety)
    if child is not None:
        notes = notes.filter(children=child)
    return list(notes[:LATEST_NOTES])


def note_person_choices(household: Household) -> list[tuple[str, str]]:
    """The people a note can be about: "adult:<pk>" and "child:<pk>" with their names.

    The children are read through the reverse relation of children.Child, so cases does not
    import the children app."""
    adults = [(f"adult:{a.pk}", str(a)) for a in household.adults.order_by("pk")]
    children = [
        (f"child:{pk}", f"{first} {last}")
        for pk, first, last in household.children.order_by("date_of_birth").values_list("pk", "first_name", "last_name")
    ]
    return adults + children


def note_goal_choices(household: Household) -> list[tuple[str, str]]:
    """Goals notes of this household were linked to, by their key (stable across plan versions)."""
    rows = (
        CaseNote.objects.filter(household=household, goals__isnull=False)
        .values_list("goals__key", "goals__text")
        .distinct()
        .order_by("goals__text")
    )
    return [(str(key), text[:80]) for key, text in rows]


def open_follow_ups(user: User) -> QuerySet[FollowUp]:
    """The open follow-ups a user owns, in households the user may still open, due date first.
    Follow-ups of restricted notes show only what needs to happen, never the note."""
    return (
        FollowUp.objects.filter(owner=user, done_at__isnull=True)
        .filter(household__in=Household.objects.filter(household_scope_q(user)).values("pk"))
        .select_related("household", "note__author")
        .order_by("due_on", "pk")
    )


def follow_ups_due_for_digest(today: date) -> QuerySet[FollowUp]:
    """Open follow-ups due today or overdue, for the daily digest (reports.tasks)."""
    return (
        FollowUp.objects.filter(done_at__isnull=True, due_on__lte=today)
        .select_related("household")
        .order_by("owner_id", "due_on", "pk")
    )


def is_overdue(follow_up: FollowUp, today: date | None = None) -> bool:
    return follow_up.done_at is None and follow_up.due_on < (today or timezone.localdate())


def follow_up_scope_q(user: User) -> Q:
    return Q(household__in=Household.objects.filter(household_scope_q(user)).values("pk"))
