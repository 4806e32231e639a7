"""Access matrix of the API (every /api/v1/ route) and of its pages (tokens, documentation).

API routes are called with a personal token of the role's user (Authorization: Bearer), never
with the session. No token or an inactive owner: 401. A role that may not use the API: 403.
The municipal roles see every location's aggregates; the team lead of organisation A sees A's
(own location and other location) and gets 404 for organisation B's.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from api.models import ApiToken
from api.tests.factories import bearer, final_dossier, snapshot, token_for
from opvang.tests.matrix import REDIRECT_TO_LOGIN, Route

API_ROLES = frozenset({"policy_officer", "contract_manager", "team_lead", "participation_council"})
MUNICIPAL = frozenset({"policy_officer", "contract_manager"})


def _headers(world, user) -> dict[str, str]:
    return bearer(token_for(user)) if user is not None else {}


def _api_expect(*, scoped: bool, ok=frozenset({200}), council=None):
    def expect(role: str, case: str, method: str):
        if role in ("anonymous", "inactive"):
            return frozenset({401})
        if role not in API_ROLES:
            return frozenset({403})
        if role == "participation_council" and council is not None:
            return council
        if scoped and role == "team_lead" and case == "other_org":
            return frozenset({404})
        return ok

    return expect


def _api(name: str, kwargs=None, *, scoped: bool = True, ok=frozenset({200}), council=None) -> Route:
    return Route(
        name,
        roles=API_ROLES,
        kwargs=kwargs,
        methods=("get",),
        headers=_headers,
        expect=_api_expect(scoped=scoped and kwargs is not None, ok=ok, council=council),
    )


def snapshot_kwargs(world, household) -> dict:
    return {"pk": snapshot(location=household.location).pk}


def location_kwargs(world, household) -> dict:
    return {"pk": household.location.pk}


def dossier_kwargs(world, household) -> dict:
    location = household.location
    dossier = location.evaluation_dossiers.filter(year=2025).first() or final_dossier(location)
    return {"pk": dossier.pk}


def _in_a_month() -> str:
    return (timezone.localdate() + datetime.timedelta(days=30)).isoformat()


def _page_expect(role: str, case: str, method: str):
    if role in ("anonymous", "inactive"):
        return REDIRECT_TO_LOGIN
    if role not in API_ROLES:
        return frozenset({403})
    return None


def revoke_kwargs(world, household) -> dict:
    """A token of the team lead: their own (200 route for them); other roles find no such token."""
    token_for(world.team_lead, "matrix")
    return {"pk": ApiToken.objects.filter(user=world.team_lead).latest("pk").pk}


def _revoke_expect(role: str, case: str, method: str):
    if role in ("anonymous", "inactive"):
        return REDIRECT_TO_LOGIN
    if role not in API_ROLES:
        return frozenset({403})
    # Only the owner may revoke; anyone else's token is a 404 to them.
    return frozenset({302}) if role == "team_lead" else frozenset({404})


ROUTES = [
    Route("api:openapi", roles=frozenset(), methods=("get",), public=True),
    _api("api:indicator_list"),
    _api("api:indicator_detail", kwargs=lambda world, household: {"code": "occupancy"}, scoped=False),
    _api("api:snapshot_list"),
    _api("api:snapshot_detail", kwargs=snapshot_kwargs),
    _api("api:location_list"),
    _api("api:location_detail", kwargs=location_kwargs),
    _api("api:dossier_list"),
    # A final dossier that is not published: the council does not find it.
    _api("api:dossier_detail", kwargs=dossier_kwargs, council=frozenset({404})),
    # A trailing slash (or any other unknown path): a 404 problem, after the token check.
    _api("api:not_found", kwargs=lambda world, household: {"rest": "locations/"}, scoped=False, ok=frozenset({404})),
    Route(
        "api_ui:token_list",
        roles=API_ROLES,
        post_data=lambda c: {"name": "Power BI", "expires_on": _in_a_month()},
        effect=lambda c: ApiToken.objects.filter(user=c.user, name="Power BI").exists(),
        expect=_page_expect,
    ),
    Route(
        "api_ui:token_revoke",
        roles=API_ROLES,
        kwargs=revoke_kwargs,
        methods=("post",),
        other_location_roles=frozenset(),
        post_data=lambda c: {},
        effect=lambda c: ApiToken.objects.get(pk=c.kwargs["pk"]).revoked_at is not None,
        expect=_revoke_expect,
    ),
    Route("api_ui:docs", roles=API_ROLES, methods=("get",), expect=_page_expect),
]
