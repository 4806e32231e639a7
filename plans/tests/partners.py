"""Chain partners for the access matrix and the scope-leak scan.

Three partner accounts, each failing one rule of plans.access less than the one before:
- ``partner`` (CJG): in the circle of household A1's open plan, with a parent's consent for CJG;
- ``partner_no_consent`` (SWT): in that circle too, but the parent's consent for SWT was withdrawn;
- ``partner_other_org`` (youth care): consent for youth care is recorded, but they are not in the circle.
So only ``partner`` may read A1's plan; nobody reads A2's or B1's. The accounts are made the first time
they are asked for (``World.user``); ``prepare`` gives them their place and consent, on whatever open plan
household A1 has at that moment (none: nothing to prepare, every case route refuses partners anyway).
"""

from __future__ import annotations

import datetime

from opvang.constants import OrganisationKind, Role
from opvang.models import Organisation, User
from opvang.tests.factories import OrganisationFactory, UserFactory
from plans import services
from plans.constants import OPEN_PLAN_STATUSES, Relation
from plans.models import Participant, Plan, PlanConsent, PlanVersion

PARTNER_ROLES = ("partner", "partner_no_consent", "partner_other_org")
ORGANISATION = {
    "partner": ("CJG Kennemerland", OrganisationKind.CJG),
    "partner_no_consent": ("Sociaal Wijkteam Haarlem", OrganisationKind.CHAIN_PARTNER),
    "partner_other_org": ("Jeugdzorg Kennemerland", OrganisationKind.YOUTH_CARE),
}
GIVEN_ON = datetime.date(2026, 1, 10)


def organisation_for(role_key: str) -> Organisation:
    name, kind = ORGANISATION[role_key]
    return OrganisationFactory(name=name, kind=kind)


def partner_user(role_key: str) -> User:
    """The account of this partner role, made the first time it is asked for."""
    user = User.objects.filter(username=role_key).first()
    return user or UserFactory(username=role_key, organisation=organisation_for(role_key), role=Role.CHAIN_PARTNER)


def link_partner(plan_version: PlanVersion, user: User, *, name: str = "") -> Participant:
    """Put the partner in the circle of this version (any state: a test's shortcut past the draft rule)."""
    existing = plan_version.participants.filter(user=user).first()
    if existing is not None:
        return existing
    return Participant.objects.create(
        plan_version=plan_version,
        name=name or f"{user} ({user.organisation})",
        relation=Relation.CJG,
        kind="professional",
        user=user,
        organisation=user.organisation,
        position=99,
    )


def give_consent(household, organisation: Organisation, *, withdrawn: bool = False) -> PlanConsent:
    adult = household.adults.first()
    consent = PlanConsent.objects.filter(
        organisation=organisation, adult=adult, withdrawn_on__isnull=True
    ).first() or services.plan_consent_give(
        household=household, organisation=organisation, adult=adult, given_on=GIVEN_ON
    )
    if withdrawn:
        services.plan_consent_withdraw(consent=consent)
    return consent


def prepare(world, role_key: str) -> None:
    """Give a partner role its place in household A1's plan and its consent (see the docstring)."""
    if role_key not in PARTNER_ROLES:
        return
    household = world.household_a1
    user = partner_user(role_key)
    give_consent(household, user.organisation, withdrawn=role_key == "partner_no_consent")
    plan = Plan.objects.filter(household=household, status__in=OPEN_PLAN_STATUSES).first()
    if plan is None or role_key == "partner_other_org":
        return
    newest = PlanVersion.objects.filter(plan=plan).order_by("-number").first()
    assert newest is not None  # plan_create makes the first version with the plan
    link_partner(newest, user)
