"""Role-level access for pages that show no client (dashboards, reports, management).

Object-level scoping of client files lives in cases/access.py (household_get_for_user).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from .constants import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from .models import Location, User


def role_required(*roles: str) -> Callable:
    """Allow the view only to active users in one of these roles (others get 403)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            user = request.user
            if not (user.is_authenticated and user.is_active and user.role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        # A function attribute, read by the access-matrix test; functools' _Wrapped type has no slot for it.
        wrapper.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return wrapper

    return decorator


case_roles_required = role_required(Role.CASEWORKER, Role.TEAM_LEAD)
municipal_roles_required = role_required(Role.POLICY_OFFICER, Role.CONTRACT_MANAGER)


def may_see_address(user: User | AnonymousUser, location: Location) -> bool:
    """A secret address is visible only to the location's own staff and the team leads of its
    organisation: not to administrators, municipal roles, other locations' caseworkers, reports."""
    if not location.secret_address:
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    if user.role == Role.TEAM_LEAD and user.organisation_id == location.organisation_id:
        return True
    return user.role in (Role.CASEWORKER, Role.TEAM_LEAD) and user.locations.filter(pk=location.pk).exists()
