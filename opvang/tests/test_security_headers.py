"""Response headers: CSP on every page, no-store on dynamic responses, production cookies and HSTS."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from .test_access_matrix import ROUTES

BASE = Path(__file__).resolve().parents[2]
SECRET = "s3cr3t-" + "k" * 20 + "-Q9x!z" + "m" * 30

CSP_DIRECTIVES = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
]


def assert_csp(response) -> None:
    policy = response["Content-Security-Policy"]
    for directive in CSP_DIRECTIVES:
        assert directive in policy, f"{directive!r} missing from {policy!r}"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def assert_no_store(response) -> None:
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("route_name", sorted(ROUTES))
def test_every_page_in_the_matrix_has_the_csp_and_no_store(route_name, world, client) -> None:
    """One GET per URL pattern, as a user of a role that may see it (or anonymous if public)."""
    route = ROUTES[route_name]
    role = "anonymous" if route.public or not route.roles else sorted(route.roles)[0]
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    kwargs = route.kwargs(world, world.household_a1) if route.kwargs else {}
    response = client.get(reverse(route.name, kwargs=kwargs))
    assert_csp(response)
    assert_no_store(response)


def test_error_and_anonymous_pages_carry_the_headers_too(world, client) -> None:
    for response in (client.get("/does-not-exist/"), client.get(reverse("login"))):
        assert_csp(response)
        assert_no_store(response)


def test_authenticated_404_has_the_headers(world, client) -> None:
    client.force_login(world.caseworker)
    response = client.get("/does-not-exist/")
    assert response.status_code == 404
    assert_csp(response)
    assert_no_store(response)


def test_static_files_are_not_no_store(client) -> None:
    response = client.get("/static/css/opvang.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_base_page_has_no_inline_script_and_tames_htmx(world, client) -> None:
    client.force_login(world.admin)
    page = client.get(reverse("network:management")).content.decode()
    assert "<style" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert '"includeIndicatorStyles":false' in page


TEMPLATE_DIRS = [BASE / "templates", *sorted(BASE.glob("*/templates"))]
INLINE = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=\"|\son[a-z]+=\"|hx-on|javascript:", re.I)


def test_no_template_has_inline_script_or_style() -> None:
    """The CSP would block them in the browser; catching them here names the template.

    PDF templates (``*_pdf.html``) are rendered by WeasyPrint on the server, never by a browser.
    """
    offenders = [
        f"{path.relative_to(BASE)}: {match.group(0)}"
        for folder in TEMPLATE_DIRS
        for path in folder.rglob("*.html")
        if not path.name.endswith("_pdf.html")
        for match in INLINE.finditer(path.read_text())
    ]
    assert not offenders, offenders


PRODUCTION_REQUEST = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings, setup_test_environment
setup_test_environment()
storage = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": storage}):
    response = Client().get("/login/", secure=True, HTTP_HOST="opvang.example.org")
    plain = Client().get("/login/", HTTP_HOST="opvang.example.org")
cookies = {name: dict(morsel.items()) for name, morsel in response.cookies.items()}
print(json.dumps({
    "status": response.status_code,
    "headers": dict(response.headers),
    "cookies": cookies,
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
    "session_cookie": settings.SESSION_COOKIE_NAME,
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "session_samesite": settings.SESSION_COOKIE_SAMESITE,
    "require_2fa": settings.OPVANG_REQUIRE_2FA,
}))
"""


@pytest.fixture(scope="module")
def production() -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "OPVANG_HTTPS", "OPVANG_REQUIRE_2FA", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="opvang.settings.base",
        DEBUG="false",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="opvang.example.org",
        DATABASE_URL="sqlite://:memory:",
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_REQUEST], cwd=BASE, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_host_prefixed_secure_httponly_samesite(production) -> None:
    assert production["session_cookie"] == "__Host-sessionid"
    assert production["session_secure"] and production["session_httponly"]
    assert production["session_samesite"] in {"Lax", "Strict"}
    csrf = production["cookies"]["__Host-csrftoken"]
    assert csrf["secure"] is True
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"
    assert csrf["path"] == "/"
    assert not csrf["domain"]  # a __Host- cookie must not name a domain


def test_production_sends_hsts_for_a_year_and_the_csp(production) -> None:
    headers = production["headers"]
    assert production["status"] == 200
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert "includeSubDomains" in headers["Strict-Transport-Security"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_production_redirects_plain_http_and_requires_2fa(production) -> None:
    assert production["plain_status"] == 301
    assert production["plain_location"].startswith("https://")
    assert production["require_2fa"] is True
