"""Second factor: enrolment, verification, backup codes and the middleware that enforces them."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from opvang.twofactor import services

from .factories import PASSWORD


@pytest.fixture
def required(settings):
    settings.OPVANG_REQUIRE_2FA = True
    return settings


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    device = services.totp_device_start(user=user)
    return device, services.totp_device_confirm(device=device)


def login(client, user, **extra):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD, **extra})


def test_password_alone_does_not_open_pages(world, client, required) -> None:
    client.force_login(world.caseworker)
    response = client.get(reverse("cases:caseload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_verify"))
    assert "next=" in response["Location"]


@pytest.mark.parametrize("role", ["caseworker", "policy_officer", "admin"])
def test_every_account_needs_the_second_factor(world, client, required, role) -> None:
    client.force_login(getattr(world, role))
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_setup"))


def test_first_login_leads_to_enrolment_with_inline_qr_code(world, client, required) -> None:
    response = login(client, world.caseworker, next=reverse("cases:caseload"))
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_setup"))
    page = response.content.decode()
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert "<path" in svg
    assert "style=" not in svg and "<script" not in svg and "href" not in svg  # no fetch, CSP-clean
    device = TOTPDevice.objects.get(user=world.caseworker)
    assert not device.confirmed
    assert services.totp_secret_text(device) in page


def test_enrolment_confirms_the_app_and_shows_ten_backup_codes_once(world, client, required) -> None:
    client.force_login(world.caseworker)
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=world.caseworker)
    response = client.post(reverse("two_factor_setup"), {"token": code_for(device), "next": reverse("cases:caseload")})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_backup_codes"))
    device.refresh_from_db()
    assert device.confirmed
    page = client.get(response["Location"]).content.decode()
    codes = list(StaticToken.objects.filter(device__user=world.caseworker).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(code in page for code in codes)
    # Shown once: a second visit shows nothing.
    assert client.get(reverse("two_factor_backup_codes")).status_code == 302
    # The session is now verified.
    assert client.get(reverse("cases:caseload")).status_code == 200


def test_enrolment_refuses_a_wrong_code(world, client, required) -> None:
    client.force_login(world.caseworker)
    client.get(reverse("two_factor_setup"))
    response = client.post(reverse("two_factor_setup"), {"token": "000000"})
    assert response.status_code == 200
    assert "is niet juist" in response.content.decode()
    assert not TOTPDevice.objects.get(user=world.caseworker).confirmed
    assert client.get(reverse("cases:caseload")).status_code == 302


def test_a_user_with_an_app_cannot_enrol_another_one(world, client, required) -> None:
    enrol(world.caseworker)
    client.force_login(world.caseworker)
    response = client.get(reverse("two_factor_setup"))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    assert TOTPDevice.objects.filter(user=world.caseworker).count() == 1


def test_login_with_app_code_opens_the_requested_page(world, client, required) -> None:
    device, _ = enrol(world.caseworker)
    response = login(client, world.caseworker, next=reverse("cases:caseload"))
    response = client.get(response["Location"])
    assert response["Location"].startswith(reverse("two_factor_verify"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    response = client.post(page.wsgi_request.get_full_path(), {"token": code_for(device)})
    assert response["Location"] == reverse("cases:caseload")
    assert client.get(reverse("cases:caseload")).status_code == 200


def test_wrong_code_is_refused_and_throttled(world, client, required) -> None:
    device, _ = enrol(world.caseworker)
    client.force_login(world.caseworker)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        response = client.post(reverse("two_factor_verify"), {"token": "000000"})
        assert response.status_code == 200
        # Right after a failure even the right code is refused (django-otp's throttling).
        assert client.post(reverse("two_factor_verify"), {"token": code_for(device)}).status_code == 200
        traveller.shift(60)
        assert client.post(reverse("two_factor_verify"), {"token": code_for(device)}).status_code == 302
    assert client.get(reverse("cases:caseload")).status_code == 200


def test_an_app_code_cannot_be_replayed(world, client, required) -> None:
    device, _ = enrol(world.caseworker)
    with time_machine.travel(timezone.now(), tick=False):
        token = code_for(device)
        client.force_login(world.caseworker)
        assert client.post(reverse("two_factor_verify"), {"token": token}).status_code == 302
        client.logout()
        client.force_login(world.caseworker)
        assert client.post(reverse("two_factor_verify"), {"token": token}).status_code == 200


def test_backup_code_works_once(world, client, required) -> None:
    _, codes = enrol(world.caseworker)
    client.force_login(world.caseworker)
    assert client.post(reverse("two_factor_verify"), {"token": codes[0]}).status_code == 302
    assert client.get(reverse("cases:caseload")).status_code == 200
    client.logout()
    client.force_login(world.caseworker)
    with time_machine.travel(timezone.now(), tick=False):
        assert client.post(reverse("two_factor_verify"), {"token": codes[0]}).status_code == 200
    assert client.get(reverse("cases:caseload")).status_code == 302


def test_verification_gives_a_new_session_key(world, client, required) -> None:
    device, _ = enrol(world.caseworker)
    client.force_login(world.caseworker)
    before = client.session.session_key
    client.post(reverse("two_factor_verify"), {"token": code_for(device)})
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_password_change_needs_the_second_factor(world, client, required) -> None:
    """No way around the token: the password pages are behind it as well."""
    enrol(world.caseworker)
    client.force_login(world.caseworker)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "een-heel-nieuw-wachtwoord", "new_password2": "x"},
    )
    assert response["Location"].startswith(reverse("two_factor_verify"))


def test_offsite_next_is_ignored(world, client, required) -> None:
    device, _ = enrol(world.caseworker)
    client.force_login(world.caseworker)
    response = client.post(
        reverse("two_factor_verify"), {"token": code_for(device), "next": "https://evil.example/steal"}
    )
    assert response["Location"] == reverse("home")


def test_logout_works_before_verification(world, client, required) -> None:
    client.force_login(world.caseworker)
    assert client.post(reverse("logout"))["Location"] == reverse("login")


def test_admin_login_goes_through_our_login(world, client, required) -> None:
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=/admin/"
    client.force_login(world.admin)
    assert client.get("/admin/")["Location"].startswith(reverse("two_factor_verify"))


def test_login_page_says_when_the_second_factor_is_off(world, client, settings) -> None:
    settings.OPVANG_REQUIRE_2FA = False
    assert "tweestapsverificatie staat uit" in client.get(reverse("login")).content.decode()
    settings.OPVANG_REQUIRE_2FA = True
    assert "tweestapsverificatie staat uit" not in client.get(reverse("login")).content.decode()


def test_without_the_requirement_password_login_suffices(world, client, settings) -> None:
    settings.OPVANG_REQUIRE_2FA = False
    client.force_login(world.caseworker)
    assert client.get(reverse("cases:caseload")).status_code == 200
