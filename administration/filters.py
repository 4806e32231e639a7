"""Filters of the administration lists (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from opvang.constants import LocationKind, Role
from opvang.forms import BootstrapWidgetsMixin
from opvang.models import Location, Organisation


class FilterForm(BootstrapWidgetsMixin, forms.Form):
    pass


class StaffFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, empty_label=_("All roles"))
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name"), empty_label=_("All organisations")
    )
    location = django_filters.ModelChoiceFilter(
        label=_("Location"),
        field_name="locations",
        queryset=Location.objects.select_related("organisation").order_by("organisation__name", "name"),
        empty_label=_("All locations"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        choices=[("active", _("Active")), ("inactive", _("Deactivated")), ("locked", _("Locked out"))],
        empty_label=_("All"),
    )

    class Meta:
        form = FilterForm
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(
            Q(username__icontains=value)
            | Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(email__icontains=value)
        )

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "active":
            return queryset.filter(is_active=True)
        if value == "inactive":
            return queryset.filter(is_active=False)
        if value == "locked":
            return queryset.filter(is_locked_out=True)
        return queryset


class LocationFilter(django_filters.FilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name"), empty_label=_("All organisations")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=LocationKind.choices, empty_label=_("All kinds"))

    class Meta:
        form = FilterForm
        fields: list[str] = []
