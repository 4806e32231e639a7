"""Filters of the audit log (GET parameter q: part of the object or the user name)."""

from __future__ import annotations

import django_filters
from auditlog.models import LogEntry
from django.db.models import QuerySet

from .forms import FilterForm

QUERY_MAX_LENGTH = 100


class AuditLogFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_object_or_user")

    class Meta:
        model = LogEntry
        fields: list[str] = []
        form = FilterForm

    @property
    def query(self) -> str:
        """The search as it was applied (trimmed and cut to a sensible length), for the search box."""
        if not self.form.is_valid():
            return ""
        return self.form.cleaned_data.get("q", "")[:QUERY_MAX_LENGTH]

    def filter_object_or_user(self, queryset: QuerySet[LogEntry], name: str, value: str) -> QuerySet[LogEntry]:
        value = value[:QUERY_MAX_LENGTH]
        return queryset.filter(object_repr__icontains=value) | queryset.filter(actor__username__icontains=value)
