"""The access matrix: every URL pattern × every role × own object / other location / other
organisation × GET and POST.

Each app lists its routes in ``<app>/tests/access_cases.py`` as ``ROUTES: list[Route]``.
test_access_matrix.py enumerates the URLconf and fails for a route that has no entry, so a new
page cannot ship without its access rules being tested.

A route that some role may POST to declares valid form data and the effect of that POST:

    Route(
        "cases:household_edit",
        ...,
        post_data=lambda c: {"reason": "other", ...},  # c: a Call (world, household, kwargs, user)
        effect=lambda c: Household.objects.get(pk=c.household.pk).reason == "other",
    )

The matrix posts that data for every role and case: where the POST is allowed the effect must be
seen afterwards, where it is denied it must not (so an effect that is always true fails too).
Every role starts from the same state: its requests run in a savepoint that is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = (
    "caseworker",
    "team_lead",
    "policy_officer",
    "contract_manager",
    "participation_council",
    "admin",
    # Chain partners (plans/tests/partners.py): in the circle of A1's plan with consent; in the circle
    # but consent withdrawn; consent for their organisation but not in the circle.
    "partner",
    "partner_no_consent",
    "partner_other_org",
    "inactive",
    "anonymous",
)
CASES = ("own", "other_location", "other_org")
# The household each case is about, seen from the caseworker (A1) and team lead (A) of organisation A.
HOUSEHOLD_FOR_CASE = {"own": "household_a1", "other_location": "household_a2", "other_org": "household_b1"}
CASE_ROLES = frozenset({"caseworker", "team_lead"})
ANY_STAFF = frozenset({"caseworker", "team_lead", "policy_officer", "contract_manager", "admin"})
PARTNER_ROLES = frozenset({"partner", "partner_no_consent", "partner_other_org"})

DENIED = frozenset({403, 404})
REDIRECT_TO_LOGIN = "redirect_to_login"


@dataclass(frozen=True)
class Call:
    """What post_data and effect are given: the world fixture, the household the case is about,
    the URL kwargs of the call, the user of the role (None for anonymous) and, for effect, the
    response to the POST. post_data is called inside the role's savepoint, just before the POST,
    so it may prepare what the data refers to (an authenticator device, say)."""

    world: Any
    household: Any
    kwargs: dict
    user: Any = None
    response: Any = None


@dataclass(frozen=True)
class Route:
    """How to call one URL pattern, and who may.

    kwargs(world, household) returns the URL kwargs for an object belonging to that household
    (it may create the object); None means the page is not about a client object.
    post_data(call) returns valid form data for a POST; effect(call) is True once that POST has
    done its work (a row created or changed, a file in the response, a status moved).
    """

    name: str
    roles: frozenset[str]
    kwargs: Callable | None = None
    methods: tuple[str, ...] = ("get", "post")
    post_data: Callable[[Call], dict] | None = None
    effect: Callable[[Call], bool] | None = None
    get_ok: frozenset[int] = frozenset({200})
    post_ok: frozenset[int] = frozenset({200, 204, 302})
    public: bool = False  # the login page and its kin: anyone, nothing to leak
    # Roles allowed on the other location of their own organisation (team leads by default).
    other_location_roles: frozenset[str] = field(default=frozenset({"team_lead"}))
    # Override for routes with their own rules: (role, case, method) -> allowed statuses, or None.
    expect: Callable | None = None
    # headers(world, user) -> request headers for that user (the API: a personal token); the
    # session login is left out for such routes, so only the headers authenticate the call.
    headers: Callable | None = None


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


def allowed(want: frozenset[int] | str) -> bool:
    """Whether an expectation lets the request through (any answer but a refusal)."""
    return want != REDIRECT_TO_LOGIN and bool(set(want) - DENIED - {405})


def cases_for(route: Route) -> tuple[str, ...]:
    return CASES if route.kwargs is not None else ("own",)


def posts_allowed(route: Route) -> bool:
    """Whether some role may POST to the route in some case."""
    return "post" in route.methods and any(
        allowed(expected(route, role, case, "post")) for role in ROLES for case in cases_for(route)
    )
