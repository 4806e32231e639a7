"""Pages of housing outflow: mark ready to move, record housing applications (the household's
own organisation), and the corporations' quota (policy officers)."""

from __future__ import annotations

from django.http import HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import household_get_for_user
from cases.models import Household
from opvang.access import role_required
from opvang.constants import Role
from opvang.http import AuthenticatedHttpRequest
from opvang.views_helpers import form_page

from . import selectors, services
from .access import housing_application_get_for_user
from .forms import HousingApplicationForm, HousingApplicationUpdateForm, HousingQuotaForm, ReadyToMoveForm

ACTION_FORM = "cases/action_form.html"


def _data(request: AuthenticatedHttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def _household_url(household: Household) -> str:
    return reverse("cases:household_detail", args=[household.pk])


def ready_to_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    current = selectors.current_ready_to_move(household)
    initial = {"ready_on": current.ready_on, "notes": current.notes} if current else None
    return form_page(
        request,
        form=ReadyToMoveForm(_data(request), initial=initial),
        save=lambda d: services.ready_to_move_record(household=household, by=request.user, **d),
        message=_("The household has been marked ready to move."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": _("Ready to move"),
            "intro": _(
                "The household can live independently and waits for a home (woonklaar). "
                "You are recorded as the one who decided."
            ),
        },
    )


def housing_application_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    return form_page(
        request,
        form=HousingApplicationForm(_data(request)),
        save=lambda d: services.housing_application_add(household=household, by=request.user, **d),
        message=_("The housing application has been recorded."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={"household": household, "title": _("Record a housing application")},
    )


def housing_application_edit(request: AuthenticatedHttpRequest, pk: int, application_pk: int) -> HttpResponse:
    application = housing_application_get_for_user(request.user, pk, application_pk, write=True)
    household = application.household
    initial = {
        "decision": application.decision,
        "decided_on": application.decided_on,
        "offer": application.offer,
        "offered_on": application.offered_on,
        "outcome": application.outcome,
        "outcome_on": application.outcome_on,
    }
    return form_page(
        request,
        form=HousingApplicationUpdateForm(_data(request), initial=initial),
        save=lambda d: services.housing_application_update(application=application, **d),
        message=_("The housing application has been updated."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": _("Decision, offer and outcome"),
            "intro": f"{application.get_kind_display()} · {application.municipality}",
        },
    )


@role_required(Role.POLICY_OFFICER)
def quota_set(request: AuthenticatedHttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    return form_page(
        request,
        form=HousingQuotaForm(_data(request)),
        save=lambda d: services.housing_quota_set(**d),
        message=_("The quota has been saved."),
        success_url=reverse("outflow:quota_set"),
        template="outflow/quota_form.html",
        context={"quotas": selectors.quotas_for_year(year), "year": year},
    )
