"""The list of requests for destruction runs the same number of SQL queries however long it is."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_household
from privacy.models import DestructionRequest


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def requests(world, n: int, offset: int) -> None:
    for i in range(n):
        household = make_household(world.loc_a1, f"HH-2026-4{offset + i:04d}")
        DestructionRequest.objects.create(
            household=household,
            requested_on=datetime.date(2026, 11, 1),
            requester_relation="parent",
            reason="Wil opnieuw beginnen",
            recorded_by=world.caseworker,
        )


def test_destruction_request_list_does_not_grow_with_the_list(world, client) -> None:
    client.force_login(world.team_lead)
    url = reverse("privacy:destruction_request_list")
    requests(world, 2, 0)
    small = queries(client, url)
    requests(world, 20, 100)
    assert queries(client, url) == small <= 15
