"""Per-user request rate for the API (all tokens of one user share it)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import UserRateThrottle


class ApiRateThrottle(UserRateThrottle):
    scope = "api"

    def get_rate(self) -> str:
        # Read per request (not frozen at import), so a deployment or a test can change it.
        return settings.OPVANG_API_RATE
