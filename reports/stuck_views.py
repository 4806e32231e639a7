"""The region's stuck households for policy officers and contract managers (aggregates only)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from chain.constants import StuckReason
from opvang.access import municipal_roles_required
from opvang.http import AuthenticatedHttpRequest

from .indicators import Result
from .presentation import INDICATORS_BY_CODE, format_value
from .stuck_selectors import StuckRow, stuck_region


def _shown(code: str, result: Result) -> str:
    # The indicator's own unit and the one suppression rule of the dashboard and the exports.
    return format_value(INDICATORS_BY_CODE[code], result.as_dict())


def _cells(row: StuckRow) -> list[str]:
    return [
        _shown("stuck_present", row.present),
        *(_shown(f"stuck_{reason}", row.reasons[reason]) for reason in StuckReason.values),
        _shown("stuck_days_median", row.days),
        _shown("stuck_resolved", row.resolved),
        _shown("stuck_resolution_days", row.resolution),
    ]


@municipal_roles_required
@require_GET
def stuck_region_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    period, rows, total = stuck_region(timezone.localdate())
    context = {
        "period": period,
        "reasons": StuckReason.choices,
        "rows": [(row.location, _cells(row)) for row in rows],
        "total": _cells(total),
        "definitions": [
            INDICATORS_BY_CODE[code]
            for code in ("stuck_present", "stuck_days_median", "stuck_resolved", "stuck_resolution_days")
        ],
    }
    return render(request, "reports/stuck_region.html", context)
