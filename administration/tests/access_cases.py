"""Access-matrix entries of the administration pages (see opvang/tests/matrix.py).

The functional administrator manages the whole network, so for them "other location" and
"other organisation" objects are as reachable as their own; every other role gets 403.
The team lead's pages reach the staff of their own organisation only (404 beyond it).
"""

from __future__ import annotations

from opvang.tests.factories import UserFactory
from opvang.tests.matrix import Route

ADMIN = frozenset({"admin"})


def admin_route(name: str, *, kwargs=None, methods=("get", "post"), post_data=None, get_ok=None, post_ok=None) -> Route:
    ok = {"get": get_ok or frozenset({200}), "post": post_ok or frozenset({200, 302})}

    def expect(role: str, case: str, method: str):
        # The administrator is not scoped by organisation or location.
        return ok[method] if role == "admin" else None

    return Route(
        name,
        roles=ADMIN,
        kwargs=kwargs,
        methods=methods,
        post_data=post_data,
        get_ok=ok["get"],
        post_ok=ok["post"],
        expect=expect,
    )


def organisation(world, household) -> dict:
    return {"pk": household.location.organisation_id}


def location(world, household) -> dict:
    return {"pk": household.location_id}


def staff_member(world, household) -> dict:
    """A fresh account at the household's location (not one of the matrix's own actors)."""
    member = UserFactory(organisation=household.location.organisation, locations=[household.location])
    return {"pk": member.pk}


def staff_post(world, household) -> dict:
    return {
        "first_name": "Nieuwe",
        "last_name": "Naam",
        "email": "nieuw@example.org",
        "role": "caseworker",
        "organisation": household.location.organisation_id,
        "locations": [household.location_id],
    }


ROUTES = [
    admin_route("administration:organisation_list", methods=("get",)),
    admin_route(
        "administration:organisation_create", post_data=lambda w, h: {"name": "Nieuwe stichting", "kind": "housing"}
    ),
    admin_route(
        "administration:organisation_edit",
        kwargs=organisation,
        post_data=lambda w, h: {"name": h.location.organisation.name, "kind": "shelter_provider", "contact_name": "X"},
    ),
    # Each organisation has an open file in the world: deactivation is refused (page shown again).
    admin_route("administration:organisation_deactivate", kwargs=organisation, post_data=lambda w, h: {}),
    admin_route("administration:organisation_reactivate", kwargs=organisation, methods=("post",)),
    admin_route("administration:location_list", methods=("get",)),
    admin_route(
        "administration:location_create",
        post_data=lambda w, h: {
            "organisation": w.org_a.pk,
            "name": "Nieuwe locatie",
            "kind": "mo",
            "municipality": "Haarlem",
            "capacity_places": "10",
            "capacity_units": "4",
        },
    ),
    admin_route(
        "administration:location_edit",
        kwargs=location,
        post_data=lambda w, h: {"name": h.location.name, "kind": "mo", "municipality": "Haarlem"},
    ),
    admin_route(
        "administration:location_capacity",
        kwargs=location,
        post_data=lambda w, h: {"valid_from": "2026-01-01", "places": "12", "units": "4"},
    ),
    admin_route("administration:location_deactivate", kwargs=location, post_data=lambda w, h: {}),
    admin_route("administration:location_reactivate", kwargs=location, methods=("post",)),
    admin_route("administration:staff_list", methods=("get",)),
    admin_route(
        "administration:staff_invite",
        post_data=lambda w, h: {"username": "nieuwe.collega", **staff_post(w, h)},
    ),
    admin_route("administration:staff_detail", kwargs=staff_member, methods=("get",)),
    admin_route("administration:staff_edit", kwargs=staff_member, post_data=staff_post),
    admin_route("administration:staff_reinvite", kwargs=staff_member, methods=("post",)),
    admin_route(
        "administration:staff_deactivate", kwargs=staff_member, post_data=lambda w, h: {"reason": "Uit dienst"}
    ),
    admin_route("administration:staff_reactivate", kwargs=staff_member, methods=("post",)),
    admin_route(
        "administration:staff_second_factor_reset",
        kwargs=staff_member,
        post_data=lambda w, h: {"reason": "Telefoon kwijt"},
    ),
    admin_route("administration:staff_lockout_lift", kwargs=staff_member, methods=("post",)),
    Route("administration:team_staff", roles=frozenset({"team_lead"}), methods=("get",)),
    Route(
        "administration:training_add",
        roles=frozenset({"team_lead"}),
        kwargs=staff_member,
        post_data=lambda w, h: {"training": "meldcode", "completed_on": "2026-01-10", "expires_on": "2028-01-10"},
    ),
    Route(
        "administration:qualification_add",
        roles=frozenset({"team_lead"}),
        kwargs=staff_member,
        post_data=lambda w, h: {"kind": "skj", "number": "SKJ-123", "expires_on": "2028-01-10"},
    ),
    # The invitation link: anyone may open it; an unknown token gets the "no longer works" page.
    Route("administration:invitation_accept", roles=frozenset(), public=True, kwargs=lambda w, h: {"token": "x" * 43}),
]
