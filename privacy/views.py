"""Pages of the access history, the AVG export and early destruction. Thin: access helper →
form → service → redirect or response.

Who may do what
- Access history ("who has looked at my file"): caseworkers and team leads who may open the
  household (cases.access.household_get_for_user).
- Export and its refusal: team leads of the household's own organisation only. A caseworker who
  receives a request passes it to the team lead; a data-subject request needs one accountable
  decision (including whether disclosure could endanger someone).
- Requests for destruction: recorded by caseworkers and team leads of the responsible
  organisation; decided and executed by a team lead of that organisation (not the recorder).
- The log search: functional administrators only (they see no case files: no names, no changes).
"""

from __future__ import annotations

import io
import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.access import household_get_for_user
from opvang.access import case_roles_required, role_required
from opvang.audit import record_access
from opvang.constants import Role
from opvang.http import AuthenticatedHttpRequest
from opvang.pdf import render_pdf
from opvang.views_helpers import form_page, post_action

from . import export, selectors, services
from .access import destruction_request_get_for_user, destruction_requests_for_user
from .constants import DestructionStatus
from .filters import AccessLogFilter
from .forms import DestructionDecisionForm, DestructionRequestForm, ExportForm

HISTORY_PAGE_SIZE = 100
LOG_PAGE_SIZE = 50


def _download(content: bytes, filename: str, content_type: str) -> FileResponse:
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=filename, content_type=content_type)


# --- Access history ------------------------------------------------------------------------


@case_roles_required
def access_history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk)
    record_access(household, request, event="history_viewed")
    page = Paginator(selectors.access_history(household), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"household": household, "page": page, "rows": selectors.history_rows(page.object_list)}
    return render(request, "privacy/access_history.html", context)


@case_roles_required
def access_history_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    household = household_get_for_user(request.user, pk)
    record_access(household, request, event="history_printed")
    context = {
        "household": household,
        "rows": selectors.history_rows(selectors.access_history(household)),
        "printed_on": timezone.localdate(),
    }
    pdf = render_pdf("privacy/access_history_pdf.html", context)
    return _download(pdf, f"inzage-{household.reference}.pdf", "application/pdf")


@role_required(Role.ADMIN)
def access_log_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    filters = AccessLogFilter(request.GET, queryset=selectors.access_log())
    page = Paginator(filters.qs, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.history_rows(page.object_list)
    references = selectors.household_references(row.household for row in rows)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": filters.form,
        "page": page,
        "rows": [(row, references.get(row.household, "") if row.household else "") for row in rows],
        "querystring": query.urlencode(),
    }
    return render(request, "privacy/access_log_search.html", context)


# --- Export --------------------------------------------------------------------------------


@role_required(Role.TEAM_LEAD)
def household_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    household = household_get_for_user(request.user, pk, write=True)
    form = ExportForm(request.POST or None, children=list(household.children.all()))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        child = data["child"]
        if data["refuse"]:
            services.export_refusal_record(
                household=household,
                request=request,
                child=child,
                requested_by=data["requested_by"],
                reason=data["refusal_reason"],
            )
            messages.warning(request, _("The request was refused and the refusal recorded. Nothing was exported."))
            return redirect("privacy:household_export", pk=household.pk)
        exported = export.child_export_data(child) if child else export.household_export_data(household)
        services.export_record(
            household=household, request=request, fmt=data["format"], child=child, requested_by=data["requested_by"]
        )
        name = f"gegevens-{household.reference}" + (f"-kind-{child.pk}" if child else "")
        if data["format"] == "json":
            body = json.dumps(exported, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
            return _download(body.encode(), f"{name}.json", "application/json; charset=utf-8")
        context = {
            "data": exported,
            "sections": export.export_document(exported),
            "household": household,
            "made_on": timezone.localdate(),
        }
        pdf = render_pdf("privacy/export_pdf.html", context)
        return _download(pdf, f"{name}.pdf", "application/pdf")
    return render(request, "privacy/export_form.html", {"household": household, "form": form})


# --- Early destruction ---------------------------------------------------------------------


@role_required(Role.TEAM_LEAD)
def destruction_request_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    requests = destruction_requests_for_user(request.user)
    context = {
        "open": [r for r in requests if r.status in (DestructionStatus.REQUESTED, DestructionStatus.APPROVED)],
        "closed": [r for r in requests if r.status in (DestructionStatus.REFUSED, DestructionStatus.EXECUTED)],
    }
    return render(request, "privacy/destruction_request_list.html", context)


@case_roles_required
def destruction_request_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    return form_page(
        request,
        form=DestructionRequestForm(request.POST or None, children=list(household.children.all())),
        save=lambda data: services.destruction_request_record(household=household, recorded_by=request.user, **data),
        message=_("The request has been recorded. A team lead decides on it."),
        success_url=reverse("cases:household_detail", args=[household.pk]),
        template="privacy/destruction_request_form.html",
        context={"household": household},
    )


@role_required(Role.TEAM_LEAD)
def destruction_request_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    destruction_request = destruction_request_get_for_user(request.user, pk)
    return form_page(
        request,
        form=DestructionDecisionForm(request.POST or None),
        save=lambda data: services.destruction_request_decide(
            destruction_request=destruction_request,
            decided_by=request.user,
            approve=data["decision"] == "approve",
            reason=data["reason"],
        ),
        message=_("The decision has been recorded."),
        success_url=reverse("privacy:destruction_request_list"),
        template="privacy/destruction_request_decide.html",
        context={
            "destruction_request": destruction_request,
            "warnings": selectors.destruction_warnings(destruction_request),
        },
    )


@require_POST
@role_required(Role.TEAM_LEAD)
def destruction_request_execute(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    destruction_request = destruction_request_get_for_user(request.user, pk)
    return post_action(
        request,
        action=lambda: services.destruction_request_execute(
            destruction_request=destruction_request, executed_by=request.user
        ),
        message=_("The file has been anonymised."),
        success_url=reverse("privacy:destruction_request_list"),
    )
