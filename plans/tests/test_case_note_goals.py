"""A case note names goals of the household's current plan (offered through cases.extensions);
the notes list filters by goal."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from cases.constants import NoteKind
from cases.models import CaseNote
from plans.constants import VersionState
from plans.tests.factories import GoalFactory, PlanFactory, PlanVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_note_names_goals_of_the_current_plan_version_only(client, world) -> None:
    household = world.household_a1
    plan = PlanFactory(household=household)
    old = GoalFactory(
        plan_version=PlanVersionFactory(
            plan=plan,
            number=1,
            state=VersionState.SUPERSEDED,
            agreed_on=datetime.date(2026, 10, 1),
            gedragen_at_agreement=True,
        ),
        text="Oud doel",
    )
    current = GoalFactory(plan_version=PlanVersionFactory(plan=plan, number=2), text="Een eigen huis vinden")
    other_household = GoalFactory(plan_version__plan__household=world.household_a2, text="Van een ander gezin")
    client.force_login(world.caseworker)
    url = reverse("cases:note_add", args=[household.pk])
    offered = set(client.get(url).context["form"].fields["goals"].queryset)
    assert offered == {current}
    response = client.post(
        url,
        {
            "contact_at": "2026-11-24T09:00",
            "kind": NoteKind.CONVERSATION,
            "text": "Gesprek over woningzoeken.",
            "goals": [current.pk],
        },
    )
    assert response.status_code == 302
    note = CaseNote.objects.get()
    assert list(current.case_notes.all()) == [note]
    refused = client.post(
        url,
        {"contact_at": "2026-11-24T09:00", "kind": NoteKind.CONVERSATION, "text": "X", "goals": [other_household.pk]},
    )
    assert refused.status_code == 200 and CaseNote.objects.count() == 1
    assert not old.case_notes.exists()


def test_notes_list_filters_by_goal(client, world) -> None:
    household = world.household_a1
    goal = GoalFactory(plan_version__plan__household=household, text="Naar school")
    client.force_login(world.caseworker)
    url = reverse("cases:note_add", args=[household.pk])
    for text, goals in (("Over school", [goal.pk]), ("Over iets anders", [])):
        data = {"contact_at": "2026-11-24T09:00", "kind": NoteKind.PHONE, "text": text, "goals": goals}
        assert client.post(url, data).status_code == 302
    notes = client.get(reverse("cases:household_notes", args=[household.pk]), {"goal": str(goal.key)})
    assert [n.text for n in notes.context["page"]] == ["Over school"]
