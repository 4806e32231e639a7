"""Yearly policy pages for policy officers and contract managers: housing outflow (quota use,
outflow and inflow per municipality) and the suspension policy evaluation. Aggregates only."""

from __future__ import annotations

import io

from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify

from opvang.access import municipal_roles_required
from opvang.http import AuthenticatedHttpRequest
from opvang.pdf import render_pdf
from outflow.models import Pilot

from . import cohorts, outflow_selectors, suspension_selectors
from .policy_forms import ScopeYearForm
from .presentation import format_value


@municipal_roles_required
def outflow_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ScopeYearForm(request.GET or None)
    chosen = form.chosen()
    context: dict = {"form": form, "overview": None}
    if chosen is not None:
        scope, period = chosen
        context.update(scope=scope, period=period, overview=outflow_selectors.outflow_overview(scope, period))
    return render(request, "reports/outflow_overview.html", context)


def _suspension_context(request: AuthenticatedHttpRequest) -> dict:
    form = ScopeYearForm(request.GET or None)
    chosen = form.chosen()
    context: dict = {"form": form, "report": None, "query": request.GET.urlencode()}
    if chosen is not None:
        scope, period = chosen
        context.update(scope=scope, period=period, report=suspension_selectors.evaluation(scope, period))
    return context


@municipal_roles_required
def suspension_evaluation(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "reports/suspension_evaluation.html", _suspension_context(request))


@municipal_roles_required
def suspension_evaluation_pdf(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    context = _suspension_context(request)
    if context["report"] is None:
        return render(request, "reports/suspension_evaluation.html", context, status=400)
    pdf = render_pdf("reports/suspension_evaluation_pdf.html", {**context, "generated_on": timezone.localdate()})
    scope, period = context["scope"], context["period"]
    return FileResponse(
        io.BytesIO(pdf),
        as_attachment=True,
        filename=f"schorsingsbeleid-{slugify(scope.label)}-{period.start.year}.pdf",
        content_type="application/pdf",
    )


@municipal_roles_required
def pilot_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "reports/pilot_list.html", {"pilots": cohorts.pilots_with_size()})


@municipal_roles_required
def pilot_cohort(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pilot = get_object_or_404(Pilot, pk=pk)
    period = cohorts.pilot_period(pilot)
    rows = []
    if period is not None:
        for row in cohorts.cohort_report(pilot, period):
            values = [
                format_value(indicator, row.values[indicator.code].as_dict()) for indicator in cohorts.COHORT_INDICATORS
            ]
            rows.append((row.label, values))
    return render(
        request,
        "reports/pilot_cohort.html",
        {
            "pilot": pilot,
            "period": period,
            "size": cohorts.shown_size(pilot),
            "indicators": cohorts.COHORT_INDICATORS,
            "rows": rows,
        },
    )
