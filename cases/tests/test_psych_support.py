"""Referrals of adults for psychological support (POH-GGZ, GGZ) during and after the stay."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases import services
from cases.constants import Destination, PsychSupportKind, PsychSupportOutcome
from cases.models import PsychSupportReferral
from cases.support_services import psych_referral_record, psych_referral_update

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 3)
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(datetime.datetime(2026, 12, 3, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def refer(adult, **fields):
    data = {
        "kind": PsychSupportKind.POH_GGZ,
        "referred_on": D(2026, 10, 1),
        "reason": "Slaapt slecht, piekert veel",
        "referred_by": None,
    } | fields
    return psych_referral_record(adult=adult, **data)


def test_a_referral_with_its_start_end_and_outcome(world):
    adult = world.household_a1.adults.get()
    referral = refer(adult, provider="  Huisartsenpraktijk Duin  ", referred_by=world.caseworker)
    assert (referral.provider, referral.referred_by, referral.started_on) == (
        "Huisartsenpraktijk Duin",
        world.caseworker,
        None,
    )
    referral = psych_referral_update(
        referral=referral,
        kind=PsychSupportKind.GGZ_BASIC,
        referred_on=D(2026, 10, 1),
        reason=referral.reason,
        started_on=D(2026, 10, 15),
        ended_on=D(2026, 11, 30),
        outcome=PsychSupportOutcome.COMPLETED,
        notes="Zes gesprekken",
    )
    referral.refresh_from_db()
    assert (referral.kind, referral.started_on, referral.ended_on, referral.outcome) == (
        PsychSupportKind.GGZ_BASIC,
        D(2026, 10, 15),
        D(2026, 11, 30),
        PsychSupportOutcome.COMPLETED,
    )


def test_the_support_may_be_referred_start_and_end_after_the_stay(world):
    household = world.household_a1
    services.stay_end(stay=household.stays.get(), left_on=D(2026, 9, 1), destination=Destination.SOCIAL_RENT)
    referral = refer(household.adults.get(), referred_on=D(2026, 10, 1), started_on=D(2026, 10, 20))
    assert referral.started_on == D(2026, 10, 20)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"referred_on": TODAY + datetime.timedelta(days=1)}, "referred_on"),
        ({"started_on": TODAY + datetime.timedelta(days=1)}, "started_on"),
        ({"started_on": D(2026, 10, 2), "ended_on": TODAY + datetime.timedelta(days=1)}, "ended_on"),
        ({"started_on": D(2026, 9, 30)}, "started_on"),  # before the referral
        ({"started_on": D(2026, 10, 10), "ended_on": D(2026, 10, 9)}, "ended_on"),  # before the start
        ({"ended_on": D(2026, 10, 9)}, "started_on"),  # an end without a start
        ({"reason": "   "}, "reason"),
        ({"outcome": PsychSupportOutcome.COMPLETED}, "ended_on"),
        ({"started_on": D(2026, 10, 2), "outcome": PsychSupportOutcome.NOT_STARTED}, "outcome"),
        ({"referred_on": D(1950, 1, 1)}, "referred_on"),  # before the client was born
    ],
)
def test_impossible_dates_and_missing_facts_are_refused(world, fields, field):
    with pytest.raises(ValidationError) as refused:
        refer(world.household_a1.adults.get(), **fields)
    assert field in refused.value.message_dict
    assert not PsychSupportReferral.objects.exists()


def test_boundary_dates_are_accepted(world):
    """Started on the referral day, ended on the start day, everything today."""
    referral = refer(world.household_a1.adults.get(), referred_on=TODAY, started_on=TODAY, ended_on=TODAY)
    assert referral.ended_on == TODAY


def test_the_caseworker_refers_from_the_household_page_and_sees_it_there(client, world):
    household = world.household_a1
    adult = household.adults.get()
    client.force_login(world.caseworker)
    page = client.get(reverse("cases:household_detail", args=[household.pk])).content.decode()
    add_url = reverse("cases:psych_referral_add", args=[household.pk])
    assert add_url in page and "Geen verwijzingen voor psychologische hulp." in page
    response = client.post(
        add_url,
        {
            "adult": adult.pk,
            "kind": "ggz_specialised",
            "provider": "GGZ Kennemerland",
            "referred_on": "2026-11-02",
            "reason": "Herbelevingen na geweld",
        },
    )
    assert response.status_code == 302
    referral = PsychSupportReferral.objects.get()
    assert referral.referred_by == world.caseworker and referral.adult == adult
    page = client.get(reverse("cases:household_detail", args=[household.pk])).content.decode()
    assert "GGZ Kennemerland" in page and "Specialistische GGZ" in page and "Herbelevingen na geweld" in page

    edit_url = reverse("cases:psych_referral_edit", args=[referral.pk])
    assert edit_url in page
    response = client.post(
        edit_url,
        {
            "kind": "ggz_specialised",
            "provider": "GGZ Kennemerland",
            "referred_on": "2026-11-02",
            "reason": "Herbelevingen na geweld",
            "started_on": "2026-11-01",  # before the referral: refused on the form
        },
    )
    assert response.status_code == 200
    assert "De hulp kan niet beginnen vóór de verwijzing." in response.content.decode()
    referral.refresh_from_db()
    assert referral.started_on is None


def test_the_reason_stays_out_of_the_audit_log(world):
    refer(world.household_a1.adults.get(), reason="Suïcidale gedachten")
    entry = LogEntry.objects.get(content_type__model="psychsupportreferral")
    assert "Suïcidale gedachten" not in str(entry.changes)


def test_a_colleague_at_another_location_and_other_organisations_cannot_open_it(client, world):
    referral = refer(world.household_a1.adults.get())
    url = reverse("cases:psych_referral_edit", args=[referral.pk])
    for user in (world.caseworker_a2, world.outsider, world.policy_officer):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(world.colleague)
    assert client.get(url).status_code == 200
