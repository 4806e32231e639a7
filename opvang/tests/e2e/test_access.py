"""Flow 5 (access) and the login page: 404 for another organisation's household, language,
keyboard-only use, visible focus and announced form errors."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from opvang.tests.factories import PASSWORD

from .conftest import login, url, visit

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    # pytest-playwright's base_url fixture trips a pytest 9 deprecation (PLATFORM.md).
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

FLOW = "05-access"


def test_outsider_typing_a_household_url_gets_the_404_page(page, live_server, world) -> None:
    login(page, live_server, world.outsider.username, PASSWORD)
    visit(page, FLOW, "01-outsider-home")

    # The outsider (organisation B) types the address of a household of organisation A.
    response = page.goto(url(live_server, reverse("cases:household_detail", args=[world.household_a1.pk])))
    assert response is not None and response.status == 404
    page.get_by_role("heading", level=1, name=re.compile("Pagina niet gevonden|Page not found")).wait_for()
    body = page.locator("body").inner_text()
    # Nothing of the household leaks: not its reference, not its members' names.
    assert world.household_a1.reference not in body
    assert "Ouder" not in body and "Kind " not in body
    visit(page, FLOW, "02-not-found")

    # Their own household opens (so the 404 above is scoping, not a broken page).
    response = page.goto(url(live_server, reverse("cases:household_detail", args=[world.household_b1.pk])))
    assert response is not None and response.status == 200
    visit(page, FLOW, "03-own-household")


def test_login_page_is_dutch_accessible_and_usable_by_keyboard(page, live_server, world) -> None:
    flow = "00-login"
    page.goto(url(live_server, "/login/"))
    assert page.locator("html").get_attribute("lang") == "nl"
    visit(page, flow, "01-login")

    # The user name field has autofocus; focus is visible there (outline or focus ring).
    assert page.evaluate("() => document.activeElement.name") == "username"
    assert has_visible_focus(page), "no visible focus indicator on the user name field"
    page.keyboard.type(world.caseworker.username)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "password"
    assert has_visible_focus(page)
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "submit"
    assert has_visible_focus(page), "no visible focus indicator on the login button"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/cases/" in page.url
    visit(page, flow, "02-caseload-after-keyboard-login")

    # On every page the first Tab reaches the skip link, which becomes visible, and it works.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    skip = page.locator("a.visually-hidden-focusable")
    assert skip.evaluate("el => el === document.activeElement"), "the first Tab does not reach the skip link"
    assert skip.is_visible() and has_visible_focus(page)
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_login_field_errors_are_linked_to_their_fields(page, live_server, world) -> None:
    page.goto(url(live_server, "/login/"))
    # Empty form: each field error is tied to its field with aria-describedby and aria-invalid.
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    for name in ("username", "password"):
        assert_error_is_linked(page, page.locator(f"input[name={name}]"))
    visit(page, "00-login", "03-empty-form-errors")


def test_wrong_password_error_is_announced(page, live_server, world) -> None:
    page.goto(url(live_server, "/login/"))
    page.locator("input[name=username]").fill(world.caseworker.username)
    page.locator("input[name=password]").fill("wrong-password")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    message = page.get_by_text("Onjuiste gebruikersnaam of wachtwoord")
    assert message.count() == 1
    visit(page, "00-login", "04-wrong-password")
    announced = message.evaluate(
        """el => {
            if (el.closest('[role=alert], [aria-live]')) return true;
            const holder = el.closest('[id]');
            return !!holder && !!document.querySelector('[aria-describedby~="' + holder.id + '"]');
        }"""
    )
    assert announced, "the login error is neither in role=alert/aria-live nor linked with aria-describedby"


# --- checks shared with the other flows -----------------------------------------------------


def has_visible_focus(page) -> bool:
    """The focused element draws an outline or a box-shadow focus ring. Bootstrap fades the ring in
    (a 0.15 s transition), so the check waits up to a second for it rather than reading the first
    frame (which failed now and then on a loaded machine)."""
    try:
        page.wait_for_function(
            """() => {
                const s = getComputedStyle(document.activeElement);
                const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
                const ring = s.boxShadow && s.boxShadow !== 'none';
                return outline || ring;
            }""",
            timeout=1000,
        )
    except PlaywrightTimeoutError:
        return False
    return True


def assert_error_is_linked(page, field) -> None:
    described = field.get_attribute("aria-describedby") or ""
    assert described, f"{field} has no aria-describedby although it has an error"
    texts = [page.locator(f"#{ident}").inner_text() for ident in described.split()]
    assert any(t.strip() for t in texts), f"aria-describedby={described!r} points at no error text"
    assert field.get_attribute("aria-invalid") == "true", "a field with an error should have aria-invalid=true"
