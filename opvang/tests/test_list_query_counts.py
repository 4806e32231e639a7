"""List pages run the same number of SQL queries however long the list is (no N+1).

Each page is measured with a short list and again after the list has grown; the counts must be
equal, and stay under a stated bound.
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.tests.factories import HandoverFactory
from conftest import make_household
from opvang.tests.factories import LocationFactory, OrganisationFactory, UserFactory


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def handovers(world, n: int) -> None:
    for i in range(n):
        household = make_household(world.loc_a1, f"HH-2026-1{i:04d}")
        HandoverFactory(household=household, from_professional=world.caseworker, to_organisation=world.org_b)
        # and one received from B, for the other half of the page
        incoming = make_household(world.loc_b1, f"HH-2026-2{i:04d}")
        HandoverFactory(household=incoming, from_professional=world.outsider, to_organisation=world.org_a)


def test_open_handovers_page_does_not_grow_with_the_list(world, client) -> None:
    client.force_login(world.caseworker)
    url = reverse("cases:handover_list")
    handovers(world, 2)
    small = queries(client, url)
    for i in range(20):
        household = make_household(world.loc_a1, f"HH-2026-3{i:04d}")
        HandoverFactory(household=household, from_professional=world.caseworker, to_organisation=world.org_b)
    assert queries(client, url) == small <= 15


def test_audit_log_page_does_not_grow_with_the_log(world, client) -> None:
    client.force_login(world.admin)
    url = reverse("network:audit_log")
    small = queries(client, url)
    for i in range(30):
        make_household(world.loc_a2, f"HH-2026-5{i:04d}")  # each writes several audit entries
    assert queries(client, url) == small <= 12


def test_management_page_does_not_grow_with_the_network(world, client) -> None:
    client.force_login(world.admin)
    url = reverse("network:management")
    small = queries(client, url)
    for i in range(10):
        organisation = OrganisationFactory(name=f"Extra {i}")
        location = LocationFactory(organisation=organisation)
        UserFactory(organisation=organisation, locations=[location])
    assert queries(client, url) == small <= 12
