"""Reads of the API app."""

from __future__ import annotations

from django.db.models import QuerySet

from opvang.models import User

from .models import ApiToken


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (the key hash is never shown)."""
    return ApiToken.objects.filter(user=user).defer("key_hash").order_by("-created_at", "-pk")
