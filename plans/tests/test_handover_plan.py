"""A handover that ends in a new stay: the plan and circle go along as a new version with the
receiving professional as shelter mentor (cases.extensions.after_handover_admission)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cases import services as case_services
from cases.constants import ZrmDomain
from cases.models import Beschikking
from cases.tests.factories import HandoverFactory
from plans import services
from plans.constants import AgreementDecision, AgreementMethod, PlanStatus, Relation, VersionState
from plans.models import Plan, PlanVersion

pytestmark = pytest.mark.django_db

AGREED_ON = datetime.date(2026, 10, 1)
ADMITTED_ON = datetime.date(2026, 11, 2)


def agreed_plan(world) -> Plan:
    """A1's plan, agreed: the family, A1's caseworker as shelter mentor, one goal with the mentor's action."""
    household = world.household_a1
    plan = services.plan_create(household=household, user=world.caseworker, perspective="Samen een eigen huis.")
    draft = plan.versions.get()
    PlanVersion.objects.filter(pk=draft.pk).update(created_at=datetime.datetime(2026, 9, 1, 12, tzinfo=datetime.UTC))
    mentor = services.participant_add(
        plan_version=draft,
        name="Mentor A1",
        relation=Relation.SHELTER_MENTOR,
        organisation=world.org_a,
        contact_details="06-12345678",
    )
    goal = services.goal_add(plan_version=draft, domain=ZrmDomain.HOUSING, text="Een woning vinden")
    services.action_add(goal=goal, what="Inschrijven bij de woningcorporatie", owner=mentor)
    for participant in draft.participants.all():
        services.agreement_record(
            participant=participant,
            decision=AgreementDecision.AGREED,
            decided_on=AGREED_ON,
            method=AgreementMethod.MEETING,
        )
    services.plan_agree(plan=plan, agreed_on=AGREED_ON, user=world.caseworker)
    return plan


def admit(world):
    Beschikking.objects.filter(stay__household=world.household_a1).update(end_on=datetime.date(2027, 3, 1))
    handover = HandoverFactory(
        household=world.household_a1, from_professional=world.caseworker, to_organisation=world.org_b
    )
    case_services.handover_accept(handover=handover, by=world.outsider)
    return case_services.handover_admit(
        handover=handover, by=world.outsider, location=world.loc_b1, admitted_on=ADMITTED_ON
    )


def test_an_agreed_plan_goes_along_as_a_new_version_with_the_new_mentor(world):
    plan = agreed_plan(world)
    admit(world)

    plan.refresh_from_db()
    assert plan.status == PlanStatus.UNDER_REVIEW
    first, second = plan.versions.order_by("number")
    assert (first.number, first.state, first.reviewed_on) == (1, VersionState.AGREED, ADMITTED_ON)
    assert (second.number, second.state, second.created_by) == (2, VersionState.DRAFT, world.outsider)
    # The sending side's mentor is replaced by the receiving professional, keeping their place.
    old_mentor = first.participants.get(relation=Relation.SHELTER_MENTOR)
    mentor = second.participants.get(relation=Relation.SHELTER_MENTOR)
    assert mentor.key == old_mentor.key
    assert mentor.name == world.outsider.get_full_name()
    assert mentor.organisation == world.org_b and mentor.role == "Begeleider van de opvang bij B1"
    assert mentor.contact_details == ""
    # The circle, the goals and the actions are copied; the mentor's action passes to the new one.
    assert sorted(second.participants.values_list("relation", flat=True)) == sorted(
        first.participants.values_list("relation", flat=True)
    )
    assert list(second.goals.values_list("text", flat=True)) == ["Een woning vinden"]
    action = second.actions.get()
    assert action.what == "Inschrijven bij de woningcorporatie" and action.owner == mentor
    # What was agreed stays as it was.
    assert old_mentor.name == "Mentor A1"


def test_a_draft_plan_keeps_its_draft_and_gains_the_mentor(world):
    plan = services.plan_create(household=world.household_a1, user=world.caseworker, perspective="Rust.")
    admit(world)
    draft = plan.versions.get()
    assert draft.number == 1 and draft.state == VersionState.DRAFT
    mentor = draft.participants.get(relation=Relation.SHELTER_MENTOR)
    assert (mentor.name, mentor.organisation) == (world.outsider.get_full_name(), world.org_b)


def test_no_plan_no_new_version(world):
    admit(world)
    assert not Plan.objects.filter(household=world.household_a1).exists()


def test_the_receiving_side_opens_the_new_version_the_sending_side_no_longer(client, world):
    plan = agreed_plan(world)
    admit(world)
    url = reverse("plans:plan_detail", args=[plan.pk])
    client.force_login(world.outsider)
    page = client.get(url).content.decode()
    assert world.outsider.get_full_name() in page and "Een woning vinden" in page
    client.force_login(world.caseworker)
    assert client.get(url).status_code == 404
