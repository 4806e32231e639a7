"""Who may open and change which child's file. The household's scope (cases.access) decides:
a child, its referrals and its Veerkracht tracks are visible exactly when its household is.
Outside your scope an object does not exist: a 404, never a 403 that confirms it exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from cases.access import may_change_household, may_see_safety

from .models import Child, VeerkrachtTrack, YouthCareReferral
from .selectors import intake_status, signals_set, with_signals

if TYPE_CHECKING:
    from opvang.models import User


def child_get_for_user(user: User, pk: int, *, write: bool = False, safety: bool = False) -> Child:
    """The child with this pk if its household is in the user's scope, else 404. Annotated with signals.

    write: the user may change the file (the household's own organisation);
    safety: the user may see the restricted safety section (may_see_safety)."""
    child = (
        with_signals(Child.objects.visible_to(user))
        .select_related("household", "household__location", "household__organisation", "mentor")
        .filter(pk=pk)
        .first()
    )
    if child is None:
        raise Http404
    if write and not may_change_household(user, child.household):
        raise Http404
    if safety and not may_see_safety(user, child.household):
        raise Http404
    signals_set(child)
    # For the child's page (a computed status, not a field): the type checker knows only fields.
    child.intake_status = intake_status(child)  # type: ignore[attr-defined]
    return child


def referral_get_for_user(user: User, pk: int, *, write: bool = False) -> YouthCareReferral:
    """A youth-care referral of a child in the user's scope (write: whose file the user may change), else 404."""
    referral = (
        YouthCareReferral.objects.filter(pk=pk, child__in=Child.objects.visible_to(user))
        .select_related("child__household")
        .first()
    )
    if referral is None:
        raise Http404
    if write and not may_change_household(user, referral.child.household):
        raise Http404
    return referral


def track_get_for_user(user: User, pk: int, *, write: bool = False) -> VeerkrachtTrack:
    """A Veerkracht track of a child in the user's scope (write: whose file the user may change), else 404."""
    track = (
        VeerkrachtTrack.objects.filter(pk=pk, child__in=Child.objects.visible_to(user))
        .select_related("child__household")
        .first()
    )
    if track is None:
        raise Http404
    if write and not may_change_household(user, track.child.household):
        raise Http404
    return track
