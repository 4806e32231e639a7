"""Brute-force lockout (django-axes) per user name + IP address, without user enumeration."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessFailureLog
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from opvang.security import client_ip

from .factories import PASSWORD

LOCKED_TEXT = "Inloggen lukt nu niet, omdat er te vaak een verkeerde combinatie is ingevuld"


def attempt(client, username: str, password: str = "wrong-password", ip: str = "10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def neutral(response) -> str:
    """The page without what differs per request anyway (CSRF token) or echoes the input."""
    page = response.content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)
    page = re.sub(r'"X-CSRFToken": "[^"]*"', "", page)
    return re.sub(r'name="username"[^>]*>', "", page)


def test_locked_after_five_failures_even_with_the_right_password(world, client) -> None:
    for _ in range(4):
        assert attempt(client, "caseworker").status_code == 200
    fifth = attempt(client, "caseworker")
    assert fifth.status_code == 429
    assert LOCKED_TEXT in fifth.content.decode()
    response = attempt(client, "caseworker", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_ends_after_the_cool_off(world, client) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(5):
            attempt(client, "caseworker")
        traveller.shift(timedelta(minutes=14))
        assert attempt(client, "caseworker", PASSWORD).status_code == 429
        # A failure during the lockout restarted the 15 minutes.
        traveller.shift(timedelta(minutes=16))
        response = attempt(client, "caseworker", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.caseworker.pk)


def test_lock_is_per_user_name_and_ip_address(world, client) -> None:
    for _ in range(5):
        attempt(client, "caseworker", ip="10.0.0.1")
    assert attempt(client, "caseworker", PASSWORD, ip="10.0.0.2").status_code == 302
    client.logout()
    assert attempt(client, "colleague", PASSWORD, ip="10.0.0.1").status_code == 302


def test_every_failure_is_recorded(world, client) -> None:
    for _ in range(3):
        attempt(client, "caseworker")
    attempt(client, "no-such-user")
    failures = AccessFailureLog.objects.all()
    assert failures.count() == 4
    assert set(failures.values_list("username", flat=True)) == {"caseworker", "no-such-user"}
    assert set(failures.values_list("ip_address", flat=True)) == {"10.0.0.1"}


def test_unknown_user_and_wrong_password_get_the_same_page(world, client) -> None:
    known = attempt(client, "caseworker")
    unknown = attempt(client, "no-such-user")
    inactive = attempt(client, "inactive", PASSWORD)
    assert known.status_code == unknown.status_code == inactive.status_code == 200
    assert neutral(known) == neutral(unknown) == neutral(inactive)
    assert "Onjuiste gebruikersnaam of wachtwoord" in known.content.decode()


def test_lockout_page_is_the_same_for_unknown_and_existing_users(world, client) -> None:
    for _ in range(5):
        known = attempt(client, "caseworker")
        unknown = attempt(client, "no-such-user")
    assert known.status_code == unknown.status_code == 429
    assert neutral(known) == neutral(unknown)
    assert LOCKED_TEXT in known.content.decode()


def test_force_login_is_untouched_by_the_lockout_backend(world, client) -> None:
    client.force_login(world.caseworker)
    assert client.get(reverse("cases:caseload")).status_code == 200


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.1.1.1", "192.0.2.9"),  # no proxy: a client-written header is ignored
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # the proxy's entry, not the spoofed one
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.3", "203.0.113.5"),
        (1, "", "192.0.2.9"),
    ],
)
def test_client_ip_trusts_only_the_proxies(settings, proxies, forwarded, expected) -> None:
    settings.OPVANG_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
