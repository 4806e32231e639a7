"""Filters of the report list (GET parameters scope_kind, organisation, location, current)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from opvang.forms import FilterForm
from opvang.models import Location, Organisation, User

from . import access
from .constants import ScopeKind
from .forms import ReportFilterForm
from .models import AccountMeeting, ReportSnapshot
from .selectors import shelter_locations, shelter_organisations


class CheckboxFilter(django_filters.Filter):
    """A checkbox, not django-filter's yes/no/unknown select (BooleanFilter)."""

    field_class = forms.BooleanField


class SnapshotFilter(django_filters.FilterSet):
    """Per scope, per provider (its own reports and its locations'), per location, current revisions only."""

    scope_kind = django_filters.ChoiceFilter(label=_("Scope"), choices=ScopeKind.choices, empty_label=_("All scopes"))
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("All organisations"),
        method="filter_organisation",
    )
    location = django_filters.ModelChoiceFilter(
        label=_("Location"), queryset=Location.objects.none(), empty_label=_("All locations")
    )
    current = CheckboxFilter(label=_("Only current revisions"), method="filter_current")

    class Meta:
        model = ReportSnapshot
        fields: list[str] = []
        form = ReportFilterForm

    def __init__(self, *args, user: User | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The choices are the user's scope: a team lead sees only their own provider and its locations.
        self.filters["organisation"].queryset = (
            access.organisations_for_user(user) if user is not None else shelter_organisations()
        )
        self.filters["location"].queryset = access.locations_for_user(user) if user is not None else shelter_locations()

    def filter_queryset(self, queryset: QuerySet[ReportSnapshot]) -> QuerySet[ReportSnapshot]:
        # Input that does not validate filters nothing, as if the form were empty.
        if not self.form.is_valid():
            return queryset
        return super().filter_queryset(queryset)

    def filter_organisation(self, queryset: QuerySet, name: str, value: Organisation) -> QuerySet:
        return queryset.filter(Q(organisation=value) | Q(location__organisation=value))

    def filter_current(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.filter(is_current=True) if value else queryset


class MeetingFilter(django_filters.FilterSet):
    """Account meetings per provider (the choices: the providers in the user's scope)."""

    organisation = django_filters.ModelChoiceFilter(
        label=_("Provider"), queryset=Organisation.objects.none(), empty_label=_("All providers")
    )

    class Meta:
        model = AccountMeeting
        fields: list[str] = []
        form = FilterForm

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["organisation"].queryset = access.organisations_for_user(user)

    def filter_queryset(self, queryset: QuerySet[AccountMeeting]) -> QuerySet[AccountMeeting]:
        # Input that does not validate filters nothing, as if the form were empty.
        if not self.form.is_valid():
            return queryset
        return super().filter_queryset(queryset)
