"""Views of the child's file: access helper → form → service → redirect.

Forms load into the child page with HTMX (a GET with HX-Request returns only the form) and
post as ordinary forms, so every page also works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.access import (
    adult_get_for_user,
    household_get_for_user,
    involvement_get_for_user,
    may_change_household,
    may_see_safety,
)
from cases.note_views import notes_context
from opvang.audit import record_access
from opvang.http import AuthenticatedHttpRequest
from opvang.locking import render_conflict
from opvang.views_helpers import form_page, post_action

from . import selectors, services
from .access import child_get_for_user, referral_get_for_user, track_get_for_user
from .constants import IntakeVariant, SupportNeed
from .forms import (
    ChildAddForm,
    ChildForm,
    IntakeForm,
    InvolvementForm,
    MeldcodeStepForm,
    MentorForm,
    ReferralForm,
    ReferralUpdateForm,
    SafetyForm,
    VeerkrachtNotOfferedForm,
    VeerkrachtStartForm,
    VeerkrachtUpdateForm,
    VoiceForm,
)
from .models import Child


def _child_url(child: Child, anchor: str = "") -> str:
    url = reverse("children:child_detail", args=[child.pk])
    return f"{url}#{anchor}" if anchor else url


FORM_PAGE = "children/form_page.html"
# An HTMX GET loads only the form into the child page.
FORM_PARTIAL = "children/_form.html"


def _form_context(
    request: AuthenticatedHttpRequest, *, title: str, back_url: str, child: Child | None = None, **extra: Any
) -> dict[str, Any]:
    return {"title": title, "back_url": back_url, "action": request.path, "child": child, **extra}


def _child_form_page(
    request: AuthenticatedHttpRequest,
    child: Child,
    section: str,
    *,
    form: forms.BaseForm,
    save: Callable[[dict], Any],
    message: str,
    title: str,
    **options: Any,
) -> HttpResponse:
    """A form page of the child's file (loaded into it by HTMX, or a page of its own) that goes
    back to its section (``section``: the anchor on the child page, "" for the top)."""
    back_url = _child_url(child, section)
    return form_page(
        request,
        form=form,
        save=save,
        message=message,
        success_url=back_url,
        template=FORM_PAGE,
        htmx_template=FORM_PARTIAL,
        context=_form_context(request, title=title, back_url=back_url, child=child),
        **options,
    )


def child_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    child = child_get_for_user(request.user, pk)
    record_access(child, request)
    file = selectors.child_file(request.user, child)
    context = {
        "child": child,
        "file": file,
        "support_needs": [SupportNeed(need).label for need in child.support_needs if need in SupportNeed.values],
        "faces_threshold": settings.OPVANG_FACES_THRESHOLD,
        "household": child.household,
    }
    # The child's latest notes; restricted ones only where the safety section is shown.
    context |= notes_context(request, child.household, child=child, safety=file.may_see_safety)
    return render(request, "children/child_detail.html", context)


def child_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add a child to a household that is already registered (pk: the household)."""
    household = household_get_for_user(request.user, pk, write=True)
    return form_page(
        request,
        form=ChildAddForm(request.POST or None),
        save=lambda data: services.child_register(household=household, **data),
        message=lambda child: _("%(name)s has been added to the household.") % {"name": child},
        success_url=_child_url,
        template=FORM_PAGE,
        context=_form_context(
            request,
            title=_("Add a child to household %(ref)s") % {"ref": household.reference},
            back_url=reverse("cases:household_detail", args=[household.pk]),
            household=household,
        ),
    )


def child_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    child = child_get_for_user(request.user, pk, write=True)
    initial = {name: getattr(child, name) for name in services.CHILD_EDITABLE_FIELDS}
    initial["school_continued"] = {True: "true", False: "false", None: ""}[child.school_continued]
    initial["version"] = child.version
    form = ChildForm(request.POST or None, initial=initial)

    def save(data: dict) -> None:
        version = data.pop("version")
        services.child_update(child=child, expected_version=version, **data)

    return _child_form_page(
        request,
        child,
        "",
        form=form,
        save=save,
        message=_("The child's details have been saved."),
        title=_("Change the details of %(name)s") % {"name": child},
        on_stale=lambda: render_conflict(
            request,
            form=form,
            current=Child.objects.get(pk=child.pk),
            back_url=reverse("children:child_edit", args=[pk]),
        ),
    )


