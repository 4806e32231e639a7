import datetime

import pytest
import time_machine

from cases.models import Involvement
from cases.tests.factories import BeschikkingFactory, HouseholdFactory, StayFactory
from children import selectors
from children.models import Child, ChildIntake, ChildVoice, MeldcodeStepRecord, VeerkrachtTrack, YouthCareReferral
from children.tests.factories import ChildFactory
from demo import children as demo
from demo.network import seed_network

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, 0), tick=False):
        yield


def counts() -> dict[str, int]:
    models = (ChildVoice, YouthCareReferral, VeerkrachtTrack, MeldcodeStepRecord, Involvement)
    return {m.__name__: m.objects.count() for m in models} | {
        "mentors": Child.objects.filter(mentor__isnull=False).count(),
        "intakes": Child.objects.filter(intake_on__isnull=False).count(),
    }


def test_seed_without_children_does_nothing() -> None:
    demo.seed(seed_network())
    assert Child.objects.count() == 0


def test_seed_twice_gives_the_same_records_and_a_realistic_mix() -> None:
    network = seed_network()
    for n in range(12):
        household = HouseholdFactory(location=network.locations["velserpoort" if n % 2 else "vo_haarlem"])
        BeschikkingFactory(stay=StayFactory(household=household, admitted_on=datetime.date(2026, 1, 5 + n)))
        ChildFactory(household=household, date_of_birth=datetime.date(2012 + n % 8, 3, 1))
    demo.seed(network)
    first = counts()
    demo.seed(network)
    assert counts() == first
    assert 0 < first["mentors"] < 12 and 0 < first["intakes"] < 12
    assert first["MeldcodeStepRecord"] >= 5
    children = [c for h in {c.household for c in Child.objects.all()} for c in selectors.children_for_household(h)]
    assert any(c.faces_above_threshold for c in children)
    assert any(c.intake_status == "late" for c in children)


def test_intakes_fit_the_age_a_baby_is_observed_without_words() -> None:
    network = seed_network()
    born = {"baby": datetime.date(2025, 3, 1), "child": datetime.date(2017, 3, 1), "teen": datetime.date(2011, 3, 1)}
    for n, day in enumerate(born.values()):
        household = HouseholdFactory(location=network.locations["velserpoort"])
        BeschikkingFactory(stay=StayFactory(household=household, admitted_on=datetime.date(2026, 1, 5 + n)))
        ChildFactory(household=household, date_of_birth=day)
    demo.seed(network)
    intakes = {i.child.date_of_birth: i for i in ChildIntake.objects.select_related("child")}
    baby, child, teen = (intakes[day] for day in born.values())
    assert (baby.variant, baby.own_words, baby.answers, baby.present) == ("observation", "", {}, "parent")
    assert baby.observation and baby.status == "completed"
    assert child.variant == "conversation" and child.answers and not child.consent
    assert teen.variant == "own_words" and teen.own_words and set(teen.consent) == {"school", "health", "parent_reads"}


def test_a_baby_has_no_voice_entry_in_words() -> None:
    network = seed_network()
    household = HouseholdFactory(location=network.locations["velserpoort"])
    BeschikkingFactory(stay=StayFactory(household=household, admitted_on=datetime.date(2026, 1, 5)))
    baby = ChildFactory(household=household, date_of_birth=datetime.date(2025, 3, 1))
    older = ChildFactory(household=household, date_of_birth=datetime.date(2018, 3, 1))
    demo.seed(network)
    assert not baby.voices.exists()
    assert older.voices.exists()
