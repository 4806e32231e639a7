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


def children_for_household(household) -> list[Child]:
    """The household's children, with what their cards on the household page need.

    (The children app enriches this with faces counts and signals.)
    """
    return list(Child.objects.filter(household=household).select_related("mentor").order_by("date_of_birth"))
