"""Pages of the adults' psychological support referrals: recorded and changed from the household
page by the household's own caseworkers and team lead (care information: no one else)."""

from __future__ import annotations

from django.http import HttpResponse, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from opvang.audit import record_access
from opvang.http import AuthenticatedHttpRequest
from opvang.views_helpers import form_page

from . import support_services
from .access import household_get_for_user, psych_referral_get_for_user
from .support_forms import PsychReferralForm

ACTION_FORM = "cases/action_form.html"
FIELDS = ("kind", "provider", "referred_on", "reason", "started_on", "ended_on", "outcome", "notes")


def _data(request: AuthenticatedHttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def psych_referral_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    return form_page(
        request,
        form=PsychReferralForm(_data(request), household=household),
        save=lambda d: support_services.psych_referral_record(referred_by=request.user, **d),
        message=_("The referral for psychological support has been recorded."),
        success_url=reverse("cases:household_detail", args=[household.pk]),
        template=ACTION_FORM,
        context={"household": household, "title": _("Refer for psychological support")},
    )


def psych_referral_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    referral = psych_referral_get_for_user(request.user, pk, write=True)
    household = referral.adult.household
    record_access(referral, request)
    form = PsychReferralForm(
        _data(request),
        household=household,
        with_adult=False,
        initial={field: getattr(referral, field) for field in FIELDS},
    )
    return form_page(
        request,
        form=form,
        save=lambda d: support_services.psych_referral_update(referral=referral, **d),
        message=_("The referral for psychological support has been updated."),
        success_url=reverse("cases:household_detail", args=[household.pk]),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": _("Psychological support of %(name)s") % {"name": referral.adult.first_name},
            "intro": _("Referred on %(date)s.") % {"date": referral.referred_on.strftime("%d-%m-%Y")},
        },
    )
