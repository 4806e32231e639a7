"""The daily digest names an expired beschikking "verlopen" (not "loopt binnen 14 dagen af"), also
with an outflow planned, until the beschikking is extended (issue 11)."""

from __future__ import annotations

import datetime

import pytest

from cases import services
from cases.constants import Destination, ExtensionReason
from cases.models import Beschikking
from reports.selectors import caseworker_signals

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 4, 10)


def kinds(world) -> set[str]:
    return {signal for signal, reference, _ in caseworker_signals(DAY).get(world.caseworker.pk, [])}


def test_expired_beschikking_in_the_digest_until_extended(world):
    world.household_a1.adults.update(caseworker=world.caseworker)
    world.household_a1.children.update(intake_on=DAY)
    stay = world.household_a1.stays.get()
    beschikking = Beschikking.objects.get(stay=stay)
    for end_on, expected in [
        (DAY + datetime.timedelta(days=15), set()),
        (DAY + datetime.timedelta(days=14), {"beschikking_ending"}),
        (DAY, {"beschikking_ending"}),
        (DAY - datetime.timedelta(days=1), {"beschikking_expired"}),
    ]:
        beschikking.end_on = end_on
        beschikking.save()
        assert kinds(world) & {"beschikking_ending", "beschikking_expired"} == expected, end_on
    services.stay_plan_outflow(stay=stay, planned_destination=Destination.SOCIAL_RENT, planned_left_on=DAY)
    assert "beschikking_expired" in kinds(world)
    beschikking.refresh_from_db()
    services.beschikking_extend(
        beschikking=beschikking,
        new_end_on=DAY + datetime.timedelta(days=60),
        reason=ExtensionReason.CARE,
        by=world.team_lead,
    )
    assert not kinds(world) & {"beschikking_ending", "beschikking_expired"}
