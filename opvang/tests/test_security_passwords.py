"""Password policy: 12 to 128 characters, no common passwords, nothing like the user's own name."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from .factories import PASSWORD


def codes(password: str, user=None) -> set[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


def test_eleven_characters_are_too_short(world) -> None:
    assert "password_too_short" in codes("kT9#vq2Lm!x", world.caseworker)


def test_twelve_characters_are_enough(world) -> None:
    assert codes("kT9#vq2Lm!xZ", world.caseworker) == set()


@pytest.mark.parametrize("length", [64, 100, 128])
def test_long_passphrases_are_allowed(world, length) -> None:
    assert codes(("lange zin met woorden " * 10)[:length], world.caseworker) == set()


def test_more_than_128_characters_are_refused(world) -> None:
    assert "password_too_long" in codes("x7" * 65, world.caseworker)


@pytest.mark.parametrize("password", ["qwerty123456", "1q2w3e4r5t6y", "startfinding"])
def test_common_passwords_are_refused(world, password) -> None:
    assert "password_too_common" in codes(password, world.caseworker)


def test_the_users_own_name_is_refused(world) -> None:
    user = world.caseworker
    user.first_name, user.last_name = "Marieke", "Schoonderwoerd"
    assert "password_too_similar" in codes("schoonderwoerd", user)
    assert "password_too_similar" in codes("caseworker12345", user)


def test_password_change_page_applies_the_policy(world, client) -> None:
    client.force_login(world.caseworker)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "kort-1", "new_password2": "kort-1"},
    )
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort: gebruik minstens 12 tekens." in response.content.decode()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "zeven vrolijke olifanten dansen",
            "new_password2": "zeven vrolijke olifanten dansen",
        },
    )
    assert response.status_code == 302
    world.caseworker.refresh_from_db()
    assert world.caseworker.check_password("zeven vrolijke olifanten dansen")
