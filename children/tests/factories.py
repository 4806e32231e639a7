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
