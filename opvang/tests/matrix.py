"""The access matrix: every URL pattern × every role × own object / other location / other
organisation × GET and POST.

Each app lists its routes in ``<app>/tests/access_cases.py`` as ``ROUTES: list[Route]``.
test_access_matrix.py enumerates the URLconf and fails for a route that has no entry, so a new
page cannot ship without its access rules being tested.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("caseworker", "team_lead", "policy_officer", "contract_manager", "admin", "inactive", "anonymous")
CASES = ("own", "other_location", "other_org")
# The household each case is about, seen from the caseworker (A1) and team lead (A) of organisation A.
HOUSEHOLD_FOR_CASE = {"own": "household_a1", "other_location": "household_a2", "other_org": "household_b1"}
CASE_ROLES = frozenset({"caseworker", "team_lead"})
ANY_STAFF = frozenset({"caseworker", "team_lead", "policy_officer", "contract_manager", "admin"})

DENIED = frozenset({403, 404})
REDIRECT_TO_LOGIN = "redirect_to_login"


@dataclass(frozen=True)
class Route:
    """How to call one URL pattern, and who may.

    kwargs(world, household) returns the URL kwargs for an object belonging to that household
    (it may create the object); None means the page is not about a client object.
    """

    name: str
    roles: frozenset[str]
    kwargs: Callable | None = None
    methods: tuple[str, ...] = ("get", "post")
    post_data: Callable | None = None
    get_ok: frozenset[int] = frozenset({200})
    post_ok: frozenset[int] = frozenset({200, 204, 302})
    public: bool = False  # the login page and its kin: anyone, nothing to leak
    # Roles allowed on the other location of their own organisation (team leads by default).
    other_location_roles: frozenset[str] = field(default=frozenset({"team_lead"}))
    # Override for routes with their own rules: (role, case, method) -> allowed statuses, or None.
    expect: Callable | None = None


def expected(route: Route, role: str, case: str, method: str) -> frozenset[int] | str:
    if route.expect is not None:
        custom = route.expect(role, case, method)
        if custom is not None:
            return custom
    ok = route.get_ok if method == "get" else route.post_ok
    if route.public:
        return frozenset({200, 302, 405})
    if role in ("anonymous", "inactive"):
        return REDIRECT_TO_LOGIN
    if role not in route.roles:
        return DENIED
    if route.kwargs is None or case == "own":
        return ok
    if case == "other_location" and role in route.other_location_roles:
        return ok
    return frozenset({404})
