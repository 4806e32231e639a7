"""Login and the second factor: enrolment (QR code + backup codes) and verification.

Flow with OPVANG_REQUIRE_2FA on: password login → TwoFactorMiddleware sends the user here →
no confirmed device: enrolment; a device: a code. Only then does ``user.is_verified()`` hold.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device

from opvang.forms import LoginForm, TokenForm
from opvang.http import AuthenticatedHttpRequest

from . import services

# Backup codes wait here between enrolment and the one page that shows them.
BACKUP_CODES_KEY = "opvang_backup_codes"


class LoginView(auth_views.LoginView):
    """Django's login view, telling the page whether the second factor is switched off."""

    authentication_form = LoginForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["require_2fa"] = settings.OPVANG_REQUIRE_2FA
        return context


def _next_url(request: HttpRequest) -> str:
    """The page the user was going to, if it is on this site; else the start page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("home")


def _with_next(url_name: str, request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    url = reverse(url_name)
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        url = f"{url}?{urlencode({'next': target})}"
    return url


def _verified(request: HttpRequest, device: Device) -> None:
    """Mark the session as verified with this device, under a new session key."""
    django_otp.login(request, device)
    # A fresh key at the privilege step-up: a key seen before verification is worthless after it.
    request.session.cycle_key()


@sensitive_post_parameters("token")
def two_factor_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Ask a user with a confirmed authenticator for a code (or a backup code)."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    devices = list(devices_for_user(user, confirmed=True))
    if not devices:
        return redirect(_with_next("two_factor_setup", request))
    form = TokenForm(request.POST or None, user=user, devices=devices)
    if request.method == "POST" and form.is_valid():
        _verified(request, form.device)
        return redirect(_next_url(request))
    return render(request, "twofactor/verify.html", {"form": form, "next": _next_url(request)})


@sensitive_post_parameters("token")
def two_factor_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Enrol an authenticator app: QR code and secret, confirmed by one code; then backup codes.

    Only for users without a confirmed device: someone who knows just the password must not be
    able to add an authenticator of their own to an account that already has one.
    """
    user = request.user
    if user_has_device(user, confirmed=True):
        return redirect(_with_next("two_factor_verify", request))
    device = services.totp_device_start(user=user)
    form = TokenForm(request.POST or None, user=user, devices=[device])
    if request.method == "POST" and form.is_valid():
        codes = services.totp_device_confirm(device=device)
        _verified(request, device)
        request.session[BACKUP_CODES_KEY] = codes
        return redirect(_with_next("two_factor_backup_codes", request))
    context = {
        "form": form,
        "qr_svg": services.totp_qr_svg(device),
        "secret": services.totp_secret_text(device),
        "next": _next_url(request),
        "required": settings.OPVANG_REQUIRE_2FA,
    }
    return render(request, "twofactor/setup.html", context)


def two_factor_backup_codes(request: HttpRequest) -> HttpResponse:
    """Show the backup codes of the enrolment that just happened, once."""
    codes = request.session.pop(BACKUP_CODES_KEY, None)
    if not codes:
        return redirect("home")
    return render(
        request,
        "twofactor/backup_codes.html",
        {"codes": codes, "next": _next_url(request)},
    )
