"""Yearly policy pages for policy officers and contract managers: housing outflow (quota use,
outflow and inflow per municipality) and the suspension policy evaluation. Aggregates only."""

from __future__ import annotations

import io

from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from opvang.access import municipal_roles_required
from opvang.http import AuthenticatedHttpRequest
from opvang.pdf import render_pdf

from . import outflow_selectors, suspension_selectors
from .policy_forms import ScopeYearForm


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
