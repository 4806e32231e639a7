"""Who may act on which staff member from the team lead's page."""

from __future__ import annotations

from django.http import Http404

from opvang.constants import Role
from opvang.models import User


def team_member_get_for_user(user: User, pk: int) -> User:
    """A staff member of the team lead's own organisation; 404 for anyone else's staff."""
    if not (user.is_authenticated and user.is_active and user.role == Role.TEAM_LEAD):
        raise Http404
    if user.organisation_id is None:
        raise Http404
    member = User.objects.filter(pk=pk, organisation_id=user.organisation_id, is_active=True).first()
    if member is None:
        raise Http404
    return member
