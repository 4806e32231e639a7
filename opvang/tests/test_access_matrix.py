"""Runs the access matrix (see matrix.py) for every URL pattern of the project."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .matrix import (
    HOUSEHOLD_FOR_CASE,
    REDIRECT_TO_LOGIN,
    ROLES,
    Call,
    Route,
    allowed,
    cases_for,
    expected,
    posts_allowed,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Django's admin guards itself (staff only); tested in test_admin.py, not in the matrix.
UNMATRIXED_NAMESPACES = {"admin"}


def route_modules() -> list[str]:
    """Every <app>/tests/access_cases*.py of the project's own apps (new apps included)."""
    modules = []
    for app_config in apps.get_app_configs():
        app_path = Path(app_config.path).resolve()
        if not app_path.is_relative_to(PROJECT_ROOT) or ".venv" in app_path.parts:
            continue
        for module_path in (app_path / "tests").glob("access_cases*.py"):
            modules.append(f"{app_config.name}.tests.{module_path.stem}")
    return sorted(modules)


def all_routes() -> tuple[dict[str, Route], dict[str, str]]:
    """The routes by name, and the module that declares each."""
    routes: dict[str, Route] = {}
    origin: dict[str, str] = {}
    for module_name in route_modules():
        for route in import_module(module_name).ROUTES:
            assert route.name not in routes, f"{route.name} listed twice"
            routes[route.name] = route
            origin[route.name] = module_name
    return routes, origin


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


ROUTES, ORIGIN = all_routes()


VALID_POST_HELP = (
    "These routes let some role POST, but the matrix has no valid data for them, so an empty POST "
    "answering 200 would pass. Add to each Route: post_data=lambda c: {<valid form fields>} and "
    "effect=lambda c: <True once the POST has done its work: a row created or changed, a file in "
    "c.response, a status moved>. c is a matrix.Call (c.world, c.household, c.kwargs, c.user, c.response); "
    "see opvang/tests/matrix.py and the entries in cases/tests/access_cases.py."
)


def routes_without_valid_post(routes: dict[str, Route], origin: dict[str, str]) -> list[str]:
    """The routes (with their module) some role may POST to that have no valid data or effect."""
    return [
        f"{name} (in {origin.get(name, '?')})"
        for name, route in sorted(routes.items())
        if posts_allowed(route) and not (route.post_data and route.effect)
    ]


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run the block in a savepoint and undo its writes: the next role starts from the same state."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def form_errors(response) -> str:
    form = (getattr(response, "context", None) or {}).get("form")
    return f" form errors: {dict(form.errors)}" if form is not None and form.errors else ""


def check_route(route: Route, world, client) -> list[str]:
    """Every role × case × method of one route; the failures, one line each."""
    failures = []
    for case in cases_for(route):
        household = getattr(world, HOUSEHOLD_FOR_CASE[case])
        kwargs = route.kwargs(world, household) if route.kwargs else {}
        url = reverse(route.name, kwargs=kwargs)
        for role in ROLES:
            with rolled_back():
                client.logout()
                user = world.user(role)
                # An API route authenticates by its headers (a token) only, never the session.
                headers = route.headers(world, user) if route.headers else {}
                if user is not None and route.headers is None:
                    client.force_login(user)
                world.prepare(role)  # a chain partner's place in A1's plan and its consent
                call = Call(world, household, kwargs, user)
                for method in route.methods:
                    if method == "get":
                        response = client.get(url, headers=headers)
                    else:
                        data = route.post_data(call) if route.post_data else {}
                        response = client.post(url, data, headers=headers)
                    want = expected(route, role, case, method)
                    where = f"{method.upper()} {url} as {role} ({case})"
                    if want == REDIRECT_TO_LOGIN:
                        good = response.status_code == 302 and reverse("login") in response["Location"]
                    else:
                        good = response.status_code in want
                    if not good:
                        failures.append(f"{where}: {response.status_code}, want {want}")
                    if method != "post" or route.effect is None:
                        continue
                    seen = route.effect(replace(call, response=response))
                    if allowed(want) and not seen:
                        failures.append(
                            f"{where}: valid POST ({response.status_code}) had no effect.{form_errors(response)}"
                        )
                    elif not allowed(want) and seen:
                        failures.append(f"{where}: refused POST ({response.status_code}) still had its effect")
    return failures


