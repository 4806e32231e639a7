"""Rules of the gedragen plan, exercised through the services and the ORM."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from cases.tests.factories import AdultClientFactory, HouseholdFactory
from children.tests.factories import ChildFactory
from plans import services
from plans.constants import AgreementDecision, AgreementMethod, PlanStatus, Relation, VersionState
from plans.models import Action, Goal, Participant, PlanVersion
from plans.selectors import gedragen_status, missing_agreements, plan_is_gedragen, version_diff

TODAY = dt.date(2026, 2, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(dt.datetime(2026, 2, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def family(*, child_births=(dt.date(2013, 1, 1), dt.date(2018, 1, 1))):
    household = HouseholdFactory()
    AdultClientFactory(household=household, first_name="Anna")
    AdultClientFactory(household=household, first_name="Bram")
    for n, born in enumerate(child_births):
        ChildFactory(household=household, first_name=f"Kind{n}", date_of_birth=born)
    return household


def build_plan(household):
    plan = services.plan_create(household=household, user=None, perspective="Wij willen samen een huis.")
    draft = PlanVersion.objects.get(plan=plan)
    return plan, draft


def agree(participant, on=TODAY):
    return services.agreement_record(
        participant=participant, decision=AgreementDecision.AGREED, decided_on=on, method=AgreementMethod.MEETING
    )


def test_plan_create_puts_the_household_in_the_circle():
    plan, draft = build_plan(family())
    relations = sorted(draft.participants.values_list("relation", flat=True))
    assert relations == [Relation.CHILD, Relation.CHILD, Relation.PARENT, Relation.PARENT]
    assert plan.status == PlanStatus.DRAFT


def test_a_household_has_at_most_one_open_plan():
    household = family()
    build_plan(household)
    with pytest.raises(ValidationError):
        services.plan_create(household=household, user=None)


# --- The gedragen indicator on hand-built examples -------------------------------------------------


def test_gedragen_when_everyone_required_agreed():
    _plan, draft = build_plan(family(child_births=(dt.date(2012, 6, 1), dt.date(2018, 1, 1))))
    for participant in draft.participants.exclude(child__date_of_birth=dt.date(2018, 1, 1)):
        agree(participant)
    assert plan_is_gedragen(draft)
    assert missing_agreements(draft) == []


def test_not_gedragen_when_one_parent_has_not_agreed():
    _plan, draft = build_plan(family(child_births=()))
    anna, bram = draft.participants.order_by("pk")
    agree(anna)
    missing = missing_agreements(draft)
    assert [m.name for m in missing] == [bram.name]
    assert not plan_is_gedragen(draft)


def test_a_child_of_13_must_agree():
    _plan, draft = build_plan(family(child_births=(dt.date(2012, 9, 1),)))  # 13 on 2 Feb 2026
    for participant in draft.participants.filter(child=None):
        agree(participant)
    status = gedragen_status(draft)
    assert not status.is_gedragen
    assert [m.name for m in status.missing] == [draft.participants.get(relation=Relation.CHILD).name]


def test_a_child_of_8_need_not_agree():
    _plan, draft = build_plan(family(child_births=(dt.date(2017, 6, 1),)))  # 8
    for participant in draft.participants.filter(child=None):
        agree(participant)
    assert plan_is_gedragen(draft)


def test_a_declined_parent_is_missing_with_the_reason():
    _plan, draft = build_plan(family(child_births=()))
    anna, bram = draft.participants.order_by("pk")
    agree(anna)
    services.agreement_record(
        participant=bram, decision=AgreementDecision.DECLINED, decided_on=TODAY, declined_reason="Te snel"
    )
    [missing] = missing_agreements(draft)
    assert missing.name == bram.name
    assert missing.participant == bram


def test_an_action_owner_outside_the_household_must_agree():
    _plan, draft = build_plan(family(child_births=()))
    for participant in draft.participants.all():
        agree(participant)
    neighbour = services.participant_add(plan_version=draft, name="Buurvrouw Els", relation=Relation.NEIGHBOUR)
    goal = services.goal_add(plan_version=draft, domain="housing", text="Een huis")
    assert plan_is_gedragen(draft)  # the neighbour has no role in an action yet
    services.action_add(goal=goal, what="Meekijken naar woningen", owner=neighbour)
    assert not plan_is_gedragen(draft)
    agree(neighbour)
    assert plan_is_gedragen(draft)


def test_a_parent_left_out_of_the_circle_is_missing():
    _plan, draft = build_plan(family(child_births=()))
    anna, bram = draft.participants.order_by("pk")
    services.participant_remove(participant=bram)
    agree(anna)
    assert [m.name for m in missing_agreements(draft)] == [bram.name]


def test_gedragen_check_runs_in_a_fixed_number_of_queries(django_assert_num_queries):
    _plan, draft = build_plan(family(child_births=(dt.date(2012, 1, 1), dt.date(2014, 1, 1), dt.date(2019, 1, 1))))
    for participant in draft.participants.all():
        agree(participant)
    draft = PlanVersion.objects.select_related("plan").get(pk=draft.pk)
    # participants with agreements and action flags, household adults, household children
    with django_assert_num_queries(3):
        gedragen_status(draft)


# --- Agreeing freezes a version --------------------------------------------------------------------


def agreed_plan():
    household = family(child_births=(dt.date(2018, 1, 1),))
    plan, draft = build_plan(household)
    goal = services.goal_add(plan_version=draft, domain="housing", text="Wij hebben een huis")
    mother = draft.participants.order_by("pk").first()
    services.action_add(goal=goal, what="Inschrijven", owner=mother, due_on=dt.date(2026, 3, 1))
    for participant in draft.participants.filter(child=None):
        agree(participant)
    version = services.plan_agree(plan=plan, agreed_on=TODAY, user=None)
    return plan, version


def test_agreeing_stores_gedragen_and_the_review_date():
    plan, version = agreed_plan()
    assert version.state == VersionState.AGREED
    assert version.gedragen_at_agreement is True
    assert version.agreed_on == TODAY
    assert version.next_review_on == dt.date(2026, 5, 2)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED


def test_an_agreed_version_cannot_be_edited():
    plan, version = agreed_plan()
    goal = version.goals.get()
    with pytest.raises(ValidationError):
        services.goal_add(plan_version=version, domain="finances", text="Schulden weg")
    with pytest.raises(ValidationError):
        services.goal_update(
            goal=goal,
            domain="housing",
            text="Anders",
            adult=None,
            child=None,
            target_on=None,
            status="open",
            progress_notes="",
        )
    with pytest.raises(ValidationError):
        services.participant_add(plan_version=version, name="X", relation=Relation.FRIEND)
    with pytest.raises(ValidationError):
        agree(version.participants.first())
    with pytest.raises(ValidationError):
        services.plan_update(plan=plan, expected_version=plan.version, direction_support="cjg", perspective="Nieuw")
    assert Goal.objects.get(pk=goal.pk).text == "Wij hebben een huis"


def test_a_review_makes_a_new_draft_and_leaves_the_agreed_version_alone():
    plan, agreed = agreed_plan()
    draft = services.plan_review_start(plan=plan, user=None)
    assert draft.number == 2 and draft.state == VersionState.DRAFT
    assert draft.goals.count() == 1 and draft.actions.count() == 1
    assert draft.participants.count() == agreed.participants.count()
    # The copied action's owner is the copy of the participant, in the new version.
    assert draft.actions.get().owner.plan_version_id == draft.pk
    assert not Participant.objects.filter(plan_version=draft, agreement__isnull=False).exists()
    services.goal_update(
        goal=draft.goals.get(),
        domain="housing",
        text="Wij wonen in Haarlem",
        adult=None,
        child=None,
        target_on=None,
        status="on_track",
        progress_notes="",
    )
    assert agreed.goals.get().text == "Wij hebben een huis"
    plan.refresh_from_db()
    assert plan.status == PlanStatus.UNDER_REVIEW


def test_agreeing_the_review_supersedes_the_previous_version():
    plan, agreed = agreed_plan()
    draft = services.plan_review_start(plan=plan, user=None)
    with time_machine.travel(dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC), tick=False):
        for participant in draft.participants.filter(child=None):
            agree(participant, on=dt.date(2026, 5, 4))
        services.plan_agree(plan=plan, agreed_on=dt.date(2026, 5, 4), user=None)
    agreed.refresh_from_db()
    assert agreed.state == VersionState.SUPERSEDED


def test_diff_shows_what_changed_between_versions():
    plan, agreed = agreed_plan()
    draft = services.plan_review_start(plan=plan, user=None)
    goal = draft.goals.get()
    services.goal_update(
        goal=goal,
        domain="housing",
        text="Wij wonen in Haarlem",
        adult=None,
        child=None,
        target_on=None,
        status="on_track",
        progress_notes="",
    )
    services.goal_add(plan_version=draft, domain="child_school", text="Naar school", child=None)
    services.action_remove(action=draft.actions.get())
    diff = version_diff(agreed, draft)
    goal_changes = {c.kind: c for c in diff["goals"]}
    assert goal_changes["added"].label == "Naar school"
    before_after = [(before, after) for _label, before, after in goal_changes["changed"].fields]
    assert before_after[0] == ("Wij hebben een huis", "Wij wonen in Haarlem")
    assert len(before_after) == 2  # the text and the status
    assert [c.kind for c in diff["actions"]] == ["removed"]
    assert diff["participants"] == []


# --- Owners and dates -----------------------------------------------------------------------------


def test_an_action_owner_must_be_in_the_circle():
    _plan, draft = build_plan(family(child_births=()))
    other_plan, other_draft = build_plan(family(child_births=()))
    stranger = other_draft.participants.first()
    goal = services.goal_add(plan_version=draft, domain="housing", text="Een huis")
    with pytest.raises(ValidationError) as error:
        services.action_add(goal=goal, what="Bellen", owner=stranger)
    assert "owner" in error.value.message_dict
    assert not Action.objects.exists()


def test_an_owner_from_an_earlier_version_does_not_count():
    plan, agreed = agreed_plan()
    draft = services.plan_review_start(plan=plan, user=None)
    old_owner = agreed.participants.first()
    with pytest.raises(ValidationError):
        services.action_add(goal=draft.goals.get(), what="Bellen", owner=old_owner)


def test_an_agreement_cannot_lie_before_the_version_was_made():
    _plan, draft = build_plan(family(child_births=()))
    with pytest.raises(ValidationError) as error:
        agree(draft.participants.first(), on=TODAY - dt.timedelta(days=1))
    assert "decided_on" in error.value.message_dict


def test_a_plan_cannot_be_agreed_before_its_version_was_made():
    plan, draft = build_plan(family(child_births=()))
    services.goal_add(plan_version=draft, domain="housing", text="Een huis")
    with pytest.raises(ValidationError):
        services.plan_agree(plan=plan, agreed_on=TODAY - dt.timedelta(days=3), user=None)


def test_declining_needs_a_reason_and_agreeing_needs_how():
    _plan, draft = build_plan(family(child_births=()))
    participant = draft.participants.first()
    with pytest.raises(ValidationError) as error:
        services.agreement_record(participant=participant, decision=AgreementDecision.DECLINED, decided_on=TODAY)
    assert "declined_reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.agreement_record(participant=participant, decision=AgreementDecision.AGREED, decided_on=TODAY)
    assert "method" in error.value.message_dict


def test_progress_can_be_recorded_on_the_version_in_force():
    plan, agreed = agreed_plan()
    action = agreed.actions.get()
    services.action_mark_done(action=action, done_on=TODAY)
    assert Action.objects.get(pk=action.pk).done_on == TODAY
