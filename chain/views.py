"""Pages of the chain consultation. Thin: access helper → form → service → redirect."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases.access import household_get_for_user
from opvang.access import case_roles_required
from opvang.http import AuthenticatedHttpRequest
from opvang.views_helpers import form_page, post_action

from . import selectors, services
from .access import case_get_for_user, consultation_get_for_user, decision_get_for_user, stuck_mark_get_for_user
from .forms import BringInForm, ConsultationForm, DecisionForm, StuckMarkForm, StuckResolveForm
from .models import ChainConsultation

FORM_PAGE = "chain/form_page.html"


def _household_url(household_pk: int) -> str:
    return reverse("cases:household_detail", kwargs={"pk": household_pk})


def _consultation_url(consultation: ChainConsultation) -> str:
    return reverse("chain:consultation_detail", kwargs={"pk": consultation.pk})


# --- Stuck marks ---------------------------------------------------------------------------------------


def stuck_mark(request: AuthenticatedHttpRequest, household_pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, household_pk, write=True)
    return form_page(
        request,
        form=StuckMarkForm(request.POST or None),
        save=lambda data: services.stuck_mark(household=household, by=request.user, **data),
        message=_("The household is marked as stuck."),
        success_url=_household_url(household.pk),
        template=FORM_PAGE,
        context={
            "household": household,
            "title": _("Mark as stuck"),
            "back_url": _household_url(household.pk),
            "suggestion": selectors.stuck_suggestion(household),
        },
    )


def stuck_resolve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mark = stuck_mark_get_for_user(request.user, pk, write=True)
    return form_page(
        request,
        form=StuckResolveForm(request.POST or None),
        save=lambda data: services.stuck_resolve(mark=mark, by=request.user, **data),
        message=_("The household is no longer marked as stuck."),
        success_url=_household_url(mark.household_id),
        template=FORM_PAGE,
        context={
            "household": mark.household,
            "title": _("No longer stuck"),
            "back_url": _household_url(mark.household_id),
        },
    )


# --- Consultations -------------------------------------------------------------------------------------


@case_roles_required
@require_GET
def consultation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "chain/consultation_list.html", {"consultations": selectors.consultations_for_user(request.user)}
    )


@case_roles_required
def consultation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return form_page(
        request,
        form=ConsultationForm(request.POST or None),
        save=lambda data: services.consultation_create(by=request.user, **data),
        message=_("The chain consultation has been recorded."),
        success_url=_consultation_url,
        template=FORM_PAGE,
        context={"title": _("New chain consultation"), "back_url": reverse("chain:consultation_list")},
    )


@require_GET
def consultation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_get_for_user(request.user, pk)
    return render(request, "chain/consultation_detail.html", selectors.consultation_page(consultation, request.user))


def case_add(request: AuthenticatedHttpRequest, household_pk: int) -> HttpResponse:
    """The household's own provider brings it to a consultation its organisation attends."""
    household = household_get_for_user(request.user, household_pk, write=True)
    return form_page(
        request,
        form=BringInForm(request.POST or None, user=request.user),
        save=lambda data: services.consultation_case_add(household=household, by=request.user, **data),
        message=_("The household is on the consultation's agenda."),
        success_url=lambda case: _consultation_url(case.consultation),
        template=FORM_PAGE,
        context={
            "household": household,
            "title": _("Bring to a chain consultation"),
            "back_url": _household_url(household.pk),
        },
    )


def decision_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(request.user, pk, write=True)
    return form_page(
        request,
        form=DecisionForm(request.POST or None, candidates=selectors.decision_owner_choices(case.household)),
        save=lambda data: services.decision_add(case=case, by=request.user, **data),
        message=_("The decision has been recorded."),
        success_url=_consultation_url(case.consultation),
        template=FORM_PAGE,
        context={
            "household": case.household,
            "consultation": case.consultation,
            "title": _("Record a decision"),
            "back_url": _consultation_url(case.consultation),
        },
    )


@require_POST
def decision_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    decision = decision_get_for_user(request.user, pk, write=True)
    # The caseload's button comes back to the caseload; the consultation page's to the consultation.
    from_caseload = request.POST.get("next") == "caseload"
    return post_action(
        request,
        action=lambda: services.decision_done(decision=decision, by=request.user),
        message=_("The decision is done."),
        success_url=reverse("cases:caseload") if from_caseload else _consultation_url(decision.case.consultation),
    )
