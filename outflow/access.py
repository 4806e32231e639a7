"""Who may open and change a household's housing and aftercare records: exactly who may change its
file (cases.access). Outside that scope an application does not exist (404). The safety checks
after the shelter are restricted like the file's safety section (cases.access.may_see_safety).

A trajectory is open to who may open its household's file (write: change it), and besides to its
holder: a professional, possibly of another organisation, who then sees and works on that
trajectory only (its goals, actions and end), never the rest of the household's file. The consent
rule of handovers applies when the holder works elsewhere (outflow.services.trajectory_start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from cases.access import household_get_for_user, may_see_safety
from cases.models import Household
from opvang.constants import CASE_ROLES, Role

from .models import HousingApplication, Trajectory, TrajectoryAction, TrajectoryGoal

if TYPE_CHECKING:
    from opvang.models import User


def housing_application_get_for_user(
    user: User, household_pk: int, pk: int, *, write: bool = False
) -> HousingApplication:
    """The household's housing application if the household is in the user's scope, else 404."""
    household = household_get_for_user(user, household_pk, write=write)
    application = HousingApplication.objects.filter(household=household, pk=pk).select_related("household").first()
    if application is None:
        raise Http404
    return application


def safety_household_get_for_user(user: User, pk: int) -> Household:
    """The household, for recording its safety checks after the shelter: only those who may change
    the file and see its safety section (staff of its location, team leads); else 404."""
    household = household_get_for_user(user, pk, write=True)
    if not may_see_safety(user, household):
        raise Http404
    return household


def may_hold_trajectory(user: User) -> bool:
    """A trajectory is held by an active professional: a caseworker or team lead of a shelter
    organisation, or a chain partner's professional (e.g. the provider that runs a pilot)."""
    professional = user.role in CASE_ROLES or user.role == Role.CHAIN_PARTNER
    return user.is_active and user.organisation_id is not None and professional


def is_trajectory_holder(user: User, trajectory: Trajectory) -> bool:
    """The signed-in user holds this trajectory (and is still an active account)."""
    return user.is_active and user.pk == trajectory.holder_id


def trajectory_get_for_user(user: User, pk: int, *, write: bool = False) -> Trajectory:
    """The trajectory if the user holds it (write: while it is open) or may open its household's
    file (write: change it), else 404."""
    trajectory = Trajectory.objects.select_related("adult", "holder__organisation", "household").filter(pk=pk).first()
    if trajectory is None:
        raise Http404
    if is_trajectory_holder(user, trajectory) and (trajectory.is_open or not write):
        return trajectory
    trajectory.household = household_get_for_user(user, trajectory.household_id, write=write)
    return trajectory


def trajectory_goal_get_for_user(user: User, pk: int, goal_pk: int, *, write: bool = False) -> TrajectoryGoal:
    """A goal of a trajectory the user may open (write: change), else 404."""
    trajectory = trajectory_get_for_user(user, pk, write=write)
    goal = TrajectoryGoal.objects.filter(trajectory=trajectory, pk=goal_pk).first()
    if goal is None:
        raise Http404
    goal.trajectory = trajectory
    return goal


def trajectory_action_get_for_user(user: User, pk: int, action_pk: int, *, write: bool = False) -> TrajectoryAction:
    """An action of a trajectory the user may open (write: change), else 404."""
    trajectory = trajectory_get_for_user(user, pk, write=write)
    action = TrajectoryAction.objects.select_related("goal").filter(goal__trajectory=trajectory, pk=action_pk).first()
    if action is None:
        raise Http404
    action.goal.trajectory = trajectory
    return action
