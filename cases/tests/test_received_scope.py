"""After a handover is accepted, the receiving side's scope follows the receiving professional (as
it follows the location for the organisation's own files), and its page offers no dead links."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases import services
from cases.tests.factories import HandoverFactory
from opvang.tests.factories import LocationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(world):
    handover = HandoverFactory(
        household=world.household_a1,
        from_professional=world.caseworker,
        to_organisation=world.org_b,
        children=list(world.household_a1.children.all()),
    )
    services.handover_accept(handover=handover, by=world.outsider)
    return handover


def opens(client, user, household) -> int:
    client.force_login(user)
    return client.get(reverse("cases:household_detail", args=[household.pk])).status_code


def test_only_the_receiving_professional_their_location_and_team_lead_open_the_file(client, world, accepted):
    household = world.household_a1
    b2 = LocationFactory(organisation=world.org_b, name="B2")
    elsewhere = UserFactory(username="caseworker_b2", organisation=world.org_b, locations=[b2])
    beside = UserFactory(username="colleague_b1", organisation=world.org_b, locations=[world.loc_b1])

    assert opens(client, world.outsider, household) == 200  # accepted it: the receiving professional
    assert opens(client, beside, household) == 200  # works at the receiving professional's location
    assert opens(client, world.team_lead_b, household) == 200
    assert opens(client, elsewhere, household) == 404  # the same organisation, another location
    client.force_login(elsewhere)
    assert household not in client.get(reverse("cases:caseload")).context.get("page", [])


def test_a_named_receiving_professional_opens_the_file_not_the_one_who_accepted_elsewhere(client, world):
    b2 = LocationFactory(organisation=world.org_b, name="B2")
    named = UserFactory(username="caseworker_b2", organisation=world.org_b, locations=[b2])
    handover = HandoverFactory(
        household=world.household_a1,
        from_professional=world.caseworker,
        to_organisation=world.org_b,
        to_professional=named,
    )
    services.handover_accept(handover=handover, by=world.team_lead_b)
    assert opens(client, named, world.household_a1) == 200
    assert opens(client, world.outsider, world.household_a1) == 404


def test_the_received_household_page_offers_no_plan_start(client, world, accepted):
    url = reverse("plans:plan_create", kwargs={"household_pk": world.household_a1.pk})
    client.force_login(world.outsider)
    page = client.get(reverse("cases:household_detail", args=[world.household_a1.pk])).content.decode()
    assert url not in page
    assert client.get(url).status_code == 404  # the link would have led nowhere
    client.force_login(world.caseworker)
    page = client.get(reverse("cases:household_detail", args=[world.household_a1.pk])).content.decode()
    assert url in page  # the responsible organisation starts the plan
