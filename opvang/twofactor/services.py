"""Writes for the second factor: start and confirm a TOTP enrolment, issue backup codes."""

from __future__ import annotations

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from opvang.models import User

BACKUP_CODE_COUNT = 10


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """Return the user's pending (unconfirmed) authenticator, creating it on the first call.

    Reusing the pending device keeps the secret stable when the enrolment page is reloaded,
    so a code from an app that already scanned the QR code still works.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice(user=user, name="Authenticator", confirmed=False)
        device.full_clean()
        device.save()
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice) -> list[str]:
    """Confirm a verified authenticator and issue fresh backup codes; returns the codes once.

    Earlier backup codes are deleted: only the set shown at this enrolment is valid.
    """
    device.confirmed = True
    device.full_clean()
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=device.user).delete()
    static = StaticDevice(user=device.user, name="Backup codes", confirmed=True)
    static.full_clean()
    static.save()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def totp_secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app that cannot scan."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice) -> SafeString:
    """The otpauth:// URL as an inline SVG QR code, generated here: no external fetch, no script,
    no style attribute (the CSP forbids inline styles)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    # Inline SVG in HTML must not carry an XML declaration.
    if svg.startswith("<?xml"):
        svg = svg.split("?>", 1)[1]
    # An accessible name: screen readers announce what the image is for (WCAG 1.1.1).
    label = escape(gettext("QR code to scan with your authenticator app"))
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" class="totp-qr" ', 1)
    # Safe to mark: qrcode writes only an SVG path from the otpauth URL (our own key and the
    # user name, XML-escaped by qrcode's ElementTree writer); nothing else enters the markup.
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703
