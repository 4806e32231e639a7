"""How indicator values are shown: units, Dutch number format and small-cell suppression."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .constants import SUPPRESSION_THRESHOLD, TargetDirection, TargetVerdict, Unit
from .indicators import INDICATORS, SECTIONS, Indicator
from .models import Target

INDICATORS_BY_CODE = {indicator.code: indicator for indicator in INDICATORS}


class Measured(Protocol):
    """What formatting needs of an indicator: its unit (the registry's and the pilot cohorts')."""

    @property
    def unit(self) -> str: ...


def is_suppressed(indicator: Measured, stored: dict | None) -> bool:
    """True when the value rests on fewer than 5 cases (see DOMAIN.md, small-cell suppression).

    A count is suppressed when it is below 5. A percentage or rate is suppressed when its
    numerator or denominator is below 5; a median or mean when it rests on fewer than 5 cases.
    """
    if not stored or stored.get("value") is None:
        return False
    if indicator.unit == Unit.COUNT and stored.get("den") is None:
        return stored["value"] < SUPPRESSION_THRESHOLD
    counts = [stored.get("num"), stored.get("den")]
    return any(n is not None and n < SUPPRESSION_THRESHOLD for n in counts)


class NumberStyle:
    """The active language's number format (Django's ``number_format``), looked up once for a
    table of values: looking up the language for every number was a third of the API's snapshot
    list (issue 17)."""

    def __init__(self) -> None:
        language = get_language()
        self.decimal = get_format("DECIMAL_SEPARATOR", language)
        self.grouping = get_format("NUMBER_GROUPING", language)
        self.thousand = get_format("THOUSAND_SEPARATOR", language)

    def __call__(self, value: float, decimals: int) -> str:
        return numberformat.format(value, self.decimal, decimals, self.grouping, self.thousand, use_l10n=True)


def format_value(
    indicator: Measured, stored: dict | None, *, suppress: bool = True, numbers: NumberStyle | None = None
) -> str:
    """The value as the tables show it; pass ``numbers`` when formatting many values at once."""
    if not stored or stored.get("value") is None:
        return "–"
    if suppress and is_suppressed(indicator, stored):
        return "<5" if indicator.unit == Unit.COUNT and stored.get("den") is None else _("n<5")
    number = numbers or NumberStyle()
    value = stored["value"]
    if indicator.unit == Unit.PERCENT:
        return f"{number(value, 1)}%"
    if indicator.unit == Unit.RATIO:
        return number(value, 2)
    if isinstance(value, float) and not value.is_integer():
        return number(value, 1)
    return number(int(value), 0)


def chart_value(indicator: Indicator, stored: dict | None) -> float | None:
    """The number a chart may draw, or None where the table shows no number."""
    if not stored or stored.get("value") is None or is_suppressed(indicator, stored):
        return None
    return float(stored["value"])


@dataclass
class TargetView:
    """A target beside a value: "≥ 90,0%", and whether the value meets it."""

    text: str
    verdict: str
    agreed_on: datetime.date
    source: str

    @property
    def verdict_label(self) -> str:
        return str(TargetVerdict(self.verdict).label)

    @property
    def is_met(self) -> bool:
        return self.verdict == TargetVerdict.MET

    @property
    def is_not_met(self) -> bool:
        return self.verdict == TargetVerdict.NOT_MET


def target_text(indicator: Indicator, target: Target) -> str:
    sign = "≥" if target.direction == TargetDirection.AT_LEAST else "≤"
    return f"{sign} {format_value(indicator, {'value': float(target.value)}, suppress=False)}"


def target_view(indicator: Indicator, stored: dict | None, target: Target) -> TargetView:
    """Met, not met, or not measurable (no value, or a value resting on fewer than 5 cases)."""
    if not stored or stored.get("value") is None or is_suppressed(indicator, stored):
        verdict = TargetVerdict.NOT_MEASURABLE
    else:
        value, goal = float(stored["value"]), float(target.value)
        met = value >= goal if target.direction == TargetDirection.AT_LEAST else value <= goal
        verdict = TargetVerdict.MET if met else TargetVerdict.NOT_MET
    return TargetView(target_text(indicator, target), verdict, target.agreed_on, target.source)


@dataclass
class Row:
    indicator: Indicator
    value: str
    previous: str
    suppressed: bool
    target: TargetView | None = None


def table(
    values: dict, previous: dict | None = None, *, suppress: bool = True, targets: dict[str, Target] | None = None
) -> list[tuple[Promise, list[Row]]]:
    """Sections with their rows: the formatted value, the previous period's value and the target."""
    previous, targets = previous or {}, targets or {}
    numbers = NumberStyle()
    sections = []
    for section in SECTIONS:
        rows = [
            Row(
                indicator=indicator,
                value=format_value(indicator, values.get(indicator.code), suppress=suppress, numbers=numbers),
                previous=format_value(indicator, previous.get(indicator.code), suppress=suppress, numbers=numbers),
                suppressed=suppress and is_suppressed(indicator, values.get(indicator.code)),
                target=(
                    target_view(indicator, values.get(indicator.code), targets[indicator.code])
                    if indicator.code in targets
                    else None
                ),
            )
            for indicator in INDICATORS
            if indicator.section == section.code
        ]
        sections.append((section.title, rows))
    return sections
