"""The region's stuck households for policy officers: per shelter location, aggregates only.

The definitions are those of the stuck indicators (reports.indicators, section "stuck") over
the twelve months up to today: stuck now (per reason), the median days stuck so far, and the
stuck marks resolved in those months with their median days to resolution. No household, no
name: only counts and medians, and the page suppresses what rests on fewer than 5 cases
(reports.presentation, the rule of the dashboard and the exports). Seven queries in all.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Value

from chain.constants import StuckReason
from chain.models import StuckMark
from opvang.models import Location

from .expressions import DaysBetween, Median, median_of
from .indicators import Result, count, statistic
from .periods import Period
from .selectors import shelter_locations


@dataclass
class StuckRow:
    """One location (or the region): counts and medians, each a Result (suppression needs n)."""

    location: Location | None
    present: Result = field(default_factory=lambda: count(0))
    reasons: dict[str, Result] = field(default_factory=dict)
    days: Result = field(default_factory=lambda: statistic(None, 0))
    resolved: Result = field(default_factory=lambda: count(0))
    resolution: Result = field(default_factory=lambda: statistic(None, 0))


def stuck_period(today: datetime.date) -> Period:
    """The twelve months up to and including today."""
    return Period.custom(today - relativedelta(years=1) + datetime.timedelta(days=1), today)


def _grouped_medians(marks: QuerySet[StuckMark], expression: DaysBetween) -> dict[int, Result]:
    """The median per location in one query: PERCENTILE_CONT grouped by location on PostgreSQL;
    SQLite (development only) fetches the one column and takes the medians in Python."""
    if connection.vendor == "postgresql":
        rows = marks.values("location_id").annotate(m=Median(expression), n=Count("pk")).order_by()
        return {row["location_id"]: statistic(row["m"], row["n"]) for row in rows}
    values: dict[int, list[int]] = defaultdict(list)
    for location_id, days in marks.annotate(d=expression).values_list("location_id", "d"):
        values[location_id].append(days)
    return {pk: statistic(float(statistics.median(v)), len(v)) for pk, v in values.items()}


def stuck_region(today: datetime.date) -> tuple[Period, list[StuckRow], StuckRow]:
    """Per shelter location and for the whole region: stuck now (by reason), median days stuck,
    resolved in the last twelve months and their median days to resolution."""
    period = stuck_period(today)
    at_end = Q(since__lte=period.end) & (Q(resolved_on__isnull=True) | Q(resolved_on__gt=period.end))
    resolved = Q(resolved_on__range=(period.start, period.end))
    days_stuck = DaysBetween(Value(period.end), F("since"))
    days_to_resolution = DaysBetween(F("resolved_on"), F("since"))
    counts = {
        "present": Count("pk", filter=at_end),
        "resolved": Count("pk", filter=resolved),
        **{f"reason_{reason}": Count("pk", filter=at_end & Q(reason=reason)) for reason in StuckReason.values},
    }
    locations = list(shelter_locations().order_by("organisation__name", "name"))
    marks = StuckMark.objects.filter(location__in=[loc.pk for loc in locations])

    per_location = {row["location_id"]: row for row in marks.values("location_id").annotate(**counts).order_by()}
    days = _grouped_medians(marks.filter(at_end), days_stuck)
    resolution = _grouped_medians(marks.filter(resolved), days_to_resolution)

    def row(
        location: Location | None, values: Mapping[str, Any], day_result: Result, resolution_result: Result
    ) -> StuckRow:
        return StuckRow(
            location=location,
            present=count(values.get("present")),
            reasons={reason: count(values.get(f"reason_{reason}")) for reason in StuckReason.values},
            days=day_result,
            resolved=count(values.get("resolved")),
            resolution=resolution_result,
        )

    rows = [
        row(
            loc,
            per_location.get(loc.pk, {}),
            days.get(loc.pk, statistic(None, 0)),
            resolution.get(loc.pk, statistic(None, 0)),
        )
        for loc in locations
    ]
    total = row(
        None,
        marks.aggregate(**counts),
        statistic(*median_of(marks.filter(at_end), days_stuck)),
        statistic(*median_of(marks.filter(resolved), days_to_resolution)),
    )
    return period, rows, total
