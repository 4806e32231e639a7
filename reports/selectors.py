"""Reads of the monitoring app. Only aggregates leave this module: no client data."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext

from cases.models import Beschikking, Stay
from cases.note_selectors import follow_ups_due_for_digest
from chain.selectors import decisions_due_for_digest
from children.models import Child
from opvang.constants import OrganisationKind, Role
from opvang.models import Location, Organisation, User
from plans.constants import VersionState
from plans.models import PlanVersion

from .charts import line_chart_svg
from .constants import PeriodKind, ScopeKind
from .dossier_selectors import actions_due_for_digest
from .indicators import INDICATORS, SECTIONS
from .models import EvaluationDossier, ImprovementPoint, ReportSnapshot, Target
from .outflow_selectors import outflow_overview
from .periods import Period, Scope
from .presentation import INDICATORS_BY_CODE, NumberStyle, chart_value, format_value, table, target_view

# Indicators drawn as trend charts in the PDF and offered first on the dashboard.
KEY_INDICATORS = [
    "occupancy",
    "households_served",
    "child_intake",
    "plan_within_30",
    "handover_warm",
    "exits_permanent_share",
]

LIGHT_FIELDS = ("pdf", "previous_values", "trend")


def shelter_locations() -> QuerySet[Location]:
    return Location.objects.filter(organisation__kind=OrganisationKind.SHELTER_PROVIDER).select_related("organisation")


def shelter_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.SHELTER_PROVIDER)


def snapshot_list() -> QuerySet[ReportSnapshot]:
    """Snapshots for the report list, newest period first, without their heavy payload
    (reports.filters.SnapshotFilter narrows them)."""
    snapshots = ReportSnapshot.objects.select_related("organisation", "location__organisation", "generated_by").defer(
        *LIGHT_FIELDS, "values"
    )
    return snapshots.order_by("-period_start", "-period_end", "scope_kind", "scope_key", "-revision")


def snapshot_queryset() -> QuerySet[ReportSnapshot]:
    """Snapshots with what a report page shows of them joined (reports.access scopes them)."""
    return ReportSnapshot.objects.select_related("organisation", "location__organisation", "generated_by")


def snapshot_get(pk: int) -> ReportSnapshot:
    return snapshot_queryset().get(pk=pk)


def trend_for(snapshot: ReportSnapshot) -> list[dict]:
    """Values of the current snapshots of the earlier periods of the same scope and kind (oldest first)."""
    if snapshot.period_kind == PeriodKind.CUSTOM:
        return []
    earlier = (
        ReportSnapshot.objects.filter(
            scope_key=snapshot.scope_key,
            period_kind=snapshot.period_kind,
            is_current=True,
            period_start__lt=snapshot.period_start,
        )
        .order_by("-period_start")
        .values("period_start", "period_end", "period_kind", "values")[:TREND_PERIODS]
    )
    return [
        {"start": row["period_start"].isoformat(), "end": row["period_end"].isoformat(), "values": row["values"]}
        for row in reversed(list(earlier))
    ]


TREND_PERIODS = 4


def _label(start: str, end: str, kind: str) -> str:
    return Period(datetime.date.fromisoformat(start), datetime.date.fromisoformat(end), kind).label


def improvement_points_for(scope: Scope, year: int) -> QuerySet[ImprovementPoint]:
    """Points of the locations in scope raised up to ``year`` that were still open in that year."""
    points = ImprovementPoint.objects.filter(location__in=scope.locations(), year_raised__lte=year).select_related(
        "location"
    )
    return points.filter(Q(closed_year__isnull=True) | Q(closed_year__gte=year)).order_by("location__name", "pk")


def snapshot_pdf_context(snapshot: ReportSnapshot) -> dict:
    """Everything the report PDF shows: cover, indicator table beside the previous period, trends."""
    period = snapshot.period
    trend = [
        *snapshot.trend,
        {"start": period.start.isoformat(), "end": period.end.isoformat(), "values": snapshot.values},
    ]
    labels = [_label(row["start"], row["end"], snapshot.period_kind) for row in trend]
    charts = []
    for code in KEY_INDICATORS:
        indicator = INDICATORS_BY_CODE[code]
        values = [chart_value(indicator, row["values"].get(code)) for row in trend]
        # The text alternative of the chart (its <title> becomes the PDF figure's /Alt text).
        description = gettext("%(name)s per period: %(values)s.") % {
            "name": indicator.name,
            "values": "; ".join(
                f"{label} {format_value(indicator, row['values'].get(code))}"
                for label, row in zip(labels, trend, strict=True)
            ),
        }
        charts.append(
            {"indicator": indicator, "svg": line_chart_svg(description, labels, values), "description": description}
        )
    targets = targets_for_snapshot(snapshot)
    sections = table(snapshot.values, snapshot.previous_values, targets=targets)
    rows_by_code = {row.indicator.code: row for _title, rows in sections for row in rows}
    return {
        "snapshot": snapshot,
        "scope_label": snapshot.scope.label,
        "period_label": period.label,
        "previous_label": period.previous().label,
        "sections": sections,
        "headline": [rows_by_code[code] for code in KEY_INDICATORS]
        + [row for code, row in rows_by_code.items() if code in targets and code not in KEY_INDICATORS],
        "has_targets": bool(targets),
        "charts": charts,
        "points": list(improvement_points_for(snapshot.scope, period.end.year)),
        # Housing outflow per municipality and the quota of the period's year (as on the outflow page).
        "housing": outflow_overview(snapshot.scope, period),
        "definitions": [(s.title, [i for i in INDICATORS if i.section == s.code]) for s in SECTIONS],
    }


# --- Targets (streefwaarden) ---------------------------------------------------------------------
def targets_applicable(scope: Scope, year: int, on: datetime.date) -> dict[str, Target]:
    """Per indicator code, the target that applied to this scope and year on ``on`` (one query).

    The latest agreement made on or before ``on`` counts; a location's own target takes
    precedence over its provider's. The region has no targets (they are agreed per provider).
    """
    if scope.kind == ScopeKind.REGION:
        return {}
    targets = Target.objects.filter(organisation=scope.organisation, year=year, agreed_on__lte=on)
    if scope.kind == ScopeKind.LOCATION:
        targets = targets.filter(Q(location__isnull=True) | Q(location=scope.location))
    else:
        targets = targets.filter(location__isnull=True)
    found: dict[str, Target] = {}
    # Provider-wide first, then the location's own; within each, older agreements first.
    for target in targets.order_by(F("location").asc(nulls_first=True), "agreed_on", "pk"):
        found[target.indicator] = target
    return found


def targets_for_snapshot(snapshot: ReportSnapshot) -> dict[str, Target]:
    """The targets that applied when the snapshot was made: a past report keeps its targets."""
    made_on = timezone.localdate(snapshot.generated_at) if snapshot.generated_at else timezone.localdate()
    return targets_applicable(snapshot.scope, snapshot.period_end.year, made_on)


def target_list() -> QuerySet[Target]:
    return Target.objects.select_related("organisation", "location", "recorded_by")


# --- Dashboard ---------------------------------------------------------------------------------
DASHBOARD_PERIODS = 8


def dashboard_periods(scope: Scope, period_kind: str, today: datetime.date) -> list[Period]:
    """The periods the dashboard shows, oldest first: the current one (provisional) and up to
    seven before it, none ending before the first admission in scope (one query)."""
    # Each location's first admission through its (location, admitted_on) index: a MIN over the
    # stays of all locations at once reads every stay (100 ms at 200 000 households).
    first_at_location = Stay.objects.filter(location=OuterRef("pk")).order_by("admitted_on").values("admitted_on")[:1]
    first = scope.locations().annotate(first=Subquery(first_at_location)).aggregate(Min("first"))["first__min"]
    if first is None:
        return []
    periods = [Period.containing(period_kind, today)]
    while len(periods) < DASHBOARD_PERIODS and periods[-1].start > first:
        periods.append(periods[-1].previous())
    return periods[::-1]


@dataclass
class Dashboard:
    scope: Scope
    period_kind: str
    indicator_code: str
    periods: list[str] = field(default_factory=list)
    provisional: list[bool] = field(default_factory=list)
    trend_rows: list[dict] = field(default_factory=list)
    chart: dict = field(default_factory=dict)
    comparison: list[dict] = field(default_factory=list)
    comparison_chart: dict = field(default_factory=dict)
    comparison_label: str = ""
    empty_reason: str = ""
    has_targets: bool = False

    @property
    def columns(self) -> list[tuple[str, bool]]:
        return list(zip(self.periods, self.provisional, strict=True))

    @property
    def any_provisional(self) -> bool:
        return any(self.provisional)

    @property
    def comparison_drawable(self) -> bool:
        return any(v is not None for v in self.comparison_chart.get("values", []))


def dashboard(*, scope: Scope, period_kind: str, indicator_code: str, periods: list[Period]) -> Dashboard:
    """Trends of every indicator for one scope, and one indicator compared across locations.

    Reads stored snapshots only (two queries), so the page costs the same for any data volume;
    ``services.snapshots_ensure`` has made the missing ones before.
    """
    board = Dashboard(scope=scope, period_kind=period_kind, indicator_code=indicator_code)
    if not periods:
        board.empty_reason = gettext(
            "There is nothing to show for this selection: no stay has been recorded at its locations yet."
        )
        return board
    snapshots = list(
        ReportSnapshot.objects.filter(
            scope_key=scope.key, period_kind=period_kind, is_current=True, period_start__in=[p.start for p in periods]
        )
        .order_by("period_start")
        .values("period_start", "period_end", "values", "is_provisional")
    )
    board.periods = [Period(s["period_start"], s["period_end"], period_kind).label for s in snapshots]
    board.provisional = [s["is_provisional"] for s in snapshots]
    latest_values = snapshots[-1]["values"] if snapshots else {}
    targets = targets_applicable(scope, snapshots[-1]["period_end"].year, timezone.localdate()) if snapshots else {}
    board.has_targets = bool(targets)
    numbers = NumberStyle()
    for indicator in INDICATORS:
        target = targets.get(indicator.code)
        board.trend_rows.append(
            {
                "indicator": indicator,
                "cells": [format_value(indicator, s["values"].get(indicator.code), numbers=numbers) for s in snapshots],
                # The target of the latest period's year beside its value.
                "target": target_view(indicator, latest_values.get(indicator.code), target) if target else None,
            }
        )
    selected = INDICATORS_BY_CODE[indicator_code]
    # Charts get plain numbers as JSON (json_script), never localised text such as "3,3".
    board.chart = {
        "label": str(selected.name),
        "unit": selected.unit,
        "labels": board.periods,
        "values": [chart_value(selected, s["values"].get(indicator_code)) for s in snapshots],
    }
    if snapshots:
        latest = snapshots[-1]
        board.comparison_label = board.periods[-1]
        rows = (
            ReportSnapshot.objects.filter(
                scope_kind=ScopeKind.LOCATION,
                location__in=scope.locations(),
                period_start=latest["period_start"],
                period_end=latest["period_end"],
                is_current=True,
            )
            .select_related("location__organisation")
            .only("values", "location__name", "location__organisation__name")
            .order_by("location__organisation__name", "location__name")
        )
        board.comparison = [
            {
                "location": row.location,
                "value": format_value(selected, row.values.get(indicator_code)),
                "number": chart_value(selected, row.values.get(indicator_code)),
            }
            for row in rows
        ]
        board.comparison_chart = {
            "label": str(selected.name),
            "labels": [row["location"].name for row in board.comparison],
            "values": [row["number"] for row in board.comparison],
        }
    return board


# --- Evaluation dossiers -----------------------------------------------------------------------
def dossier_list() -> QuerySet[EvaluationDossier]:
    return EvaluationDossier.objects.select_related("location__organisation").order_by(
        "-year", "location__organisation__name", "location__name"
    )


def dossier_queryset() -> QuerySet[EvaluationDossier]:
    """Dossiers with their location, provider and finaliser joined (reports.access scopes them)."""
    return EvaluationDossier.objects.select_related("location__organisation", "finalised_by")


def dossier_get(pk: int) -> EvaluationDossier:
    return dossier_queryset().get(pk=pk)


def dossier_points(dossier: EvaluationDossier) -> list[ImprovementPoint]:
    """This year's new points plus the points of earlier years carried over (not closed before)."""
    return list(improvement_points_for(Scope.for_location(dossier.location), dossier.year))


