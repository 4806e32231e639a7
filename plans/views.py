"""Views of the gedragen plan: access helper → form → service → redirect (or an HTMX partial)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases.access import household_get_for_user
from opvang.access import role_required
from opvang.audit import record_access
from opvang.constants import Role
from opvang.http import AuthenticatedHttpRequest
from opvang.locking import render_conflict
from opvang.pdf import render_pdf
from opvang.views_helpers import form_page, post_action

from . import selectors, services
from .access import (
    action_get_for_user,
    consent_get_for_user,
    goal_get_for_user,
    may_see_restricted,
    participant_get_for_user,
    partner_action_get_for_user,
    partner_participant,
    partner_plan_get_for_user,
    plan_child_get_for_user,
    plan_get_for_user,
)
from .constants import PlanStatus
from .forms import (
    ActionCommentForm,
    ActionForm,
    AgreeForm,
    AgreementForm,
    ConfirmForm,
    GoalForm,
    GoalProgressForm,
    MeetingForm,
    ParticipantForm,
    PartnerAgreementForm,
    PlanConsentForm,
    PlanEditForm,
    PlanStartForm,
)
from .models import Participant, Plan, PlanVersion

FORM_PAGE = "plans/form_page.html"
PARTNER_FORM_PAGE = "plans/partner_form_page.html"


def _detail_url(plan: Plan, anchor: str = "") -> str:
    return reverse("plans:plan_detail", kwargs={"pk": plan.pk}) + (f"#{anchor}" if anchor else "")


def _draft_or_redirect(request: AuthenticatedHttpRequest, plan: Plan) -> PlanVersion | None:
    try:
        return services.plan_draft_version(plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None


# --- Plan -------------------------------------------------------------------------------------------


def plan_create(request: AuthenticatedHttpRequest, household_pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, household_pk, write=True)
    existing = Plan.objects.filter(household=household).exclude(status=PlanStatus.CLOSED).first()
    if existing is not None:
        return redirect(_detail_url(existing))
    return form_page(
        request,
        form=PlanStartForm(request.POST or None),
        save=lambda data: services.plan_create(household=household, user=request.user, **data),
        message=_("The plan has been started. The family is in the circle already."),
        success_url=_detail_url,
        template=FORM_PAGE,
        context={
            "household": household,
            "title": _("Start a gedragen plan"),
            "back_url": reverse("cases:household_detail", kwargs={"pk": household.pk}),
            "submit_label": _("Start the plan"),
        },
    )


@require_GET
def plan_detail(request: AuthenticatedHttpRequest, pk: int, number: int | None = None) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk)
    record_access(plan, request)
    context = selectors.plan_page(plan, request.user, number=number)
    if number is not None:
        # An earlier (frozen) version has a title of its own, not the plan's.
        context["page_title"] = _("Version %(n)s") % {"n": number}
    return render(request, "plans/plan_detail.html", context)


def plan_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk, write=True)
    draft = _draft_or_redirect(request, plan)
    if draft is None:
        return redirect(_detail_url(plan))
    restricted = may_see_restricted(request.user, plan.household)
    initial = {
        "version": plan.version,
        "direction_support": plan.direction_support,
        **{f: getattr(draft, f) for f in PlanEditForm.base_fields if hasattr(draft, f) and f != "version"},
    }
    form = PlanEditForm(request.POST or None, initial=initial, restricted=restricted)

    def save(cleaned: dict) -> None:
        data = dict(cleaned)
        expected = data.pop("version")
        services.plan_update(plan=plan, expected_version=expected, **data)

    def conflict() -> HttpResponse:
        draft.refresh_from_db()
        draft.direction_support = Plan.objects.get(pk=plan.pk).get_direction_support_display()  # type: ignore[attr-defined]
        return render_conflict(request, form=form, current=draft, back_url=_detail_url(plan))

    return form_page(
        request,
        form=form,
        save=save,
        message=_("The plan has been saved."),
        success_url=_detail_url(plan),
        template=FORM_PAGE,
        context={"plan": plan, "title": _("Edit the plan"), "back_url": _detail_url(plan)},
        on_stale=conflict,
    )


def plan_agree(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk, write=True)
    draft = _draft_or_redirect(request, plan)
    if draft is None:
        return redirect(_detail_url(plan))
    draft.plan = plan

    def agreed(version: PlanVersion) -> HttpResponse:
        # Agreed but not gedragen is a warning: the plan holds, the circle is not complete yet.
        if version.gedragen_at_agreement:
            messages.success(request, _("The plan has been agreed, and it is gedragen."))
        else:
            messages.warning(request, _("The plan has been agreed, but not everyone has agreed with it yet."))
        return redirect(_detail_url(plan))

    return form_page(
        request,
        form=AgreeForm(request.POST or None),
        save=lambda data: services.plan_agree(plan=plan, user=request.user, **data),
        done=agreed,
        template="plans/plan_agree.html",
        context={"plan": plan, "draft": draft, "gedragen": selectors.gedragen_status(draft)},
    )


def _confirm_action(
    request: AuthenticatedHttpRequest, plan: Plan, *, action: Callable[[], object], title: str, text: str, done: str
) -> HttpResponse:
    """A confirmation page (plans/confirm.html) before a step on the whole plan."""
    return form_page(
        request,
        form=ConfirmForm(request.POST or None),
        save=lambda data: action(),
        message=done,
        success_url=_detail_url(plan),
        template="plans/confirm.html",
        context={"plan": plan, "title": title, "text": text, "back_url": _detail_url(plan)},
    )


def plan_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk, write=True)
    return _confirm_action(
        request,
        plan,
        action=lambda: services.plan_review_start(plan=plan, user=request.user),
        title=_("Start the review"),
        text=_(
            "A new version of the plan is made from the agreed one. The agreed version stays as it is. "
            "Everyone in the circle is asked again whether they agree."
        ),
        done=_("The review has started. You are now working on a new version."),
    )


def plan_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk, write=True)
    return _confirm_action(
        request,
        plan,
        action=lambda: services.plan_close(plan=plan),
        title=_("Close the plan"),
        text=_("A closed plan can no longer be changed. Its versions stay readable."),
        done=_("The plan has been closed."),
    )


@require_GET
def plan_history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk)
    record_access(plan, request)
    return render(request, "plans/plan_history.html", {"plan": plan, "versions": selectors.plan_versions(plan)})


@require_GET
def plan_diff(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk)
    versions = {v.number: v for v in PlanVersion.objects.filter(plan=plan, number__in=[number - 1, number])}
    if number not in versions or number - 1 not in versions:
        raise Http404
    record_access(plan, request)
    diff = selectors.version_diff(
        versions[number - 1],
        versions[number],
        include_restricted=may_see_restricted(request.user, plan.household),
    )
    return render(
        request,
        "plans/plan_diff.html",
        {"plan": plan, "old": versions[number - 1], "new": versions[number], "diff": diff},
    )


@require_GET
def plan_pdf(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    plan = plan_get_for_user(request.user, pk)
    versions = selectors.plan_versions(plan)
    plan_version = selectors.version_current(versions)
    assert plan_version is not None  # plan_create makes the first version with the plan
    record_access(plan, request)
    pdf = render_pdf(
        "plans/plan_pdf.html",
        {"data": selectors.plan_print_data(plan, plan_version), "printed_on": timezone.localdate()},
    )
    return FileResponse(
        io.BytesIO(pdf),
        content_type="application/pdf",
        filename=f"plan-{plan.household.reference}-v{plan_version.number}.pdf",
    )


@require_GET
def child_plan_pdf(request: AuthenticatedHttpRequest, pk: int, child_pk: int) -> FileResponse:
    """The child's own one-page "my plan", in child language (children from CHILD_PLAN_AGE)."""
    plan, child = plan_child_get_for_user(request.user, pk, child_pk)
    plan_version = selectors.version_current(selectors.plan_versions(plan))
    assert plan_version is not None  # plan_create makes the first version with the plan
    record_access(child, request)
    pdf = render_pdf(
        "plans/child_plan_pdf.html",
        {"data": selectors.child_plan_print_data(plan, plan_version, child), "printed_on": timezone.localdate()},
    )
    return FileResponse(
        io.BytesIO(pdf),
        content_type="application/pdf",
        filename=f"mijn-plan-{plan.household.reference}-{child.pk}.pdf",
    )


