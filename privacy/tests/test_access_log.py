"""NEN 7513: every read and change of a file is logged; the client's own history; the admin search;
the log is append-only at the database."""

from __future__ import annotations

import io

import pytest
from auditlog.models import LogEntry
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cases.tests.factories import AdultClientFactory, HouseholdFactory
from opvang.audit import record_access
from privacy import selectors


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def open_household(client, user, household, ip="10.1.2.3"):
    client.force_login(user)
    response = client.get(reverse("cases:household_detail", args=[household.pk]), REMOTE_ADDR=ip)
    assert response.status_code == 200
    return response


def test_reading_a_household_page_creates_an_access_entry_with_user_and_ip(world, client) -> None:
    household = world.household_a1
    open_household(client, world.caseworker, household, ip="10.9.8.7")
    entry = selectors.access_history(household).filter(action=LogEntry.Action.ACCESS).get()
    assert entry.actor == world.caseworker
    assert entry.remote_addr == "10.9.8.7"
    assert entry.additional_data["household"] == household.pk


def test_the_history_lists_who_opened_the_file_with_organisation_and_role(world, client) -> None:
    household = world.household_a1
    world.caseworker.first_name, world.caseworker.last_name = "Anna", "de Vries"
    world.caseworker.save()
    open_household(client, world.caseworker, household)
    rows = selectors.history_rows(selectors.access_history(household))
    viewed = [row for row in rows if row.event == "viewed"]
    assert [(row.who, row.organisation, row.ip) for row in viewed] == [("Anna de Vries", "Opvang A", "10.1.2.3")]
    assert viewed[0].role == str(world.caseworker.get_role_display())

    client.force_login(world.team_lead)
    response = client.get(reverse("privacy:access_history", args=[household.pk]))
    assert response.status_code == 200
    assert "Anna de Vries" in response.content.decode()


def test_history_includes_changes_of_records_of_the_household(world) -> None:
    household = world.household_a1
    adult = household.adults.get()
    adult.phone = "0612345678"
    adult.save()
    events = {(row.event, row.part) for row in selectors.history_rows(selectors.access_history(household))}
    assert ("changed", str(adult._meta.verbose_name)) in events


def test_history_shows_nothing_of_other_households(world, client) -> None:
    world.caseworker_a2.first_name, world.caseworker_a2.last_name = "Bram", "Anders"
    world.caseworker_a2.save()
    open_household(client, world.caseworker_a2, world.household_a2)
    entries = selectors.access_history(world.household_a1)
    assert not entries.filter(actor=world.caseworker_a2).exists()
    client.force_login(world.caseworker)
    body = client.get(reverse("privacy:access_history", args=[world.household_a1.pk])).content.decode()
    assert "Bram Anders" not in body
    assert world.household_a2.reference not in body


def test_origin_is_recorded_and_entries_without_it_are_tolerated(world, rf) -> None:
    household = world.household_a1
    request = rf.get("/cases/households/1/")
    request.user = world.caseworker
    entry = record_access(household, request)
    assert entry.additional_data == {
        "household": household.pk,
        "organisation": world.org_a.pk,
        "organisation_name": "Opvang A",
        "role": "caseworker",
        "path": "/cases/households/1/",
        "event": "viewed",
    }
    # An entry without origin (plain auditlog access signal): organisation and role come from the user.
    from auditlog.context import set_actor
    from auditlog.signals import accessed

    with set_actor(world.team_lead):
        accessed.send(sender=type(household), instance=household)
    row = selectors.history_rows(selectors.access_history(household).filter(actor=world.team_lead))[0]
    assert (row.organisation, row.event) == ("Opvang A", "viewed")
    assert row.role == str(world.team_lead.get_role_display())


def test_the_origin_is_kept_when_the_user_moves_to_another_organisation(world, rf) -> None:
    request = rf.get("/x/")
    request.user = world.caseworker
    record_access(world.household_a1, request)
    world.caseworker.organisation = world.org_b
    world.caseworker.save()
    rows = selectors.history_rows(selectors.access_history(world.household_a1).filter(actor=world.caseworker))
    assert rows[0].organisation == "Opvang A"


def test_history_runs_a_fixed_number_of_queries(world, rf, django_assert_num_queries) -> None:
    household = world.household_a1
    request = rf.get("/x/")
    for user in (world.caseworker, world.colleague, world.team_lead):
        request.user = user
        for _ in range(10):
            record_access(household, request)
    selectors.access_history(household).exists()  # warms the content-type cache
    # 1: the entries with actor, organisation and content type joined.
    with django_assert_num_queries(1):
        rows = selectors.history_rows(selectors.access_history(household))
    assert len(rows) >= 30


