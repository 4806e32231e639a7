"""Runs the access matrix (see matrix.py) for every URL pattern of the project."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .matrix import CASES, HOUSEHOLD_FOR_CASE, REDIRECT_TO_LOGIN, ROLES, Route, expected

APPS = ["opvang", "cases", "children", "plans", "reports", "privacy"]
# Django's admin guards itself (staff only); tested in test_admin.py, not in the matrix.
UNMATRIXED_NAMESPACES = {"admin"}


def all_routes() -> dict[str, Route]:
    routes: dict[str, Route] = {}
    base = Path(__file__).resolve().parents[2]
    # Every <app>/tests/access_cases*.py contributes its ROUTES.
    modules = sorted(f"{app}.tests.{p.stem}" for app in APPS for p in (base / app / "tests").glob("access_cases*.py"))
    for module_name in modules:
        module = import_module(module_name)
        for route in module.ROUTES:
            assert route.name not in routes, f"{route.name} listed twice"
            routes[route.name] = route
    return routes


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in UNMATRIXED_NAMESPACES:
                continue
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


ROUTES = all_routes()


def test_every_url_pattern_has_a_matrix_entry() -> None:
    missing = url_names() - set(ROUTES)
    stale = set(ROUTES) - url_names()
    assert not missing, f"routes without an access-matrix entry: {sorted(missing)}"
    assert not stale, f"matrix entries for routes that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("route_name", sorted(ROUTES))
def test_access_matrix(route_name: str, world, client) -> None:
    route = ROUTES[route_name]
    failures = []
    cases = CASES if route.kwargs is not None else ("own",)
    for case in cases:
        household = getattr(world, HOUSEHOLD_FOR_CASE[case])
        kwargs = route.kwargs(world, household) if route.kwargs else {}
        url = reverse(route.name, kwargs=kwargs)
        data = route.post_data(world, household) if route.post_data else {}
        for role in ROLES:
            user = world.user(role)
            client.logout()
            if user is not None:
                client.force_login(user)
            for method in route.methods:
                response = client.get(url) if method == "get" else client.post(url, data)
                want = expected(route, role, case, method)
                if want == REDIRECT_TO_LOGIN:
                    good = response.status_code == 302 and reverse("login") in response["Location"]
                else:
                    good = response.status_code in want
                if not good:
                    failures.append(f"{method.upper()} {url} as {role} ({case}): {response.status_code}, want {want}")
    assert not failures, "\n".join(failures)
