"""Who may open and change which plan. A plan, its goals, actions and participants are in
scope exactly when their household is (cases.access.household_get_for_user); outsiders get 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.http import Http404

from cases.access import household_get_for_user, may_see_safety
from children.models import Child

from .constants import CHILD_PLAN_AGE
from .models import Action, Goal, Participant, Plan

if TYPE_CHECKING:
    from cases.models import Household
    from opvang.models import User

# The parts of a plan version reached through it: goals, actions and participants.
_PlanPart = TypeVar("_PlanPart", Goal, Action, Participant)


def plan_get_for_user(user: User, pk: int, *, write: bool = False) -> Plan:
    """The plan with this pk if the user may open its household (write: may change it), else 404."""
    plan = Plan.objects.filter(pk=pk).first()
    if plan is None:
        raise Http404
    plan.household = household_get_for_user(user, plan.household_id, write=write)
    return plan


def _version_of(user: User, model: type[_PlanPart], pk: int, *, write: bool) -> _PlanPart:
    # Goals, actions and participants are reached through their version's plan and household.
    obj = model.objects.select_related("plan_version__plan").filter(pk=pk).first()
    if obj is None:
        raise Http404
    obj.plan_version.plan.household = household_get_for_user(user, obj.plan_version.plan.household_id, write=write)
    return obj


def goal_get_for_user(user: User, pk: int, *, write: bool = False) -> Goal:
    """A goal whose household the user may open (write: change), else 404."""
    return _version_of(user, Goal, pk, write=write)


def action_get_for_user(user: User, pk: int, *, write: bool = False) -> Action:
    """An action whose household the user may open (write: change), else 404."""
    return _version_of(user, Action, pk, write=write)


def participant_get_for_user(user: User, pk: int, *, write: bool = False) -> Participant:
    """A participant whose household the user may open (write: change), else 404."""
    return _version_of(user, Participant, pk, write=write)


def plan_child_get_for_user(user: User, pk: int, child_pk: int) -> tuple[Plan, Child]:
    """A plan the user may open and a child of its household old enough for its own "my plan"
    (CHILD_PLAN_AGE), else 404."""
    plan = plan_get_for_user(user, pk)
    child = Child.objects.select_related("mentor").filter(pk=child_pk, household_id=plan.household_id).first()
    if child is None:
        raise Http404
    if child.age() < CHILD_PLAN_AGE:
        raise Http404
    return plan, child


def may_see_restricted(user: User, household: Household) -> bool:
    """Contact details and safety conditions: only for the roles of cases.access.may_see_safety."""
    return may_see_safety(user, household)
