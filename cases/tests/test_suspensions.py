"""Suspensions that can be evaluated (issue 14): hearing before the decision, objection and
outcome recorded after it, the arrangement for each child."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases import services
from cases.services import AffectedChild

pytestmark = pytest.mark.django_db
D = datetime.date


def _suspension(world, **fields):
    household = world.household_a1
    return services.suspension_record(
        household=household,
        adult=household.adults.get(),
        location=world.loc_a1,
        start_on=D(2026, 11, 10),
        reason="violence",
        decided_by=world.team_lead,
        **fields,
    )


def _update(suspension, **fields):
    data = {
        "end_on": None,
        "heard": "",
        "heard_on": None,
        "objection": "none",
        "objection_on": None,
        "objection_outcome": "",
        "adult_went": "",
        "outcome": "",
        **fields,
    }
    return services.suspension_update(suspension=suspension, **data)


def test_the_hearing_comes_before_the_decision(world) -> None:
    with pytest.raises(ValidationError) as error:
        _suspension(world, heard="yes", heard_on=D(2026, 11, 11))
    assert "heard_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _suspension(world, heard="no", heard_on=D(2026, 11, 9))
    assert "heard" in error.value.message_dict
    suspension = _suspension(world, heard="yes", heard_on=D(2026, 11, 10), duration_days=5)
    assert (suspension.heard_on, suspension.duration) == (D(2026, 11, 10), 5)


def test_each_child_gets_an_arrangement(world) -> None:
    child = world.household_a1.children.get()
    suspension = _suspension(world, children_affected=[AffectedChild(child, "Bij oma", "network")])
    assert suspension.children_affected.get().arrangement == "network"


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"objection": "objection"}, "objection_on"),
        ({"objection_on": D(2026, 11, 12)}, "objection"),
        ({"objection": "appeal", "objection_on": D(2026, 11, 9)}, "objection_on"),
        ({"outcome": "returned"}, "end_on"),
        ({"end_on": D(2026, 11, 9)}, "end_on"),
    ],
)
def test_update_refuses_what_does_not_fit(world, fields, field_in_error) -> None:
    with pytest.raises(ValidationError) as error:
        _update(_suspension(world), **fields)
    assert field_in_error in error.value.message_dict


def test_an_objection_without_outcome_is_pending_and_the_adult_returns(world) -> None:
    suspension = _update(_suspension(world), objection="objection", objection_on=D(2026, 11, 11))
    assert suspension.objection_outcome == "pending"
    suspension = _update(
        suspension,
        objection="objection",
        objection_on=D(2026, 11, 11),
        objection_outcome="upheld",
        end_on=D(2026, 11, 13),
        outcome="returned",
        adult_went="network",
    )
    suspension.refresh_from_db()
    assert (suspension.objection_outcome, suspension.outcome, suspension.duration) == ("upheld", "returned", 4)
