"""Errors as RFC 9457 problem details (application/problem+json), as the API Design Rules ask."""

from __future__ import annotations

import math
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response

PROBLEM_CONTENT_TYPE = "application/problem+json"


def _invalid_params(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flatten DRF's validation detail into [{name, code, reason}] (one entry per message)."""
    params: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for name, value in detail.items():
            params += _invalid_params(value, f"{prefix}{name}")
    elif isinstance(detail, list):
        for value in detail:
            params += _invalid_params(value, prefix)
    else:
        params.append(
            {"name": prefix or "non_field_errors", "code": getattr(detail, "code", "invalid"), "reason": str(detail)}
        )
    return params


def problem(status: int, title: str, detail: str, instance: str = "", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if instance:
        body["instance"] = instance
    return body | extra


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler (status, WWW-Authenticate, Retry-After) with the body as a problem.

    Unlike DRF's own it does not mark the transaction for rollback: the API only reads, and the
    access-log entry of a call that ends in an error must be kept.
    """
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None  # a server error: Django's 500 handling
    headers = {}
    auth_header, wait = getattr(exc, "auth_header", None), getattr(exc, "wait", None)
    if auth_header:
        headers["WWW-Authenticate"] = auth_header
    if wait:
        headers["Retry-After"] = str(math.ceil(wait))
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, exceptions.ValidationError):
        body = problem(exc.status_code, "Invalid request", "One or more parameters are invalid.", instance)
        body["invalid_params"] = _invalid_params(exc.detail)
    else:
        title = HTTPStatus(exc.status_code).phrase
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        body = problem(exc.status_code, title, detail, instance)
    return Response(body, status=exc.status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)