# --- Goals and actions (inline, HTMX) ----------------------------------------------------------------


def _goals_response(request: AuthenticatedHttpRequest, plan: Plan, **editing: Any) -> HttpResponse:
    """The goals section after a change: the section (plus the status panel, out of band) for
    HTMX, else the whole plan page. ``editing`` puts one goal or action in edit mode."""
    context = selectors.plan_page(plan, request.user) | editing
    template = "plans/_goals_response.html" if request.htmx else "plans/plan_detail.html"
    return render(request, template, context)


def _after_goal_change(request: AuthenticatedHttpRequest, plan: Plan) -> HttpResponse:
    if request.htmx:
        return _goals_response(request, plan)
    return redirect(_detail_url(plan, "plan-goals"))


def _goal_form_response(
    request: AuthenticatedHttpRequest, plan: Plan, form: forms.Form, save: Callable[[dict], object], **editing: Any
) -> HttpResponse:
    """The inline goal/action editor: a valid POST saves through the service and shows the goals
    again; otherwise (GET, invalid input, a refused change) the form stays open with its errors."""
    return form_page(
        request,
        form=form,
        save=save,
        done=lambda result: _after_goal_change(request, plan),
        render_form=lambda: _goals_response(request, plan, **editing),
    )


def goal_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk, write=True)
    draft = _draft_or_redirect(request, plan)
    if draft is None:
        return redirect(_detail_url(plan))
    draft.plan = plan
    form = GoalForm(request.POST or None, household_id=plan.household_id)

    def save(data: dict) -> None:
        services.goal_add(
            plan_version=draft,
            domain=data["domain"],
            text=data["text"],
            adult=data["adult"],
            child=data["child"],
            target_on=data["target_on"],
            voice=data["voice"],
        )

    return _goal_form_response(
        request, plan, form, save, goal_add_form=form, adding_goal=True, page_title=_("New goal")
    )


