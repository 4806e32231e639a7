"""Early destruction on request: recorded, decided by a team lead with a reason, executed by
anonymisation, every step audited."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.constants import HouseholdStatus
from children.models import Child
from children.tests.factories import ChildFactory
from privacy import selectors, services
from privacy.constants import AnonymisationReason, DestructionStatus, RequesterRelation
from privacy.models import Anonymisation, DestructionRequest


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    return selectors.years_before(today, years) - datetime.timedelta(days=days)


def record(world, household=None, **kwargs) -> DestructionRequest:
    household = household or world.household_a1
    values = {
        "requester_relation": RequesterRelation.CLIENT,
        "requested_on": timezone.localdate(),
        "recorded_by": world.caseworker,
    } | kwargs
    return services.destruction_request_record(household=household, **values)


def close(household) -> None:
    stay = household.stays.get()
    stay.left_on, stay.destination = stay.admitted_on, "social_rent"
    stay.save()
    household.status = HouseholdStatus.CLOSED
    household.save()


# --- Recording -------------------------------------------------------------------------------


def test_a_child_of_12_may_ask_for_its_own_file(world) -> None:
    child = world.household_a1.children.get()
    child.date_of_birth = years_ago(12)
    child.save()
    request = record(world, requester_relation=RequesterRelation.CHILD, child=child)
    assert (request.status, request.child) == (DestructionStatus.REQUESTED, child)
    assert LogEntry.objects.filter(additional_data__event="destruction_requested").exists()


def test_a_child_under_12_may_not(world) -> None:
    child = world.household_a1.children.get()
    child.date_of_birth = years_ago(12) + datetime.timedelta(days=1)
    child.save()
    with pytest.raises(ValidationError) as error:
        record(world, requester_relation=RequesterRelation.CHILD, child=child)
    assert "child" in error.value.error_dict
    assert not DestructionRequest.objects.exists()


def test_a_child_request_names_the_child(world) -> None:
    with pytest.raises(ValidationError) as error:
        record(world, requester_relation=RequesterRelation.CHILD)
    assert "child" in error.value.error_dict


def test_a_parent_may_ask_for_a_young_childs_file(world) -> None:
    child = world.household_a1.children.get()
    assert record(world, requester_relation=RequesterRelation.PARENT, child=child).child == child


def test_the_child_must_belong_to_the_household(world) -> None:
    with pytest.raises(ValidationError):
        record(world, child=world.household_b1.children.get())


def test_no_date_in_the_future_and_no_second_open_request(world) -> None:
    with pytest.raises(ValidationError):
        record(world, requested_on=timezone.localdate() + datetime.timedelta(days=1))
    record(world)
    with pytest.raises(ValidationError):
        record(world)


# --- Deciding --------------------------------------------------------------------------------


def test_team_lead_approves_with_a_reason(world) -> None:
    request = services.destruction_request_decide(
        destruction_request=record(world), decided_by=world.team_lead, approve=True, reason="Geen bewaarplicht meer."
    )
    assert (request.status, request.decided_by, request.decided_on) == (
        DestructionStatus.APPROVED,
        world.team_lead,
        timezone.localdate(),
    )
    assert LogEntry.objects.filter(additional_data__event="destruction_approved").exists()


def test_a_refusal_is_recorded_with_its_reason(world) -> None:
    request = services.destruction_request_decide(
        destruction_request=record(world),
        decided_by=world.team_lead,
        approve=False,
        reason="Belang van het kind: lopend onderzoek Veilig Thuis.",
    )
    assert request.status == DestructionStatus.REFUSED
    assert request.decision_reason.startswith("Belang van het kind")


def test_a_decision_needs_a_reason(world) -> None:
    with pytest.raises(ValidationError):
        services.destruction_request_decide(
            destruction_request=record(world), decided_by=world.team_lead, approve=True, reason="  "
        )


@pytest.mark.parametrize("decider", ["caseworker", "colleague", "team_lead_b", "admin", "policy_officer"])
def test_only_a_team_lead_of_the_organisation_decides(world, decider) -> None:
    request = record(world, recorded_by=world.team_lead)
    with pytest.raises(PermissionDenied):
        services.destruction_request_decide(
            destruction_request=request, decided_by=getattr(world, decider), approve=True, reason="x"
        )


def test_the_recorder_does_not_decide_alone(world) -> None:
    request = record(world, recorded_by=world.team_lead)
    with pytest.raises(ValidationError):
        services.destruction_request_decide(
            destruction_request=request, decided_by=world.team_lead, approve=True, reason="x"
        )


def test_a_decision_is_final(world) -> None:
    request = record(world)
    services.destruction_request_decide(
        destruction_request=request, decided_by=world.team_lead, approve=False, reason="x"
    )
    with pytest.raises(ValidationError):
        services.destruction_request_decide(
            destruction_request=request, decided_by=world.team_lead, approve=True, reason="y"
        )


# --- Executing -------------------------------------------------------------------------------


def approved(world, **kwargs) -> DestructionRequest:
    return services.destruction_request_decide(
        destruction_request=record(world, **kwargs), decided_by=world.team_lead, approve=True, reason="Akkoord."
    )


def test_only_an_approved_request_is_executed(world) -> None:
    close(world.household_a1)
    request = record(world)
    with pytest.raises(ValidationError):
        services.destruction_request_execute(destruction_request=request, executed_by=world.team_lead)
    assert not Anonymisation.objects.exists()


def test_a_household_is_destroyed_only_when_its_file_is_closed(world) -> None:
    request = approved(world)
    with pytest.raises(ValidationError):
        services.destruction_request_execute(destruction_request=request, executed_by=world.team_lead)


def test_execution_anonymises_the_household(world) -> None:
    close(world.household_a1)
    request = approved(world)
    anonymisation = services.destruction_request_execute(destruction_request=request, executed_by=world.team_lead)
    request.refresh_from_db()
    assert request.status == DestructionStatus.EXECUTED
    assert request.executed_on == timezone.localdate()
    assert (anonymisation.reason, anonymisation.request, anonymisation.child) == (
        AnonymisationReason.EARLY_DESTRUCTION,
        request,
        None,
    )
    assert world.household_a1.adults.get().first_name == services.ANONYMISED
    events = {row.event for row in selectors.history_rows(selectors.access_history(world.household_a1))}
    assert {"destruction_requested", "destruction_approved", "anonymised", "destruction_executed"} <= events


def test_execution_for_one_child_leaves_the_rest_of_the_file(world) -> None:
    household = world.household_a1
    child = household.children.get()
    sibling = ChildFactory(household=household, first_name="Broer")
    child.date_of_birth = years_ago(14)
    child.save()
    request = approved(world, requester_relation=RequesterRelation.CHILD, child=child)
    anonymisation = services.destruction_request_execute(destruction_request=request, executed_by=world.team_lead)
    assert anonymisation.child == child
    assert Child.objects.get(pk=child.pk).first_name == services.ANONYMISED
    assert Child.objects.get(pk=sibling.pk).first_name == "Broer"
    assert household.adults.get().first_name == "Ouder"
    assert not selectors.is_anonymised(household)


def test_execution_by_another_organisation_is_refused(world) -> None:
    close(world.household_a1)
    request = approved(world)
    with pytest.raises(PermissionDenied):
        services.destruction_request_execute(destruction_request=request, executed_by=world.team_lead_b)


def test_warnings_for_child_protection(world) -> None:
    child = world.household_a1.children.get()
    child.veilig_thuis_report = True
    child.save()
    warnings = selectors.destruction_warnings(record(world))
    assert len(warnings) == 2  # not closed; Veilig Thuis


# --- Pages -----------------------------------------------------------------------------------


def test_caseworker_records_a_request_through_the_page(world, client) -> None:
    client.force_login(world.caseworker)
    url = reverse("privacy:destruction_request_record", args=[world.household_a1.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"requester_relation": "client", "requested_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert DestructionRequest.objects.get().recorded_by == world.caseworker


def test_the_record_page_shows_the_age_rule(world, client) -> None:
    child = world.household_a1.children.get()
    child.date_of_birth = years_ago(8)
    child.save()
    client.force_login(world.caseworker)
    url = reverse("privacy:destruction_request_record", args=[world.household_a1.pk])
    response = client.post(
        url, {"requester_relation": "child", "child": str(child.pk), "requested_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["child"]


def test_team_lead_lists_decides_and_executes_through_the_pages(world, client) -> None:
    close(world.household_a1)
    request = record(world)
    other = record(world, household=world.household_b1, recorded_by=world.outsider)
    client.force_login(world.team_lead)
    listing = client.get(reverse("privacy:destruction_request_list"))
    assert [r.pk for r in listing.context["open"]] == [request.pk]
    assert other.household.reference not in listing.content.decode()

    decide = reverse("privacy:destruction_request_decide", args=[request.pk])
    page = client.get(decide)
    assert "data-confirm" in page.content.decode()
    assert client.post(decide, {"decision": "approve", "reason": ""}).status_code == 200
    assert client.post(decide, {"decision": "approve", "reason": "Akkoord."}).status_code == 302
    response = client.post(reverse("privacy:destruction_request_execute", args=[request.pk]))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == DestructionStatus.EXECUTED
    assert selectors.is_anonymised(world.household_a1)


def test_team_lead_of_another_organisation_cannot_see_the_request(world, client) -> None:
    request = record(world)
    client.force_login(world.team_lead_b)
    assert client.get(reverse("privacy:destruction_request_decide", args=[request.pk])).status_code == 404
    assert client.post(reverse("privacy:destruction_request_execute", args=[request.pk])).status_code == 404
    assert not client.get(reverse("privacy:destruction_request_list")).context["open"]
