"""How indicator values are shown: units, Dutch number format and small-cell suppression."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .constants import SUPPRESSION_THRESHOLD, Unit
from .indicators import INDICATORS, SECTIONS, Indicator

INDICATORS_BY_CODE = {indicator.code: indicator for indicator in INDICATORS}


def is_suppressed(indicator: Indicator, stored: dict | None) -> bool:
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


def format_value(indicator: Indicator, stored: dict | None, *, suppress: bool = True) -> str:
    if not stored or stored.get("value") is None:
        return "–"
    if suppress and is_suppressed(indicator, stored):
        return "<5" if indicator.unit == Unit.COUNT and stored.get("den") is None else _("n<5")
    value = stored["value"]
    if indicator.unit == Unit.PERCENT:
        return f"{number_format(value, 1)}%"
    if indicator.unit == Unit.RATIO:
        return number_format(value, 2)
    if isinstance(value, float) and not value.is_integer():
        return number_format(value, 1)
    return number_format(int(value), 0)


def chart_value(indicator: Indicator, stored: dict | None) -> float | None:
    """The number a chart may draw, or None where the table shows no number."""
    if not stored or stored.get("value") is None or is_suppressed(indicator, stored):
        return None
    return float(stored["value"])


@dataclass
class Row:
    indicator: Indicator
    value: str
    previous: str
    suppressed: bool


def table(values: dict, previous: dict | None = None, *, suppress: bool = True) -> list[tuple[Promise, list[Row]]]:
    """Sections with their rows: the formatted value and the previous period's value."""
    previous = previous or {}
    sections = []
    for section in SECTIONS:
        rows = [
            Row(
                indicator=indicator,
                value=format_value(indicator, values.get(indicator.code), suppress=suppress),
                previous=format_value(indicator, previous.get(indicator.code), suppress=suppress),
                suppressed=suppress and is_suppressed(indicator, values.get(indicator.code)),
            )
            for indicator in INDICATORS
            if indicator.section == section.code
        ]
        sections.append((section.title, rows))
    return sections
