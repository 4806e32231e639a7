"""opvang.services.model_update: validates, saves only what changed, reports whether it did."""

import pytest
from django.core.exceptions import ValidationError

from cases.models import Household
from cases.tests.factories import HouseholdFactory
from opvang.models import Location
from opvang.services import model_update
from opvang.tests.factories import LocationFactory

pytestmark = pytest.mark.django_db


def test_changed_fields_are_saved_and_reported():
    household = HouseholdFactory(municipality_of_origin="Haarlem")
    before = household.updated_at

    household, updated = model_update(
        instance=household, fields=["municipality_of_origin"], data={"municipality_of_origin": "Leiden"}
    )

    assert updated is True
    stored = Household.objects.get(pk=household.pk)
    assert stored.municipality_of_origin == "Leiden"
    # auto_now timestamps move with the change although they are not among the fields.
    assert stored.updated_at > before


def test_unchanged_data_saves_nothing(django_assert_num_queries):
    household = HouseholdFactory(municipality_of_origin="Haarlem")

    with django_assert_num_queries(0):
        _, updated = model_update(
            instance=household, fields=["municipality_of_origin"], data={"municipality_of_origin": "Haarlem"}
        )

    assert updated is False


def test_only_listed_fields_present_in_data_are_touched():
    household = HouseholdFactory(municipality_of_origin="Haarlem", reference="HH-2026-99999")

    _, updated = model_update(
        instance=household,
        fields=["municipality_of_origin", "safety_notes"],
        data={"municipality_of_origin": "Haarlem", "reference": "HH-CHANGED"},
    )

    assert updated is False
    assert Household.objects.get(pk=household.pk).reference == "HH-2026-99999"


def test_save_writes_only_the_changed_columns():
    """A concurrent change to another column survives (no full-row overwrite)."""
    household = HouseholdFactory(municipality_of_origin="Haarlem", safety_notes="")
    Household.objects.filter(pk=household.pk).update(safety_notes="written elsewhere")

    model_update(instance=household, fields=["municipality_of_origin"], data={"municipality_of_origin": "Leiden"})

    stored = Household.objects.get(pk=household.pk)
    assert stored.municipality_of_origin == "Leiden"
    assert stored.safety_notes == "written elsewhere"


def test_foreign_key_compared_by_id_without_a_query(django_assert_num_queries):
    household = HouseholdFactory()
    household = Household.objects.get(pk=household.pk)  # relation not loaded
    same_location = Location(pk=household.location_id)

    with django_assert_num_queries(0):
        _, updated = model_update(instance=household, fields=["location"], data={"location": same_location})

    assert updated is False


def test_foreign_key_change_is_saved():
    household = HouseholdFactory()
    other = LocationFactory(organisation=household.organisation)

    _, updated = model_update(instance=household, fields=["location"], data={"location": other})

    assert updated is True
    assert Household.objects.get(pk=household.pk).location_id == other.pk


def test_invalid_value_raises_and_saves_nothing():
    household = HouseholdFactory(municipality_of_origin="Haarlem")

    with pytest.raises(ValidationError) as raised:
        model_update(instance=household, fields=["municipality_of_origin"], data={"municipality_of_origin": ""})

    assert "municipality_of_origin" in raised.value.message_dict
    assert Household.objects.get(pk=household.pk).municipality_of_origin == "Haarlem"


def test_unknown_field_is_a_programming_error():
    household = HouseholdFactory()

    with pytest.raises(ValueError):
        model_update(instance=household, fields=["no_such_field"], data={"no_such_field": 1})


def test_many_to_many_is_set_through_its_manager(world):
    user = world.caseworker
    target = [world.loc_a2]

    _, updated = model_update(instance=user, fields=["locations"], data={"locations": target})

    assert updated is True
    assert list(user.locations.all()) == target
