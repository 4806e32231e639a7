"""Handover access from both sides: the receiving organisation sees a summary once a handover is
proposed, and the household's file only once it has accepted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.constants import HandoverStatus
from cases.tests.factories import HandoverFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def handover(world):
    household = world.household_a1
    household.safety_notes = "Geheime notitie"
    household.save()
    return HandoverFactory(
        household=household,
        from_professional=world.caseworker,
        to_organisation=world.org_b,
        children=list(household.children.all()),
    )


def test_receiving_side_sees_summary_but_not_the_file_before_accepting(client, world, handover):
    client.force_login(world.outsider)
    summary = client.get(reverse("cases:handover_detail", args=[handover.pk]))
    assert summary.status_code == 200
    content = summary.content.decode()
    child = world.household_a1.children.get()
    assert child.first_name in content and handover.summary in content
    assert "Geheime notitie" not in content
    assert reverse("cases:household_detail", args=[world.household_a1.pk]) not in content
    assert client.get(reverse("cases:household_detail", args=[world.household_a1.pk])).status_code == 404
    assert handover in client.get(reverse("cases:handover_list")).context["page"]


def test_receiving_side_opens_the_file_after_accepting_but_cannot_change_it(client, world, handover):
    client.force_login(world.outsider)
    assert client.post(reverse("cases:handover_accept", args=[handover.pk])).status_code == 302
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.ACCEPTED
    page = client.get(reverse("cases:household_detail", args=[world.household_a1.pk]))
    assert page.status_code == 200
    assert "Geheime notitie" not in page.content.decode()
    assert client.get(reverse("cases:household_edit", args=[world.household_a1.pk])).status_code == 404


def test_sender_cannot_accept_its_own_handover(client, world, handover):
    client.force_login(world.caseworker)
    assert client.post(reverse("cases:handover_accept", args=[handover.pk])).status_code == 403
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PROPOSED


def test_receiving_side_cannot_revoke(client, world, handover):
    client.force_login(world.outsider)
    assert client.post(reverse("cases:handover_revoke", args=[handover.pk])).status_code == 403


def test_revoked_handover_disappears_for_the_receiving_side(client, world, handover):
    client.force_login(world.caseworker)
    client.post(reverse("cases:handover_revoke", args=[handover.pk]))
    client.force_login(world.outsider)
    assert client.get(reverse("cases:handover_detail", args=[handover.pk])).status_code == 404


def test_receiving_side_rejects_with_reason(client, world, handover):
    client.force_login(world.team_lead_b)
    response = client.post(reverse("cases:handover_reject", args=[handover.pk]), {"rejected_reason": "Geen plek"})
    assert response.status_code == 302
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.REJECTED
    assert client.get(reverse("cases:household_detail", args=[world.household_a1.pk])).status_code == 404


def test_third_organisation_sees_nothing(client, world, handover):
    from opvang.tests.factories import OrganisationFactory, UserFactory

    stranger = UserFactory(organisation=OrganisationFactory(name="Derde"))
    client.force_login(stranger)
    assert client.get(reverse("cases:handover_detail", args=[handover.pk])).status_code == 404
