"""Session, caching and second-factor rules that hold for every request.

The middleware here sits after authentication (and django-otp's OTPMiddleware) in
``settings.MIDDLEWARE``; static files never reach it because WhiteNoise answers them first.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.password_validation import MinimumLengthValidator as DjangoMinimumLengthValidator
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

logger = logging.getLogger("opvang.security")

# Session key holding the moment (epoch seconds) the session first carried a logged-in user.
LOGIN_AT_KEY = "opvang_login_at"

# Pages an authenticated user may reach before passing the second factor.
# The backup-code page is not among them: it follows a successful enrolment, which verifies.
TWO_FACTOR_EXEMPT = frozenset({"login", "logout", "set_language", "two_factor_verify", "two_factor_setup"})


class SessionSecurityMiddleware:
    """End sessions of users who may no longer be logged in, and sessions older than 12 hours.

    The idle timeout is Django's own (SESSION_COOKIE_AGE refreshed on every request); this adds
    what Django lacks: an absolute lifetime, and flushing a session whose user was deactivated
    (Django's ModelBackend then returns no user, but leaves the session row in place).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session:
            if not request.user.is_authenticated:
                # Deactivated or deleted since login: remove the session itself, not just the user.
                logger.info("Session ended: the user may no longer log in")
                session.flush()
            else:
                now = int(time.time())
                login_at = session.setdefault(LOGIN_AT_KEY, now)
                if now - login_at >= settings.SESSION_ABSOLUTE_SECONDS:
                    logger.info("Session ended after its absolute lifetime (user %s)", request.user.pk)
                    logout(request)
                    messages.info(request, _("Your session has ended. Please log in again."))
        return self.get_response(request)


class NoStoreMiddleware:
    """Forbid caching of every dynamic response: pages, PDFs and exports hold personal data.

    Applied to all of them rather than only to authenticated HTML, so a forgotten case (a file
    download, an error page shown to a logged-in user) cannot end up in a shared cache.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


class TwoFactorMiddleware:
    """With OPVANG_REQUIRE_2FA on, every page except login, logout and the 2FA pages requires
    ``request.user.is_verified()`` (set by django-otp once a token was accepted this session)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict):
        if not settings.OPVANG_REQUIRE_2FA:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and not match.namespace and match.url_name in TWO_FACTOR_EXEMPT:
            return None
        return redirect_to_login(request.get_full_path(), reverse("two_factor_verify"))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """The login page with one neutral message: identical for existing and unknown user names."""
    from .forms import LoginForm

    form = LoginForm(request)
    context = {
        "form": form,
        "locked_out": True,
        "require_2fa": settings.OPVANG_REQUIRE_2FA,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/login.html", context, status=429)


def client_ip(request: HttpRequest) -> str:
    """The client address as seen by the nearest trusted reverse proxy.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with N
    trusted proxies the N-th entry from the right is the real client; anything further left was
    written by the client and is ignored (it could be used to dodge the lockout).
    """
    count = settings.OPVANG_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    """Django's minimum length, with an error message that has a Dutch translation.

    Django 5.2 changed this message's placeholder to ``%d``, and its Dutch catalogue still
    carries the old ``%(min_length)d`` version, so the error showed in English.
    """

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short: use at least %(min_length)d character.",
            "This password is too short: use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
