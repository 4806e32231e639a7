"""The indicator table of a snapshot as CSV and XLSX, safe to open in a spreadsheet."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import ReportSnapshot
from .presentation import table

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Prefix a quote to cells a spreadsheet would read as a formula (formula injection)."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def snapshot_csv_rows(snapshot: ReportSnapshot) -> list[list[str]]:
    """The same table as the PDF: section, indicator, value, previous period's value (suppressed)."""
    period, previous = snapshot.period, snapshot.period.previous()
    rows = [
        [_("Scope"), snapshot.scope.label],
        [_("Period"), period.label],
        [],
        [_("Section"), _("Code"), _("Indicator"), period.label, previous.label],
    ]
    for title, section_rows in table(snapshot.values, snapshot.previous_values):
        for row in section_rows:
            rows.append([str(title), row.indicator.code, str(row.indicator.name), row.value, row.previous])
    return [[neutralise(cell) for cell in row] for row in rows]


def snapshot_xlsx(snapshot: ReportSnapshot) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Indicators")[:31]
    for row in snapshot_csv_rows(snapshot):
        # Strings only: openpyxl would otherwise store a leading "=" as a formula.
        sheet.append([cell for cell in row])
    for cell in sheet["A"] + sheet["C"]:
        cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
