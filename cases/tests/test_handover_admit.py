"""A handover that ends in a new stay: the receiving caseworker admits the household at their
location; the old stay ends with 'other shelter', the beschikking continues or a new one starts,
the handover is completed and the sending organisation can no longer open the file."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases import services
from cases.constants import BeschikkingKind, Destination, HandoverStatus, HouseholdStatus
from cases.models import Beschikking, Household
from cases.tests.factories import HandoverFactory

pytestmark = pytest.mark.django_db

ADMITTED_ON = datetime.date(2026, 11, 2)


@pytest.fixture
def accepted(world):
    """A1's household, handed over to organisation B and accepted by its caseworker at B1."""
    Beschikking.objects.filter(stay__household=world.household_a1).update(end_on=datetime.date(2027, 3, 1))
    handover = HandoverFactory(
        household=world.household_a1, from_professional=world.caseworker, to_organisation=world.org_b
    )
    services.handover_accept(handover=handover, by=world.outsider)
    return handover


def opens(client, user, household) -> int:
    client.force_login(user)
    return client.get(reverse("cases:household_detail", args=[household.pk])).status_code


def test_admission_ends_the_old_stay_starts_a_new_one_and_completes_the_handover(client, world, accepted):
    household = world.household_a1
    old_stay = household.stays.get()
    assert opens(client, world.caseworker, household) == 200  # the sender reads until completion

    stay = services.handover_admit(handover=accepted, by=world.outsider, location=world.loc_b1, admitted_on=ADMITTED_ON)

    old_stay.refresh_from_db()
    assert old_stay.left_on == ADMITTED_ON
    assert old_stay.destination == Destination.OTHER_SHELTER
    assert stay.location == world.loc_b1 and stay.admitted_on == ADMITTED_ON and stay.left_on is None
    kept = stay.beschikkingen.get()
    assert (kept.start_on, kept.end_on, kept.kind) == (ADMITTED_ON, datetime.date(2027, 3, 1), BeschikkingKind.VO)
    household = Household.objects.get(pk=household.pk)
    assert household.organisation == world.org_b and household.location == world.loc_b1
    assert household.status == HouseholdStatus.IN_SHELTER
    accepted.refresh_from_db()
    assert accepted.status == HandoverStatus.COMPLETED and accepted.completed_on == ADMITTED_ON
    # The sending side's read access has ended; the receiving side now owns the file.
    assert opens(client, world.caseworker, household) == 404
    assert opens(client, world.team_lead, household) == 404
    assert opens(client, world.outsider, household) == 200


def test_a_new_beschikking_of_six_months(world, accepted):
    stay = services.handover_admit(
        handover=accepted,
        by=world.outsider,
        location=world.loc_b1,
        admitted_on=ADMITTED_ON,
        beschikking=services.HANDOVER_BESCHIKKING_NEW,
        kind=BeschikkingKind.MO,
        months=6,
    )
    new = stay.beschikkingen.get()
    assert (new.kind, new.start_on, new.end_on, new.original_end_on) == (
        BeschikkingKind.MO,
        ADMITTED_ON,
        datetime.date(2027, 5, 2),
        datetime.date(2027, 5, 2),
    )


def test_an_ended_beschikking_cannot_continue(world, accepted):
    Beschikking.objects.filter(stay__household=world.household_a1).update(end_on=ADMITTED_ON)
    with pytest.raises(ValidationError):
        services.handover_admit(handover=accepted, by=world.outsider, location=world.loc_b1, admitted_on=ADMITTED_ON)
    assert world.household_a1.stays.get().left_on is None  # atomic: nothing changed


def test_only_the_receiving_side_after_acceptance_admits(world, accepted):
    with pytest.raises(ValidationError):
        services.handover_admit(handover=accepted, by=world.caseworker, location=world.loc_a1, admitted_on=ADMITTED_ON)
    with pytest.raises(ValidationError):  # not one of the receiving organisation's locations
        services.handover_admit(handover=accepted, by=world.team_lead_b, location=world.loc_a1, admitted_on=ADMITTED_ON)
    proposed = HandoverFactory(
        household=world.household_a2, from_professional=world.caseworker_a2, to_organisation=world.org_b
    )
    with pytest.raises(ValidationError):
        services.handover_admit(handover=proposed, by=world.outsider, location=world.loc_b1, admitted_on=ADMITTED_ON)


def test_the_handover_page_shows_each_side_its_next_step(client, world, accepted):
    url = reverse("cases:handover_detail", args=[accepted.pk])
    admit_url = reverse("cases:handover_admit", args=[accepted.pk])
    client.force_login(world.outsider)
    page = client.get(url).content.decode()
    assert admit_url in page and "Opnemen op B1" in page
    client.force_login(world.caseworker)
    page = client.get(url).content.decode()
    assert admit_url not in page
    assert "Wacht op opname door de ontvangende organisatie" in page

    client.force_login(world.outsider)
    response = client.post(
        admit_url,
        {"location": world.loc_b1.pk, "admitted_on": ADMITTED_ON.isoformat(), "beschikking": "continue", "months": "3"},
    )
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.status == HandoverStatus.COMPLETED
    assert admit_url not in client.get(url).content.decode()

    client.force_login(world.caseworker)  # the sender still sees the handover itself, completed
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("cases:household_detail", args=[world.household_a1.pk]) not in page
    assert "Afgerond: het gezin is opgenomen bij" in page
    assert client.get(admit_url).status_code in (403, 404)


def test_the_receiving_professional_becomes_a_face_for_each_child(world, accepted):
    from cases.models import Involvement
    from children.tests.factories import ChildFactory
    from reports.periods import Period, Scope
    from reports.services import compute_values

    household = world.household_a1
    ChildFactory(household=household, first_name="Tweede", date_of_birth=datetime.date(2020, 5, 1))
    # The sending mentor met the first child at A1 until two days before the admission.
    first = household.children.order_by("pk").first()
    Involvement.objects.create(
        household=household,
        child=first,
        user=world.caseworker,
        role="mentor",
        started_on=datetime.date(2026, 1, 10),
        ended_on=datetime.date(2026, 10, 31),
    )

    services.handover_admit(handover=accepted, by=world.outsider, location=world.loc_b1, admitted_on=ADMITTED_ON)

    new = Involvement.objects.filter(household=household, user=world.outsider)
    assert sorted(new.values_list("child_id", flat=True)) == sorted(household.children.values_list("pk", flat=True))
    assert set(new.values_list("started_on", "ended_on")) == {(ADMITTED_ON, None)}
    # November at B1: A1's two children each meet one face (the receiving professional; the
    # sender's involvement ended before the new stay), B1's own child none. Median of 0, 1, 1 = 1.
    values = compute_values(Scope.for_location(world.loc_b1), Period.month(2026, 11))
    assert values["faces_median"] == {"value": 1.0, "num": None, "den": 3}
    # At A1 in October the first child met the sending mentor (one face), the second no one: 0.5.
    values = compute_values(Scope.for_location(world.loc_a1), Period.month(2026, 10))
    assert values["faces_median"] == {"value": 0.5, "num": None, "den": 2}
