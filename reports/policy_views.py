"""Yearly policy pages for policy officers and contract managers: housing outflow (quota use,
outflow and inflow per municipality) and the suspension policy evaluation. Aggregates only."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from opvang.access import municipal_roles_required
from opvang.http import AuthenticatedHttpRequest

from . import outflow_selectors
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