def dossier_snapshots(dossier: EvaluationDossier) -> tuple[ReportSnapshot | None, ReportSnapshot | None]:
    """The current yearly snapshots of the dossier's year and the year before."""
    snapshots = {
        s.period_start.year: s
        for s in ReportSnapshot.objects.filter(
            scope_key=Scope.for_location(dossier.location).key,
            period_kind=PeriodKind.YEAR,
            is_current=True,
            period_start__year__in=[dossier.year, dossier.year - 1],
        ).defer(*LIGHT_FIELDS)
    }
    return snapshots.get(dossier.year), snapshots.get(dossier.year - 1)


# --- Caseload signals for the daily digest -----------------------------------------------------
BESCHIKKING_WARNING_DAYS = 14
INTAKE_DUE_DAYS = 14


def initials(first_name: str, last_name: str) -> str:
    parts = [p for p in (first_name, last_name) if p]
    return "".join(p[0].upper() + "." for p in parts)


def caseworker_signals(today: datetime.date) -> dict[int, list[tuple[str, str, str]]]:
    """Per caseworker (user id): (signal, household reference, client initials) rows.

    Five queries in all (one per kind of signal), whatever the number of caseworkers; the
    caseworker is the trajectory caseworker of an adult of the household.
    """
    signals: dict[int, list[tuple[str, str, str]]] = {}

    def add(user_id: int | None, signal: str, reference: str, first: str, last: str) -> None:
        if user_id is not None:
            signals.setdefault(user_id, []).append((signal, reference, initials(first, last)))

    # Ending within 14 days, or expired while the stay goes on (the stay's latest beschikking: an
    # expired one stays a signal until the stay ends or the beschikking is extended).
    later = Beschikking.objects.filter(stay=OuterRef("stay"), end_on__gt=OuterRef("end_on"))
    ending = (
        Beschikking.objects.filter(
            stay__left_on__isnull=True,
            end_on__lte=today + datetime.timedelta(days=BESCHIKKING_WARNING_DAYS),
            stay__household__adults__caseworker__isnull=False,
        )
        .exclude(Q(end_on__lt=today) & Q(Exists(later)))
        .values_list(
            "stay__household__adults__caseworker_id",
            "stay__household__reference",
            "stay__household__adults__first_name",
            "stay__household__adults__last_name",
            "end_on",
        )
    )
    for user_id, reference, first, last, end_on in ending:
        add(user_id, "beschikking_expired" if end_on < today else "beschikking_ending", reference, first, last)

    no_intake = Child.objects.filter(
        intake_on__isnull=True,
        household__stays__left_on__isnull=True,
        household__stays__admitted_on__lte=today - datetime.timedelta(days=INTAKE_DUE_DAYS),
        household__adults__caseworker__isnull=False,
    ).values_list("household__adults__caseworker_id", "household__reference", "first_name", "last_name")
    for user_id, reference, first, last in no_intake:
        add(user_id, "child_without_intake", reference, first, last)

    overdue = PlanVersion.objects.filter(
        state=VersionState.AGREED,
        next_review_on__lt=today,
        reviewed_on__isnull=True,
        plan__household__adults__caseworker__isnull=False,
    ).values_list(
        "plan__household__adults__caseworker_id",
        "plan__household__reference",
        "plan__household__adults__first_name",
        "plan__household__adults__last_name",
    )
    for user_id, reference, first, last in overdue:
        add(user_id, "plan_review_overdue", reference, first, last)

    # Follow-ups of case notes go to their owner, not the trajectory caseworker; the mail names
    # only the household (what needs to happen is free text and stays in the application).
    follow_ups = follow_ups_due_for_digest(today).values_list("owner_id", "household__reference", "due_on")
    for user_id, reference, due_on in follow_ups:
        signal = "follow_up_overdue" if due_on < today else "follow_up_due"
        signals.setdefault(user_id, []).append((signal, reference, ""))

    # Decisions of chain consultations likewise go to their owner, without their text.
    decisions = decisions_due_for_digest(today).values_list("owner_id", "case__household__reference", "due_on")
    for user_id, reference, due_on in decisions:
        signal = "chain_decision_overdue" if due_on < today else "chain_decision_due"
        signals.setdefault(user_id, []).append((signal, reference, ""))

    # Follow-up actions of evaluation dossiers go to their owner, whatever their role: the mail
    # names the location and year of the evaluation, not what was agreed.
    for user_id, location, year, due_on in evaluation_action_signals(today):
        signal = "evaluation_action_overdue" if due_on < today else "evaluation_action_due"
        signals.setdefault(user_id, []).append((signal, f"{location} {year}", ""))
    return signals


def evaluation_action_signals(today: datetime.date) -> list[tuple[int, str, int, datetime.date]]:
    """(owner id, location name, dossier year, due date) of the open evaluation follow-up actions
    due within 14 days or overdue (one query)."""
    return list(
        actions_due_for_digest(today).values_list("owner_user_id", "dossier__location__name", "dossier__year", "due_on")
    )


def digest_recipients(user_ids: Iterable[int], *, any_role: Iterable[int] = ()) -> QuerySet[User]:
    """Caseworkers and team leads with signals; plus, whatever their role, the owners of
    evaluation follow-up actions (``any_role``)."""
    wanted = Q(pk__in=user_ids, role__in=[Role.CASEWORKER, Role.TEAM_LEAD]) | Q(pk__in=list(any_role))
    return User.objects.filter(wanted, is_active=True).exclude(email="")
