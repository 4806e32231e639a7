"""The read-replica router (issue 17), tested with a second database alias on the same server.

``replica`` is a test mirror of ``default`` (opvang/settings/test.py): a real second connection,
so the queries each alias receives can be counted. Aggregates of the dashboard, the report list
and the API go to the replica; sessions, users, API tokens and every write stay on the primary.
"""

from __future__ import annotations

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from api.services import api_token_revoke
from api.tests.factories import bearer, snapshot, token_for
from opvang.db_routers import REPLICA, ReadReplicaRouter, reading_from_replica
from reports.models import ReportSnapshot

pytestmark = [
    pytest.mark.django_db(transaction=True, databases=["default", REPLICA]),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the replica alias is defined on PostgreSQL"),
]


def tables(queries: CaptureQueriesContext) -> str:
    return " ".join(query["sql"] for query in queries.captured_queries)


def plain_reads(queries: CaptureQueriesContext) -> list[str]:
    selects = [query["sql"] for query in queries.captured_queries if query["sql"].startswith("SELECT")]
    return [sql for sql in selects if "FOR UPDATE" not in sql]


def test_the_dashboard_reads_its_snapshots_from_the_replica_and_the_session_from_the_primary(world, client) -> None:
    snapshot(values={"households_served": {"value": 42}})
    client.force_login(world.policy_officer)
    with override_settings(OPVANG_READ_REPLICA=True):
        with CaptureQueriesContext(connections[REPLICA]) as replica, CaptureQueriesContext(connection) as primary:
            response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert "reports_reportsnapshot" in tables(replica)
    # The dashboard builds a missing period's snapshot itself: those writes (and their SELECT …
    # FOR UPDATE) go to the primary; every plain read of a snapshot goes to the replica.
    reads_on_primary = [sql for sql in plain_reads(primary) if "reports_reportsnapshot" in sql]
    assert reads_on_primary == []
    assert "django_session" in tables(primary) and "django_session" not in tables(replica)


def test_without_a_replica_everything_is_read_from_the_primary(world, client) -> None:
    snapshot(values={"households_served": {"value": 42}})
    client.force_login(world.policy_officer)
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        assert client.get(reverse("reports:dashboard")).status_code == 200
    assert replica.captured_queries == []


def test_the_api_serves_snapshots_from_the_replica_but_checks_tokens_on_the_primary(world, client) -> None:
    snapshot(values={"households_served": {"value": 42}})
    key = token_for(world.policy_officer)
    url = reverse("api:snapshot_list")
    with override_settings(OPVANG_READ_REPLICA=True):
        with CaptureQueriesContext(connections[REPLICA]) as replica, CaptureQueriesContext(connection) as primary:
            assert client.get(url, headers=bearer(key)).status_code == 200
        assert "reports_reportsnapshot" in tables(replica)
        assert "api_apitoken" in tables(primary) and "api_apitoken" not in tables(replica)
        # A revoked token is refused at once: the primary never lags behind itself.
        api_token_revoke(token=world.policy_officer.api_tokens.get())
        assert client.get(url, headers=bearer(key)).status_code == 401


def test_writes_and_other_apps_never_go_to_the_replica(world) -> None:
    router = ReadReplicaRouter()
    with override_settings(OPVANG_READ_REPLICA=True), reading_from_replica():
        assert router.db_for_read(ReportSnapshot) == REPLICA
        assert router.db_for_read(type(world.household_a1)) is None
        assert router.db_for_write(ReportSnapshot) == "default"
    with override_settings(OPVANG_READ_REPLICA=True):
        assert router.db_for_read(ReportSnapshot) is None  # outside a replica_reads view
    assert router.allow_migrate(REPLICA, "reports") is False
