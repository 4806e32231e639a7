"""The child's voice in the reports (issue 11): children whose own words led to a goal, and the
themes children raised, counted per theme (never the words), with hand-computed values at the
boundary between two months and small counts suppressed when shown."""

from __future__ import annotations

import datetime

import pytest

from children.constants import VoiceTheme
from children.tests.factories import ChildVoiceFactory
from plans import services as plans
from plans.models import PlanVersion
from reports.presentation import INDICATORS_BY_CODE, format_value
from reports.tests.test_indicator_boundaries import FEB, JAN, admit, on, values

D = datetime.date
pytestmark = pytest.mark.django_db

BORN = (D(2012, 1, 1), D(2013, 1, 1), D(2014, 1, 1), D(2015, 1, 1), D(2016, 1, 1), D(2017, 1, 1))


@pytest.fixture
def location():
    from opvang.constants import LocationKind
    from opvang.tests.factories import LocationFactory, OrganisationFactory

    return LocationFactory(organisation=OrganisationFactory(name="Aanbieder"), kind=LocationKind.MO, capacity_places=10)


def test_themes_are_counted_per_child_in_the_month_they_were_said(location) -> None:
    stay = admit(location, D(2026, 1, 2), children_born=BORN)
    kids = list(stay.household.children.order_by("date_of_birth"))
    school = VoiceTheme.SCHOOL
    # Five children say something about school on the last day of January (one of them twice).
    for kid in kids[:5]:
        ChildVoiceFactory(child=kid, recorded_on=D(2026, 1, 31), theme=school)
    ChildVoiceFactory(child=kids[0], recorded_on=D(2026, 1, 10), theme=school)
    # The sixth on the first day of February: February, not January.
    ChildVoiceFactory(child=kids[5], recorded_on=D(2026, 2, 1), theme=school)
    # One child about family in January; one about a home before the stay began (not counted).
    ChildVoiceFactory(child=kids[2], recorded_on=D(2026, 1, 15), theme=VoiceTheme.FAMILY)
    ChildVoiceFactory(child=kids[3], recorded_on=D(2026, 1, 1), theme=VoiceTheme.HOME)
    # No theme chosen: not counted anywhere.
    ChildVoiceFactory(child=kids[4], recorded_on=D(2026, 1, 20), theme="")
    # A child at another location in January: out of scope.
    from opvang.tests.factories import LocationFactory

    elsewhere = admit(LocationFactory(organisation=location.organisation), D(2026, 1, 2), children_born=(BORN[0],))
    ChildVoiceFactory(child=elsewhere.household.children.get(), recorded_on=D(2026, 1, 20), theme=school)

    jan, feb = values(location, JAN), values(location, FEB)
    assert jan["child_theme_school"]["value"] == 5
    assert jan["child_theme_family"]["value"] == 1
    assert jan["child_theme_home"]["value"] == 0
    assert feb["child_theme_school"]["value"] == 1
    assert feb["child_theme_family"]["value"] == 0
    # Shown: 5 as a number, fewer than 5 suppressed.
    indicator = INDICATORS_BY_CODE["child_theme_school"]
    assert format_value(indicator, jan["child_theme_school"]) == "5"
    assert format_value(indicator, feb["child_theme_school"]) == "<5"
    assert format_value(INDICATORS_BY_CODE["child_theme_family"], jan["child_theme_family"]) == "<5"


def test_a_wish_counts_in_the_month_the_plan_with_its_goal_is_agreed(location) -> None:
    stay = admit(location, D(2026, 1, 2), children_born=BORN[:3])
    first, second, third = stay.household.children.order_by("date_of_birth")
    wish_1 = ChildVoiceFactory(child=first, recorded_on=D(2026, 1, 5), wishes="Naar voetbal")
    wish_2 = ChildVoiceFactory(child=second, recorded_on=D(2026, 1, 6), wishes="Een eigen kamer")
    ChildVoiceFactory(child=third, recorded_on=D(2026, 1, 7), wishes="Een hond")  # no goal from it
    with on(D(2026, 1, 10)):
        plan = plans.plan_create(household=stay.household, user=None, perspective="Een eigen huis")
        draft = PlanVersion.objects.select_related("plan").get(plan=plan)
        plans.goal_add(plan_version=draft, domain="child_leisure", text="Voetballen", voice=wish_1)
        plans.goal_add(plan_version=draft, domain="child_leisure", text="Gewoon een doel", child=third)
    with on(D(2026, 1, 31)):
        plans.plan_agree(plan=plan, agreed_on=D(2026, 1, 31), user=None)
    with on(D(2026, 2, 1)):
        review = plans.plan_review_start(plan=plan, user=None)
        review.plan = plan
        plans.goal_add(plan_version=review, domain="child_wellbeing", text="Een kamer", voice=wish_2)
        plans.plan_agree(plan=plan, agreed_on=D(2026, 2, 1), user=None)
    # January: the version agreed on 31 January holds the first child's goal -> 1.
    # February: the version agreed on 1 February holds both (the review copied the first) -> 2.
    assert values(location, JAN)["child_wish_to_goal"]["value"] == 1
    assert values(location, FEB)["child_wish_to_goal"]["value"] == 2
    assert format_value(INDICATORS_BY_CODE["child_wish_to_goal"], values(location, FEB)["child_wish_to_goal"]) == "<5"
