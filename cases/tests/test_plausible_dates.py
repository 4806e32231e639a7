"""Plausible dates: nothing planned more than a year ahead, nothing before a person was born."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.constants import Destination, NoteKind, ZrmDomain, ZrmMoment
from cases.note_services import note_add

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 24)
A_YEAR_AHEAD = datetime.date(2027, 11, 24)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def messages(error: ValidationError) -> str:
    return " ".join(m for ms in error.message_dict.values() for m in ms)


def propose(world, planned_on):
    return services.handover_propose(
        household=world.household_a1,
        by=world.caseworker,
        to_organisation=world.org_b,
        planned_on=planned_on,
        consent_given=True,
    )


def test_handover_a_year_ahead_is_accepted_a_day_later_refused(world):
    assert propose(world, A_YEAR_AHEAD).planned_on == A_YEAR_AHEAD
    with pytest.raises(ValidationError) as caught:
        propose(world, A_YEAR_AHEAD + datetime.timedelta(days=1))
    assert "planned_on" in caught.value.message_dict
    assert "meer dan een jaar vooruit (25 november 2027)" in messages(caught.value)


def test_planned_outflow_more_than_a_year_ahead_is_refused(world):
    stay = world.household_a1.stays.get()
    services.stay_plan_outflow(stay=stay, planned_destination=Destination.SOCIAL_RENT, planned_left_on=A_YEAR_AHEAD)
    with pytest.raises(ValidationError) as caught:
        services.stay_plan_outflow(
            stay=stay, planned_destination=Destination.SOCIAL_RENT, planned_left_on=datetime.date(2207, 1, 1)
        )
    assert "planned_left_on" in caught.value.message_dict


def test_zrm_before_the_adults_birth_is_refused_on_the_birthday_accepted(world):
    adult = world.household_a1.adults.get()
    adult.date_of_birth = datetime.date(1990, 5, 17)
    adult.save()

    def zrm(on):
        return services.zrm_record(
            adult=adult, assessed_on=on, moment=ZrmMoment.INTAKE, scores={ZrmDomain.HOUSING: 2}, by=world.caseworker
        )

    with pytest.raises(ValidationError) as caught:
        zrm(datetime.date(1990, 5, 16))
    assert f"voor de geboorte van {adult.first_name} (17 mei 1990)" in messages(caught.value).replace("vóór", "voor")
    assert zrm(datetime.date(1990, 5, 17)).assessed_on == datetime.date(1990, 5, 17)


def test_application_and_admission_before_an_adults_birth_are_refused(world):
    household = world.household_a1
    services.stay_end(stay=household.stays.get(), left_on=TODAY, destination=Destination.SOCIAL_RENT)
    with pytest.raises(ValidationError) as caught:
        services.application_add(household=household, location=world.loc_a1, applied_on=datetime.date(1980, 1, 1))
    assert "applied_on" in caught.value.message_dict


def test_handover_before_a_childs_birth_is_refused(world):
    child = world.household_a1.children.get()
    child.date_of_birth = TODAY - datetime.timedelta(days=10)
    child.save()
    with pytest.raises(ValidationError) as caught:
        services.handover_propose(
            household=world.household_a1,
            by=world.caseworker,
            to_organisation=world.org_b,
            planned_on=TODAY - datetime.timedelta(days=11),
            children=[child],
            consent_given=True,
        )
    assert child.first_name in messages(caught.value)


def test_note_about_a_child_before_its_birth_is_refused(world):
    child = world.household_a1.children.get()
    child.date_of_birth = TODAY - datetime.timedelta(days=2)
    child.save()
    with pytest.raises(ValidationError) as caught:
        note_add(
            household=world.household_a1,
            kind=NoteKind.OBSERVATION,
            contact_at=timezone.now() - datetime.timedelta(days=3),
            text="Observatie.",
            by=world.caseworker,
            child=child,
        )
    assert "contact_at" in caught.value.message_dict


def test_outflow_form_shows_the_dutch_message_on_the_field(client, world):
    household = world.household_a1
    stay = household.stays.get()
    client.force_login(world.caseworker)
    response = client.post(
        reverse("cases:stay_plan_outflow", args=[household.pk, stay.pk]),
        {"planned_destination": Destination.SOCIAL_RENT, "planned_left_on": "2207-01-01"},
    )
    assert response.status_code == 200
    assert (
        "Deze datum ligt meer dan een jaar vooruit (1 januari 2207). Controleer het jaar." in response.content.decode()
    )
    stay.refresh_from_db()
    assert stay.planned_left_on is None
