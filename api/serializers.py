"""What the API shows of each resource: aggregates and descriptions, never personal data.

Left out on purpose: who generated a snapshot or finalised a dossier, the dossier's participants,
notes and the owners of follow-up actions (names of people), and the address of a location
whose address is secret.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from opvang.constants import LocationKind
from opvang.models import Location
from reports.constants import PeriodKind, PointStatus, ScopeKind, Unit
from reports.indicators import INDICATORS, SECTIONS, Indicator
from reports.models import EvaluationDossier, ReportSnapshot
from reports.presentation import NumberStyle, format_value, is_suppressed

SECTION_TITLES = {section.code: section.title for section in SECTIONS}


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable code of the indicator.")
    section = serializers.CharField(help_text="Code of the section the indicator belongs to.")
    section_name = serializers.SerializerMethodField()
    name = serializers.CharField()
    definition = serializers.CharField(help_text="How the indicator is counted.")
    unit = serializers.ChoiceField(choices=Unit.choices)
    unit_name = serializers.CharField(source="unit_label")

    def get_section_name(self, indicator: Indicator) -> str:
        return str(SECTION_TITLES[indicator.section])


class IndicatorValueSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="Code of the indicator.")
    value = serializers.FloatField(
        allow_null=True,
        help_text="The number; null when suppressed (it rests on fewer than 5 cases) or not available.",
    )
    display = serializers.CharField(help_text='The value as the dashboard and the exports show it ("<5", "n<5", "–").')
    suppressed = serializers.BooleanField(help_text="True when the value rests on fewer than 5 cases.")


def indicator_values(values: dict) -> list[dict[str, Any]]:
    """Every indicator's value, suppressed by the very rule of the dashboard and the exports."""
    rows = []
    numbers = NumberStyle()
    for indicator in INDICATORS:
        stored = values.get(indicator.code)
        suppressed = is_suppressed(indicator, stored)
        number = None if suppressed or not stored else stored.get("value")
        rows.append(
            {
                "indicator": indicator.code,
                "value": number,
                "display": format_value(indicator, stored, numbers=numbers),
                "suppressed": suppressed,
            }
        )
    return rows


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SnapshotSerializer(serializers.ModelSerializer):
    scope_kind = serializers.ChoiceField(choices=ScopeKind.choices)
    scope_name = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    location: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    period_kind = serializers.ChoiceField(choices=PeriodKind.choices)
    period_name = serializers.SerializerMethodField()
    is_provisional = serializers.SerializerMethodField()
    revision = serializers.IntegerField(min_value=1)
    values = serializers.SerializerMethodField()

    class Meta:
        model = ReportSnapshot
        fields = [
            "id",
            "scope_kind",
            "scope_name",
            "organisation",
            "location",
            "period_kind",
            "period_start",
            "period_end",
            "period_name",
            "revision",
            "is_current",
            "is_provisional",
            "generated_at",
            "definitions_version",
            "values",
        ]

    def get_scope_name(self, snapshot: ReportSnapshot) -> str:
        return str(snapshot.scope.label)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_organisation(self, snapshot: ReportSnapshot) -> int | None:
        """The organisation of an organisation snapshot, or of the location of a location snapshot."""
        if snapshot.location is not None:
            return snapshot.location.organisation_id
        return snapshot.organisation_id

    def get_period_name(self, snapshot: ReportSnapshot) -> str:
        return str(snapshot.period.label)

    def get_is_provisional(self, snapshot: ReportSnapshot) -> bool:
        """Made before its period ended: the numbers may still change in a later revision."""
        # TODO(issue 15): read the snapshot's stored provisional flag once the monitoring work adds it.
        return snapshot.generated_at is None or snapshot.generated_at.date() <= snapshot.period_end

    @extend_schema_field(IndicatorValueSerializer(many=True))
    def get_values(self, snapshot: ReportSnapshot) -> list[dict[str, Any]]:
        return indicator_values(snapshot.values or {})


class LocationSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer()
    kind = serializers.ChoiceField(choices=LocationKind.choices)
    kind_name = serializers.CharField(source="get_kind_display")
    address = serializers.SerializerMethodField()
    # Declared, not derived: the derived bounds depend on the database backend.
    capacity_places = serializers.IntegerField(min_value=0)
    capacity_units = serializers.IntegerField(min_value=0)

    class Meta:
        model = Location
        fields = [
            "id",
            "name",
            "organisation",
            "kind",
            "kind_name",
            "municipality",
            "secret_address",
            "address",
            "capacity_places",
            "capacity_units",
            "is_active",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_address(self, location: Location) -> str | None:
        """Never the address of a secret location, whoever asks."""
        if location.secret_address or not location.address:
            return None
        return location.address


class ImprovementPointSerializer(serializers.Serializer):
    text = serializers.CharField()
    year_raised = serializers.IntegerField()
    status = serializers.ChoiceField(choices=PointStatus.choices)
    status_note = serializers.CharField(source="note", allow_blank=True)


class FollowUpActionSerializer(serializers.Serializer):
    what = serializers.CharField()
    due_on = serializers.DateField()


class DossierSerializer(serializers.ModelSerializer):
    location: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    location_name = serializers.CharField(source="location.name")
    organisation = OrganisationRefSerializer(source="location.organisation")
    improvement_points = serializers.SerializerMethodField()
    follow_up_actions = FollowUpActionSerializer(source="actions", many=True)
    year = serializers.IntegerField(min_value=0)

    class Meta:
        model = EvaluationDossier
        fields = [
            "id",
            "location",
            "location_name",
            "organisation",
            "year",
            "meeting_on",
            "finalised_at",
            "improvement_points",
            "follow_up_actions",
        ]

    @extend_schema_field(ImprovementPointSerializer(many=True))
    def get_improvement_points(self, dossier: EvaluationDossier) -> list[dict[str, Any]]:
        """The points as they stood when the dossier was made final (the published record)."""
        points = [{"note": "", **point} for point in dossier.frozen_points]
        return [dict(point) for point in ImprovementPointSerializer(points, many=True).data]
