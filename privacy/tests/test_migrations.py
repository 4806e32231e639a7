"""Moving DestructionRequest and Anonymisation from opvang to privacy loses no row.

The database is migrated back to the state before the move (opvang 0003, no privacy app), rows
are written through the old models (with an audit entry about one of them), the database is
migrated forward again, and every row is read back through the new models.
"""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cases.constants import HouseholdStatus
from cases.tests.factories import HouseholdFactory
from children.tests.factories import ChildFactory
from opvang.tests.factories import LocationFactory, OrganisationFactory, UserFactory
from privacy.constants import AnonymisationReason, DestructionStatus, RequesterRelation
from privacy.models import Anonymisation, DestructionRequest

BEFORE_THE_MOVE = [("opvang", "0003_privacy"), ("privacy", None)]


def migrate(targets=None):
    """Migrate to targets (None: the latest state); returns the historical apps of that state."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    # The state of the apps at the targets (an app migrated to None has no state to ask for).
    return MigrationExecutor(connection).loader.project_state([t for t in targets if t[1] is not None]).apps


def table_rows(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608  (a fixed table name)
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_the_privacy_models_move_without_losing_a_row() -> None:
    organisation = OrganisationFactory(name="Opvang M")
    location = LocationFactory(organisation=organisation)
    household = HouseholdFactory(location=location, status=HouseholdStatus.CLOSED, reference="HH-2026-09991")
    child = ChildFactory(household=household, date_of_birth=datetime.date(2012, 1, 1))
    other = HouseholdFactory(location=location, reference="HH-2026-09992")
    recorder = UserFactory(organisation=organisation, role="caseworker")
    lead = UserFactory(organisation=organisation, role="team_lead")

    try:
        old = migrate(BEFORE_THE_MOVE)
        assert not old.is_installed("privacy")
        OldRequest = old.get_model("opvang", "DestructionRequest")
        OldAnonymisation = old.get_model("opvang", "Anonymisation")
        OldContentType = old.get_model("contenttypes", "ContentType")
        executed = OldRequest.objects.create(
            household_id=household.pk,
            requested_on=datetime.date(2026, 3, 1),
            requester_relation=RequesterRelation.PARENT,
            reason="Wil opnieuw beginnen",
            status=DestructionStatus.EXECUTED,
            recorded_by_id=recorder.pk,
            decided_by_id=lead.pk,
            decided_on=datetime.date(2026, 3, 2),
            decision_reason="Geen bewaarplicht meer",
            executed_on=datetime.date(2026, 3, 3),
        )
        for_child = OldRequest.objects.create(
            household_id=household.pk,
            child_id=child.pk,
            requested_on=datetime.date(2026, 4, 1),
            requester_relation=RequesterRelation.CHILD,
            recorded_by_id=recorder.pk,
        )
        OldAnonymisation.objects.create(
            household_id=household.pk, reason=AnonymisationReason.EARLY_DESTRUCTION, request_id=executed.pk
        )
        OldAnonymisation.objects.create(household_id=other.pk, reason=AnonymisationReason.RETENTION)
        # The audit entry about a request, written under the old content type.
        old_type, _ = OldContentType.objects.get_or_create(app_label="opvang", model="destructionrequest")
        entry = LogEntry.objects.create(
            content_type_id=old_type.pk,
            object_pk=str(executed.pk),
            object_id=executed.pk,
            object_repr="destruction request",
            action=LogEntry.Action.CREATE,
            additional_data={"household": household.pk},
        )
        assert (table_rows("opvang_destructionrequest"), table_rows("opvang_anonymisation")) == (2, 2)
        # After a rollback the migrate command's post_migrate makes a content type for the
        # installed privacy model; moving forward must still keep the one the log points at.
        OldContentType.objects.create(app_label="privacy", model="destructionrequest")
    finally:
        migrate()

    # Every row, read through the new models, with its relations.
    request = DestructionRequest.objects.get(pk=executed.pk)
    assert (request.household, request.status, request.recorded_by, request.decided_by) == (
        household,
        DestructionStatus.EXECUTED,
        recorder,
        lead,
    )
    assert (request.reason, request.decision_reason, request.executed_on) == (
        "Wil opnieuw beginnen",
        "Geen bewaarplicht meer",
        datetime.date(2026, 3, 3),
    )
    assert request.anonymisation.reason == AnonymisationReason.EARLY_DESTRUCTION
    assert DestructionRequest.objects.get(pk=for_child.pk).child == child
    assert set(household.destruction_requests.all()) == {request, DestructionRequest.objects.get(pk=for_child.pk)}
    assert Anonymisation.objects.get(household=other).request is None
    assert (DestructionRequest.objects.count(), Anonymisation.objects.count()) == (2, 2)
    # The content type moved with the model: the old audit entry points at the new model, and
    # new entries about the same row land under the same content type.
    new_type = ContentType.objects.get_for_model(DestructionRequest)
    assert new_type.pk == old_type.pk
    assert LogEntry.objects.get(pk=entry.pk).content_type.model_class() is DestructionRequest
    assert not ContentType.objects.filter(app_label="opvang", model__in=["destructionrequest", "anonymisation"])
    request.decision_reason = "Geen bewaarplicht meer (aangevuld)"
    request.save()
    assert LogEntry.objects.filter(content_type=new_type, object_pk=str(request.pk)).count() == 2