def goal_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    goal = goal_get_for_user(request.user, pk, write=True)
    plan = goal.plan_version.plan
    initial = {
        "domain": goal.domain,
        "for_whom": f"a:{goal.adult_id}" if goal.adult_id else (f"c:{goal.child_id}" if goal.child_id else ""),
        "text": goal.text,
        "voice": goal.voice_id,
        "target_on": goal.target_on,
        "status": goal.status,
        "progress_notes": goal.progress_notes,
    }
    form = GoalForm(request.POST or None, initial=initial, household_id=plan.household_id)

    def save(data: dict) -> None:
        services.goal_update(
            goal=goal,
            domain=data["domain"],
            text=data["text"],
            adult=data["adult"],
            child=data["child"],
            target_on=data["target_on"],
            status=data["status"],
            progress_notes=data["progress_notes"],
            voice=data["voice"],
        )

    return _goal_form_response(
        request, plan, form, save, goal_form=form, editing_goal=goal.pk, page_title=_("Change goal")
    )


def goal_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    goal = goal_get_for_user(request.user, pk, write=True)
    plan = goal.plan_version.plan
    form = GoalProgressForm(
        request.POST or None, initial={"status": goal.status, "progress_notes": goal.progress_notes}
    )
    return _goal_form_response(
        request,
        plan,
        form,
        lambda data: services.goal_progress_record(goal=goal, **data),
        progress_form=form,
        progress_goal=goal.pk,
        page_title=_("Record progress"),
    )


