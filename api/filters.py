"""Query parameters of the list endpoints (FilterSets, validated: a bad value is a 400)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema_field

from opvang.constants import LocationKind
from opvang.models import Location
from reports.constants import PeriodKind, ScopeKind
from reports.models import EvaluationDossier, ReportSnapshot

# The largest id PostgreSQL's bigint holds: larger numbers are rejected, not sent to the database.
MAX_ID = 2**63 - 1
MIN_YEAR, MAX_YEAR = 1900, 9999


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, min_value=1, max_value=MAX_ID, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.Filter):
    field_class = IdField


class YearField(forms.IntegerField):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


@extend_schema_field({"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR})
class YearFilter(django_filters.Filter):
    field_class = YearField


class BooleanField(forms.Field):
    """Exactly "true" or "false": anything else (also "null" or "1") is refused."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value not in ("true", "false"):
            raise forms.ValidationError("Use true or false.", code="invalid")
        return value == "true"


@extend_schema_field({"type": "boolean"})
class BooleanFilter(django_filters.Filter):
    field_class = BooleanField


class SnapshotFilter(django_filters.FilterSet):
    scope_kind = django_filters.ChoiceFilter(choices=ScopeKind.choices)
    organisation = IdFilter(method="filter_organisation", label="Snapshots of this organisation and its locations")
    location = IdFilter(field_name="location_id")
    period_kind = django_filters.ChoiceFilter(choices=PeriodKind.choices)
    period_start_from = django_filters.DateFilter(field_name="period_start", lookup_expr="gte")
    period_end_to = django_filters.DateFilter(field_name="period_end", lookup_expr="lte")
    current = BooleanFilter(field_name="is_current", label="Only the current revision")

    class Meta:
        model = ReportSnapshot
        fields: list[str] = []

    def filter_organisation(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(Q(organisation_id=value) | Q(location__organisation_id=value))


class LocationFilter(django_filters.FilterSet):
    organisation = IdFilter(field_name="organisation_id")
    kind = django_filters.ChoiceFilter(choices=LocationKind.choices)

    class Meta:
        model = Location
        fields: list[str] = []


class DossierFilter(django_filters.FilterSet):
    location = IdFilter(field_name="location_id")
    year = YearFilter(field_name="year")

    class Meta:
        model = EvaluationDossier
        fields: list[str] = []
