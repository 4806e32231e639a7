import datetime

import pytest
import time_machine
from django.test import override_settings

from cases.models import Household
from cases.tests.factories import BeschikkingFactory, HouseholdFactory, StayFactory
from children import access, selectors, services
from children.tests.factories import ChildFactory, ChildVoiceFactory, InvolvementFactory, complete_intake

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 1)
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, 0), tick=False):
        yield


@pytest.fixture
def child(world):
    # The world's household at A1 was admitted on 10 January 2026; its beschikking ends 11 April 2026.
    return world.household_a1.children.get()


def faces(child) -> int:
    return selectors.child_faces_count(child)


DEFAULT_START = D(2026, 1, 15)


def involve(child, *, user=None, name="", org="", start=DEFAULT_START, end=None):
    return InvolvementFactory(
        child=child, user=user, external_name=name, external_organisation=org, started_on=start, ended_on=end
    )


# --- faces count ---------------------------------------------------------------------------------


def test_no_involvements_means_no_faces(child) -> None:
    assert faces(child) == 0


def test_same_user_in_overlapping_periods_counts_once(world, child) -> None:
    involve(child, user=world.caseworker, start=D(2026, 1, 10), end=D(2026, 2, 10))
    involve(child, user=world.caseworker, start=D(2026, 2, 1))
    assert faces(child) == 1


def test_same_external_person_twice_counts_once_despite_spelling_case(child) -> None:
    involve(child, name="Dr. Jansen", org="Huisartsenpraktijk Zuid")
    involve(child, name=" dr. jansen ", org="HUISARTSENPRAKTIJK ZUID", start=D(2026, 2, 1))
    assert faces(child) == 1


def test_external_people_with_same_name_at_different_organisations_are_two_faces(child) -> None:
    involve(child, name="Anna", org="CJG")
    involve(child, name="Anna", org="School")
    assert faces(child) == 2


def test_users_and_external_people_are_counted_together(world, child) -> None:
    involve(child, user=world.caseworker)
    involve(child, user=world.colleague)
    involve(child, name="Dr. Jansen", org="Huisarts")
    assert faces(child) == 3


def test_involvement_before_or_after_the_stay_is_not_counted(world) -> None:
    household = HouseholdFactory(location=world.loc_a1)
    child = ChildFactory(household=household)
    StayFactory(household=household, admitted_on=D(2026, 1, 10), left_on=D(2026, 2, 1), destination="social_rent")
    involve(child, name="Voor", org="X", start=D(2025, 12, 1), end=D(2026, 1, 9))
    involve(child, name="Na", org="X", start=D(2026, 2, 2))
    involve(child, name="Op de eerste dag", org="X", start=D(2025, 12, 1), end=D(2026, 1, 10))
    involve(child, name="Op de laatste dag", org="X", start=D(2026, 2, 1))
    assert faces(child) == 2


def test_only_the_last_stay_counts(world) -> None:
    household = HouseholdFactory(location=world.loc_a1)
    child = ChildFactory(household=household)
    StayFactory(household=household, admitted_on=D(2025, 6, 1), left_on=D(2025, 7, 1), destination="unknown")
    StayFactory(household=household, admitted_on=D(2026, 2, 1))
    involve(child, name="Eerste verblijf", org="X", start=D(2025, 6, 2), end=D(2025, 6, 30))
    involve(child, name="Nu", org="X", start=D(2026, 2, 2))
    assert faces(child) == 1


def test_involvement_of_a_sibling_is_not_counted(world, child) -> None:
    sibling = ChildFactory(household=world.household_a1)
    involve(sibling, user=world.caseworker)
    assert faces(child) == 0


def test_assigned_mentor_is_a_face(world, child) -> None:
    services.child_assign_mentor(child=child, mentor=world.caseworker, on=D(2026, 1, 11))
    assert faces(child) == 1


@override_settings(OPVANG_FACES_THRESHOLD=2)
def test_more_faces_than_the_threshold_is_flagged(world, child) -> None:
    involve(child, user=world.caseworker)
    involve(child, user=world.colleague)
    assert selectors.children_for_household(world.household_a1)[0].faces_above_threshold is False
    involve(child, name="Dr. Jansen", org="Huisarts")
    assert selectors.children_for_household(world.household_a1)[0].faces_above_threshold is True


# --- turning 18, intake, mentor ------------------------------------------------------------------


def test_child_turning_18_before_the_beschikking_ends_is_flagged(world) -> None:
    household = world.household_a1
    turns_18 = ChildFactory(household=household, date_of_birth=D(2008, 4, 1))  # 18 on 1 April 2026
    stays_minor = ChildFactory(household=household, date_of_birth=D(2008, 4, 12))  # after 11 April
    flags = {c.pk: c.turns_18_during_stay for c in selectors.children_for_household(household)}
    assert flags[turns_18.pk] is True
    assert flags[stays_minor.pk] is False


