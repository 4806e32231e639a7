"""Browser test of the API documentation page (issue 16) under the real Content Security Policy.

The other browser tests bypass the CSP to inject axe-core; this one does not: Swagger UI, served
from static/vendor, must render every operation of the OpenAPI document without one refused
script, style or connection.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from opvang.constants import Role
from opvang.tests.factories import PASSWORD, UserFactory

from .conftest import CHROMIUM, SCREENSHOTS, login

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium not found at {CHROMIUM}"),
]


def test_swagger_ui_renders_every_operation_without_a_csp_violation(browser, live_server, settings) -> None:
    settings.OPVANG_REQUIRE_2FA = False
    UserFactory(username="beleid", role=Role.POLICY_OFFICER)
    context = browser.new_context(bypass_csp=False, locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(f"page error: {error}"))
    login(page, live_server, "beleid", PASSWORD)
    page.get_by_role("link", name="API-documentatie").click()
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    paths = {text.strip() for text in page.locator(".opblock-summary-path").all_inner_texts()}
    assert page.locator(".opblock").count() == 8
    assert "/api/v1/snapshots/{id}" in paths, paths
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "16-api-docs.png"), full_page=False)
    refused = [m for m in messages if "Content Security Policy" in m or m.startswith("page error")]
    assert not refused, "\n".join(refused)
    context.close()
