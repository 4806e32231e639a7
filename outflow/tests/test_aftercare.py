"""Aftercare after the departure (issue 14): the aftercare plan and its contacts, the caseload's
aftercare signals (no contact for longer than the plan says, contact lost), 'Veilig na opvang'
(the safety checks 1 and 3 months after the departure, restricted) and the relapse guarantee."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.test import RequestFactory
from django.urls import reverse

from cases import services as case_services
from cases.constants import BeschikkingKind, ShelterReason
from cases.models import Household
from cases.tests.factories import BeschikkingFactory, HouseholdFactory, StayFactory
from opvang.constants import OrganisationKind
from opvang.tests.factories import OrganisationFactory
from outflow import selectors, services
from outflow.models import AftercarePlan, SafetyCheck

pytestmark = pytest.mark.django_db
D = datetime.date
LEFT = D(2026, 6, 1)
PLAN_END = D(2026, 12, 31)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def left(world) -> Household:
    """Household A1 (domestic violence, a VO beschikking) left on 1 June 2026."""
    household = world.household_a1
    case_services.stay_end(stay=household.stays.get(), left_on=LEFT, destination="social_rent")
    return household


@pytest.fixture
def partner():
    return OrganisationFactory(name="Sociaal Wijkteam Noord", kind=OrganisationKind.CHAIN_PARTNER)


def make_plan(household, by, *, weeks=1, end=PLAN_END, contact_lost_on=None, **owner) -> AftercarePlan:
    owner = owner or {"owner_user": by}
    return services.aftercare_plan_save(
        household=household,
        by=by,
        frequency_weeks=weeks,
        made_on=LEFT,
        planned_end_on=end,
        contact_lost_on=contact_lost_on,
        **owner,
    )


def signal(name: str, household: Household, today: datetime.date) -> bool:
    expression = next(s for s in selectors.CASELOAD_SIGNALS if s.name == name).annotation(today)
    if isinstance(expression, Q):
        return Household.objects.filter(expression, pk=household.pk).exists()
    return Household.objects.filter(pk=household.pk).annotate(flag=expression).get().flag


def contact(household, by, day, kind="phone"):
    return services.aftercare_contact_add(household=household, contact_on=day, kind=kind, by=by)


# --- The plan and its contacts -----------------------------------------------------------------


def test_a_plan_has_one_owner_the_shelter_or_a_chain_partner(world, left, partner) -> None:
    with pytest.raises(ValidationError) as both:
        make_plan(left, world.caseworker, owner_user=world.caseworker, owner_organisation=partner)
    assert "owner_user" in both.value.message_dict
    with pytest.raises(ValidationError) as outsider:
        make_plan(left, world.caseworker, owner_user=world.outsider)
    assert "owner_user" in outsider.value.message_dict
    with pytest.raises(ValidationError) as not_partner:
        make_plan(left, world.caseworker, owner_organisation=world.municipality)
    assert "owner_organisation" in not_partner.value.message_dict
    plan = make_plan(left, world.caseworker, owner_organisation=partner, owner_professional="J. de Vries")
    assert plan.owner_display == "J. de Vries (Sociaal Wijkteam Noord)"
    assert plan.stay == left.stays.get()


def test_a_second_save_changes_the_plan_and_earlier_contacts_count_under_it(world, left) -> None:
    first = contact(left, world.caseworker, D(2026, 6, 3))
    assert first.plan is None
    plan = make_plan(left, world.caseworker)
    again = make_plan(left, world.colleague, weeks=4, owner_user=world.colleague)
    assert again.pk == plan.pk and AftercarePlan.objects.get().frequency_weeks == 4
    later = contact(left, world.caseworker, D(2026, 6, 10))
    assert set(plan.contacts.values_list("pk", flat=True)) == {first.pk, later.pk}


def test_no_plan_or_contact_while_the_household_stays(world) -> None:
    with pytest.raises(ValidationError):
        make_plan(world.household_a1, world.caseworker)
    with pytest.raises(ValidationError):
        contact(world.household_a1, world.caseworker, D(2026, 6, 3))


def test_the_plan_ends_after_it_was_made(world, left) -> None:
    with pytest.raises(ValidationError) as error:
        make_plan(left, world.caseworker, end=LEFT)
    assert "planned_end_on" in error.value.message_dict


# --- Caseload signals: no contact for longer than the plan says, contact lost -------------------


def test_overdue_only_after_more_than_the_plans_frequency_since_the_last_contact(world, left) -> None:
    make_plan(left, world.caseworker, weeks=2)
    # No contact yet: counted from the departure (1 June); two weeks later is 15 June.
    assert not signal("signal_aftercare_overdue", left, D(2026, 6, 15))
    assert signal("signal_aftercare_overdue", left, D(2026, 6, 16))
    contact(left, world.caseworker, D(2026, 6, 10))
    assert not signal("signal_aftercare_overdue", left, D(2026, 6, 24))
    assert signal("signal_aftercare_overdue", left, D(2026, 6, 25))
    # An attempt that reached nobody is no contact.
    contact(left, world.caseworker, D(2026, 6, 24), kind="no_contact")
    assert signal("signal_aftercare_overdue", left, D(2026, 6, 25))


def test_no_aftercare_signals_after_the_planned_end_or_a_readmission(world, left) -> None:
    make_plan(left, world.caseworker, weeks=1, end=D(2026, 7, 1))
    assert signal("signal_aftercare_overdue", left, D(2026, 7, 1))
    assert not signal("signal_aftercare_overdue", left, D(2026, 7, 2))
    case_services.household_admit(household=left, location=world.loc_a1, admitted_on=D(2026, 6, 20), kind="vo")
    assert not signal("signal_aftercare_overdue", left, D(2026, 7, 1))


def test_contact_lost_after_three_attempts_in_a_row_or_a_mark(world, left) -> None:
    plan = make_plan(left, world.caseworker)
    contact(left, world.caseworker, D(2026, 6, 2))
    for day in (3, 4):
        contact(left, world.caseworker, D(2026, 6, day), kind="no_contact")
    assert not signal("signal_contact_lost", left, D(2026, 6, 5))
    contact(left, world.caseworker, D(2026, 6, 5), kind="no_contact")
    assert signal("signal_contact_lost", left, D(2026, 6, 5))
    # Reached again: the attempts before no longer count.
    contact(left, world.caseworker, D(2026, 6, 6))
    assert not signal("signal_contact_lost", left, D(2026, 6, 6))
    # Marked by hand; a contact that reaches the household afterwards clears the mark.
    make_plan(left, world.caseworker, contact_lost_on=D(2026, 6, 20))
    assert signal("signal_contact_lost", left, D(2026, 6, 21))
    assert not signal("signal_aftercare_overdue", left, D(2026, 7, 30))  # lost, not overdue
    contact(left, world.caseworker, D(2026, 6, 22))
    plan.refresh_from_db()
    assert plan.contact_lost_on is None
    assert not signal("signal_contact_lost", left, D(2026, 6, 22))


# --- Veilig na opvang --------------------------------------------------------------------------


def test_left_by_is_the_last_departure_whose_check_falls_due_by_a_day() -> None:
    # 31 January + 1 month = 28 February (clamped): the check of a departure on 29, 30 or 31
    # January falls due on 28 February.
    assert selectors.left_by(D(2027, 2, 28), 1) == D(2027, 1, 31)
    assert selectors.left_by(D(2026, 7, 1), 1) == D(2026, 6, 1)
    assert selectors.left_by(D(2026, 9, 1), 3) == D(2026, 6, 1)
    assert services.safety_check_due_on(D(2027, 1, 31), 1) == D(2027, 2, 28)


def test_the_safety_check_signal_from_seven_days_before_its_due_day(world, left) -> None:
    # Departure 1 June: the 1-month check falls due on 1 July, the 3-month one on 1 September.
    assert not signal("signal_safety_check_due", left, D(2026, 6, 23))
    assert signal("signal_safety_check_due", left, D(2026, 6, 24))
    record_check(left, world.caseworker, 1, D(2026, 7, 1))
    assert not signal("signal_safety_check_due", left, D(2026, 7, 2))
    assert not signal("signal_safety_check_due", left, D(2026, 8, 24))
    assert signal("signal_safety_check_due", left, D(2026, 8, 25))
    record_check(left, world.caseworker, 3, D(2026, 9, 1))
    assert not signal("signal_safety_check_due", left, D(2026, 9, 2))


def test_no_safety_signal_after_six_months_or_for_an_eviction_from_mo(world) -> None:
    household = world.household_a2
    Household.objects.filter(pk=household.pk).update(reason=ShelterReason.EVICTION)
    household.refresh_from_db()
    stay = household.stays.get()
    stay.beschikkingen.update(kind=BeschikkingKind.MO)
    case_services.stay_end(stay=stay, left_on=LEFT, destination="social_rent")
    assert not signal("signal_safety_check_due", household, D(2026, 7, 1))
    with pytest.raises(ValidationError):
        record_check(household, world.caseworker_a2, 1, D(2026, 7, 1))


def test_a_vo_stay_gets_safety_checks_whatever_the_reason(world) -> None:
    household = HouseholdFactory(location=world.loc_a1, reason=ShelterReason.EVICTION)
    stay = StayFactory(household=household, admitted_on=D(2026, 1, 10))
    BeschikkingFactory(stay=stay, kind=BeschikkingKind.VO)
    case_services.stay_end(stay=stay, left_on=LEFT, destination="social_rent")
    assert signal("signal_safety_check_due", household, D(2026, 7, 1))
    assert not signal("signal_safety_check_due", household, D(2026, 12, 2))  # more than 6 months


def record_check(household, by, months, day, **extra) -> SafetyCheck:
    children = {child.pk: "safe" for child in household.children.all()}
    data = {"risk_level": "low", "incidents": False, "children": children, **extra}
    return services.safety_check_record(household=household, months=months, by=by, done_on=day, **data)


def test_a_safety_check_records_risk_incidents_and_each_child(world, left) -> None:
    child = left.children.get()
    with pytest.raises(ValidationError) as errors:
        services.safety_check_record(
            household=left,
            months=1,
            by=world.caseworker,
            done_on=D(2026, 5, 30),
            risk_level="high",
            incidents=True,
            children={},
        )
    assert {"done_on", "incidents_notes", f"child_{child.pk}"} <= set(errors.value.message_dict)
    check = record_check(
        left, world.caseworker, 1, D(2026, 7, 2), incidents=True, incidents_notes="Ex stond voor de deur."
    )
    again = record_check(left, world.caseworker, 1, D(2026, 7, 3), risk_level="medium", children={child.pk: "concerns"})
    assert again.pk == check.pk
    check.refresh_from_db()
    assert (check.done_on, check.risk_level, check.incidents, check.incidents_notes) == (
        D(2026, 7, 3),
        "medium",
        False,
        "",
    )
    assert check.children.get().safety == "concerns"


def panel(user, household):
    request = RequestFactory().get("/")
    request.user = user
    return selectors.aftercare_panel_context(request, Household.objects.get(pk=household.pk))


def test_the_safety_checks_only_for_those_who_may_see_safety(world, left) -> None:
    record_check(left, world.caseworker, 1, D(2026, 7, 1))
    items = panel(world.caseworker, left)["safety_checks"]
    assert [(i["months"], i["due_on"], bool(i["check"]), i["overdue"]) for i in items] == [
        (1, D(2026, 7, 1), True, False),
        (3, D(2026, 9, 1), False, True),
    ]
    assert panel(world.caseworker_a2, left)["safety_checks"] is None
    assert panel(world.policy_officer, left)["safety_checks"] is None


def test_the_household_page_shows_the_aftercare_card_and_the_checks(client, world, left) -> None:
    make_plan(left, world.caseworker, weeks=3)
    record_check(left, world.caseworker, 1, D(2026, 7, 1), incidents=True, incidents_notes="Dreigende berichten")
    client.force_login(world.caseworker)
    page = client.get(reverse("cases:household_detail", args=[left.pk])).content.decode()
    assert 'id="aftercare-plan"' in page and "Dreigende berichten" in page
    assert reverse("outflow:safety_check", args=[left.pk, 3]) in page


# --- Relapse guarantee -------------------------------------------------------------------------


def test_the_relapse_guarantee_holds_up_to_twelve_months_after_the_departure(world, left) -> None:
    with pytest.raises(ValidationError) as late:
        case_services.household_admit(
            household=left, location=world.loc_a1, admitted_on=D(2027, 6, 2), kind="vo", relapse_guarantee=True
        )
    assert "relapse_guarantee" in late.value.message_dict
    stay = case_services.household_admit(
        household=left, location=world.loc_a1, admitted_on=D(2026, 11, 20), kind="vo", relapse_guarantee=True
    )
    assert stay.relapse_guarantee
    assert case_services.relapse_guarantee_stay(household=left, on=D(2027, 6, 1)) is not None  # exactly 12 months
    assert case_services.relapse_guarantee_stay(household=left, on=D(2027, 6, 2)) is None


def test_the_admission_offers_the_guarantee_only_after_a_recent_departure(client, world, left) -> None:
    client.force_login(world.caseworker)
    url = reverse("cases:household_admit", args=[left.pk])
    assert 'name="relapse_guarantee"' in client.get(url).content.decode()
    client.force_login(world.team_lead)
    page = client.get(reverse("cases:household_admit", args=[world.household_a2.pk])).content.decode()
    assert 'name="relapse_guarantee"' not in page


def test_the_avg_export_holds_the_plan_but_not_the_safety_checks(world, left) -> None:
    from privacy.export import household_export_data

    make_plan(left, world.caseworker, weeks=3)
    record_check(left, world.caseworker, 1, D(2026, 7, 1), incidents=True, incidents_notes="Dreigende berichten")
    data = household_export_data(Household.objects.get(pk=left.pk))
    assert [p["contact_every_weeks"] for p in data["aftercare_plans"]] == [3]
    assert "Dreigende berichten" not in str(data)
