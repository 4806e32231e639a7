"""The functional administrator makes accounts for chain partners (SWT, CJG, youth care, GGD)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opvang.constants import OrganisationKind, Role
from opvang.models import User
from opvang.tests.factories import OrganisationFactory


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.admin)
    return client


def invite(admin_client, organisation, **overrides):
    data = {
        "username": "karin.cjg",
        "first_name": "Karin",
        "last_name": "de Vries",
        "email": "karin@cjg.example.org",
        "role": Role.CHAIN_PARTNER,
        "organisation": organisation.pk,
        **overrides,
    }
    return admin_client.post(reverse("administration:staff_invite"), data)


def test_an_administrator_makes_a_chain_partner_account_at_a_cjg(world, admin_client) -> None:
    cjg = OrganisationFactory(name="CJG Haarlem", kind=OrganisationKind.CJG)
    response = invite(admin_client, cjg)
    assert response.status_code == 302
    user = User.objects.get(username="karin.cjg")
    assert user.role == Role.CHAIN_PARTNER and user.organisation == cjg
    assert not user.locations.exists() and not user.works_with_cases


def test_a_chain_partner_works_for_a_chain_partner_organisation(world, admin_client) -> None:
    response = invite(admin_client, world.org_a)
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="karin.cjg").exists()
    # Nor at a location of a provider.
    swt = OrganisationFactory(name="SWT Haarlem", kind=OrganisationKind.CHAIN_PARTNER)
    response = invite(admin_client, swt, locations=[world.loc_a1.pk])
    assert response.status_code == 200 and not User.objects.filter(username="karin.cjg").exists()
