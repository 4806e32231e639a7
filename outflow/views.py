"""Pages of housing outflow: mark ready to move, record housing applications (the household's
own organisation), and the corporations' quota (policy officers); after the departure, the
aftercare plan and its contacts, and the safety checks after the shelter (restricted)."""

from __future__ import annotations

from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.access import household_get_for_user, may_change_household
from cases.forms import AftercareForm
from cases.models import Household
from opvang.access import role_required
from opvang.audit import record_access
from opvang.constants import Role
from opvang.http import AuthenticatedHttpRequest
from opvang.views_helpers import form_page, post_action

from . import selectors, services
from .access import (
    housing_application_get_for_user,
    is_trajectory_holder,
    safety_household_get_for_user,
    trajectory_action_get_for_user,
    trajectory_get_for_user,
    trajectory_goal_get_for_user,
)
from .constants import SafetyCheckMoment, TrajectoryGoalStatus
from .forms import (
    AftercarePlanForm,
    HousingApplicationForm,
    HousingApplicationUpdateForm,
    HousingQuotaForm,
    PilotForm,
    PilotMemberForm,
    ReadyToMoveForm,
    SafetyCheckForm,
    TrajectoryActionForm,
    TrajectoryActionStatusForm,
    TrajectoryEndForm,
    TrajectoryForm,
    TrajectoryGoalForm,
    TrajectoryGoalStatusForm,
)
from .models import AftercarePlan, SafetyCheck, Trajectory

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


# --- Trajectory support --------------------------------------------------------------------------

TRAJECTORY_FORM = "outflow/trajectory_form.html"


def _trajectory_url(trajectory: Trajectory) -> str:
    return reverse("outflow:trajectory_detail", args=[trajectory.pk])


def trajectory_start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    return form_page(
        request,
        form=TrajectoryForm(_data(request), user=request.user, adults=household.adults.all()),
        save=lambda d: services.trajectory_start(household=household, by=request.user, **d),
        message=_("The trajectory has been started."),
        success_url=lambda trajectory: _trajectory_url(trajectory),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": _("Start a trajectory"),
            "intro": _(
                "A trajectory holder of another organisation sees this trajectory (not the rest of the "
                "file), and only with the client's consent."
            ),
        },
    )


def trajectory_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_get_for_user(request.user, pk)
    record_access(trajectory, request)
    holder = is_trajectory_holder(request.user, trajectory)
    may_change = trajectory.is_open and (holder or _may_change_file(request, trajectory))
    goals = selectors.trajectory_plan(trajectory)
    return render(
        request,
        "outflow/trajectory_detail.html",
        {
            "trajectory": trajectory,
            "goals": goals,
            "may_change": may_change,
            # The holder of another organisation has no way into the file: no link to it.
            "may_open_file": not holder or request.user.organisation_id == trajectory.household.organisation_id,
            "goal_status_form": TrajectoryGoalStatusForm(),
            "action_status_form": TrajectoryActionStatusForm(),
        },
    )


def _may_change_file(request: AuthenticatedHttpRequest, trajectory: Trajectory) -> bool:
    return may_change_household(request.user, trajectory.household)


def _trajectory_context(trajectory: Trajectory, title: str) -> dict[str, object]:
    return {"trajectory": trajectory, "title": title, "back_url": _trajectory_url(trajectory)}


def trajectory_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_get_for_user(request.user, pk, write=True)
    initial = {
        "holder": trajectory.holder_id,
        "started_on": trajectory.started_on,
        "goal": trajectory.goal,
        "waiting_list_since": trajectory.waiting_list_since,
        "consent_given": trajectory.consent_given,
    }
    return form_page(
        request,
        form=TrajectoryForm(_data(request), user=request.user, initial=initial),
        save=lambda d: services.trajectory_update(trajectory=trajectory, by=request.user, **d),
        message=_("The trajectory has been changed."),
        success_url=_trajectory_url(trajectory),
        template=TRAJECTORY_FORM,
        context=_trajectory_context(trajectory, _("Change the trajectory")),
    )


def trajectory_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_get_for_user(request.user, pk, write=True)
    return form_page(
        request,
        form=TrajectoryEndForm(_data(request)),
        save=lambda d: services.trajectory_end(trajectory=trajectory, **d),
        message=_("The trajectory has been ended."),
        success_url=_trajectory_url(trajectory),
        template=TRAJECTORY_FORM,
        context=_trajectory_context(trajectory, _("End the trajectory")),
    )


def trajectory_goal_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_get_for_user(request.user, pk, write=True)
    return form_page(
        request,
        form=TrajectoryGoalForm(_data(request)),
        save=lambda d: services.trajectory_goal_add(trajectory=trajectory, **d),
        message=_("The goal has been added."),
        success_url=_trajectory_url(trajectory),
        template=TRAJECTORY_FORM,
        context=_trajectory_context(trajectory, _("Add a goal")),
    )


def trajectory_action_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_get_for_user(request.user, pk, write=True)
    goals = trajectory.goals.filter(status=TrajectoryGoalStatus.OPEN)
    return form_page(
        request,
        form=TrajectoryActionForm(_data(request), goals=goals, initial={"goal": request.GET.get("goal")}),
        save=lambda d: services.trajectory_action_add(**d),
        message=_("The action has been added."),
        success_url=_trajectory_url(trajectory),
        template=TRAJECTORY_FORM,
        context=_trajectory_context(trajectory, _("Add an action")),
    )


@require_POST
def trajectory_goal_status(request: AuthenticatedHttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    goal = trajectory_goal_get_for_user(request.user, pk, goal_pk, write=True)
    form = TrajectoryGoalStatusForm(request.POST)
    return post_action(
        request,
        form=form,
        action=lambda: services.trajectory_goal_set_status(goal=goal, status=form.cleaned_data["status"]),
        message=_("The goal has been updated."),
        success_url=_trajectory_url(goal.trajectory),
    )


@require_POST
def trajectory_action_status(request: AuthenticatedHttpRequest, pk: int, action_pk: int) -> HttpResponse:
    action = trajectory_action_get_for_user(request.user, pk, action_pk, write=True)
    form = TrajectoryActionStatusForm(request.POST)
    return post_action(
        request,
        form=form,
        action=lambda: services.trajectory_action_set_status(action=action, status=form.cleaned_data["status"]),
        message=_("The action has been updated."),
        success_url=_trajectory_url(action.goal.trajectory),
    )


@role_required(Role.CASEWORKER, Role.TEAM_LEAD, Role.CHAIN_PARTNER)
def my_trajectories(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "outflow/my_trajectories.html", {"trajectories": selectors.trajectories_held_by(request.user)}
    )


# --- Pilots ----------------------------------------------------------------------------------------


@role_required(Role.POLICY_OFFICER)
def pilot_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    return form_page(
        request,
        form=PilotForm(_data(request)),
        save=lambda d: services.pilot_create(**d),
        message=_("The pilot has been created."),
        success_url=reverse("reports:pilot_list"),
        template="outflow/pilot_form.html",
        context={"title": _("New pilot")},
    )


def pilot_member_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    return form_page(
        request,
        form=PilotMemberForm(_data(request)),
        save=lambda d: services.pilot_member_add(household=household, by=request.user, **d),
        message=_("The household takes part in the pilot."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={"household": household, "title": _("Part of a pilot")},
    )
