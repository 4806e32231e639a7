"""Access-matrix entries of the administration pages (see opvang/tests/matrix.py).

The functional administrator manages the whole network, so for them "other location" and
"other organisation" objects are as reachable as their own; every other role gets 403.
The team lead's pages reach the staff of their own organisation only (404 beyond it).
Objects an action changes are made fresh per case, so no matrix actor is deactivated.
"""

from __future__ import annotations

import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from administration import services
from administration.constants import AccountEventKind
from administration.models import AccountEvent, Invitation
from opvang.models import Location, LocationCapacity, Organisation, Qualification, TrainingRecord, User
from opvang.tests.factories import LocationFactory, OrganisationFactory, UserFactory
from opvang.tests.matrix import Route

ADMIN = frozenset({"admin"})
TEAM_LEAD = frozenset({"team_lead"})
PASSWORD = "Een-lang-en-sterk-wachtwoord-42"


def admin_route(name: str, **fields) -> Route:
    get_ok = fields.pop("get_ok", frozenset({200}))
    post_ok = fields.pop("post_ok", frozenset({302}))
    ok = {"get": get_ok, "post": post_ok}

    def expect(role: str, case: str, method: str):
        # The administrator is not scoped by organisation or location.
        return ok[method] if role == "admin" else None

    return Route(name, roles=ADMIN, get_ok=get_ok, post_ok=post_ok, expect=expect, **fields)


def fresh_organisation(*, active: bool = True):
    def kwargs(world, household) -> dict:
        org = OrganisationFactory(name=f"Zonder dossiers {household.reference}", is_active=active)
        return {"pk": org.pk}

    return kwargs


def fresh_location(*, active: bool = True):
    def kwargs(world, household) -> dict:
        location = LocationFactory(organisation=household.location.organisation, is_active=active)
        return {"pk": location.pk}

    return kwargs


def fresh_member(*, active: bool = True):
    """A new account at the household's location (never one of the matrix's own actors)."""

    def kwargs(world, household) -> dict:
        member = UserFactory(
            organisation=household.location.organisation,
            locations=[household.location],
            is_active=active,
            email="lid@example.org",
        )
        return {"pk": member.pk}

    return kwargs


def location(world, household) -> dict:
    return {"pk": household.location_id}


def invitation_token(world, household) -> dict:
    member = UserFactory(
        organisation=household.location.organisation, locations=[household.location], email="lid@example.org"
    )
    member.set_unusable_password()
    member.save()
    invitation = services.invitation_issue(user=member, actor=world.admin, site_url="http://testserver/")
    # What the worker does when the outbox sends the mail: the token is made then.
    token = services.invitation_mail_send(invitation_id=invitation.pk, site_url="http://testserver/")
    return {"token": token}


def staff_post(c) -> dict:
    return {
        "first_name": "Nieuwe",
        "last_name": "Naam",
        "email": "nieuw@example.org",
        "role": "caseworker",
        "organisation": c.household.location.organisation_id,
        "locations": [c.household.location_id],
    }


def member(c) -> User:
    return User.objects.get(pk=c.kwargs["pk"])


def with_device(c) -> dict:
    TOTPDevice.objects.create(user=member(c), name="Telefoon", confirmed=True)
    return {"reason": "Telefoon kwijt"}


def with_lockout(c) -> dict:
    AccessAttempt.objects.create(
        username=member(c).username,
        ip_address="10.0.0.1",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )
    return {}


def event(c, kind: str) -> bool:
    return AccountEvent.objects.filter(user_id=c.kwargs["pk"], kind=kind).exists()


