"""A handover carries each child's latest words to the receiving side (cases.extensions
handover panel registered by the children app)."""

import datetime as dt

from django.urls import reverse

from cases.tests.factories import HandoverFactory
from children.constants import VoiceTheme
from children.tests.factories import ChildFactory, ChildVoiceFactory


def test_the_receiving_side_sees_each_childs_latest_words(client, world):
    household = world.household_a1
    child = household.children.first()
    sibling = ChildFactory(household=household, first_name="Broertje")
    ChildVoiceFactory(child=child, recorded_on=dt.date(2026, 1, 5), wishes="Oude wens van januari")
    ChildVoiceFactory(
        child=child,
        recorded_on=dt.date(2026, 3, 5),
        wishes="Bij mijn nieuwe school blijven",
        worries="Dat ik weer moet verhuizen",
        theme=VoiceTheme.SCHOOL,
    )
    ChildVoiceFactory(child=sibling, wishes="Woorden van een kind dat niet meegaat")
    handover = HandoverFactory(household=household, to_organisation=world.org_b, children=[child])

    client.force_login(world.outsider)  # a caseworker of the receiving organisation, before acceptance
    response = client.get(reverse("cases:handover_detail", kwargs={"pk": handover.pk}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bij mijn nieuwe school blijven" in page and "Dat ik weer moet verhuizen" in page
    assert "School en leren" in page
    assert "Oude wens van januari" not in page  # the latest entry only
    assert "Woorden van een kind dat niet meegaat" not in page  # only the children it concerns


def test_a_handover_of_the_whole_household_carries_every_childs_words(client, world):
    household = world.household_a1
    child = household.children.first()
    sibling = ChildFactory(household=household, first_name="Zusje")
    ChildVoiceFactory(child=child, wishes="Een eigen kamer")
    ChildVoiceFactory(child=sibling, wishes="Mijn konijn mee")
    handover = HandoverFactory(household=household, to_organisation=world.org_b)
    client.force_login(world.caseworker)  # the sending side sees it too
    page = client.get(reverse("cases:handover_detail", kwargs={"pk": handover.pk})).content.decode()
    assert "Een eigen kamer" in page and "Mijn konijn mee" in page
