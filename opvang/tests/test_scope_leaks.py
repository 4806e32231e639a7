"""No page, list, search result, export or PDF shows a client outside the user's scope.

Driven by the access matrix: every GET route is opened by each role that may open it, on its own
objects, and the response (PDF text included) is searched for the other organisation's household,
and — for roles that may not open the other location's files (a caseworker at A1) — for the
household at the other location of the same organisation (A2). In the world fixture a household's
reference is also part of its adult's and child's names, so one string catches the reference and
the names alike. A route that renders for nobody fails: a page never looked at proves nothing.
"""

from __future__ import annotations

import io
import json
import os

import pytest
from django.urls import reverse
from pypdf import PdfReader

from .matrix import CASE_ROLES, HOUSEHOLD_FOR_CASE, Route, allowed, expected
from .test_access_matrix import ROUTES

ROLES = ("caseworker", "team_lead", "policy_officer", "contract_manager", "participation_council", "admin", "partner")
# The functional administrator's access-log search spans the installation by design (an auditor
# of every organisation's files); it shows household references and staff, never client names.
INSTALLATION_WIDE = {"privacy:access_log_search"}
# The API's catch-all for unknown paths answers 404 to everyone: it has no page to scan.
NOTHING_TO_RENDER = {"api:not_found"}
GET_ROUTES = sorted(
    name
    for name, route in ROUTES.items()
    if "get" in route.methods and not route.public and name not in INSTALLATION_WIDE | NOTHING_TO_RENDER
)
# The first name a curious user searches for, given to the members of the households out of scope.
SEARCH_NAME = "Zwartkop"


def render_for_real(route_name: str, kwargs: dict) -> None:
    """The matrix stores a stub PDF for speed; here the real one must be rendered and read."""
    if route_name == "reports:snapshot_pdf":
        from reports.models import ReportSnapshot

        ReportSnapshot.objects.filter(pk=kwargs["pk"]).update(pdf=None)


def response_text(response) -> str:
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("application/pdf"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if content_type.startswith("application/json"):
        return json.dumps(json.loads(body), ensure_ascii=False)
    return body.decode("utf-8", errors="replace")


def out_of_scope(route: Route, role: str) -> list[str]:
    """The world's households this role must not see on this route's pages."""
    hidden = ["household_b1"]
    if role not in route.other_location_roles:
        hidden.append("household_a2")
    return hidden


def scan(route: Route, world, client) -> tuple[bool, list[str]]:
    """Open the route as every staff role that may; (rendered at least once, leaks found)."""
    kwargs = route.kwargs(world, getattr(world, HOUSEHOLD_FOR_CASE["own"])) if route.kwargs else {}
    url = reverse(route.name, kwargs=kwargs)
    render_for_real(route.name, kwargs)
    # Searches and filters: ask for the hidden households, as a curious user would. Their members share
    # one first name, and the reference fragment is common to every household of the world (the user's
    # own included), so five queries ask for both; a fragment, so that the page echoing the query
    # back is not mistaken for a leak of a full reference.
    for key in ("household_b1", "household_a2"):
        getattr(world, key).adults.update(first_name=SEARCH_NAME)
        getattr(world, key).children.update(first_name=SEARCH_NAME)
    fragment = os.path.commonprefix(
        [world.household_a1.reference, world.household_a2.reference, world.household_b1.reference]
    )
    queries = [{}, {"q": fragment}, {"q": SEARCH_NAME}, {"name": SEARCH_NAME}, {"reference": fragment}]
    # A page that is a redirect by design (get_ok without 200) is followed to where it leads.
    follow = 200 not in route.get_ok
    rendered, leaks = False, []
    for role in ROLES:
        if not allowed(expected(route, role, "own", "get")):
            continue
        client.logout()
        # An API route authenticates by its headers (the role's token), not the session.
        headers = route.headers(world, world.user(role)) if route.headers else {}
        if route.headers is None:
            client.force_login(world.user(role))
        world.prepare(role)  # the chain partner's place in A1's plan and its consent
        hidden = {key: getattr(world, key).reference for key in out_of_scope(route, role)}
        for query in queries:
            response = client.get(url, query, follow=follow, headers=headers)
            if response.status_code != 200:
                continue
            rendered = True
            text = response_text(response)
            leaks += [f"{role} {url}?{query} shows {key}" for key, reference in hidden.items() if reference in text]
    return rendered, leaks


@pytest.mark.parametrize("route_name", GET_ROUTES)
def test_no_client_out_of_scope_appears(route_name: str, world, client) -> None:
    rendered, leaks = scan(ROUTES[route_name], world, client)
    assert rendered, f"{route_name}: no allowed role got a 200 from it, so nothing was checked"
    assert not leaks, "a client out of scope is shown: " + ", ".join(leaks)


def test_installation_wide_log_shows_no_client_names(world, client) -> None:
    client.force_login(world.outsider)
    client.get(reverse("cases:household_detail", args=[world.household_b1.pk]))
    world.household_b1.adults.update(first_name="Zwartkop")
    client.force_login(world.admin)
    page = response_text(client.get(reverse("privacy:access_log_search")))
    assert world.household_b1.reference in page  # the auditor sees which file was opened …
    assert "Zwartkop" not in page and "Ouder" not in page  # … but not whose it is


# --- Negative controls: the check above can fail --------------------------------------------------


def test_control_the_search_strings_are_on_the_hidden_households_pages(world, client) -> None:
    """The strings searched for really are on those households' own pages."""
    client.force_login(world.outsider)
    response = client.get(reverse("cases:household_detail", args=[world.household_b1.pk]))
    assert world.household_b1.reference in response_text(response)
    client.force_login(world.caseworker_a2)
    response = client.get(reverse("cases:household_detail", args=[world.household_a2.pk]))
    assert world.household_a2.reference in response_text(response)


@pytest.mark.urls("opvang.tests.control_urls")
def test_control_a_page_listing_every_household_is_reported(world, client) -> None:
    rendered, leaks = scan(Route("control_every_household", roles=CASE_ROLES), world, client)
    assert rendered
    assert any(leak.startswith("caseworker") and leak.endswith("shows household_b1") for leak in leaks)
    assert any(leak.startswith("caseworker") and leak.endswith("shows household_a2") for leak in leaks)
    assert any(leak.startswith("team_lead") and leak.endswith("shows household_b1") for leak in leaks)
    # The team lead may see the other location's file: not a leak.
    assert not any(leak.startswith("team_lead") and leak.endswith("shows household_a2") for leak in leaks)


@pytest.mark.urls("opvang.tests.control_urls")
def test_control_a_page_that_renders_for_nobody_is_reported(world, client) -> None:
    rendered, leaks = scan(Route("control_redirects_everyone", roles=CASE_ROLES), world, client)
    assert not rendered and not leaks
