"""Pages of housing outflow: mark ready to move, record housing applications (the household's
own organisation), and the corporations' quota (policy officers); after the departure, the
aftercare plan and its contacts, and the safety checks after the shelter (restricted)."""

from __future__ import annotations

from django.http import Http404, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import household_get_for_user
from cases.forms import AftercareForm
from cases.models import Household
from opvang.access import role_required
from opvang.constants import Role
from opvang.http import AuthenticatedHttpRequest
from opvang.views_helpers import form_page

from . import selectors, services
from .access import housing_application_get_for_user, safety_household_get_for_user
from .constants import SafetyCheckMoment
from .forms import (
    AftercarePlanForm,
    HousingApplicationForm,
    HousingApplicationUpdateForm,
    HousingQuotaForm,
    ReadyToMoveForm,
    SafetyCheckForm,
)
from .models import AftercarePlan, SafetyCheck

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


def aftercare_plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    stay = services.last_departure(household)
    plan = AftercarePlan.objects.filter(stay=stay).first() if stay else None
    initial = None
    if plan is not None:
        initial = {
            "owner_user": plan.owner_user_id,
            "owner_organisation": plan.owner_organisation_id,
            "owner_professional": plan.owner_professional,
            "frequency_weeks": plan.frequency_weeks,
            "made_on": plan.made_on,
            "planned_end_on": plan.planned_end_on,
            "contact_lost_on": plan.contact_lost_on,
            "notes": plan.notes,
        }
    return form_page(
        request,
        form=AftercarePlanForm(_data(request), initial=initial, household=household),
        save=lambda d: services.aftercare_plan_save(household=household, by=request.user, **d),
        message=_("The aftercare plan has been saved."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": _("Aftercare plan"),
            "intro": _(
                "Who keeps in touch with the household after the departure (the shelter or a chain partner), "
                "how often, and until when."
            ),
        },
    )


def aftercare_contact_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    return form_page(
        request,
        form=AftercareForm(_data(request)),
        save=lambda d: services.aftercare_contact_add(household=household, by=request.user, **d),
        message=_("The aftercare contact has been recorded."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": _("Record an aftercare contact"),
            "intro": _("An attempt that reached nobody is recorded as 'No contact reached'."),
        },
    )


def safety_check(request: AuthenticatedHttpRequest, pk: int, months: int) -> HttpResponse:
    household = safety_household_get_for_user(request.user, pk)
    if months not in SafetyCheckMoment.values:
        raise Http404
    stay = services.last_departure(household)
    check = SafetyCheck.objects.filter(stay=stay, months=months).first() if stay else None
    initial = None
    if check is not None:
        initial = {
            "done_on": check.done_on,
            "risk_level": check.risk_level,
            "incidents": check.incidents,
            "incidents_notes": check.incidents_notes,
            "follow_up": check.follow_up,
            **{f"child_{row.child_id}": row.safety for row in check.children.all()},
        }
    form = SafetyCheckForm(_data(request), initial=initial, household=household)
    intro = _("Veilig na opvang: restricted, like the safety section of the file.")
    if stay is not None and stay.left_on is not None:
        intro = _(
            "Veilig na opvang: due on %(due)s, the household left on %(left)s. Restricted, like the safety "
            "section of the file."
        ) % {
            "due": services.safety_check_due_on(stay.left_on, months).strftime("%d-%m-%Y"),
            "left": stay.left_on.strftime("%d-%m-%Y"),
        }
    return form_page(
        request,
        form=form,
        save=lambda d: services.safety_check_record(
            household=household, months=months, by=request.user, **form.cleaned()
        ),
        message=_("The safety check has been recorded."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": SafetyCheckMoment(months).label,
            "intro": intro,
        },
    )
