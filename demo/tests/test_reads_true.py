"""Demo data that reads true: a child's gender matches its name, a toddler has no football goal and
no spoken voice entry, a handover's text matches its household (issue 11)."""

import datetime

import pytest
import time_machine

from cases.models import Handover
from children.models import Child, ChildVoice
from demo import cases as cases_demo
from demo import children as children_demo
from demo import plans as plans_demo
from demo.network import seed_network
from plans.models import Goal

pytestmark = pytest.mark.django_db

GIRLS = {"Emma", "Julia", "Mila", "Sara", "Nora", "Yara", "Lina", "Tess", "Zoë", "Fenna"}
BOYS = {"Noah", "Liam", "Sem", "Adam", "Daan", "Finn", "Ilias", "Amir", "Luca", "Milan"}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_the_demo_reads_true():
    # One seed for all three checks (seeding is the slow part).
    network = seed_network()
    cases_demo.seed(network)
    children_demo.seed(network)
    plans_demo.seed(network)
    check_gender_matches_name()
    check_toddlers_have_no_football_goal_nor_spoken_voice()
    check_handover_text_matches_household()


def check_gender_matches_name():
    rows = list(Child.objects.values_list("first_name", "gender"))
    assert rows
    for name, gender in rows:
        assert name in GIRLS | BOYS
        assert gender == ("f" if name in GIRLS else "m"), name


def check_toddlers_have_no_football_goal_nor_spoken_voice():
    today = datetime.date(2026, 11, 24)
    toddlers = [c for c in Child.objects.all() if c.age(today) < 3]
    assert toddlers, "the demo has toddlers"
    assert not ChildVoice.objects.filter(child__in=toddlers).exists()
    young = [c for c in Child.objects.all() if c.age(today) < plans_demo.TODDLER_AGE]
    for goal in Goal.objects.filter(child__in=young):
        assert "voetbal" not in goal.text and "school" not in goal.text, goal.text


def check_handover_text_matches_household():
    for handover in Handover.objects.select_related("household"):
        text = handover.summary
        first = handover.household.adults.order_by("pk").first().first_name
        if text.startswith(("Moeder", "Vader")):
            assert text.startswith("Vader" if first in cases_demo.MALE_ADULT_NAMES else "Moeder"), text
            children = handover.household.children.count()
            if children == 0:
                assert " en kind" not in text, text
            elif children == 1:
                assert " en kind " in text, text
            else:
                assert " en kinderen " in text, text
        if text.startswith("Vader"):
            assert "vrouwenopvang" not in text, text
