"""The suspension policy evaluation: a year of suspensions at the locations in scope, counted by
reason, duration, hearing, objection, where the adult went, outcome and the effect on children.

The document the municipality discusses with the Participation Council: aggregates only, every
count below 5 shown as "<5" (DOMAIN.md), no client data. One query per table.

Definitions:
- a suspension counts in the year in which it *began* (start_on in the year), at its location;
- duration: the days from start to end, both included, once it has ended; while it runs, the
  duration decided; "unknown" when neither is recorded;
- heard: hoor en wederhoor before the decision, as recorded ("not recorded" when left empty);
- children affected: the children recorded against a suspension, counted per suspension (a child
  affected by two suspensions counts twice), with the arrangement made for each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.constants import (
    ChildArrangement,
    HearingChoice,
    ObjectionKind,
    ObjectionOutcome,
    SuspendedAdultWent,
    SuspensionOutcome,
    SuspensionReason,
)
from cases.models import SuspendedChild, Suspension

from .expressions import DaysBetween
from .outflow_selectors import shown
from .periods import Period, Scope

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Duration bands in days (both ends included), the last one open.
DURATION_BANDS = [
    ("1", gettext_lazy("1 day"), 1, 1),
    ("2-3", gettext_lazy("2 to 3 days"), 2, 3),
    ("4-7", gettext_lazy("4 to 7 days"), 4, 7),
    ("8-14", gettext_lazy("8 to 14 days"), 8, 14),
    ("15+", gettext_lazy("more than 14 days"), 15, None),
]


@dataclass(frozen=True)
class Cell:
    label: str
    n: int

    @property
    def value(self) -> str:
        return shown(self.n)


@dataclass
class Table:
    title: str
    rows: list[Cell] = field(default_factory=list)


def suspensions_in(scope: Scope, period: Period) -> QuerySet[Suspension]:
    return Suspension.objects.filter(location__in=scope.locations(), start_on__range=(period.start, period.end))


def _by(queryset: QuerySet, key: str, choices: Sequence[tuple[str, StrOrPromise]], *, blank: str) -> list[Cell]:
    """A count per choice (in the choices' order, zeros included), then the blank ones."""
    counts = {row[key]: row["n"] for row in queryset.order_by().values(key).annotate(n=Count("pk"))}
    cells = [Cell(str(label), counts.get(value, 0)) for value, label in choices]
    if counts.get(""):
        cells.append(Cell(blank, counts[""]))
    return cells


def evaluation(scope: Scope, period: Period) -> dict:
    suspensions = suspensions_in(scope, period)
    not_recorded = _("Not recorded")
    duration = Case(
        When(end_on__isnull=False, then=DaysBetween(F("end_on"), F("start_on")) + Value(1)),
        default=F("duration_days"),
        output_field=IntegerField(),
    )
    bands = {code: Count("pk", filter=_band(low, high)) for code, _label, low, high in DURATION_BANDS}
    totals = suspensions.annotate(days=duration).aggregate(
        n=Count("pk"),
        unknown_duration=Count("pk", filter=_unknown()),
        with_children=Count("pk", filter=_has_children()),
        **bands,
    )
    children = SuspendedChild.objects.filter(suspension__in=suspensions)
    tables = [
        Table(_("By reason"), _by(suspensions, "reason", SuspensionReason.choices, blank=not_recorded)),
        Table(
            _("By duration"),
            [Cell(str(label), totals[code]) for code, label, _low, _high in DURATION_BANDS]
            + ([Cell(_("Unknown"), totals["unknown_duration"])] if totals["unknown_duration"] else []),
        ),
        Table(_("Heard before the decision"), _by(suspensions, "heard", HearingChoice.choices, blank=not_recorded)),
        Table(_("Objection or appeal"), _by(suspensions, "objection", ObjectionKind.choices, blank=not_recorded)),
        Table(
            _("Outcome of objections and appeals"),
            _by(
                suspensions.exclude(objection=ObjectionKind.NONE),
                "objection_outcome",
                ObjectionOutcome.choices,
                blank=not_recorded,
            ),
        ),
        Table(
            _("Where the adult went"),
            _by(suspensions, "adult_went", SuspendedAdultWent.choices, blank=not_recorded),
        ),
        Table(
            _("Outcome"),
            _by(suspensions, "outcome", SuspensionOutcome.choices, blank=_("Still running or not recorded")),
        ),
        Table(
            _("Arrangement for the children"),
            _by(children, "arrangement", ChildArrangement.choices, blank=not_recorded),
        ),
    ]
    per_location = [
        Cell(row["location__name"], row["n"])
        for row in suspensions.order_by().values("location__name").annotate(n=Count("pk")).order_by("location__name")
    ]
    return {
        "total": Cell(_("Suspensions"), totals["n"]),
        "with_children": Cell(_("Suspensions affecting children"), totals["with_children"]),
        "children": Cell(_("Children affected"), children.count()),
        "tables": tables,
        "per_location": per_location,
    }


def _band(low: int, high: int | None) -> Q:
    return Q(days__gte=low) if high is None else Q(days__gte=low, days__lte=high)


def _unknown() -> Q:
    return Q(days__isnull=True)


def _has_children() -> Q:
    return Q(Exists(SuspendedChild.objects.filter(suspension_id=OuterRef("pk"))))