def test_child_who_turned_18_during_a_finished_stay_is_flagged(world) -> None:
    household = HouseholdFactory(location=world.loc_a1)
    StayFactory(household=household, admitted_on=D(2025, 12, 1), left_on=D(2026, 2, 1), destination="unknown")
    child = ChildFactory(household=household, date_of_birth=D(2008, 1, 31))
    assert selectors.children_for_household(household)[0].turns_18_during_stay is True
    child.date_of_birth = D(2008, 2, 2)
    child.save()
    assert selectors.children_for_household(household)[0].turns_18_during_stay is False


def test_child_without_a_stay_is_not_flagged_as_turning_18(world) -> None:
    household = HouseholdFactory(location=world.loc_a1)
    ChildFactory(household=household, date_of_birth=D(2008, 3, 2))
    child = selectors.children_for_household(household)[0]
    assert (child.turns_18_during_stay, child.intake_status) == (False, "no_stay")


def test_intake_overdue_after_14_days_without_intake(world, child) -> None:
    assert selectors.children_for_household(world.household_a1)[0].intake_status == "overdue"


def test_intake_due_within_14_days_of_admission(world) -> None:
    household = HouseholdFactory(location=world.loc_a1)
    BeschikkingFactory(stay=StayFactory(household=household, admitted_on=D(2026, 2, 20)))
    ChildFactory(household=household)
    child = selectors.children_for_household(household)[0]
    assert (child.intake_overdue, child.intake_status) == (False, "due")


def test_intake_after_14_days_is_late(world, child) -> None:
    sibling = ChildFactory(household=world.household_a1, date_of_birth=D(2018, 5, 1))
    complete_intake(child, D(2026, 1, 25), by=world.caseworker)
    complete_intake(sibling, D(2026, 1, 24), by=world.caseworker)
    statuses = {c.pk: c.intake_status for c in selectors.children_for_household(world.household_a1)}
    assert (statuses[child.pk], statuses[sibling.pk]) == ("late", "done")


def test_a_draft_intake_is_no_intake_for_the_signals(world, child) -> None:
    services.child_intake_save(child=child, by=world.caseworker, held_on=D(2026, 1, 12), present="alone")
    loaded = selectors.children_for_household(world.household_a1)[0]
    assert (loaded.intake_overdue, loaded.intake_status) == (True, "overdue")
    assert Household.objects.filter(selectors._child_without_intake(D(2026, 3, 1)), pk=world.household_a1.pk).exists()
    complete_intake(child, D(2026, 1, 12), by=world.caseworker)
    loaded = selectors.children_for_household(world.household_a1)[0]
    assert (loaded.intake_overdue, loaded.intake_status) == (False, "done")
    assert not Household.objects.filter(
        selectors._child_without_intake(D(2026, 3, 1)), pk=world.household_a1.pk
    ).exists()


def test_no_mentor_signal(world, child) -> None:
    assert selectors.children_for_household(world.household_a1)[0].no_mentor is True
    services.child_assign_mentor(child=child, mentor=world.caseworker)
    assert selectors.children_for_household(world.household_a1)[0].no_mentor is False


def test_children_for_household_is_one_query_for_four_children(world, django_assert_num_queries) -> None:
    household = world.household_a1
    for n in range(3):
        sibling = ChildFactory(household=household, date_of_birth=D(2012 + n, 5, 1))
        services.child_assign_mentor(child=sibling, mentor=world.caseworker)
        involve(sibling, name=f"Extern {n}", org="CJG")
    # One query: the children with their mentor (join) and every signal as a subquery annotation.
    with django_assert_num_queries(1):
        children = selectors.children_for_household(household)
        assert [c.faces_count for c in children] == [2, 2, 2, 0]
        assert all(c.mentor for c in children[:3])


# --- timeline ------------------------------------------------------------------------------------


def test_timeline_is_newest_first_and_holds_meldcode_only_for_those_who_may_see_it(world, child) -> None:
    complete_intake(child, D(2026, 1, 20), by=world.caseworker)
    ChildVoiceFactory(child=child, recorded_on=D(2026, 2, 5))
    services.meldcode_step_record(child=child, step=1, done_on=D(2026, 2, 10), recorded_by=world.caseworker)
    loaded = access.child_get_for_user(world.caseworker, child.pk)
    kinds = [e.kind for e in selectors.child_file(world.caseworker, loaded).timeline]
    assert kinds == ["meldcode", "voice", "intake", "stay"]
    loaded = access.child_get_for_user(world.team_lead, child.pk)
    assert "meldcode" in [e.kind for e in selectors.child_file(world.team_lead, loaded).timeline]
