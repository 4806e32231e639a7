"""Actors shared by every app's tests.

Organisation A runs locations A1 and A2; organisation B runs B1. The assigned caseworker and a
colleague work at A1, another caseworker at A2, the team lead of A at both; the outsider is a
caseworker of B. Plus the municipal roles, an administrator and an inactive user.
Each location has one household with an adult, a child and an open stay.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cases.models import Household
from cases.tests.factories import AdultClientFactory, BeschikkingFactory, HouseholdFactory, StayFactory
from children.tests.factories import ChildFactory
from opvang.constants import OrganisationKind, Role
from opvang.models import Location, Organisation, User
from opvang.tests.factories import LocationFactory, OrganisationFactory, UserFactory
from plans.tests.partners import PARTNER_ROLES, partner_user
from plans.tests.partners import prepare as prepare_partner


@dataclass
class World:
    org_a: Organisation
    org_b: Organisation
    municipality: Organisation
    loc_a1: Location
    loc_a2: Location
    loc_b1: Location
    caseworker: User
    colleague: User
    caseworker_a2: User
    team_lead: User
    outsider: User
    team_lead_b: User
    policy_officer: User
    contract_manager: User
    participation_council: User
    admin: User
    inactive: User
    household_a1: Household
    household_a2: Household
    household_b1: Household

    def user(self, role_key: str) -> User | None:
        if role_key in PARTNER_ROLES:
            return partner_user(role_key)  # made when first asked for: other tests' worlds stay as they were
        return None if role_key == "anonymous" else getattr(self, role_key)

    def prepare(self, role_key: str) -> None:
        """Before a role's requests in the access matrix: a chain partner gets its place in the
        circle of A1's plan and its consent (plans/tests/partners.py)."""
        prepare_partner(self, role_key)


def make_household(location: Location, reference: str) -> Household:
    household = HouseholdFactory(location=location, reference=reference)
    AdultClientFactory(household=household, first_name="Ouder", last_name=reference)
    ChildFactory(household=household, first_name="Kind", last_name=reference)
    BeschikkingFactory(stay=StayFactory(household=household))
    return household


@pytest.fixture
def world(db) -> World:
    org_a = OrganisationFactory(name="Opvang A")
    org_b = OrganisationFactory(name="Opvang B")
    municipality = OrganisationFactory(name="Gemeente X", kind=OrganisationKind.MUNICIPALITY)
    loc_a1 = LocationFactory(organisation=org_a, name="A1")
    loc_a2 = LocationFactory(organisation=org_a, name="A2")
    loc_b1 = LocationFactory(organisation=org_b, name="B1")
    return World(
        org_a=org_a,
        org_b=org_b,
        municipality=municipality,
        loc_a1=loc_a1,
        loc_a2=loc_a2,
        loc_b1=loc_b1,
        caseworker=UserFactory(username="caseworker", organisation=org_a, locations=[loc_a1]),
        colleague=UserFactory(username="colleague", organisation=org_a, locations=[loc_a1]),
        caseworker_a2=UserFactory(username="caseworker_a2", organisation=org_a, locations=[loc_a2]),
        team_lead=UserFactory(
            username="team_lead", organisation=org_a, role=Role.TEAM_LEAD, locations=[loc_a1, loc_a2]
        ),
        outsider=UserFactory(username="outsider", organisation=org_b, locations=[loc_b1]),
        team_lead_b=UserFactory(username="team_lead_b", organisation=org_b, role=Role.TEAM_LEAD, locations=[loc_b1]),
        policy_officer=UserFactory(username="policy_officer", organisation=municipality, role=Role.POLICY_OFFICER),
        contract_manager=UserFactory(
            username="contract_manager", organisation=municipality, role=Role.CONTRACT_MANAGER
        ),
        participation_council=UserFactory(
            username="participation_council", organisation=municipality, role=Role.PARTICIPATION_COUNCIL
        ),
        admin=UserFactory(username="admin", organisation=org_a, role=Role.ADMIN),
        inactive=UserFactory(username="inactive", organisation=org_a, locations=[loc_a1], is_active=False),
        household_a1=make_household(loc_a1, "HH-2026-00001"),
        household_a2=make_household(loc_a2, "HH-2026-00002"),
        household_b1=make_household(loc_b1, "HH-2026-00003"),
    )


@pytest.fixture
def broker(tmp_path, monkeypatch):
    """A Redis of the test's own with the Celery app publishing to it for real (not eager); the
    fault tests stop and start it (opvang/tests/faultservices.py)."""
    from opvang.tests.faultservices import RedisServer, celery_publishing_to

    server = RedisServer(tmp_path / "redis.log")
    server.start()
    with celery_publishing_to(server, monkeypatch):
        yield server
