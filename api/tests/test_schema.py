"""The OpenAPI document: served at a stable URL, equal to the committed file, and the API answers
as it says (schemathesis: generated requests, zero server errors, every response valid)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode

from api.constants import API_VERSION
from api.tests.factories import bearer, final_dossier, snapshot, token_for

COMMITTED = Path(__file__).resolve().parents[1] / "openapi.json"
# Examples per operation and generation mode (8 operations): bounded so the suite stays fast.
MAX_EXAMPLES = 25


def test_the_served_document_is_the_committed_file(client, db) -> None:
    response = client.get(reverse("api:openapi"), headers={"Accept-Language": "nl"})
    assert response.status_code == 200
    assert response["API-Version"] == API_VERSION
    served = response.json()
    committed = json.loads(COMMITTED.read_text())
    assert served == committed, "The API changed: run `make openapi` and commit api/openapi.json"


def test_the_document_version_is_the_header_version(db) -> None:
    committed = json.loads(COMMITTED.read_text())
    assert committed["info"]["version"] == API_VERSION == django_settings.SPECTACULAR_SETTINGS["VERSION"]
    assert committed["openapi"].startswith("3.")
    assert all(not path.endswith("/") for path in committed["paths"])


@pytest.fixture
def served_schema(db):
    """The document as served, called in-process through the WSGI application.

    Like Django's test client, the calls keep the test's database connection open: without this
    Django would close it after each request (request_finished) and the test transaction with it.
    """
    from opvang.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(reverse("api:openapi"), application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_key(world, settings) -> str:
    settings.OPVANG_API_RATE = "100000/hour"
    snapshot(location=world.loc_a1, values={"households_served": {"value": 12}, "applications": {"value": 2}})
    snapshot(organisation=world.org_a)
    snapshot()
    final_dossier(world.loc_a1)
    return token_for(world.policy_officer, name="schemathesis")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_keeps_to_its_document(served_schema, api_key, mode) -> None:
    """Every operation, MAX_EXAMPLES generated requests each: no 5xx, status, content type,
    headers (API-Version) and body as documented. Negative requests (invalid parameters) must be
    refused with a documented 4xx."""
    calls = 0
    for result in served_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy(generation_mode=mode))
        @hypothesis_settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,  # the same requests on every run: CI stays reproducible
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            nonlocal calls
            calls += 1
            case.call_and_validate(headers=bearer(api_key))

        check()
    print(f"schemathesis {mode.value}: {calls} requests")
    assert calls >= 8
