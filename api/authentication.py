"""Bearer-token authentication of every API call, checked again on each request.

A token works only while it is neither revoked nor expired AND its owner is active (and, checked
by api.permissions, still in a role that may use the API): deactivating a user, however that is
done, stops their tokens at once, because nothing about the user is cached between calls.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from .models import ApiToken
from .services import hash_key

KEYWORD = "Bearer"


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid Authorization header: give one token after Bearer."))
        try:
            key = parts[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from error
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_key(key), revoked_at__isnull=True, expires_at__gt=timezone.now())
            .first()
        )
        # The owner's role is checked by the permission (403); an inactive owner is no one (401).
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (not 403) to a call without a token.
        return f'{KEYWORD} realm="api"'