def _confirm_removal(
    request: AuthenticatedHttpRequest,
    *,
    plan: Plan,
    remove: Callable[[], object],
    title: str,
    text: str,
    back_url: str,
    done_url: str,
) -> HttpResponse:
    """A confirmation page for a removal; the POST (with confirm=1) removes and goes back.
    A refused removal is a message on the page the user returns to."""
    return form_page(
        request,
        form=ConfirmForm(request.POST or None),
        save=lambda data: remove(),
        errors_as_messages=True,
        done=lambda result: redirect(done_url) if done_url else _after_goal_change(request, plan),
        template="plans/confirm.html",
        context={"plan": plan, "title": title, "text": text, "back_url": back_url},
    )


def goal_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    goal = goal_get_for_user(request.user, pk, write=True)
    plan = goal.plan_version.plan
    return _confirm_removal(
        request,
        plan=plan,
        remove=lambda: services.goal_remove(goal=goal),
        title=_("Remove this goal?"),
        text=_("The goal and its actions are removed from this draft."),
        back_url=_detail_url(plan, "plan-goals"),
        done_url="",
    )


def action_add(request: AuthenticatedHttpRequest, goal_pk: int) -> HttpResponse:
    goal = goal_get_for_user(request.user, goal_pk, write=True)
    plan = goal.plan_version.plan
    form = ActionForm(request.POST or None, plan_version=goal.plan_version)
    del form.fields["done_on"]
    return _goal_form_response(
        request,
        plan,
        form,
        lambda data: services.action_add(goal=goal, **data),
        action_add_form=form,
        adding_action_to=goal.pk,
        page_title=_("New action"),
    )


def action_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = action_get_for_user(request.user, pk, write=True)
    plan = action.plan_version.plan
    initial = {"what": action.what, "owner": action.owner_id, "due_on": action.due_on, "done_on": action.done_on}
    form = ActionForm(request.POST or None, initial=initial, plan_version=action.plan_version)
    return _goal_form_response(
        request,
        plan,
        form,
        lambda data: services.action_update(action=action, **data),
        action_form=form,
        editing_action=action.pk,
        page_title=_("Change action"),
    )