ROUTES = [
    admin_route("administration:organisation_list", methods=("get",)),
    admin_route(
        "administration:organisation_create",
        post_data=lambda c: {"name": "Nieuwe stichting", "kind": "housing"},
        effect=lambda c: Organisation.objects.filter(name="Nieuwe stichting").exists(),
    ),
    admin_route(
        "administration:organisation_edit",
        kwargs=fresh_organisation(),
        post_data=lambda c: {"name": "Hernoemd", "kind": "ggd", "contact_name": "Contact X"},
        effect=lambda c: Organisation.objects.filter(pk=c.kwargs["pk"], contact_name="Contact X").exists(),
    ),
    admin_route(
        "administration:organisation_deactivate",
        kwargs=fresh_organisation(),
        post_data=lambda c: {},
        effect=lambda c: Organisation.objects.filter(pk=c.kwargs["pk"], is_active=False).exists(),
    ),
    admin_route(
        "administration:organisation_reactivate",
        kwargs=fresh_organisation(active=False),
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: Organisation.objects.filter(pk=c.kwargs["pk"], is_active=True).exists(),
    ),
    admin_route("administration:location_list", methods=("get",)),
    admin_route(
        "administration:location_create",
        post_data=lambda c: {
            "organisation": c.world.org_a.pk,
            "name": "Nieuwe locatie",
            "kind": "mo",
            "municipality": "Haarlem",
            "capacity_places": "10",
            "capacity_units": "4",
        },
        effect=lambda c: LocationCapacity.objects.filter(location__name="Nieuwe locatie", places=10).exists(),
    ),
    admin_route(
        "administration:location_edit",
        kwargs=location,
        post_data=lambda c: {"name": c.household.location.name, "kind": "mo", "municipality": "Zandvoort"},
        effect=lambda c: Location.objects.filter(pk=c.kwargs["pk"], municipality="Zandvoort").exists(),
    ),
    admin_route(
        "administration:location_capacity",
        kwargs=location,
        post_data=lambda c: {"valid_from": "2026-01-01", "places": "12", "units": "4"},
        effect=lambda c: LocationCapacity.objects.filter(
            location_id=c.kwargs["pk"], valid_from=datetime.date(2026, 1, 1), places=12
        ).exists(),
    ),
    admin_route(
        "administration:location_deactivate",
        kwargs=fresh_location(),
        post_data=lambda c: {},
        effect=lambda c: Location.objects.filter(pk=c.kwargs["pk"], is_active=False).exists(),
    ),
    admin_route(
        "administration:location_reactivate",
        kwargs=fresh_location(active=False),
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: Location.objects.filter(pk=c.kwargs["pk"], is_active=True).exists(),
    ),
    admin_route("administration:staff_list", methods=("get",)),
    admin_route(
        "administration:staff_invite",
        post_data=lambda c: {"username": "nieuwe.collega", **staff_post(c)},
        effect=lambda c: Invitation.objects.filter(user__username="nieuwe.collega").exists(),
    ),
    admin_route("administration:staff_detail", kwargs=fresh_member(), methods=("get",)),
    admin_route(
        "administration:staff_edit",
        kwargs=fresh_member(),
        post_data=staff_post,
        effect=lambda c: member(c).last_name == "Naam",
    ),
    admin_route(
        "administration:staff_reinvite",
        kwargs=fresh_member(),
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: Invitation.objects.filter(user_id=c.kwargs["pk"]).exists(),
    ),
    admin_route(
        "administration:staff_deactivate",
        kwargs=fresh_member(),
        post_data=lambda c: {"reason": "Uit dienst"},
        effect=lambda c: not member(c).is_active,
    ),
    admin_route(
        "administration:staff_reactivate",
        kwargs=fresh_member(active=False),
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: member(c).is_active,
    ),
    admin_route(
        "administration:staff_second_factor_reset",
        kwargs=fresh_member(),
        post_data=with_device,
        effect=lambda c: (
            event(c, AccountEventKind.SECOND_FACTOR_RESET)
            and not TOTPDevice.objects.filter(user_id=c.kwargs["pk"]).exists()
        ),
    ),
    admin_route(
        "administration:staff_lockout_lift",
        kwargs=fresh_member(),
        methods=("post",),
        post_data=with_lockout,
        effect=lambda c: (
            event(c, AccountEventKind.LOCKOUT_LIFTED)
            and not AccessAttempt.objects.filter(username=member(c).username).exists()
        ),
    ),
    Route("administration:team_staff", roles=TEAM_LEAD, methods=("get",)),
    Route(
        "administration:training_add",
        roles=TEAM_LEAD,
        kwargs=fresh_member(),
        post_ok=frozenset({302}),
        post_data=lambda c: {"training": "meldcode", "completed_on": "2026-01-10", "expires_on": "2028-01-10"},
        effect=lambda c: TrainingRecord.objects.filter(user_id=c.kwargs["pk"], training="meldcode").exists(),
    ),
    Route(
        "administration:qualification_add",
        roles=TEAM_LEAD,
        kwargs=fresh_member(),
        post_ok=frozenset({302}),
        post_data=lambda c: {"kind": "skj", "number": "SKJ-123", "expires_on": "2028-01-10"},
        effect=lambda c: Qualification.objects.filter(user_id=c.kwargs["pk"], number="SKJ-123").exists(),
    ),
    # The invitation link: anyone may open it (no login); a valid POST sets the password.
    Route(
        "administration:invitation_accept",
        roles=frozenset(),
        public=True,
        kwargs=invitation_token,
        post_data=lambda c: {"new_password1": PASSWORD, "new_password2": PASSWORD},
        effect=lambda c: (
            Invitation.objects.filter(used_at__isnull=False, user__is_active=True).exists()
            and services.invitation_find(c.kwargs["token"]).user.check_password(PASSWORD)
        ),
    ),
]
