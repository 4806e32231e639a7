"""The intake conversation migration: a date recorded before it existed becomes a completed
intake of that date, in the form that fitted the child's age then; a child without one gets none."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cases.tests.factories import HouseholdFactory
from children.models import ChildIntake
from children.tests.factories import ChildFactory

BEFORE = [("children", "0004_childvoice_theme")]


def migrate(targets=None) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


@pytest.mark.django_db(transaction=True)
def test_recorded_intake_dates_become_completed_intakes() -> None:
    migrate(BEFORE)
    try:
        household = HouseholdFactory()
        # The child table is the same before and after: the current model writes it.
        baby = ChildFactory(household=household, date_of_birth=datetime.date(2024, 6, 1))
        baby.intake_on = datetime.date(2026, 1, 20)
        teen = ChildFactory(household=household, date_of_birth=datetime.date(2014, 1, 20))
        teen.intake_on = datetime.date(2026, 1, 20)  # 12 that day
        for child in (baby, teen):
            child.save(update_fields=["intake_on"])
        without = ChildFactory(household=household)
    finally:
        migrate()
    intakes = {i.child_id: i for i in ChildIntake.objects.all()}
    assert set(intakes) == {baby.pk, teen.pk}
    assert (intakes[baby.pk].variant, intakes[teen.pk].variant) == ("observation", "own_words")
    assert all(i.status == "completed" and i.held_on == datetime.date(2026, 1, 20) for i in intakes.values())
    assert without.pk not in intakes
