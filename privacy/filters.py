"""Filters of the administrators' access-log search (GET parameters user, reference, event,
date_from, date_to). At most two queries: the households by reference, then the log page."""

from __future__ import annotations

import django_filters
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cases.models import Household

from .forms import DATE_INPUT, AccessLogSearchForm
from .selectors import ACTION_EVENTS, EVENT_CHOICES


class AccessLogFilter(django_filters.FilterSet):
    user = django_filters.CharFilter(label=_("User"), max_length=100, method="filter_user")
    reference = django_filters.CharFilter(label=_("Household reference"), max_length=20, method="filter_reference")
    event = django_filters.ChoiceFilter(
        label=_("Event"), choices=EVENT_CHOICES, empty_label=_("All events"), method="filter_event"
    )
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="timestamp", lookup_expr="date__gte", widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(
        label=_("Until"), field_name="timestamp", lookup_expr="date__lte", widget=DATE_INPUT
    )

    class Meta:
        model = LogEntry
        fields: list[str] = []
        form = AccessLogSearchForm

    def filter_queryset(self, queryset: QuerySet[LogEntry]) -> QuerySet[LogEntry]:
        # Input that does not validate (an end before the start) filters nothing.
        if not self.form.is_valid():
            return queryset
        return super().filter_queryset(queryset)

    def filter_user(self, queryset: QuerySet[LogEntry], name: str, value: str) -> QuerySet[LogEntry]:
        return queryset.filter(
            Q(actor__username__icontains=value)
            | Q(actor__first_name__icontains=value)
            | Q(actor__last_name__icontains=value)
            | Q(actor_email__icontains=value)
        )

    def filter_reference(self, queryset: QuerySet[LogEntry], name: str, value: str) -> QuerySet[LogEntry]:
        # Evaluated here: a JSON key lookup takes a list of values, not a subquery.
        pks = list(Household.objects.filter(reference__icontains=value).values_list("pk", flat=True)[:500])
        household_type = ContentType.objects.get_for_model(Household)
        return queryset.filter(
            Q(additional_data__household__in=pks)
            | Q(content_type=household_type, object_pk__in=[str(pk) for pk in pks])
        )

    def filter_event(self, queryset: QuerySet[LogEntry], name: str, value: str) -> QuerySet[LogEntry]:
        if value in ACTION_EVENTS.values():
            action = next(a for a, e in ACTION_EVENTS.items() if e == value)
            # The plain action, without the entries that carry their own event (exports and such).
            return queryset.filter(action=action).filter(
                Q(additional_data__event__isnull=True) | Q(additional_data__event=value)
            )
        return queryset.filter(additional_data__event=value)
