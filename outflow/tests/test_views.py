"""Housing outflow through the browser's eyes: a household from ready to move through an
application, an offer and departure to a destination municipality; the quota page."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from outflow.constants import HousingOutcome
from outflow.models import HousingApplication, HousingQuota, ReadyToMove
from outflow.tests.factories import CorporationFactory, ReadyToMoveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_household_goes_from_ready_to_move_to_a_home_in_another_municipality(client, world) -> None:
    client.force_login(world.caseworker)
    household = world.household_a1
    detail = reverse("cases:household_detail", args=[household.pk])
    corporation = CorporationFactory(name="Pré Wonen")

    response = client.post(
        reverse("outflow:ready_to_move", args=[household.pk]), {"ready_on": "2026-08-01", "notes": "Zelfstandig"}
    )
    assert response.status_code == 302
    assert ReadyToMove.objects.get(household=household).decided_by == world.caseworker

    response = client.post(
        reverse("outflow:housing_application_add", args=[household.pk]),
        {"kind": "urgency", "municipality": "Heemstede", "corporation": corporation.pk, "applied_on": "2026-08-03"},
    )
    assert response.status_code == 302
    application = HousingApplication.objects.get(household=household)

    page = client.get(detail).content.decode()
    assert "Pré Wonen" in page and "Heemstede" in page
    # Ready since 1 August, no offer: more than 60 days on 24 November.
    caseload = client.get(reverse("cases:caseload")).content.decode()
    assert "Langer dan 60 dagen woonklaar, geen aanbod" in caseload

    edit = reverse("outflow:housing_application_edit", args=[household.pk, application.pk])
    response = client.post(
        edit,
        {
            "decision": "granted",
            "decided_on": "2026-09-01",
            "offer": "Driekamerwoning",
            "offered_on": "2026-10-01",
            "outcome": "housed",
            "outcome_on": "2026-10-05",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.outcome == HousingOutcome.HOUSED

    stay = household.stays.get()
    response = client.post(
        reverse("cases:stay_end", args=[household.pk, stay.pk]),
        {"left_on": "2026-11-01", "destination": "own_rental_urgency", "destination_municipality": "Heemstede"},
    )
    assert response.status_code == 302
    stay.refresh_from_db()
    assert (stay.destination, stay.destination_municipality) == ("own_rental_urgency", "Heemstede")
    assert "Heemstede" in client.get(detail).content.decode()


def test_an_incomplete_outcome_is_shown_on_the_form(client, world) -> None:
    client.force_login(world.caseworker)
    household = world.household_a1
    application = HousingApplication.objects.create(
        household=household,
        stay=household.stays.get(),
        kind="social_rent",
        municipality="Haarlem",
        applied_on=datetime.date(2026, 9, 1),
    )
    response = client.post(
        reverse("outflow:housing_application_edit", args=[household.pk, application.pk]),
        {"decision": "pending", "outcome": "housed", "outcome_on": "2026-10-05"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["offered_on"]


def test_the_housing_card_shows_who_decided(client, world) -> None:
    client.force_login(world.team_lead)
    household = world.household_a2
    ReadyToMoveFactory(stay=household.stays.get(), ready_on=datetime.date(2026, 10, 1), decided_by=world.caseworker_a2)
    page = client.get(reverse("cases:household_detail", args=[household.pk])).content.decode()
    assert str(world.caseworker_a2) in page


def test_policy_officer_records_a_quota(client, world) -> None:
    client.force_login(world.policy_officer)
    corporation = CorporationFactory(name="Elan Wonen")
    response = client.post(
        reverse("outflow:quota_set"),
        {"corporation": corporation.pk, "municipality": "Haarlem", "year": 2026, "homes": 30},
    )
    assert response.status_code == 302
    assert HousingQuota.objects.get().homes == 30
    page = client.get(reverse("outflow:quota_set")).content.decode()
    assert "Elan Wonen" in page
