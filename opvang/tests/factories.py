import factory

from opvang.constants import HISTORY_START, LocationKind, OrganisationKind, Role
from opvang.models import Location, Organisation, User
from opvang.services import location_capacity_history_start, staff_assignments_sync

PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.SHELTER_PROVIDER


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Locatie {n}")
    kind = LocationKind.MO
    municipality = "Haarlem"
    capacity_places = 20
    capacity_units = 5

    @factory.post_generation
    def capacity_history(self, create, extracted, **kwargs):
        if create:
            location_capacity_history_start(location=self)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CASEWORKER
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if create and extracted:
            self.locations.set(extracted)
            staff_assignments_sync(user=self, on=HISTORY_START)