@require_POST
def action_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Toggle an action between done (today) and not done; POST only changes."""
    action = action_get_for_user(request.user, pk, write=True)
    plan = action.plan_version.plan
    return post_action(
        request,
        action=lambda: services.action_mark_done(
            action=action, done_on=None if action.done_on else timezone.localdate()
        ),
        success_url=_detail_url(plan, "plan-goals"),
        done=lambda: _after_goal_change(request, plan),
    )


def action_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = action_get_for_user(request.user, pk, write=True)
    plan = action.plan_version.plan
    return _confirm_removal(
        request,
        plan=plan,
        remove=lambda: services.action_remove(action=action),
        title=_("Remove this action?"),
        text=_("The action is removed from this draft."),
        back_url=_detail_url(plan, "plan-goals"),
        done_url="",
    )


# --- Circle ------------------------------------------------------------------------------------------


@require_GET
def plan_circle(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk)
    record_access(plan, request)
    return render(request, "plans/plan_circle.html", selectors.plan_page(plan, request.user))


def participant_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk, write=True)
    draft = _draft_or_redirect(request, plan)
    if draft is None:
        return redirect(_detail_url(plan))
    draft.plan = plan
    restricted = may_see_restricted(request.user, plan.household)
    form = ParticipantForm(request.POST or None, household_id=plan.household_id, restricted=restricted)
    circle_url = reverse("plans:plan_circle", kwargs={"pk": plan.pk})

    def save(data: dict) -> Participant:
        return services.participant_add(
            plan_version=draft,
            name=data["name"],
            relation=data["relation"],
            kind=data["kind"] or None,
            adult=data["adult"],
            child=data["child"],
            organisation=data["organisation"],
            user=data["user"],
            role=data["role"],
            contact_details=data.get("contact_details", ""),
        )

    return form_page(
        request,
        form=form,
        save=save,
        message=lambda result: _("%(name)s is now in the circle.") % {"name": form.cleaned_data["name"]},
        success_url=circle_url,
        template=FORM_PAGE,
        context={"plan": plan, "title": _("Add someone to the circle"), "back_url": circle_url},
    )


def participant_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = participant_get_for_user(request.user, pk, write=True)
    plan = participant.plan_version.plan
    restricted = may_see_restricted(request.user, plan.household)
    initial = {f: getattr(participant, f) for f in ("name", "relation", "kind", "role", "contact_details")}
    initial["organisation"] = participant.organisation_id
    initial["user"] = participant.user_id
    form = ParticipantForm(
        request.POST or None, initial=initial, household_id=plan.household_id, restricted=restricted, editing=True
    )
    circle_url = reverse("plans:plan_circle", kwargs={"pk": plan.pk})
    title = _("Change %(name)s in the circle") % {"name": participant.name}

    def save(data: dict) -> None:
        services.participant_update(
            participant=participant,
            name=data["name"],
            relation=data["relation"],
            kind=data["kind"] or participant.kind,
            role=data["role"],
            organisation=data["organisation"],
            contact_details=data.get("contact_details") if restricted else None,
            user=data["user"],
        )

    return form_page(
        request,
        form=form,
        save=save,
        success_url=circle_url,
        template=FORM_PAGE,
        context={"plan": plan, "title": title, "back_url": circle_url},
    )


def participant_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = participant_get_for_user(request.user, pk, write=True)
    plan = participant.plan_version.plan
    circle_url = reverse("plans:plan_circle", kwargs={"pk": plan.pk})
    return _confirm_removal(
        request,
        plan=plan,
        remove=lambda: services.participant_remove(participant=participant),
        title=_("Remove %(name)s from the circle?") % {"name": participant.name},
        text=_("Their actions will have no one who does them."),
        back_url=circle_url,
        done_url=circle_url,
    )


def agreement_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = participant_get_for_user(request.user, pk, write=True)
    plan = participant.plan_version.plan
    circle_url = reverse("plans:plan_circle", kwargs={"pk": plan.pk})
    return form_page(
        request,
        form=AgreementForm(request.POST or None),
        save=lambda data: services.agreement_record(participant=participant, recorded_by=request.user, **data),
        message=_("The answer of %(name)s has been recorded.") % {"name": participant.name},
        success_url=circle_url,
        template=FORM_PAGE,
        context={
            "plan": plan,
            "title": _("Does %(name)s agree with this version of the plan?") % {"name": participant.name},
            "back_url": circle_url,
        },
    )


# --- Meetings ----------------------------------------------------------------------------------------


def meeting_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk, write=True)
    current = selectors.version_current(selectors.plan_versions(plan))
    assert current is not None  # plan_create makes the first version with the plan
    return form_page(
        request,
        form=MeetingForm(request.POST or None, plan_version=current),
        save=lambda data: services.meeting_record(plan=plan, recorded_by=request.user, **data),
        message=_("The circle meeting has been recorded."),
        success_url=_detail_url(plan, "plan-meetings"),
        template=FORM_PAGE,
        context={"plan": plan, "title": _("Record a circle meeting"), "back_url": _detail_url(plan)},
    )


# --- Consent for sharing the plan with chain partners (the mentor's side) ------------------------------


@require_GET
def consent_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk)
    record_access(plan, request)
    return render(
        request,
        "plans/consent_list.html",
        {"plan": plan, "household": plan.household, "consents": selectors.plan_consents(plan.household)},
    )


def consent_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for_user(request.user, pk, write=True)
    consents_url = reverse("plans:consent_list", kwargs={"pk": plan.pk})

    def save(data: dict) -> object:
        return services.plan_consent_give(
            household=plan.household,
            organisation=data["organisation"],
            given_on=data["given_on"],
            adult=data["adult"],
            child=data["child"],
            recorded_by=request.user,
        )

    return form_page(
        request,
        form=PlanConsentForm(request.POST or None, household_id=plan.household_id),
        save=save,
        message=_("The consent has been recorded."),
        success_url=consents_url,
        template=FORM_PAGE,
        context={
            "plan": plan,
            "title": _("Record consent for sharing the plan"),
            "back_url": consents_url,
        },
    )


def consent_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    consent = consent_get_for_user(request.user, pk, write=True)
    plan = Plan.objects.filter(household_id=consent.household_id).order_by("-created_at").first()
    assert plan is not None  # consent is recorded from a plan's page
    consents_url = reverse("plans:consent_list", kwargs={"pk": plan.pk})
    return form_page(
        request,
        form=ConfirmForm(request.POST or None),
        save=lambda data: services.plan_consent_withdraw(consent=consent, recorded_by=request.user),
        message=_("The consent has been withdrawn. The organisation can no longer read the plan."),
        success_url=consents_url,
        errors_as_messages=True,
        template="plans/confirm.html",
        context={
            "plan": plan,
            "title": _("Withdraw consent?"),
            "text": _("%(organisation)s can no longer read the plan from now on.")
            % {"organisation": consent.organisation},
            "back_url": consents_url,
        },
    )


# --- Chain partners' own pages ------------------------------------------------------------------------

partner_required = role_required(Role.CHAIN_PARTNER)


def _partner_url(plan: Plan, anchor: str = "") -> str:
    return reverse("plans:partner_plan", kwargs={"pk": plan.pk}) + (f"#{anchor}" if anchor else "")


@require_GET
@partner_required
def partner_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    # A list of references only: each plan's contents are logged when the partner opens it.
    return render(request, "plans/partner_home.html", {"plans": selectors.partner_plans(request.user)})


@require_GET
@partner_required
def partner_plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = partner_plan_get_for_user(request.user, pk)
    record_access(plan, request)
    return render(request, "plans/partner_plan.html", selectors.partner_plan_page(plan, request.user))


@require_POST
@partner_required
def partner_action_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The partner marks their own action done (today), or not done after all."""
    action = partner_action_get_for_user(request.user, pk)
    plan = action.plan_version.plan
    record_access(plan, request)
    return post_action(
        request,
        action=lambda: services.action_mark_done(
            action=action, done_on=None if action.done_on else timezone.localdate()
        ),
        success_url=_partner_url(plan, "plan-goals"),
    )


