import datetime

import factory

from cases.constants import BeschikkingKind, HouseholdStatus, ShelterReason
from cases.models import AdultClient, Application, Beschikking, Handover, Household, Stay
from opvang.tests.factories import LocationFactory, OrganisationFactory


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    location = factory.SubFactory(LocationFactory)
    organisation = factory.SelfAttribute("location.organisation")
    reference = factory.Sequence(lambda n: f"HH-2026-{n:05d}")
    reason = ShelterReason.DOMESTIC_VIOLENCE
    municipality_of_origin = "Haarlem"
    status = HouseholdStatus.IN_SHELTER


class AdultClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdultClient

    household = factory.SubFactory(HouseholdFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    date_of_birth = datetime.date(1990, 5, 17)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    household = factory.SubFactory(HouseholdFactory)
    location = factory.SelfAttribute("household.location")
    applied_on = datetime.date(2026, 1, 5)


class StayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stay

    household = factory.SubFactory(HouseholdFactory)
    location = factory.SelfAttribute("household.location")
    admitted_on = datetime.date(2026, 1, 10)


class BeschikkingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Beschikking

    stay = factory.SubFactory(StayFactory)
    kind = BeschikkingKind.VO
    start_on = factory.SelfAttribute("stay.admitted_on")
    end_on = factory.LazyAttribute(lambda o: o.start_on + datetime.timedelta(days=91))
    original_end_on = factory.SelfAttribute("end_on")


class HandoverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handover
        skip_postgeneration_save = True

    household = factory.SubFactory(HouseholdFactory)
    from_organisation = factory.SelfAttribute("household.organisation")
    from_professional = factory.SubFactory(
        "opvang.tests.factories.UserFactory", organisation=factory.SelfAttribute("..from_organisation")
    )
    to_organisation = factory.SubFactory(OrganisationFactory, name="Ontvangende organisatie")
    planned_on = datetime.date(2026, 11, 20)
    consent_given = True
    summary = "Gezin gaat naar een plek dichter bij school."

    @factory.post_generation
    def children(self, create, extracted, **kwargs):
        if create and extracted:
            self.children.set(extracted)
