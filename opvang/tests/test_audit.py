import pytest
from auditlog.models import LogEntry
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from cases.models import Household


def test_change_is_recorded_with_user_fields_and_ip(world, client) -> None:
    from auditlog.context import set_actor

    household = world.household_a1
    with set_actor(world.caseworker, remote_addr="10.0.0.7"):
        household.safety_notes = "Dader woont in de buurt"
        household.save()
    entry = LogEntry.objects.get_for_object(household).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == world.caseworker
    assert "safety_notes" in entry.changes_dict
    assert entry.remote_addr == "10.0.0.7"
    assert entry.additional_data == {"household": household.pk}


def test_opening_a_household_file_is_recorded(world, client) -> None:
    client.force_login(world.caseworker)
    household = world.household_a1
    client.get(reverse("cases:household_detail", args=[household.pk]), REMOTE_ADDR="10.1.2.3")
    entry = LogEntry.objects.get_for_object(household).filter(action=LogEntry.Action.ACCESS).get()
    assert entry.actor == world.caseworker
    assert entry.remote_addr == "10.1.2.3"


def test_refused_access_is_not_recorded_as_a_view(world, client) -> None:
    client.force_login(world.outsider)
    client.get(reverse("cases:household_detail", args=[world.household_a1.pk]))
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_audit_log_cannot_be_changed_or_deleted_through_the_admin(world, client) -> None:
    world.admin.is_staff = world.admin.is_superuser = True
    world.admin.save()
    client.force_login(world.admin)
    entry = LogEntry.objects.first()
    assert entry is not None
    change_url = reverse("admin:auditlog_logentry_change", args=[entry.pk])
    delete_url = reverse("admin:auditlog_logentry_delete", args=[entry.pk])
    client.post(change_url, {"object_repr": "vervalst"})
    client.post(delete_url, {"post": "yes"})
    entry.refresh_from_db()
    assert entry.object_repr != "vervalst"
    assert client.get(delete_url).status_code == 403


def test_audit_log_page_lists_entries_for_administrators(world, client) -> None:
    client.force_login(world.admin)
    household = Household.objects.get(pk=world.household_a1.pk)
    response = client.get(reverse("network:audit_log"), {"q": household.reference})
    assert response.status_code == 200
    assert f"#{household.pk}" in response.content.decode()


def test_masked_fields_are_logged_without_their_value(world) -> None:
    child = world.household_a1.children.get()
    child.bsn = "111222333"
    child.save()
    entry = LogEntry.objects.get_for_object(child).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.changes_dict["bsn"][1] == "***"
    assert "111222333" not in str(entry.changes)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only guard is a PostgreSQL trigger")
def test_audit_log_rows_cannot_be_updated_or_deleted_in_the_database(world) -> None:
    entry = LogEntry.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).update(object_repr="vervalst")
    with pytest.raises(DatabaseError), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).delete()
    assert LogEntry.objects.filter(pk=entry.pk, object_repr=entry.object_repr).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only guard is a PostgreSQL trigger")
def test_audit_maintenance_may_remove_entries(world) -> None:
    from opvang.audit import audit_maintenance

    entry = LogEntry.objects.first()
    with audit_maintenance():
        LogEntry.objects.filter(pk=entry.pk).delete()
    assert not LogEntry.objects.filter(pk=entry.pk).exists()


def test_every_app_registers_its_models_from_its_own_app_config() -> None:
    """Each project app's AppConfig.ready() runs (a second AppConfig in apps.py once hid one)."""
    from auditlog.registry import auditlog
    from django.apps import apps

    from opvang.apps import OpvangConfig
    from opvang.models import Location, User

    assert isinstance(apps.get_app_config("opvang"), OpvangConfig)
    assert auditlog.contains(Location) and auditlog.contains(User)
