"""Reads of the child's file."""

from __future__ import annotations

from django.http import Http404

from .models import Child


def child_get_for_user(user, pk: int) -> Child:
    """The child with this pk if its household is in the user's scope, else 404."""
    child = (
        Child.objects.visible_to(user)
        .select_related("household", "household__location", "mentor")
        .filter(pk=pk)
        .first()
    )
    if child is None:
        raise Http404
    return child
