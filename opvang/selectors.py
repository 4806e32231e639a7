"""Reads of the shelter network."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.db.models import Count, Prefetch, QuerySet

from .models import Location, Organisation, User


def organisations_with_locations() -> QuerySet[Organisation]:
    return Organisation.objects.prefetch_related(
        Prefetch("locations", queryset=Location.objects.order_by("name"))
    ).annotate(staff_count=Count("staff", distinct=True))


def staff_list() -> QuerySet[User]:
    return User.objects.select_related("organisation").prefetch_related("locations").order_by("username")


def audit_entries(*, query: str = "") -> QuerySet[LogEntry]:
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    if query:
        entries = entries.filter(object_repr__icontains=query) | entries.filter(actor__username__icontains=query)
    return entries
