import datetime

import factory

from cases.models import Involvement
from cases.tests.factories import HouseholdFactory
from children.constants import VeerkrachtForm, YouthCareKind
from children.models import Child, ChildVoice, VeerkrachtTrack, YouthCareReferral


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    household = factory.SubFactory(HouseholdFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = datetime.date(2016, 3, 1)


class ChildVoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildVoice

    child = factory.SubFactory(ChildFactory)
    recorded_on = datetime.date(2026, 2, 1)
    wishes = "Weer naar mijn eigen school."


class YouthCareReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YouthCareReferral

    child = factory.SubFactory(ChildFactory)
    provider = "Jeugdhulp Kennemerland"
    kind = YouthCareKind.TRAUMA_TREATMENT
    referred_on = datetime.date(2026, 2, 1)


class VeerkrachtTrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VeerkrachtTrack

    child = factory.SubFactory(ChildFactory)
    form = VeerkrachtForm.GROUP
    started_on = datetime.date(2026, 2, 1)


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involvement

    child = factory.SubFactory(ChildFactory)
    household = factory.LazyAttribute(lambda o: (o.child or o.adult).household)
    external_name = factory.Sequence(lambda n: f"Professional {n}")
    external_organisation = "CJG Kennemerland"
    role = "jeugdverpleegkundige"
    started_on = datetime.date(2026, 1, 15)


def intake_content(child, held_on: datetime.date) -> dict:
    """The least a completed own intake holds, in the form that fits the child's age on ``held_on``."""
    from children.constants import IntakeVariant
    from children.services import intake_variant_for

    variant = intake_variant_for(child, held_on)
    content: dict = {
        "held_on": held_on,
        "needs": {"school": "Weer naar school."},
        "custody": "both_parents",
        "other_parent_contact": "none",
    }
    if variant == IntakeVariant.OBSERVATION:
        return content | {"present": "parent", "observation": "Speelt rustig, zoekt moeder op."}
    if variant == IntakeVariant.CONVERSATION:
        return content | {"present": "alone", "answers": {"wish": "Een eigen kamer."}}
    return content | {
        "present": "alone",
        "own_words": "Ik wil weer naar mijn eigen school.",
        "consent": {"school": True, "health": True, "parent_reads": False},
    }


def complete_intake(child, held_on: datetime.date, *, by, **fields):
    """Complete the child's own intake through the service (tests), as ``by`` (case staff)."""
    from cases.access import may_see_safety
    from children.services import child_intake_save

    data = intake_content(child, held_on)
    if may_see_safety(by, child.household):
        data["safety_signals"] = False
    return child_intake_save(child=child, by=by, complete=True, **(data | fields))