def test_history_page_and_pdf_are_404_for_outsiders(world, client) -> None:
    client.force_login(world.outsider)
    for name in ("privacy:access_history", "privacy:access_history_pdf"):
        assert client.get(reverse(name, args=[world.household_a1.pk])).status_code == 404
    assert not LogEntry.objects.filter(actor=world.outsider).exists()


def test_history_pdf_lists_staff_and_is_itself_logged(world, client) -> None:
    household = world.household_a1
    world.colleague.first_name, world.colleague.last_name = "Carla", "Collega"
    world.colleague.save()
    open_household(client, world.colleague, household)
    client.force_login(world.caseworker)
    response = client.get(reverse("privacy:access_history_pdf", args=[household.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.getvalue())
    assert "Carla Collega" in text
    assert "Opvang A" in text
    assert world.household_a2.reference not in text
    assert selectors.access_history(household).filter(additional_data__event="history_printed").exists()


def test_admin_search_finds_entries_by_reference_and_by_user(world, client) -> None:
    world.caseworker.first_name, world.caseworker.last_name = "Anna", "de Vries"
    world.caseworker.save()
    open_household(client, world.caseworker, world.household_a1)
    open_household(client, world.caseworker_a2, world.household_a2)
    client.force_login(world.admin)
    url = reverse("privacy:access_log_search")

    by_reference = client.get(url, {"reference": world.household_a1.reference, "event": "viewed"})
    assert by_reference.status_code == 200
    rows = [row for row, _ in by_reference.context["rows"]]
    assert rows and {row.household for row in rows} == {world.household_a1.pk}
    assert "Anna de Vries" in by_reference.content.decode()

    by_user = client.get(url, {"user": "vries"})
    assert {row.who for row, _ in by_user.context["rows"]} == {"Anna de Vries"}
    # Clients' names never show on the administrators' page.
    assert "Ouder" not in by_user.content.decode()


def test_admin_search_filters_event_and_dates(world, client) -> None:
    open_household(client, world.caseworker, world.household_a1)
    client.force_login(world.admin)
    url = reverse("privacy:access_log_search")
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).get()
    day = timezone.localdate(entry.timestamp).isoformat()  # the day as the administrator enters it (Amsterdam)
    assert client.get(url, {"event": "viewed", "date_from": day, "date_to": day}).context["page"].paginator.count == 1
    assert client.get(url, {"event": "export"}).context["page"].paginator.count == 0
    assert (
        client.get(url, {"event": "viewed", "date_from": "2001-01-01", "date_to": "2001-01-02"})
        .context["page"]
        .paginator.count
        == 0
    )
    invalid = client.get(url, {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert invalid.status_code == 200
    assert invalid.context["form"].errors


def test_admin_search_is_paginated(world, client, rf) -> None:
    household = HouseholdFactory(location=world.loc_a1, reference="HH-1999-09999")
    AdultClientFactory(household=household)
    request = rf.get("/x/")
    request.user = world.caseworker
    for _ in range(60):
        record_access(household, request)
    client.force_login(world.admin)
    response = client.get(reverse("privacy:access_log_search"), {"reference": household.reference})
    assert response.context["page"].paginator.num_pages == 2
    assert "reference=" in response.context["querystring"]


def test_admin_search_is_refused_to_case_roles(world, client) -> None:
    client.force_login(world.team_lead)
    assert client.get(reverse("privacy:access_log_search")).status_code == 403


POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only guard is a PostgreSQL trigger"
)


@POSTGRES_ONLY
def test_the_log_refuses_update_and_delete_through_the_orm(world) -> None:
    entry = LogEntry.objects.filter(additional_data__household=world.household_a1.pk).first()
    with pytest.raises(DatabaseError), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).update(remote_addr="1.1.1.1")
    with pytest.raises(DatabaseError), transaction.atomic():
        entry.object_repr = "vervalst"
        entry.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        entry.delete()
    entry.refresh_from_db()
    assert entry.object_repr != "vervalst"


@POSTGRES_ONLY
def test_the_log_refuses_update_and_delete_through_raw_sql(world) -> None:
    entry = LogEntry.objects.first()
    for sql in (
        "UPDATE auditlog_logentry SET object_repr = 'vervalst' WHERE id = %s",
        "DELETE FROM auditlog_logentry WHERE id = %s",
        "UPDATE auditlog_logentry SET additional_data = NULL WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [entry.pk])
    assert LogEntry.objects.filter(pk=entry.pk, object_repr=entry.object_repr).exists()


@POSTGRES_ONLY
def test_the_log_refuses_a_bulk_delete_of_a_households_history(world, client) -> None:
    open_household(client, world.caseworker, world.household_a1)
    count = selectors.access_history(world.household_a1).count()
    with pytest.raises(DatabaseError), transaction.atomic():
        selectors.access_history(world.household_a1).delete()
    assert selectors.access_history(world.household_a1).count() == count