@partner_required
def partner_action_comment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action = partner_action_get_for_user(request.user, pk)
    plan = action.plan_version.plan
    record_access(plan, request)
    return form_page(
        request,
        form=ActionCommentForm(request.POST or None),
        save=lambda data: services.action_comment_add(action=action, text=data["text"], author=request.user),
        message=_("Your comment has been added."),
        success_url=_partner_url(plan, "plan-goals"),
        template=PARTNER_FORM_PAGE,
        context={
            "plan": plan,
            "title": _("Comment on: %(what)s") % {"what": action.what},
            "back_url": _partner_url(plan),
        },
    )


@partner_required
def partner_agreement(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The partner's own answer: do they agree with the draft version of the plan?"""
    plan = partner_plan_get_for_user(request.user, pk)
    current = selectors.version_current(selectors.plan_versions(plan))
    assert current is not None  # plan_create makes the first version with the plan
    me = partner_participant(request.user, current)
    record_access(plan, request)
    return form_page(
        request,
        form=PartnerAgreementForm(request.POST or None),
        save=lambda data: services.partner_agreement_record(participant=me, user=request.user, **data),
        message=_("Your answer has been recorded."),
        success_url=_partner_url(plan),
        template=PARTNER_FORM_PAGE,
        context={
            "plan": plan,
            "title": _("Do you agree with this version of the plan?"),
            "back_url": _partner_url(plan),
        },
    )
