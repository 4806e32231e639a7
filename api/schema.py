"""The OpenAPI document: every operation documents its errors (problem+json) and the API-Version
header, so that a client, and schemathesis, can check every response against it."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from .authentication import ApiTokenAuthentication
from .constants import API_VERSION
from .problems import PROBLEM_CONTENT_TYPE

ERRORS = {
    "400": "Invalid query parameters.",
    "401": "No token, or an invalid, expired or revoked token, or its owner is no longer active.",
    "403": "The token owner's role may not use the API.",
    "404": "Not found, or not in the token owner's scope.",
    "429": "Too many requests: wait the number of seconds in Retry-After.",
}

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An error as RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "invalid_params": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
                "required": ["name", "code", "reason"],
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
}

VERSION_HEADER = {
    "description": "The version of the API that answered (major.minor.patch).",
    "required": True,
    "schema": {"type": "string", "example": API_VERSION},
}


def add_errors_and_version(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: problem responses and the API-Version header."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    components.setdefault("headers", {})["API-Version"] = VERSION_HEADER
    problem = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                responses.setdefault(code, {"description": description, "content": problem})
            for response in responses.values():
                response.setdefault("headers", {})["API-Version"] = {"$ref": "#/components/headers/API-Version"}
    return result


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The security scheme in the OpenAPI document (HTTP bearer)."""

    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, created on the API tokens page of Opvang.",
        }
