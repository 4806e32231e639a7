"""Database restart: a clean Dutch 503 while it is down, recovery without a restart (issue 18).

The test's own PostgreSQL cluster (initdb into a temporary directory, its own port) gets a copy
of the test database; this process's connection is pointed at it, the cluster is stopped and
started again, and the same process (same connection object, as in a gunicorn worker) serves on.
"""

from __future__ import annotations

import time

import pytest
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from opvang.constants import Role
from opvang.tests.factories import UserFactory
from opvang.tests.faultservices import PostgresCluster, copy_test_database

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def test_database_restart_gives_a_dutch_503_and_the_app_recovers_without_restarting() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    cluster = PostgresCluster()
    saved = {key: connection.settings_dict[key] for key in ("HOST", "PORT")}
    try:
        cluster.start()
        copy_test_database(cluster)
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(cluster.port))
        client = Client(raise_request_exception=False)  # as in production: the handler answers
        client.force_login(UserFactory(role=Role.CONTRACT_MANAGER))
        page = reverse("reports:report_list")
        assert client.get(page).status_code == 200

        cluster.stop()  # the restart begins
        started = time.monotonic()
        down = client.get(page)
        assert time.monotonic() - started < 5, "a request during the outage must not hang"
        text = down.content.decode()
        assert down.status_code == 503 and down["Retry-After"]
        assert "tijdelijk niet beschikbaar" in text and 'lang="nl"' in text
        assert "Traceback" not in text and "OperationalError" not in text
        post = client.post(reverse("reports:report_generate"), {"scope_kind": "region"})
        assert post.status_code == 503  # a write during the outage: refused cleanly too

        cluster.start()  # back: the same process serves again, nothing restarted
        # What the WSGI handler does around every request (the test client skips it): a
        # connection broken by the outage is dropped, the next query opens a new one.
        close_old_connections()
        assert client.get(page).status_code == 200
    finally:
        connection.close()
        connection.settings_dict.update(saved)
        cluster.remove()
