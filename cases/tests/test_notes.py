"""Case notes (rapportage) and follow-ups: the append-only rule, the restricted flag, scope, the
owner's caseload, the digest, and query bounds on the lists."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.constants import HandoverStatus, NoteKind
from cases.models import CaseNote, FollowUp
from cases.note_services import FollowUpData, follow_up_done, follow_up_reopen, note_add, note_edit
from cases.tests.factories import AdultClientFactory, HandoverFactory, HouseholdFactory
from children.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


def write(world, household=None, *, by=None, **fields) -> CaseNote:
    values = {"kind": NoteKind.CONVERSATION, "contact_at": timezone.now(), "text": "Gesprek over school."}
    values |= fields
    return note_add(household=household or world.household_a1, by=by or world.caseworker, **values)


def notes_url(household) -> str:
    return reverse("cases:household_notes", args=[household.pk])


# --- Services ------------------------------------------------------------------------------------


def test_note_about_a_child_is_linked_through_the_child(world) -> None:
    child = world.household_a1.children.get()
    note = write(world, child=child)
    assert list(child.case_notes.all()) == [note]
    assert note.adult is None


def test_note_about_someone_of_another_household_is_refused(world) -> None:
    with pytest.raises(ValidationError):
        write(world, adult=world.household_a2.adults.get())
    with pytest.raises(ValidationError):
        write(world, child=world.household_a2.children.get())


def test_note_about_a_contact_in_the_future_is_refused(world) -> None:
    with pytest.raises(ValidationError) as error:
        write(world, contact_at=timezone.now() + datetime.timedelta(hours=2))
    assert "contact_at" in error.value.message_dict


def test_author_may_edit_on_the_same_day_only(world) -> None:
    note = write(world)
    note_edit(
        note=note,
        kind=NoteKind.PHONE,
        contact_at=note.contact_at,
        text="Gebeld.",
        restricted=False,
        by=world.caseworker,
    )
    note.refresh_from_db()
    assert (note.kind, note.text) == (NoteKind.PHONE, "Gebeld.")
    with pytest.raises(ValidationError):
        note_edit(
            note=note, kind=note.kind, contact_at=note.contact_at, text="Anders", restricted=False, by=world.colleague
        )
    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False), pytest.raises(ValidationError):
        note_edit(
            note=note, kind=note.kind, contact_at=note.contact_at, text="Te laat", restricted=False, by=world.caseworker
        )
    note.refresh_from_db()
    assert note.text == "Gebeld."


def test_correction_is_a_new_note_pointing_to_the_original_and_keeps_it_restricted(world) -> None:
    original = write(world, restricted=True, text="Dreiging door ex-partner.")
    correction = write(world, corrects=original, restricted=False, text="Dreiging door broer.")
    original.refresh_from_db()
    assert original.text == "Dreiging door ex-partner."
    assert correction.corrects == original and correction.restricted


def test_note_writes_are_audited_with_the_text_masked(world) -> None:
    note = write(world, text="Vertrouwelijk verhaal")
    entry = LogEntry.objects.get_for_object(note).get()
    assert entry.action == LogEntry.Action.CREATE
    assert "Vertrouwelijk" not in str(entry.changes)
    assert entry.additional_data == {"household": world.household_a1.pk}


def test_follow_up_owner_must_work_at_the_location(world) -> None:
    with pytest.raises(ValidationError):
        write(world, follow_up=FollowUpData(what="Bellen", due_on=timezone.localdate(), owner=world.caseworker_a2))
    assert not CaseNote.objects.exists()  # the note is not kept without its follow-up


def test_follow_up_done_and_undone_keep_who_and_when(world) -> None:
    note = write(world, follow_up=FollowUpData(what="Bellen", due_on=timezone.localdate(), owner=world.colleague))
    item = note.follow_ups.get()
    follow_up_done(follow_up=item, by=world.colleague)
    item.refresh_from_db()
    assert (item.done_by, item.done_at) == (world.colleague, timezone.now())
    follow_up_reopen(follow_up=item, by=world.caseworker)
    item.refresh_from_db()
    assert item.done_at is None and item.reopened_by == world.caseworker and item.reopened_at == timezone.now()


# --- Pages and scope -----------------------------------------------------------------------------


def test_caseworker_writes_a_note_with_a_follow_up_for_a_colleague(client, world) -> None:
    household = world.household_a1
    client.force_login(world.caseworker)
    response = client.post(
        reverse("cases:note_add", args=[household.pk]),
        {
            "contact_at": "2026-11-24T09:30",
            "kind": NoteKind.HOME_VISIT,
            "person": f"adult:{household.adults.get().pk}",
            "text": "Huisbezoek: moeder wil hulp bij schulden.",
            "follow_up_what": "Afspraak schuldhulp maken",
            "follow_up_due_on": "2026-11-26",
            "follow_up_owner": world.colleague.pk,
        },
    )
    assert response.status_code == 302
    note = household.notes.get()
    assert note.adult == household.adults.get() and note.author == world.caseworker
    client.force_login(world.colleague)
    caseload = client.get(reverse("cases:caseload"))
    assert [f.what for f in caseload.context["follow_ups"]] == ["Afspraak schuldhulp maken"]
    item = note.follow_ups.get()
    done = client.post(reverse("cases:follow_up_done", args=[household.pk, item.pk]))
    assert done.status_code == 302
    assert list(client.get(reverse("cases:caseload")).context["follow_ups"]) == []


def test_half_filled_follow_up_is_refused(client, world) -> None:
    client.force_login(world.caseworker)
    response = client.post(
        reverse("cases:note_add", args=[world.household_a1.pk]),
        {"contact_at": "2026-11-24T09:30", "kind": NoteKind.PHONE, "text": "Gebeld.", "follow_up_what": "Iets"},
    )
    assert response.status_code == 200 and not CaseNote.objects.exists()


def test_restricted_notes_only_where_the_safety_section_is(client, world) -> None:
    household = world.household_a1
    write(world, text="Gewone notitie")
    secret = write(world, text="Ex-partner gezien bij school", restricted=True)
    HandoverFactory(
        household=household,
        from_professional=world.caseworker,
        to_organisation=world.org_b,
        to_professional=world.outsider,
        status=HandoverStatus.ACCEPTED,
    )
    client.force_login(world.team_lead)
    assert "Ex-partner gezien" in client.get(notes_url(household)).content.decode()
    # The receiving organisation reads the file, but not its safety section.
    client.force_login(world.outsider)
    page = client.get(notes_url(household)).content.decode()
    assert "Gewone notitie" in page and "Ex-partner gezien" not in page
    assert (
        "Ex-partner gezien" not in client.get(reverse("cases:household_detail", args=[household.pk])).content.decode()
    )
    assert client.get(reverse("cases:note_correct", args=[household.pk, secret.pk])).status_code == 404


@pytest.mark.parametrize("role", ["outsider", "caseworker_a2", "policy_officer", "contract_manager", "admin"])
def test_notes_are_not_visible_outside_scope_nor_to_municipal_roles(client, world, role) -> None:
    note = write(
        world,
        text="Alleen voor A1",
        follow_up=FollowUpData(what="Bellen", due_on=timezone.localdate(), owner=world.colleague),
    )
    client.force_login(getattr(world, role))
    household = world.household_a1
    for url in (
        notes_url(household),
        reverse("cases:note_add", args=[household.pk]),
        reverse("cases:note_edit", args=[household.pk, note.pk]),
        reverse("cases:note_correct", args=[household.pk, note.pk]),
    ):
        assert client.get(url).status_code in (403, 404), url
    item = note.follow_ups.get()
    assert client.post(reverse("cases:follow_up_done", args=[household.pk, item.pk])).status_code in (403, 404)
    item.refresh_from_db()
    assert item.done_at is None


def test_note_of_one_household_is_not_reachable_through_another(client, world) -> None:
    note = write(world)
    client.force_login(world.team_lead)
    assert client.get(reverse("cases:note_edit", args=[world.household_a2.pk, note.pk])).status_code == 404


def test_reading_the_notes_is_in_the_access_log(client, world) -> None:
    write(world)
    client.force_login(world.colleague)
    client.get(notes_url(world.household_a1))
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=world.colleague).get()
    assert entry.additional_data["event"] == "notes_viewed"
    assert entry.additional_data["household"] == world.household_a1.pk


def test_edit_after_the_day_offers_a_correction(client, world) -> None:
    note = write(world)
    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
        client.force_login(world.caseworker)
        response = client.post(
            reverse("cases:note_edit", args=[world.household_a1.pk, note.pk]),
            {"contact_at": "2026-11-24T09:30", "kind": NoteKind.PHONE, "text": "Anders"},
        )
    assert response.status_code == 200 and response.context["locked"] == note
    note.refresh_from_db()
    assert note.text == "Gesprek over school."


def test_correction_through_the_page(client, world) -> None:
    note = write(world)
    client.force_login(world.colleague)
    response = client.post(
        reverse("cases:note_correct", args=[world.household_a1.pk, note.pk]),
        {"contact_at": "2026-11-24T09:30", "kind": NoteKind.CONVERSATION, "text": "Gesprek over de crèche."},
    )
    assert response.status_code == 302
    assert note.corrections.get().text == "Gesprek over de crèche."


def test_notes_list_filters_by_person_and_kind(client, world) -> None:
    household = world.household_a1
    child = household.children.get()
    about_child = write(world, child=child, kind=NoteKind.OBSERVATION, text="Speelt veel alleen")
    write(world, adult=household.adults.get(), kind=NoteKind.PHONE, text="Moeder gebeld")
    client.force_login(world.caseworker)
    by_child = client.get(notes_url(household), {"person": f"child:{child.pk}"})
    assert list(by_child.context["page"]) == [about_child]
    by_kind = client.get(notes_url(household), {"kind": NoteKind.PHONE})
    assert [n.text for n in by_kind.context["page"]] == ["Moeder gebeld"]


def test_household_and_child_pages_show_the_latest_notes(client, world) -> None:
    household = world.household_a1
    child = household.children.get()
    write(world, text="Over het gezin")
    write(world, child=child, text="Over het kind")
    client.force_login(world.caseworker)
    page = client.get(reverse("cases:household_detail", args=[household.pk])).content.decode()
    assert "Over het gezin" in page and "Over het kind" in page
    child_page = client.get(reverse("children:child_detail", args=[child.pk])).content.decode()
    assert "Over het kind" in child_page and "Over het gezin" not in child_page


def many_households_with_notes(world, n: int = 55) -> None:
    for i in range(n):
        household = HouseholdFactory(location=world.loc_a1, reference=f"HH-2025-{i + 1:05d}")
        AdultClientFactory(household=household)
        child = ChildFactory(household=household)
        write(world, household, child=child)


def test_notes_list_query_count_is_bounded(client, world, django_assert_max_num_queries) -> None:
    many_households_with_notes(world)
    household = world.household_a1
    adult = household.adults.get()
    child = household.children.get()
    for i in range(30):
        write(
            world,
            adult=adult if i % 2 else None,
            child=None if i % 2 else child,
            restricted=i % 5 == 0,
            follow_up=FollowUpData(what=f"Taak {i}", due_on=timezone.localdate(), owner=world.colleague)
            if i % 3 == 0
            else None,
        )
    client.force_login(world.caseworker)
    # session, user, household in scope, savepoint + access log entry (+ content type), may_see_safety,
    # person choices (adults, children), goal choices, count, the page of notes (author, adult and
    # corrected note joined), its children, goals and follow-ups (owner joined), session save.
    with django_assert_max_num_queries(20):
        response = client.get(notes_url(household))
    assert response.status_code == 200
    assert len(response.context["page"]) == 20


def test_caseload_with_follow_ups_query_count_is_bounded(client, world, django_assert_max_num_queries) -> None:
    many_households_with_notes(world)
    for note in CaseNote.objects.all()[:40]:
        FollowUp.objects.create(
            household=note.household,
            note=note,
            what="Bellen",
            due_on=timezone.localdate(),
            owner=world.caseworker,
            created_by=world.caseworker,
        )
    client.force_login(world.caseworker)
    # The caseload's own queries (see test_views: with the children and their mentors, and the
    # chain's panel) and one for the follow-ups with their households.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("cases:caseload"))
    assert len(response.context["follow_ups"]) == 40
