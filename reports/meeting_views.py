"""Account meetings (accountgesprekken): contract managers record them with a provider, policy
officers read them, a provider's team lead reads their own organisation's (reports.access)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opvang.access import role_required
from opvang.constants import Role
from opvang.http import AuthenticatedHttpRequest
from opvang.views_helpers import form_page, post_action

from . import access, meeting_selectors, meeting_services
from .filters import MeetingFilter
from .meeting_forms import AgreementForm, AgreementStatusForm, MeetingEditForm, MeetingForm

PAGE_SIZE = 25


@role_required(*access.MEETING_ROLES)
def meeting_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The account meetings in the user's scope, newest first, per provider on request."""
    meetings = access.meetings_for_user(request.user, meeting_selectors.meeting_list())
    filters = MeetingFilter(request.GET, queryset=meetings, user=request.user)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters.form,
        "may_record": access.may_record_meetings(request.user),
        "today": timezone.localdate(),
        "query": _query_without_page(request),
    }
    return render(request, "reports/meeting_list.html", context)


def _query_without_page(request: AuthenticatedHttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@role_required(Role.CONTRACT_MANAGER)
def meeting_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    initial = {"organisation": request.GET.get("organisation"), "held_on": timezone.localdate()}
    form = MeetingForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form=form,
        save=lambda data: meeting_services.meeting_create(**data, by=request.user),
        message=_("The account meeting has been recorded."),
        success_url=lambda meeting: reverse("reports:meeting_detail", args=[meeting.pk]),
        template="reports/meeting_form.html",
        context={"title": _("New account meeting"), "back_url": reverse("reports:meeting_list")},
    )


@role_required(*access.MEETING_ROLES)
def meeting_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One meeting: its agreements, and the open agreements of the provider's earlier meetings."""
    meeting = access.meeting_get_for_user(request.user, pk)
    is_held = meeting.held_on <= timezone.localdate()
    may_record = access.may_record_meetings(request.user)
    context = {
        "meeting": meeting,
        "is_held": is_held,
        "may_record": may_record and is_held,
        "may_edit": may_record,
        "agreements": meeting_selectors.meeting_agreements(meeting),
        "carried_over": meeting_selectors.meeting_carried_over(meeting),
        "previous": meeting_selectors.previous_meeting(meeting),
        "agreement_form": AgreementForm(),
        "status_form": AgreementStatusForm(),
    }
    return render(request, "reports/meeting_detail.html", context)


@role_required(Role.CONTRACT_MANAGER)
def meeting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = access.meeting_get_for_user(request.user, pk, write=True)
    initial = {"held_on": meeting.held_on, "attendees": meeting.attendees, "notes": meeting.notes}
    form = MeetingEditForm(request.POST or None, initial=initial)
    back_url = reverse("reports:meeting_detail", args=[pk])
    return form_page(
        request,
        form=form,
        save=lambda data: meeting_services.meeting_update(meeting=meeting, **data),
        message=_("The account meeting has been saved."),
        success_url=back_url,
        template="reports/meeting_form.html",
        context={"title": _("Change account meeting"), "back_url": back_url, "meeting": meeting},
    )


@role_required(Role.CONTRACT_MANAGER)
def agreement_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Record an agreement made in the meeting (the meeting page posts its short form here)."""
    meeting = access.meeting_get_for_user(request.user, pk, write=True)
    form = AgreementForm(request.POST or None)
    back_url = reverse("reports:meeting_detail", args=[pk])
    return form_page(
        request,
        form=form,
        save=lambda data: meeting_services.agreement_add(meeting=meeting, **data),
        message=_("The agreement has been recorded."),
        success_url=back_url,
        template="reports/meeting_form.html",
        context={"title": _("Record an agreement"), "back_url": back_url, "meeting": meeting},
    )


@role_required(Role.CONTRACT_MANAGER)
@require_POST
def agreement_status(request: AuthenticatedHttpRequest, pk: int, agreement_pk: int) -> HttpResponse:
    """Record in this meeting how far an agreement of this or an earlier meeting is."""
    meeting = access.meeting_get_for_user(request.user, pk, write=True)
    agreement = access.agreement_get_for_user(request.user, agreement_pk, write=True)
    form = AgreementStatusForm(request.POST)
    return post_action(
        request,
        form=form,
        action=lambda: meeting_services.agreement_set_status(
            meeting=meeting,
            agreement=agreement,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        ),
        message=_("The status of the agreement has been saved."),
        success_url=reverse("reports:meeting_detail", args=[pk]),
    )
