"""Who may see and decide on requests for early destruction.

The household itself is looked up through cases.access.household_get_for_user; the pages
without a client use opvang.access.role_required.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from cases.models import Household
from opvang.constants import Role
from opvang.models import User

from .models import DestructionRequest


def destruction_requests_for_user(user: User) -> QuerySet[DestructionRequest]:
    """Requests a team lead decides on: those of the own organisation's households."""
    if not (user.is_authenticated and user.is_active and user.role == Role.TEAM_LEAD and user.organisation_id):
        return DestructionRequest.objects.none()
    return DestructionRequest.objects.filter(household__organisation_id=user.organisation_id).select_related(
        "household", "child", "recorded_by", "decided_by"
    )


def destruction_request_get_for_user(user: User, pk: int) -> DestructionRequest:
    """The request if this user is a team lead of the household's organisation, else 404."""
    destruction_request = destruction_requests_for_user(user).filter(pk=pk).first()
    if destruction_request is None:
        raise Http404
    return destruction_request


def may_decide_destruction(user: User, household: Household) -> bool:
    """A team lead of the household's organisation decides on and executes requests."""
    return (
        user.is_active
        and user.role == Role.TEAM_LEAD
        and user.organisation_id is not None
        and user.organisation_id == household.organisation_id
    )
