from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework import permissions
from rest_framework.request import Request

if TYPE_CHECKING:
    from rest_framework.views import APIView

from .access import may_use_api


class MayUseApi(permissions.BasePermission):
    """The token owner's role may use the API (403 otherwise; no token at all is a 401)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return may_use_api(request.user)
