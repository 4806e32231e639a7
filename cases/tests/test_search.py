"""Search before registering: the BSN's 11-proof, the register link pre-fills, and only what the
user can do is offered."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.constants import HandoverStatus
from cases.tests.factories import AdultClientFactory, HandoverFactory

pytestmark = pytest.mark.django_db

SEARCH = "cases:household_search"


def test_bsn_search_refuses_a_number_that_fails_the_11_proof(client, world):
    AdultClientFactory(household=world.household_a1, bsn="111222333")  # passes the 11-proof
    client.force_login(world.caseworker)
    response = client.get(reverse(SEARCH), {"bsn": "111222334"})
    assert response.context["results"] is None
    assert "geen geldig BSN" in response.content.decode()
    found = client.get(reverse(SEARCH), {"bsn": "111222333"})
    assert world.household_a1 in found.context["results"]


def test_register_new_carries_the_searched_name_and_birth_date(client, world):
    client.force_login(world.caseworker)
    query = {"name": "Fatima El Amrani", "date_of_birth": "1990-05-17", "bsn": ""}
    response = client.get(reverse(SEARCH), query)
    html = response.content.decode()
    link = reverse("cases:household_register") + "?name=Fatima+El+Amrani&amp;date_of_birth=1990-05-17"
    assert link in html
    register = client.get(reverse("cases:household_register"), query).content.decode()
    assert 'name="adults-0-first_name" value="Fatima"' in register
    assert 'name="adults-0-last_name" value="El Amrani"' in register
    assert 'name="adults-0-date_of_birth" value="1990-05-17"' in register


def test_new_application_is_offered_only_for_a_household_the_user_may_change(client, world):
    # B's household was handed over to A and accepted: A reads the file but does not change it.
    received = world.household_b1
    HandoverFactory(household=received, to_organisation=world.org_a, status=HandoverStatus.ACCEPTED)
    client.force_login(world.team_lead)
    response = client.get(reverse(SEARCH), {"name": "Ouder"})
    html = response.content.decode()
    assert received in response.context["results"] and world.household_a1 in response.context["results"]
    assert reverse("cases:application_add", args=[world.household_a1.pk]) in html
    assert reverse("cases:application_add", args=[received.pk]) not in html
    assert "Opvang B is verantwoordelijk voor dit dossier" in html
    # And indeed, that link would lead nowhere.
    assert client.get(reverse("cases:application_add", args=[received.pk])).status_code == 404
