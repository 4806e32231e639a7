"""Reads of the chain consultation, with their joins applied and the household scope enforced.

What the case file shows of it (cases.extensions, registered in apps.py): the stuck panel on the
household page, the caseload's signals (stuck, possibly stuck, decision overdue) and the owner's
open decisions on the caseload.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cases import extensions
from cases.access import household_scope_q, may_change_household
from cases.constants import ExtensionReason
from cases.models import BeschikkingExtension, Household, Stay
from opvang.constants import CASE_ROLES, Role
from opvang.models import User

from .access import consultation_scope_q
from .constants import SUGGEST_AFTER_MONTHS
from .models import ChainConsultation, ConsultationCase, Decision, StuckMark

# Consultations up to this many days ago still take households on their agenda (recorded afterwards).
AGENDA_DAYS_BACK = 90


# --- Stuck: marks and suggestions ----------------------------------------------------------------
def _stuck(today: date) -> Exists:
    return Exists(StuckMark.objects.filter(household=OuterRef("pk"), resolved_on__isnull=True))


def _long_stay(today: date) -> Exists:
    # "Longer than 6 months": admitted exactly 6 months ago is not over it yet (as the indicator).
    return Exists(
        Stay.objects.filter(
            household=OuterRef("pk"),
            left_on__isnull=True,
            admitted_on__lt=today - relativedelta(months=SUGGEST_AFTER_MONTHS),
        )
    )


def _extended_for_no_outflow(today: date) -> Exists:
    return Exists(
        BeschikkingExtension.objects.filter(
            beschikking__stay__household=OuterRef("pk"),
            beschikking__stay__left_on__isnull=True,
            reason=ExtensionReason.NO_OUTFLOW,
        )
    )


def _suggested(today: date) -> Q:
    """Possibly stuck: a long open stay or an extension for lack of outflow, and not marked yet."""
    return (Q(_long_stay(today)) | Q(_extended_for_no_outflow(today))) & ~Q(_stuck(today))


def _decision_overdue(today: date) -> Exists:
    return Exists(Decision.objects.filter(case__household=OuterRef("pk"), done_at__isnull=True, due_on__lt=today))


# Registered with the case file's caseload in apps.py (cases.extensions).
CASELOAD_SIGNALS = (
    extensions.CaseloadSignal("signal_stuck", gettext_lazy("Stuck"), _stuck, order=80),
    extensions.CaseloadSignal("signal_stuck_suggested", gettext_lazy("Possibly stuck"), _suggested, order=81),
    extensions.CaseloadSignal(
        "signal_chain_decision_overdue", gettext_lazy("Chain decision overdue"), _decision_overdue, order=82
    ),
)


def stuck_suggestion(household: Household, today: date | None = None) -> dict[str, bool]:
    """Why the system suggests marking this household stuck (one query): a stay over 6 months,
    a beschikking extended for lack of outflow."""
    today = today or timezone.localdate()
    row = (
        Household.objects.filter(pk=household.pk)
        .annotate(long_stay=_long_stay(today), no_outflow=_extended_for_no_outflow(today))
        .values("long_stay", "no_outflow")
        .first()
    )
    return {"long_stay": bool(row and row["long_stay"]), "no_outflow": bool(row and row["no_outflow"])}


def open_stuck_mark(household: Household) -> StuckMark | None:
    return StuckMark.objects.filter(household=household, resolved_on__isnull=True).first()


# --- Decisions -------------------------------------------------------------------------------------
def _decisions() -> QuerySet[Decision]:
    return Decision.objects.select_related("case__household", "case__consultation", "owner")


def open_decisions_for_owner(user: User) -> QuerySet[Decision]:
    """The open decisions a user owns, in households the user may still open, due date first."""
    return (
        _decisions()
        .filter(owner=user, done_at__isnull=True)
        .filter(case__household__in=Household.objects.filter(household_scope_q(user)).values("pk"))
        .order_by("due_on", "pk")
    )


def decisions_due_for_digest(today: date) -> QuerySet[Decision]:
    """Open decisions due today or overdue, for the daily digest (reports.tasks), by owner."""
    return (
        Decision.objects.filter(done_at__isnull=True, due_on__lte=today)
        .select_related("case__household")
        .order_by("owner_id", "due_on", "pk")
    )


def decision_owner_choices(household: Household) -> QuerySet[User]:
    """Who may own a decision about this household: active caseworkers of its location and the
    team leads of its organisation (those who see it on their caseload)."""
    return (
        User.objects.filter(is_active=True, organisation_id=household.organisation_id, role__in=CASE_ROLES)
        .filter(Q(role=Role.TEAM_LEAD) | Q(locations=household.location_id))
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


# --- Consultations ---------------------------------------------------------------------------------
def consultations_for_user(user: User) -> QuerySet[ChainConsultation]:
    """Consultations at which the user's organisation was present, newest first, with the number
    of households discussed (all organisations) and of those the user may open. Three queries with
    the organisations."""
    visible = Household.objects.filter(household_scope_q(user)).values("pk")
    return (
        ChainConsultation.objects.filter(consultation_scope_q(user))
        .annotate(
            n_cases=Count("cases", distinct=True),
            n_own_cases=Count("cases", filter=Q(cases__household__in=visible), distinct=True),
        )
        .prefetch_related("organisations")
        .order_by("-held_on", "-pk")
    )


def consultation_page(consultation: ChainConsultation, user: User) -> dict[str, Any]:
    """The consultation with the households the user may open and their decisions; the others are
    only counted (no reference, no name). A fixed number of queries."""
    visible = Household.objects.filter(household_scope_q(user)).values("pk")
    cases = list(
        ConsultationCase.objects.filter(consultation=consultation, household__in=visible)
        .select_related("household", "brought_in_by")
        .prefetch_related(Prefetch("decisions", queryset=Decision.objects.select_related("owner", "done_by")))
        .order_by("pk")
    )
    for case in cases:
        case.may_change = may_change_household(user, case.household)  # type: ignore[attr-defined]
    # The others are all the consultation's cases but the visible ones: counting them with
    # NOT IN (visible households) hashes every household in the user's scope (7 000 rows, 6 400
    # buffers at 200 000 households), counting all of the consultation's cases reads a few rows.
    others = ConsultationCase.objects.filter(consultation=consultation).count() - len(cases)
    return {
        "consultation": consultation,
        "organisations": list(consultation.organisations.all()),
        "cases": cases,
        "other_cases": others,
        "today": timezone.localdate(),
    }


def consultations_for_agenda(user: User, today: date | None = None) -> QuerySet[ChainConsultation]:
    """Consultations the user's organisation attends (or attended up to 90 days ago), to bring a
    household to."""
    today = today or timezone.localdate()
    return ChainConsultation.objects.filter(
        organisations=user.organisation_id, held_on__gte=today - relativedelta(days=AGENDA_DAYS_BACK)
    ).order_by("held_on", "pk")


# --- What the case file shows (cases.extensions) --------------------------------------------------
def household_panel_context(request: HttpRequest, household: Household) -> dict[str, Any]:
    """The stuck card on the household page: the open mark, the suggestion and the open decisions.
    Two queries, whatever the household holds (the mark and the suggestion in one)."""
    today = timezone.localdate()
    open_mark = StuckMark.objects.filter(household=OuterRef("pk"), resolved_on__isnull=True)
    row = (
        Household.objects.filter(pk=household.pk)
        .annotate(
            long_stay=_long_stay(today),
            no_outflow=_extended_for_no_outflow(today),
            mark_pk=Subquery(open_mark.values("pk")[:1]),
            mark_reason=Subquery(open_mark.values("reason")[:1]),
            mark_since=Subquery(open_mark.values("since")[:1]),
        )
        .values("long_stay", "no_outflow", "mark_pk", "mark_reason", "mark_since")
        .get()
    )
    mark = None
    if row["mark_pk"] is not None:
        # What the card shows of the open mark, read in the same query (not saved from here).
        mark = StuckMark(pk=row["mark_pk"], household=household, reason=row["mark_reason"], since=row["mark_since"])
    suggestion = {"long_stay": mark is None and row["long_stay"], "no_outflow": mark is None and row["no_outflow"]}
    decisions = list(
        Decision.objects.filter(case__household=household, done_at__isnull=True)
        .select_related("owner")
        .order_by("due_on", "pk")
    )
    return {
        "chain_stuck_mark": mark,
        "chain_suggestion": suggestion,
        "chain_decisions": decisions,
        "chain_today": today,
    }


def caseload_panel_context(request: HttpRequest) -> dict[str, Any]:
    """The owner's open decisions on the caseload page (one query)."""
    user = request.user
    assert isinstance(user, User)  # the caseload is for signed-in case roles only
    return {"chain_open_decisions": list(open_decisions_for_owner(user)), "chain_today": timezone.localdate()}
