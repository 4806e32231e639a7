"""Case notes in the AVG export and under retention: restricted notes never exported, authors of
other organisations marked as third parties, texts gone after anonymisation."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from cases.constants import HandoverStatus, NoteKind
from cases.models import CaseNote, FollowUp
from cases.note_services import FollowUpData, note_add
from cases.tests.factories import HandoverFactory
from privacy import export, services
from privacy.constants import AnonymisationReason

pytestmark = pytest.mark.django_db


def _note(household, by, **fields) -> CaseNote:
    values = {"kind": NoteKind.CONVERSATION, "contact_at": timezone.now(), "text": "Gesprek."} | fields
    return note_add(household=household, by=by, **values)


def test_export_holds_the_notes_but_never_restricted_ones(world) -> None:
    household = world.household_a1
    child = household.children.get()
    _note(household, world.caseworker, text="Wil graag een woning in Haarlem.")
    _note(household, world.caseworker, text="Dreiging door ex-partner.", restricted=True)
    _note(
        household,
        world.caseworker,
        child=child,
        text="Kind slaapt slecht.",
        follow_up=FollowUpData(what="Huisarts bellen", due_on=timezone.localdate(), owner=world.colleague),
    )
    data = export.household_export_data(household)
    text = json.dumps(data, ensure_ascii=False)
    assert "Wil graag een woning" in text and "Kind slaapt slecht" in text and "Huisarts bellen" in text
    assert "Dreiging door ex-partner" not in text
    assert data["case_notes"][0]["author"]["name"]  # own staff by name
    # Without the children's files, the notes about a child stay out too.
    assert "Kind slaapt slecht" not in json.dumps(export.household_export_data(household, include_children=False))
    # The child's own export holds the notes about that child only.
    child_text = json.dumps(export.child_export_data(child), ensure_ascii=False)
    assert "Kind slaapt slecht" in child_text and "Wil graag een woning" not in child_text


def test_notes_by_another_organisation_mark_their_author_as_someone_else(world) -> None:
    household = world.household_a1
    HandoverFactory(
        household=household,
        from_professional=world.caseworker,
        to_organisation=world.org_b,
        status=HandoverStatus.ACCEPTED,
    )
    _note(household, world.outsider, text="Overdracht besproken.")
    author = export.household_export_data(household)["case_notes"][0]["author"]
    assert author["third_party"] is True and "name" not in author


def test_anonymisation_removes_the_texts_of_notes_and_follow_ups(world) -> None:
    household = world.household_a1
    _note(
        household,
        world.caseworker,
        text="Moeder vertelt over haar broer.",
        follow_up=FollowUpData(what="Broer bellen", due_on=timezone.localdate(), owner=world.colleague),
    )
    services.household_anonymise(household, reason=AnonymisationReason.RETENTION)
    note = CaseNote.objects.get()
    assert "broer" not in note.text and note.kind == NoteKind.CONVERSATION  # the skeleton stays countable
    assert "Broer" not in FollowUp.objects.get().what


def test_child_anonymisation_removes_the_notes_about_the_child(world) -> None:
    household = world.household_a1
    child = household.children.get()
    about_child = _note(household, world.caseworker, child=child, text="Kind vertelt over school.")
    about_household = _note(household, world.caseworker, text="Gezinsgesprek.")
    services.child_anonymise(child, reason=AnonymisationReason.RETENTION)
    about_child.refresh_from_db()
    about_household.refresh_from_db()
    assert "school" not in about_child.text and about_household.text == "Gezinsgesprek."