def test_every_url_pattern_has_a_matrix_entry() -> None:
    missing = url_names() - set(ROUTES)
    stale = set(ROUTES) - url_names()
    assert not missing, f"routes without an access-matrix entry: {sorted(missing)}"
    assert not stale, f"matrix entries for routes that no longer exist: {sorted(stale)}"


def test_every_allowed_post_has_valid_data_and_an_effect() -> None:
    missing = routes_without_valid_post(ROUTES, ORIGIN)
    assert not missing, VALID_POST_HELP + "\n" + "\n".join(missing)


@pytest.mark.parametrize("route_name", sorted(ROUTES))
def test_access_matrix(route_name: str, world, client) -> None:
    failures = check_route(ROUTES[route_name], world, client)
    assert not failures, "\n".join(failures)


# --- Negative controls: the checks above can fail ---------------------------------------------------


def _household(world, household) -> dict:
    return {"pk": household.pk}


def _closed(call: Call) -> bool:
    from cases.constants import HouseholdStatus
    from cases.models import Household

    return Household.objects.get(pk=call.household.pk).status == HouseholdStatus.CLOSED


def _control(name: str, **fields) -> Route:
    from .matrix import CASE_ROLES

    defaults = {"roles": CASE_ROLES, "kwargs": _household, "post_data": lambda c: {"confirm": "1"}, "effect": _closed}
    return Route(name, **{**defaults, **fields})


def test_control_an_allowed_post_without_valid_data_is_reported() -> None:
    route = replace(ROUTES["cases:household_close"], post_data=None, effect=None)
    missing = routes_without_valid_post({route.name: route}, {route.name: "cases.tests.access_cases"})
    assert missing == ["cases:household_close (in cases.tests.access_cases)"]


@pytest.mark.urls("opvang.tests.control_urls")
def test_control_a_post_that_does_nothing_is_reported(world, client) -> None:
    """A 200 to a valid POST proves nothing: the page below answers 200 and changes nothing."""
    failures = check_route(_control("control_ignores_post"), world, client)
    assert any("valid POST (200) had no effect" in line and "as caseworker (own)" in line for line in failures)
    assert any("as team_lead (other_location)" in line for line in failures)


@pytest.mark.urls("opvang.tests.control_urls")
def test_control_a_refused_post_that_still_writes_is_reported(world, client) -> None:
    """The status code alone would pass: the page refuses outsiders, but only after writing."""
    route = _control("control_close_before_checking", methods=("post",), post_ok=frozenset({302}))
    failures = check_route(route, world, client)
    assert any("as caseworker (other_location): refused POST (404) still had its effect" in line for line in failures)
    assert any("as policy_officer (own): refused POST (404) still had its effect" in line for line in failures)
    assert not any("as caseworker (own)" in line for line in failures)


@pytest.mark.urls("opvang.tests.control_urls")
def test_control_every_role_starts_from_fresh_state(world, client) -> None:
    """close_once answers 409 to a second POST: the team lead only gets 302 if the caseworker's
    close was undone before the team lead's turn."""
    route = _control("control_close_once", post_ok=frozenset({302}))
    url = reverse(route.name, kwargs={"pk": world.household_a1.pk})
    assert check_route(route, world, client) == []
    client.force_login(world.caseworker)
    assert client.post(url).status_code == 302
    client.force_login(world.team_lead)
    assert client.post(url).status_code == 409  # what the team lead would get without a fresh state
