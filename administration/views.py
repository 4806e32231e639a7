"""The functional administrator's pages and the team lead's staff page.

Thin: access (role decorator or access helper) → form → service → redirect. Administrators
manage the whole network; they never see case files, and secret addresses stay hidden from them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from opvang.access import may_see_address, role_required
from opvang.constants import EXPIRY_WARNING_DAYS, Role
from opvang.http import AuthenticatedHttpRequest
from opvang.models import Location, Organisation, User
from opvang.views_helpers import form_page, post_action

from . import selectors, services
from .access import team_member_get_for_user
from .filters import LocationFilter, StaffFilter
from .forms import (
    CapacityForm,
    InvitationAcceptForm,
    LocationEditForm,
    LocationForm,
    OptionalReasonForm,
    OrganisationForm,
    QualificationForm,
    ReasonForm,
    StaffEditForm,
    StaffForm,
    TrainingForm,
)

PAGE_SIZE = 25
admin_required = role_required(Role.ADMIN)
team_lead_required = role_required(Role.TEAM_LEAD)


def _data(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def _form_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    perform: Callable[[dict], Any],
    title: str,
    success: str,
    back: str,
    done: Callable[[Any], str] | None = None,
    intro: str = "",
    section: str = "",
    submit: str = "",
    danger: bool = False,
) -> HttpResponse:
    """The form pages here (``administration/form.html``) through the shared form_page."""
    return form_page(
        request,
        form=form,
        save=perform,
        message=success,
        success_url=done or back,
        template="administration/form.html",
        context={
            "title": title,
            "intro": intro,
            "back": back,
            "section": section,
            "submit": submit or _("Save"),
            "danger": danger,
        },
    )


def _site_url(request: HttpRequest) -> str:
    """Where the invitation link points (the worker builds the link when it sends the mail)."""
    return request.build_absolute_uri("/")


# --- Organisations ------------------------------------------------------------------------------


@admin_required
def organisation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.organisations_for_admin(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "administration/organisation_list.html", {"page": page, "section": "organisations"})


@admin_required
def organisation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _form_page(
        request,
        form=OrganisationForm(_data(request)),
        perform=lambda data: services.organisation_create(**data),
        title=_("New organisation"),
        success=_("The organisation has been added."),
        back=reverse("administration:organisation_list"),
        section="organisations",
    )


@admin_required
def organisation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    return _form_page(
        request,
        form=OrganisationForm(_data(request), instance=Organisation.objects.get(pk=pk)),
        perform=lambda data: services.organisation_update(organisation=organisation, **data),
        title=_("Edit %(name)s") % {"name": organisation.name},
        success=_("The organisation has been saved."),
        back=reverse("administration:organisation_list"),
        section="organisations",
    )


@admin_required
def organisation_deactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    return _form_page(
        request,
        form=OptionalReasonForm(_data(request)),
        perform=lambda data: services.organisation_deactivate(organisation=organisation),
        title=_("Deactivate %(name)s") % {"name": organisation.name},
        intro=_(
            "A deactivated organisation can no longer be chosen for new locations or staff. Its history "
            "stays. This is refused while it has open files."
        ),
        success=_("The organisation has been deactivated."),
        back=reverse("administration:organisation_list"),
        section="organisations",
        submit=_("Deactivate"),
        danger=True,
    )


@admin_required
@require_POST
def organisation_reactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    return post_action(
        request,
        action=lambda: services.organisation_reactivate(organisation=organisation),
        message=_("The organisation is active again."),
        success_url=reverse("administration:organisation_list"),
    )


# --- Locations ----------------------------------------------------------------------------------


@admin_required
def location_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    filterset = LocationFilter(request.GET or None, queryset=selectors.locations_for_admin())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(location, may_see_address(request.user, location)) for location in page]
    context = {"page": page, "rows": rows, "filter": filterset, "section": "locations"}
    return render(request, "administration/location_list.html", context)


@admin_required
def location_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _form_page(
        request,
        form=LocationForm(_data(request)),
        perform=lambda data: services.location_create(**data),
        title=_("New location"),
        success=_("The location has been added."),
        back=reverse("administration:location_list"),
        done=lambda location: reverse("administration:location_edit", args=[location.pk]),
        section="locations",
    )


@admin_required
def location_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    location = get_object_or_404(Location.objects.select_related("organisation"), pk=pk)
    show_address = may_see_address(request.user, location)
    return form_page(
        request,
        form=LocationEditForm(_data(request), instance=Location.objects.get(pk=pk), show_address=show_address),
        save=lambda data: services.location_update(location=location, keep_address=not show_address, **data),
        message=_("The location has been saved."),
        success_url=reverse("administration:location_edit", args=[location.pk]),
        template="administration/location_edit.html",
        context={"location": location, "capacities": selectors.capacity_history(location), "section": "locations"},
    )


@admin_required
def location_capacity(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    location = get_object_or_404(Location, pk=pk)
    initial = {"valid_from": timezone.localdate(), "places": location.capacity_places, "units": location.capacity_units}
    back = reverse("administration:location_edit", args=[location.pk])
    return _form_page(
        request,
        form=CapacityForm(_data(request), initial=initial),
        perform=lambda data: services.location_capacity_change(location=location, **data),
        title=_("Change the capacity of %(name)s") % {"name": location.name},
        intro=_("The new capacity holds from the date given; occupancy before that date keeps the earlier capacity."),
        success=_("The capacity change has been recorded."),
        back=back,
        section="locations",
    )


@admin_required
def location_deactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    location = get_object_or_404(Location, pk=pk)
    return _form_page(
        request,
        form=OptionalReasonForm(_data(request)),
        perform=lambda data: services.location_deactivate(location=location),
        title=_("Deactivate %(name)s") % {"name": location.name},
        intro=_("A deactivated location takes no new stays. This is refused while it has open stays."),
        success=_("The location has been deactivated."),
        back=reverse("administration:location_edit", args=[location.pk]),
        section="locations",
        submit=_("Deactivate"),
        danger=True,
    )


@admin_required
@require_POST
def location_reactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    location = get_object_or_404(Location, pk=pk)
    return post_action(
        request,
        action=lambda: services.location_reactivate(location=location),
        message=_("The location is active again."),
        success_url=reverse("administration:location_edit", args=[location.pk]),
    )


# --- Staff accounts -----------------------------------------------------------------------------


@admin_required
def staff_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    filterset = StaffFilter(request.GET or None, queryset=selectors.staff_for_admin())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "filter": filterset, "section": "staff"}
    return render(request, "administration/staff_list.html", context)


@admin_required
def staff_invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _form_page(
        request,
        form=StaffForm(_data(request)),
        perform=lambda data: services.staff_invite(actor=request.user, site_url=_site_url(request), **data),
        title=_("Invite a staff member"),
        intro=_(
            "The new colleague receives an e-mail with a link that works once, for 72 hours. With it they set "
            "their password and set up their second factor."
        ),
        success=_(
            "The account has been created. The invitation is queued and is mailed in a moment; the staff "
            "member's page shows when it has gone out."
        ),
        back=reverse("administration:staff_list"),
        done=lambda user: reverse("administration:staff_detail", args=[user.pk]),
        section="staff",
        submit=_("Send invitation"),
    )


@admin_required
def staff_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(selectors.staff_for_admin(), pk=pk)
    context = {
        "member": member,
        "events": selectors.account_events(member)[:50],
        "assignments": selectors.assignment_history(member),
        "invitation": selectors.invitation_latest(member),
        "is_self": member.pk == request.user.pk,
        "section": "staff",
    }
    return render(request, "administration/staff_detail.html", context)


@admin_required
def staff_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User, pk=pk)
    detail = reverse("administration:staff_detail", args=[member.pk])
    return _form_page(
        request,
        form=StaffEditForm(_data(request), instance=User.objects.get(pk=pk)),
        perform=lambda data: services.staff_update(actor=request.user, user=member, **data),
        title=_("Edit %(name)s") % {"name": member},
        intro=_("If the role or organisation changes or a location is taken away, the person is logged out."),
        success=_("The account has been saved."),
        back=detail,
        section="staff",
    )


@admin_required
@require_POST
def staff_reinvite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User, pk=pk)
    return post_action(
        request,
        action=lambda: services.invitation_issue(user=member, actor=request.user, site_url=_site_url(request)),
        message=_(
            "A new invitation is queued and is mailed in a moment; earlier links no longer work. This page "
            "shows when it has gone out."
        ),
        success_url=reverse("administration:staff_detail", args=[member.pk]),
    )


@admin_required
def staff_deactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User, pk=pk)
    return _form_page(
        request,
        form=OptionalReasonForm(_data(request)),
        perform=lambda data: services.staff_deactivate(actor=request.user, user=member, reason=data["reason"]),
        title=_("Deactivate the account of %(name)s") % {"name": member},
        intro=_(
            "The person is logged out everywhere at once and can no longer log in. Everything they "
            "recorded stays, with their name."
        ),
        success=_("The account has been deactivated and its sessions have ended."),
        back=reverse("administration:staff_detail", args=[member.pk]),
        section="staff",
        submit=_("Deactivate"),
        danger=True,
    )


@admin_required
@require_POST
def staff_reactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User, pk=pk)
    return post_action(
        request,
        action=lambda: services.staff_reactivate(actor=request.user, user=member),
        message=_("The account is active again."),
        success_url=reverse("administration:staff_detail", args=[member.pk]),
    )


@admin_required
def staff_second_factor_reset(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User, pk=pk)
    return _form_page(
        request,
        form=ReasonForm(_data(request)),
        perform=lambda data: services.staff_second_factor_reset(actor=request.user, user=member, **data),
        title=_("Reset the second factor of %(name)s") % {"name": member},
        intro=_(
            "For a lost or replaced phone. The authenticator and backup codes are removed and the person is "
            "logged out; at their next login they set up the second factor again. The reason is recorded."
        ),
        success=_("The second factor has been reset."),
        back=reverse("administration:staff_detail", args=[member.pk]),
        section="staff",
        submit=_("Reset second factor"),
        danger=True,
    )


@admin_required
@require_POST
def staff_lockout_lift(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User, pk=pk)
    return post_action(
        request,
        action=lambda: services.staff_lockout_lift(actor=request.user, user=member),
        message=_("The lockout has been lifted; the person can try to log in again."),
        success_url=reverse("administration:staff_detail", args=[member.pk]),
    )


# --- The invitation link (no login) -------------------------------------------------------------


@login_not_required
@sensitive_post_parameters("new_password1", "new_password2")
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Set a password with an invitation, then go on to enrol the second factor.

    An unknown, used, revoked or expired link gets a page that says so, never an error.
    """
    invitation = services.invitation_find(token)
    if invitation is None or not invitation.is_usable():
        reason = "unknown"
        if invitation is not None:
            reason = "used" if invitation.used_at else "revoked" if invitation.revoked_at else "expired"
        return render(request, "administration/invitation_invalid.html", {"reason": reason})

    def accepted(user: User) -> HttpResponse:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your password has been set. Now set up your second factor."))
        return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': reverse('home')})}")

    return form_page(
        request,
        form=InvitationAcceptForm(_data(request), user=invitation.user),
        save=lambda data: services.invitation_accept(invitation=invitation, password=data["new_password1"]),
        done=accepted,
        template="administration/invitation_accept.html",
        context={"invited": invitation.user},
    )


# --- Team lead: staff, training and qualifications ----------------------------------------------


@team_lead_required
def team_staff(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    page = Paginator(selectors.team_staff(request.user.organisation_id), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "today": today,
        "warn_until": selectors.warning_until(today),
        "warning_days": EXPIRY_WARNING_DAYS,
    }
    return render(request, "administration/team_staff.html", context)


@team_lead_required
def training_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = team_member_get_for_user(request.user, pk)
    return _form_page(
        request,
        form=TrainingForm(_data(request)),
        perform=lambda data: services.training_record_add(user=member, **data),
        title=_("Add a training for %(name)s") % {"name": member},
        success=_("The training has been recorded."),
        back=reverse("administration:team_staff"),
        section="team",
    )


@team_lead_required
def qualification_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = team_member_get_for_user(request.user, pk)
    return _form_page(
        request,
        form=QualificationForm(_data(request)),
        perform=lambda data: services.qualification_add(user=member, **data),
        title=_("Add a qualification for %(name)s") % {"name": member},
        success=_("The qualification has been recorded."),
        back=reverse("administration:team_staff"),
        section="team",
    )
