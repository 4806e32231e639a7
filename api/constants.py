"""Constants of the read-only REST API (/api/v1/)."""

from __future__ import annotations

from opvang.constants import Role

# The version of the interface, sent as the API-Version header on every response (Dutch API
# Design Rules, /core/version-header) and shown in the OpenAPI document. The major version is
# in the path; a minor or patch release changes this string only.
API_VERSION = "1.0.0"

# Roles that may hold API tokens: those who see published aggregates in the UI. The municipal
# roles see the whole region; a provider's team lead sees their own organisation's.
# The Participation Council reads what its dashboard shows: the region's aggregates and the
# evaluation dossiers the municipality has published (api/access.py).
API_ROLES = frozenset({Role.POLICY_OFFICER, Role.CONTRACT_MANAGER, Role.TEAM_LEAD, Role.PARTICIPATION_COUNCIL})

# A token is "opv_" + 43 URL-safe characters (256 random bits); only its SHA-256 is stored.
TOKEN_PREFIX = "opv_"
TOKEN_BYTES = 32
# The first characters of a key, kept in clear so that a user can tell their tokens apart.
TOKEN_HINT_LENGTH = 10
MAX_TOKEN_DAYS = 365
DEFAULT_TOKEN_DAYS = 90