def child_intake(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The child's own intake conversation: saved as a draft ("Save as draft") or completed
    ("Complete the intake"), in the form that fits the child's age."""
    child = child_get_for_user(request.user, pk, write=True)
    record_access(child, request)
    intake = services.child_intake_open(child)
    show_safety = may_see_safety(request.user, child.household)
    form = IntakeForm(
        request.POST or None,
        candidates=services.mentor_candidates(child.household),
        variant=services.intake_variant_for(child, intake.held_on if intake else None),
        show_safety=show_safety,
        initial=selectors.intake_initial(child, intake, safety=show_safety),
    )
    complete = "complete" in request.POST
    return form_page(
        request,
        form=form,
        save=lambda data: services.child_intake_save(
            child=child, by=request.user, complete=complete, **IntakeForm.service_data(data)
        ),
        message=_("The intake has been completed.") if complete else _("The intake has been saved as a draft."),
        success_url=_child_url(child, "mentor-intake"),
        template="children/intake_form.html",
        context=_form_context(
            request,
            title=_("Own intake of %(name)s") % {"name": child},
            back_url=_child_url(child, "mentor-intake"),
            child=child,
            intake=intake,
            variant=form.variant,
            variant_label=IntakeVariant(form.variant).label,
            done=intake is None and services.intake_done_for_stay(child),
        ),
    )


def child_mentor(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    child = child_get_for_user(request.user, pk, write=True)
    form = MentorForm(
        request.POST or None,
        candidates=services.mentor_candidates(child.household),
        initial={"mentor": child.mentor_id, "on": timezone.localdate()},
    )
    return _child_form_page(
        request,
        child,
        "mentor-intake",
        form=form,
        save=lambda data: services.child_assign_mentor(child=child, mentor=data["mentor"], on=data["on"]),
        message=_("The mentor has been assigned."),
        title=_("Own mentor of %(name)s") % {"name": child},
    )


def child_voice_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    child = child_get_for_user(request.user, pk, write=True)
    form = VoiceForm(request.POST or None, initial={"recorded_on": timezone.localdate()})
    return _child_form_page(
        request,
        child,
        "voice",
        form=form,
        save=lambda data: services.child_voice_add(child=child, recorded_by=request.user, **data),
        message=_("The child's words have been recorded."),
        title=_("What %(name)s says") % {"name": child.first_name},
    )


def referral_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    child = child_get_for_user(request.user, pk, write=True)
    form = ReferralForm(request.POST or None, initial={"referred_on": timezone.localdate()})
    return _child_form_page(
        request,
        child,
        "referrals",
        form=form,
        save=lambda data: services.youth_care_refer(child=child, **data),
        message=_("The referral has been recorded."),
        title=_("Refer %(name)s to specialised youth care") % {"name": child.first_name},
    )


def referral_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    referral = referral_get_for_user(request.user, pk, write=True)
    child = referral.child
    form = ReferralUpdateForm(
        request.POST or None, initial={"started_on": referral.started_on, "ended_on": referral.ended_on}
    )

    def save(data: dict) -> None:
        if data["started_on"] and data["started_on"] != referral.started_on:
            services.youth_care_start(referral=referral, started_on=data["started_on"])
        if data["ended_on"] and data["ended_on"] != referral.ended_on:
            services.youth_care_end(referral=referral, ended_on=data["ended_on"])

    return _child_form_page(
        request,
        child,
        "referrals",
        form=form,
        save=save,
        message=_("The referral has been updated."),
        title=_("Referral to %(provider)s") % {"provider": referral.provider},
    )


def veerkracht_start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    child = child_get_for_user(request.user, pk, write=True)
    form = VeerkrachtStartForm(request.POST or None, initial={"started_on": timezone.localdate(), "phase": 1})
    return _child_form_page(
        request,
        child,
        "veerkracht",
        form=form,
        save=lambda data: services.veerkracht_start(child=child, **data),
        message=_("The Veerkracht track has started."),
        title=_("Start Veerkracht for %(name)s") % {"name": child.first_name},
    )


def veerkracht_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    track = track_get_for_user(request.user, pk, write=True)
    child = track.child
    form = VeerkrachtUpdateForm(
        request.POST or None,
        initial={"phase": track.phase, "sessions_attended": track.sessions_attended, "ended_on": track.ended_on},
    )
    return _child_form_page(
        request,
        child,
        "veerkracht",
        form=form,
        save=lambda data: services.veerkracht_update(track=track, **data),
        message=_("The Veerkracht track has been updated."),
        title=_("Veerkracht of %(name)s") % {"name": child.first_name},
    )


def veerkracht_not_offered(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    child = child_get_for_user(request.user, pk, write=True)
    form = VeerkrachtNotOfferedForm(request.POST or None)
    return _child_form_page(
        request,
        child,
        "veerkracht",
        form=form,
        save=lambda data: services.veerkracht_not_offered(child=child, reason=data["reason"]),
        message=_("Recorded that Veerkracht is not offered, with the reason."),
        title=_("Veerkracht not offered to %(name)s") % {"name": child.first_name},
    )


def meldcode_step_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    child = child_get_for_user(request.user, pk, write=True, safety=True)
    form = MeldcodeStepForm(
        request.POST or None,
        initial={"step": selectors.meldcode_next_step(child), "done_on": timezone.localdate()},
    )
    return _child_form_page(
        request,
        child,
        "safety",
        form=form,
        save=lambda data: services.meldcode_step_record(child=child, recorded_by=request.user, **data),
        message=_("The meldcode step has been recorded."),
        title=_("Meldcode step for %(name)s") % {"name": child.first_name},
    )


def safety_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    child = child_get_for_user(request.user, pk, write=True, safety=True)
    form = SafetyForm(
        request.POST or None,
        initial={
            "protection_concerns": child.protection_concerns,
            "safety_scale": child.safety_scale,
            "veilig_thuis_report": child.veilig_thuis_report,
            "version": child.version,
        },
    )

    def save(data: dict) -> None:
        version = data.pop("version")
        services.child_safety_update(child=child, expected_version=version, **data)

    return _child_form_page(
        request,
        child,
        "safety",
        form=form,
        save=save,
        message=_("The safety section has been saved."),
        title=_("Safety of %(name)s") % {"name": child.first_name},
        on_stale=lambda: render_conflict(
            request,
            form=form,
            current=Child.objects.get(pk=child.pk),
            back_url=reverse("children:safety_edit", args=[pk]),
        ),
    )


def involvement_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    child = child_get_for_user(request.user, pk, write=True)
    form = InvolvementForm(
        request.POST or None,
        colleagues=services.mentor_candidates(child.household),
        initial={"started_on": timezone.localdate()},
    )
    return _child_form_page(
        request,
        child,
        "faces",
        form=form,
        save=lambda data: services.involvement_add(child=child, **data),
        message=_("The involvement has been recorded."),
        title=_("Who is involved with %(name)s?") % {"name": child.first_name},
    )


def adult_involvements(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The professionals involved with an adult client, and a form to add one."""
    adult = adult_get_for_user(request.user, pk, write=request.method == "POST")
    record_access(adult, request)
    form = InvolvementForm(
        request.POST or None,
        colleagues=services.mentor_candidates(adult.household),
        initial={"started_on": timezone.localdate()},
    )
    return form_page(
        request,
        form=form,
        save=lambda data: services.involvement_add(adult=adult, **data),
        message=_("The involvement has been recorded."),
        success_url=reverse("children:adult_involvements", args=[adult.pk]),
        template="children/adult_involvements.html",
        context={
            "adult": adult,
            "household": adult.household,
            "involvements": selectors.involvements_for_adult(adult),
            "may_change": may_change_household(request.user, adult.household),
        },
    )


@require_POST
def involvement_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    involvement = involvement_get_for_user(request.user, pk, write=True)
    if involvement.child is not None:  # selected with the involvement: no query
        back_url = _child_url(involvement.child, "faces")
    else:
        back_url = reverse("children:adult_involvements", args=[involvement.adult_id])
    return post_action(
        request,
        action=lambda: services.involvement_end(involvement=involvement),
        message=_("The involvement has ended today."),
        success_url=back_url,
    )
