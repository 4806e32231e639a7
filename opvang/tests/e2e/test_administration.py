"""Browser test of issue 12's "Done when", through the UI only, with the second factor required.

The administrator creates a location and invites a new caseworker; the invitation is read
from the test mailbox, opened in a second browser, a password set and the authenticator
enrolled (the code computed from the device's key, as the phone app would); the caseworker
logs in and sees the caseload; the administrator deactivates them and their session ends.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from opvang.tests.factories import PASSWORD

from .conftest import CHROMIUM, url, visit
from .test_flows import fill, follow, submit

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium not found at {CHROMIUM}"),
]

FLOW = "12-administration"
NEW_PASSWORD = "Een-lang-en-sterk-wachtwoord-42"


def code_for(device: TOTPDevice) -> str:
    """The code the authenticator app would show now (RFC 6238, the device's own parameters)."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):0{device.digits}d}"


def log_in_with_code(page, live_server, username: str, password: str, code: str) -> None:
    page.goto(url(live_server, "/login/"))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/login/verify/" in page.url, page.url
    page.locator("input[name=token]").fill(code)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    assert "/login/" not in page.url, f"login as {username} failed: still on {page.url}"


def test_administrator_invites_a_caseworker_who_enrols_works_and_is_deactivated(
    page, browser, browser_context_args, live_server, world, settings
) -> None:
    settings.OPVANG_REQUIRE_2FA = True
    admin_device = TOTPDevice.objects.create(user=world.admin, name="Authenticator", confirmed=True)
    log_in_with_code(page, live_server, world.admin.username, PASSWORD, code_for(admin_device))
    visit(page, FLOW, "01-management")

    # The link on the management page leads to the administration pages, not the Django admin.
    with page.expect_navigation():
        page.get_by_role("link", name="Organisaties, locaties en medewerkers beheren").click()
    assert "/administration/organisations/" in page.url
    visit(page, FLOW, "02-organisations")

    # A new location.
    follow(page, r"/administration/locations/$")
    follow(page, r"/administration/locations/new/")
    visit(page, FLOW, "03-location-form")
    fill(
        page,
        {
            "organisation": world.org_a.pk,
            "name": "De Vuurtoren",
            "kind": "vo",
            "municipality": "Haarlem",
            "address": "Duinweg 12",
            "secret_address": True,
            "capacity_places": "16",
            "capacity_units": "6",
        },
    )
    submit(page, "capacity_units")
    expect(page.locator("h1")).to_contain_text("De Vuurtoren")
    visit(page, FLOW, "04-location-created")

    # Invite a caseworker for the new location and A1.
    follow(page, r"/administration/staff/$")
    follow(page, r"/administration/staff/new/")
    visit(page, FLOW, "05-invite-form")
    fill(
        page,
        {
            "username": "sanne.nieuw",
            "first_name": "Sanne",
            "last_name": "Nieuw",
            "email": "sanne@example.org",
            "role": "caseworker",
            "organisation": world.org_a.pk,
        },
    )
    page.get_by_label("Opvang A – De Vuurtoren").check()
    page.get_by_label("Opvang A – A1").check()
    submit(page, "username")
    expect(page.locator("main")).to_contain_text("link geldig tot")
    visit(page, FLOW, "06-staff-invited")
    staff_page = page.url

    # The invitation, from the test mailbox, opened in the new colleague's own browser.
    (message,) = [m for m in mail.outbox if m.to == ["sanne@example.org"]]
    assert message.subject == "Je account voor Opvang"
    link = re.search(r"https?://\S+/administration/invitation/\S+/", message.body).group(0)
    colleague = browser.new_context(**browser_context_args).new_page()
    colleague.set_default_timeout(10_000)
    colleague.goto(link)
    visit(colleague, FLOW, "07-invitation")
    colleague.locator("[name=new_password1]").fill(NEW_PASSWORD)
    colleague.locator("[name=new_password2]").fill(NEW_PASSWORD)
    with colleague.expect_navigation():
        colleague.locator("main form button[type=submit]").click()
    assert "/login/setup/" in colleague.url
    visit(colleague, FLOW, "08-enrol-second-factor")
    device = TOTPDevice.objects.get(user__username="sanne.nieuw", confirmed=False)
    colleague.locator("input[name=token]").fill(code_for(device))
    with colleague.expect_navigation():
        colleague.locator("main form button[type=submit]").first.click()
    assert "/login/backup-codes/" in colleague.url
    backup_code = colleague.locator("main ul.font-monospace li").first.inner_text().strip()
    visit(colleague, FLOW, "09-backup-codes")

    # Used once: the same link now says so.
    colleague.goto(link)
    expect(colleague.locator("h1")).to_contain_text("Deze link werkt niet meer")

    # The caseworker logs in (the code of this time step is spent: a backup code instead)
    # and sees the caseload of their locations.
    colleague.context.clear_cookies()
    log_in_with_code(colleague, live_server, "sanne.nieuw", NEW_PASSWORD, backup_code.replace(" ", ""))
    assert "/cases/" in colleague.url
    expect(colleague.locator("main")).to_contain_text(world.household_a1.reference)
    expect(colleague.locator("main")).not_to_contain_text(world.household_b1.reference)
    assert colleague.locator("select[name=location] option", has_text="De Vuurtoren").count() == 1
    visit(colleague, FLOW, "10-caseload")

    # The administrator deactivates the account (after confirming); the session ends at once.
    page.goto(staff_page)
    follow(page, r"/administration/staff/\d+/deactivate/")
    visit(page, FLOW, "11-deactivate-confirm")
    fill(page, {"reason": "Proeftijd niet voortgezet"})
    submit(page, "reason")
    expect(page.locator("main")).to_contain_text("Het account is gedeactiveerd")
    visit(page, FLOW, "12-deactivated")

    colleague.reload()
    assert "/login/" in colleague.url, colleague.url
    visit(colleague, FLOW, "13-session-ended")
    colleague.context.close()
