"""No page, list, search result, export or PDF shows a client outside the user's scope.

Driven by the access matrix: every GET route is opened by each role that may open it, on its own
objects, and the response (PDF text included) is searched for the other organisation's household.
In the world fixture that household's reference is also part of its adult's and child's names,
so one string catches the reference and the names alike.
"""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from .matrix import HOUSEHOLD_FOR_CASE
from .test_access_matrix import ROUTES

ROLES = ("caseworker", "team_lead", "policy_officer", "contract_manager", "admin")
# The functional administrator's access-log search spans the installation by design (an auditor
# of every organisation's files); it shows household references and staff, never client names.
INSTALLATION_WIDE = {"privacy:access_log_search"}
GET_ROUTES = sorted(
    name
    for name, route in ROUTES.items()
    if "get" in route.methods and not route.public and name not in INSTALLATION_WIDE
)


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


@pytest.mark.parametrize("route_name", GET_ROUTES)
def test_no_client_of_another_organisation_appears(route_name: str, world, client) -> None:
    route = ROUTES[route_name]
    own = getattr(world, HOUSEHOLD_FOR_CASE["own"])
    outsider = world.household_b1
    kwargs = route.kwargs(world, own) if route.kwargs else {}
    url = reverse(route_name, kwargs=kwargs)
    render_for_real(route_name, kwargs)
    # Searches and filters: ask for the outsider, as a curious user would — with fragments, so
    # that the page echoing the query back is not mistaken for a leak of the full reference.
    outsider.adults.update(first_name="Zwartkop")
    outsider.children.update(first_name="Zwartkop")
    fragment = outsider.reference[-5:]
    queries = [{}, {"q": fragment}, {"q": "Zwartkop"}, {"name": "Zwartkop"}, {"reference": fragment}]
    leaks = []
    for role in ROLES:
        if role not in route.roles:
            continue
        client.force_login(world.user(role))
        for query in queries:
            response = client.get(url, query)
            if response.status_code != 200:
                continue
            if outsider.reference in response_text(response):
                leaks.append(f"{role} {url}?{query}")
    assert not leaks, "another organisation's client is shown: " + ", ".join(leaks)


def test_installation_wide_log_shows_no_client_names(world, client) -> None:
    client.force_login(world.outsider)
    client.get(reverse("cases:household_detail", args=[world.household_b1.pk]))
    world.household_b1.adults.update(first_name="Zwartkop")
    client.force_login(world.admin)
    page = response_text(client.get(reverse("privacy:access_log_search")))
    assert world.household_b1.reference in page  # the auditor sees which file was opened …
    assert "Zwartkop" not in page and "Ouder" not in page  # … but not whose it is


def test_the_leak_check_would_see_a_leak(world, client) -> None:
    """The search string is really on the outsider's own page: the test above can fail."""
    client.force_login(world.outsider)
    response = client.get(reverse("cases:household_detail", args=[world.household_b1.pk]))
    assert world.household_b1.reference in response_text(response)
