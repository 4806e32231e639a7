"""Writes of the API app: creating and revoking personal API tokens."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opvang.models import User

from .access import may_use_api
from .constants import MAX_TOKEN_DAYS, TOKEN_BYTES, TOKEN_HINT_LENGTH, TOKEN_PREFIX
from .models import ApiToken


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_expiry_limit(today: datetime.date | None = None) -> datetime.date:
    """The last day a new token may be valid: one year from today."""
    return (today or timezone.localdate()) + datetime.timedelta(days=MAX_TOKEN_DAYS)


@transaction.atomic
def api_token_create(*, user: User, name: str, expires_on: datetime.date) -> tuple[ApiToken, str]:
    """A new token for ``user``, valid to the end of ``expires_on`` (at most a year ahead).

    Returns the token and its key; the key is shown to the user once and never stored, only
    its SHA-256 hash. The write is logged by django-auditlog like any other.
    """
    if not may_use_api(user):
        raise ValidationError(_("Your role cannot use the API."))
    today = timezone.localdate()
    if expires_on <= today:
        raise ValidationError(_("The expiry date must lie in the future."))
    if expires_on > token_expiry_limit(today):
        raise ValidationError(_("A token is valid for one year at most."))
    key = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    end_of_day = datetime.datetime.combine(expires_on, datetime.time.max)
    token = ApiToken(
        user=user,
        name=name.strip(),
        key_hash=hash_key(key),
        hint=key[:TOKEN_HINT_LENGTH],
        expires_at=timezone.make_aware(end_of_day),
    )
    token.full_clean()
    token.save()
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Stop a token at once; revoking twice keeps the first moment."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
