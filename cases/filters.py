"""Filters of the caseload (GET parameters q, location, status, signal; caseworker for team leads)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opvang.forms import FilterForm
from opvang.models import Location, User

from . import extensions, selectors
from .access import may_see_workload
from .constants import HouseholdStatus
from .forms import own_locations
from .models import Household

QUERY_MAX_LENGTH = 100


class CaseloadFilter(django_filters.FilterSet):
    """Name or reference, one of the user's locations, status (default: all but closed), one signal."""

    q = django_filters.CharFilter(
        label=_("Name or reference"), max_length=QUERY_MAX_LENGTH, method="filter_name_or_reference"
    )
    location = django_filters.ModelChoiceFilter(
        label=_("Location"), queryset=Location.objects.none(), empty_label=_("All my locations")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=HouseholdStatus.choices, empty_label=_("All except closed")
    )
    signal = django_filters.ChoiceFilter(label=_("Signal"), choices=[], empty_label=_("All"), method="filter_signal")
    # Team leads only: the households of one trajectory caseworker or child mentor.
    caseworker = django_filters.ModelChoiceFilter(
        label=_("Caseworker or mentor"),
        queryset=User.objects.none(),
        empty_label=_("All caseworkers"),
        method="filter_caseworker",
    )

    class Meta:
        model = Household
        fields: list[str] = []
        form = FilterForm

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["location"].queryset = own_locations(user)
        if may_see_workload(user):
            self.filters["caseworker"].queryset = selectors.case_staff(user)
        else:
            del self.filters["caseworker"]
        # The case file's own signals and those of children and plans (cases.extensions), in order.
        self.filters["signal"].extra["choices"] = [
            (signal.name, str(signal.label)) for signal in extensions.caseload_signals()
        ]

    def filter_queryset(self, queryset: QuerySet[Household]) -> QuerySet[Household]:
        # Input that does not validate filters nothing, as if the form were empty.
        if self.form.is_valid():
            queryset = super().filter_queryset(queryset)
        if not self.form.is_valid() or not self.form.cleaned_data.get("status"):
            queryset = queryset.exclude(status=HouseholdStatus.CLOSED)
        return queryset

    def filter_name_or_reference(self, queryset: QuerySet[Household], name: str, value: str) -> QuerySet[Household]:
        people = Q(adults__first_name__icontains=value) | Q(adults__last_name__icontains=value)
        kids = Q(children__first_name__icontains=value) | Q(children__last_name__icontains=value)
        matches = Household.objects.filter(Q(reference__icontains=value) | people | kids).values("pk")
        return queryset.filter(pk__in=matches)

    def filter_signal(self, queryset: QuerySet[Household], name: str, value: str) -> QuerySet[Household]:
        # The signals are boolean annotations of selectors.caseload; the caseload page filters
        # selectors.caseload_scope, which has none: this filter then computes its own signal.
        if value not in queryset.query.annotations:
            signal = next(signal for signal in extensions.caseload_signals() if signal.name == value)
            queryset = queryset.alias(**{value: signal.annotation(timezone.localdate())})
        return queryset.filter(**{value: True})

    def filter_caseworker(self, queryset: QuerySet[Household], name: str, value: User) -> QuerySet[Household]:
        return queryset.filter(pk__in=selectors.households_of_caseworker(value.pk).values("pk"))
