import datetime

import factory

from opvang.constants import OrganisationKind
from opvang.tests.factories import OrganisationFactory
from outflow.models import HousingApplication, HousingQuota, ReadyToMove


class CorporationFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Woningcorporatie {n}")
    kind = OrganisationKind.HOUSING


class ReadyToMoveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReadyToMove

    household = factory.SelfAttribute("stay.household")
    ready_on = datetime.date(2026, 3, 1)
    decided_by = factory.SubFactory("opvang.tests.factories.UserFactory")


class HousingApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingApplication

    household = factory.SelfAttribute("stay.household")
    kind = "urgency"
    municipality = "Haarlem"
    corporation = factory.SubFactory(CorporationFactory)
    applied_on = datetime.date(2026, 3, 5)


class HousingQuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingQuota

    corporation = factory.SubFactory(CorporationFactory)
    municipality = "Haarlem"
    year = 2026
    homes = 10
