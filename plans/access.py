"""Who may open and change which plan. A plan, its goals, actions and participants are in
scope exactly when their household is (cases.access.household_get_for_user); outsiders get 404.

Chain partners (Role.CHAIN_PARTNER) never reach the case file: they see a plan through the
partner pages only, and only while all of this holds:
- they are an active professional of a chain-partner organisation;
- the plan is open and they are in the circle of its current (newest) version, linked by account;
- a parent of the household has consent recorded, not withdrawn, for sharing the plan with
  their organisation.
A child from the consent age decides about their own part: without the child's own consent
their goals (and those goals' actions) stay hidden. Withdrawal ends access at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard, TypeVar

from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone

from cases.access import household_get_for_user, may_see_safety
from children.constants import CONSENT_AGE
from children.models import Child, age_on
from opvang.constants import Role

from .constants import CHILD_PLAN_AGE, OPEN_PLAN_STATUSES
from .models import Action, Goal, Participant, Plan, PlanConsent, PlanVersion

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

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


def consent_get_for_user(user: User, pk: int, *, write: bool = False) -> PlanConsent:
    """A consent whose household the user may open (write: change), else 404."""
    consent = PlanConsent.objects.select_related("adult", "child", "organisation").filter(pk=pk).first()
    if consent is None:
        raise Http404
    consent.household = household_get_for_user(user, consent.household_id, write=write)
    return consent


def may_see_restricted(user: User, household: Household) -> bool:
    """Contact details and safety conditions: only for the roles of cases.access.may_see_safety."""
    return may_see_safety(user, household)


# --- Chain partners ----------------------------------------------------------------------------------

NOTHING = Q(pk__in=[])


def is_chain_partner(user: User | AnonymousUser) -> TypeGuard[User]:
    """An active account in the chain-partner role, working for an organisation."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.CHAIN_PARTNER and user.organisation_id)


def partner_plan_scope_q(user: User | AnonymousUser) -> Q:
    """A filter on Plan for the plans this chain partner may read (see the module docstring)."""
    if not is_chain_partner(user) or user.organisation_id is None:
        return NOTHING
    newest_version = PlanVersion.objects.filter(plan=OuterRef(OuterRef("pk"))).order_by("-number").values("pk")[:1]
    in_circle = Exists(Participant.objects.filter(user=user, plan_version=Subquery(newest_version)))
    parent_consent = Exists(
        PlanConsent.objects.filter(
            household=OuterRef("household"),
            organisation_id=user.organisation_id,
            adult__isnull=False,
            withdrawn_on__isnull=True,
        )
    )
    return Q(status__in=OPEN_PLAN_STATUSES) & Q(in_circle) & Q(parent_consent)


def partner_plan_get_for_user(user: User, pk: int) -> Plan:
    """The plan with this pk if this chain partner may read it now, else 404."""
    plan = Plan.objects.filter(partner_plan_scope_q(user), pk=pk).select_related("household").first()
    if plan is None:
        raise Http404
    return plan


def partner_participant(
    user: User, plan_version: PlanVersion, *, circle: list[Participant] | None = None
) -> Participant:
    """The partner's own place in the circle of this version (their plan is in scope), else 404.

    circle: the version's participants in their order, when the caller has them already."""
    if circle is None:
        participant = Participant.objects.filter(plan_version=plan_version, user=user).first()
    else:
        participant = next((p for p in circle if p.plan_version_id == plan_version.pk and p.user_id == user.pk), None)
    if participant is None:
        raise Http404
    return participant


def partner_hidden_children(user: User, household_id: int, *, children: list[Child] | None = None) -> set[int]:
    """The children whose part of the plan this partner may not see: those from the consent age
    without consent of their own (not withdrawn) for the partner's organisation.

    children: the household's children (with their date of birth), when the caller has them already."""
    today = timezone.localdate()
    consented = set(
        PlanConsent.objects.filter(
            household_id=household_id,
            organisation=user.organisation,
            child__isnull=False,
            withdrawn_on__isnull=True,
        ).values_list("child_id", flat=True)
    )
    if children is None:
        children = list(Child.objects.filter(household_id=household_id).only("pk", "date_of_birth"))
    return {
        child.pk
        for child in children
        if age_on(child.date_of_birth, today) >= CONSENT_AGE and child.pk not in consented
    }


def partner_action_get_for_user(user: User, pk: int) -> Action:
    """An action this chain partner owns, in the current version of a plan they may read and
    not in a child's part they may not see, else 404."""
    action = Action.objects.select_related("plan_version__plan", "owner", "goal").filter(pk=pk).first()
    if action is None or action.owner is None or action.owner.user_id != user.pk:
        raise Http404
    plan = partner_plan_get_for_user(user, action.plan_version.plan_id)
    newest = PlanVersion.objects.filter(plan=plan).order_by("-number").values_list("pk", flat=True).first()
    if action.plan_version_id != newest:
        raise Http404
    if action.goal.child_id is not None and action.goal.child_id in partner_hidden_children(user, plan.household_id):
        raise Http404
    action.plan_version.plan = plan
    return action
