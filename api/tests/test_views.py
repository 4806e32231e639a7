"""The API token pages and the documentation page."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from api.services import hash_key
from api.tests.factories import bearer

pytestmark = pytest.mark.django_db


def _in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_a_new_token_is_shown_once_stored_hashed_and_works(client, world) -> None:
    client.force_login(world.policy_officer)
    response = client.post(reverse("api_ui:token_list"), {"name": "Power BI", "expires_on": _in_days(90)})
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key.startswith("opv_") and key in response.content.decode()
    token = ApiToken.objects.get(user=world.policy_officer)
    assert token.name == "Power BI" and token.key_hash == hash_key(key)
    assert key not in {token.key_hash, token.hint} and len(token.hint) < len(key)
    assert timezone.localtime(token.expires_at).date() == timezone.localdate() + datetime.timedelta(days=90)
    # Shown once: the list afterwards has its hint, never the key.
    later = client.get(reverse("api_ui:token_list")).content.decode()
    assert key not in later and token.hint in later
    client.logout()
    assert client.get(reverse("api:indicator_list"), headers=bearer(key)).status_code == 200


@pytest.mark.parametrize("days", [0, -3, 366])
def test_expiry_must_be_within_a_year(client, world, days) -> None:
    client.force_login(world.contract_manager)
    response = client.post(reverse("api_ui:token_list"), {"name": "BI", "expires_on": _in_days(days)})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_token_valid_for_exactly_a_year_is_allowed(client, world) -> None:
    client.force_login(world.team_lead)
    client.post(reverse("api_ui:token_list"), {"name": "BI", "expires_on": _in_days(365)})
    assert ApiToken.objects.filter(user=world.team_lead).count() == 1


def test_revoking_stops_the_token_at_once(client, world) -> None:
    client.force_login(world.policy_officer)
    key = client.post(reverse("api_ui:token_list"), {"name": "BI", "expires_on": _in_days(30)}).context["new_key"]
    token = ApiToken.objects.get()
    response = client.post(reverse("api_ui:token_revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert client.get(reverse("api:indicator_list"), headers=bearer(key)).status_code == 401


def test_nobody_revokes_someone_elses_token(client, world) -> None:
    client.force_login(world.policy_officer)
    client.post(reverse("api_ui:token_list"), {"name": "BI", "expires_on": _in_days(30)})
    token = ApiToken.objects.get()
    client.force_login(world.contract_manager)
    assert client.post(reverse("api_ui:token_revoke", kwargs={"pk": token.pk})).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize(
    "role, shown",
    [
        ("policy_officer", True),
        ("contract_manager", True),
        ("team_lead", True),
        ("caseworker", False),
        ("admin", False),
    ],
)
def test_the_footer_links_to_the_api_for_roles_that_may_use_it(client, world, role, shown) -> None:
    client.force_login(world.user(role))
    page = client.get(reverse("home"), follow=True).content.decode()
    assert (reverse("api_ui:docs") in page) is shown


def test_the_documentation_page_is_csp_clean_and_vendored(client, world) -> None:
    client.force_login(world.policy_officer)
    response = client.get(reverse("api_ui:docs"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    # No inline script or style: every script has a src, no style element or attribute.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html and " style=" not in html
    assert "//cdn" not in html and "https://" not in re.sub(r'href="https://[^"]*"', "", html)
    vendor = Path(settings.BASE_DIR) / "static" / "vendor" / "swagger-ui"
    assert (vendor / "swagger-ui-bundle.js").exists() and (vendor / "swagger-ui.css").exists()
    assert not list(vendor.glob("*.map"))
    assert not any("sourceMappingURL" in p.read_text() for p in vendor.glob("*.css"))
    assert reverse("api:openapi") in html
