# ruff: noqa: E501 - indicator definitions are whole sentences for translators; kept on one line
"""Pilot cohorts (issue 14, trajectory support): outflow, length of stay and relapse of the
households in a pilot, beside the same indicators for all households of each shelter reason.

Aggregates only, for policy officers and contract managers; shown with the suppression of every
report (reports.presentation: counts below 5 as "<5", shares and medians resting on fewer than
5 cases as "n<5"). The scope is the region: a pilot's households may stay with any organisation.

Definitions, for a period [start, end] (by default the pilot's start up to its evaluation date,
or today if that comes first):
- *group*: the pilot's households — a stay counts for the pilot when its household joined the
  pilot on or before the day it left — or all households with one shelter reason
  (``cases.constants.ShelterReason``, the household's reason);
- *departures*: stays of the group that ended in the period (left on a day from start to end);
- *to housing*: of those departures, the share that left to housing
  (``outflow.constants.HOUSING_DESTINATIONS``, as the housing outflow indicators);
- *median length of stay*: median days from admission to departure of those departures;
- *relapse within 12 months*: ``reports.indicators.return_counts`` with the windows rule — of
  the households of the group that left to permanent housing from the start up to 12 months
  before the end (their 12 months have passed by the end), the share that applied or was
  admitted again within 12 months after leaving. A period shorter than that has no cohort yet.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.constants import ShelterReason
from cases.models import Stay
from outflow.constants import HOUSING_DESTINATIONS
from outflow.models import Pilot, PilotMember

from .constants import SUPPRESSION_THRESHOLD, Unit
from .expressions import DaysBetween, median_of
from .indicators import Result, count, percent, return_counts, statistic
from .periods import Period

RELAPSE_MONTHS = 12


class GroupComputation:
    """The cohort indicators of one group of stays over one period: three queries."""

    def __init__(self, stays: QuerySet[Stay], period: Period) -> None:
        self.stays = stays
        self.period = period

    @cached_property
    def departures(self) -> QuerySet[Stay]:
        p = self.period
        return self.stays.filter(left_on__range=(p.start, p.end))

    @cached_property
    def outflow(self) -> dict:
        return self.departures.aggregate(
            n=Count("pk"), housing=Count("pk", filter=Q(destination__in=HOUSING_DESTINATIONS))
        )

    @cached_property
    def length(self) -> Result:
        return statistic(*median_of(self.departures, DaysBetween(F("left_on"), F("admitted_on"))))

    @cached_property
    def relapse(self) -> Result:
        p = self.period
        last = p.end - relativedelta(months=RELAPSE_MONTHS)
        if last < p.start:
            return percent(0, 0)
        counts = return_counts(self.stays, {RELAPSE_MONTHS: Period.custom(p.start, last)})
        return percent(counts[f"returned_{RELAPSE_MONTHS}"], counts[f"cohort_{RELAPSE_MONTHS}"])


@dataclass(frozen=True)
class CohortIndicator:
    code: str
    name: Promise
    definition: Promise
    unit: str
    fn: Callable[[GroupComputation], Result]


COHORT_INDICATORS = [
    CohortIndicator(
        "cohort_departures",
        _("Departures"),
        _("Number of stays of the group that ended in the period."),
        Unit.COUNT,
        lambda g: count(g.outflow["n"]),
    ),
    CohortIndicator(
        "cohort_to_housing",
        _("Departures to housing"),
        _(
            "Of the stays of the group that ended in the period: the share that left to housing (own rental via urgency, social or private rent, supported housing or an intermediate facility)."
        ),
        Unit.PERCENT,
        lambda g: percent(g.outflow["housing"], g.outflow["n"]),
    ),
    CohortIndicator(
        "cohort_length_of_stay",
        _("Median length of stay"),
        _("Median number of days from admission to departure of the stays of the group that ended in the period."),
        Unit.DAYS,
        lambda g: g.length,
    ),
    CohortIndicator(
        "cohort_relapse_12",
        _("Returned within 12 months"),
        _(
            "Of the households of the group that left to permanent housing from the start of the period up to 12 months before its end: the share that applied or was admitted again within 12 months after leaving."
        ),
        Unit.PERCENT,
        lambda g: g.relapse,
    ),
]


@dataclass(frozen=True)
class CohortRow:
    label: str
    values: dict[str, Result]


def pilot_period(pilot: Pilot, today: datetime.date | None = None) -> Period | None:
    """The pilot from its start to its evaluation date, or to today if that comes first; None
    before the pilot has started."""
    today = today or timezone.localdate()
    if today < pilot.started_on:
        return None
    return Period.custom(pilot.started_on, min(pilot.evaluation_on, today))


def pilot_stays(pilot: Pilot) -> QuerySet[Stay]:
    """The departures that count for the pilot: stays of its households that ended on or after
    the day the household joined (the indicators look at departures only)."""
    joined = PilotMember.objects.filter(
        pilot=pilot, household_id=OuterRef("household_id"), joined_on__lte=OuterRef("left_on")
    )
    return Stay.objects.filter(Exists(joined))


def reason_stays(reason: str) -> QuerySet[Stay]:
    return Stay.objects.filter(household__reason=reason)


def _row(label: str, stays: QuerySet[Stay], period: Period) -> CohortRow:
    group = GroupComputation(stays, period)
    return CohortRow(label, {indicator.code: indicator.fn(group) for indicator in COHORT_INDICATORS})


def cohort_report(pilot: Pilot, period: Period) -> list[CohortRow]:
    """The pilot's households, then all households of each shelter reason, over ``period``."""
    rows = [_row(str(_("Households in the pilot")), pilot_stays(pilot), period)]
    for reason in ShelterReason:
        rows.append(_row(str(reason.label), reason_stays(reason.value), period))
    return rows


def shown_size(pilot: Pilot) -> str:
    """How many households take part, as an aggregate page shows it (below 5: "<5")."""
    n = PilotMember.objects.filter(pilot=pilot).count()
    return "<5" if n < SUPPRESSION_THRESHOLD else str(n)


def pilots_with_size() -> list[tuple[Pilot, str]]:
    """Every pilot with its number of households (below 5: "<5"). One query."""
    pilots = Pilot.objects.annotate(n=Count("members")).order_by("-started_on", "name")
    return [(pilot, "<5" if pilot.n < SUPPRESSION_THRESHOLD else str(pilot.n)) for pilot in pilots]
