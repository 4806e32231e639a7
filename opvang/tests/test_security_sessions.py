"""Sessions: 30 minutes idle, 12 hours at most, a new key at login, ended by logout and deactivation."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from opvang.models import User

from .factories import PASSWORD


def opens(client) -> bool:
    return client.get(reverse("cases:caseload")).status_code == 200


def test_session_expires_after_thirty_idle_minutes(world, client, settings) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(world.caseworker)
        assert opens(client)
        traveller.shift(timedelta(minutes=29))
        assert opens(client)  # activity renews the idle window...
        traveller.shift(timedelta(minutes=29))
        assert opens(client)
        traveller.shift(timedelta(minutes=31))
        response = client.get(reverse("cases:caseload"))  # ...and 31 idle minutes end it
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_session_ends_twelve_hours_after_login_however_active(world, client) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.force_login(world.caseworker)
        for _ in range(11 * 3):  # every 20 minutes for 11 hours
            assert opens(client)
            traveller.shift(timedelta(minutes=20))
        assert opens(client)
        traveller.shift(timedelta(hours=1))  # 12 hours after login
        response = client.get(reverse("cases:caseload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_login_gives_a_new_session_key(world, client) -> None:
    session = client.session
    session["before_login"] = True
    session.save()
    before = session.session_key
    response = client.post(reverse("login"), {"username": "caseworker", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_logout_ends_the_session_on_the_server(world, client) -> None:
    client.force_login(world.caseworker)
    key = client.session.session_key
    assert client.post(reverse("logout")).status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert not opens(client)


def test_logout_needs_a_post(world, client) -> None:
    """A GET (an image tag on another site) cannot log anyone out, or in a loop."""
    client.force_login(world.caseworker)
    assert client.get(reverse("logout")).status_code == 405
    assert opens(client)


def test_deactivating_a_user_ends_their_session(world, client) -> None:
    client.force_login(world.caseworker)
    key = client.session.session_key
    assert opens(client)
    # A queryset update sends no signal: the session ends because of the check on each request.
    User.objects.filter(pk=world.caseworker.pk).update(is_active=False)
    response = client.get(reverse("cases:caseload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Session.objects.filter(session_key=key).exists()


def test_changing_the_password_keeps_this_session_and_ends_others(world, client) -> None:
    from django.test import Client

    other = Client()
    other.force_login(world.caseworker)
    client.force_login(world.caseworker)
    new = "zeven vrolijke olifanten dansen"
    client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert opens(client)
    assert not opens(other)
