import factory

from reports.models import EvaluationDossier


class EvaluationDossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationDossier

    location = factory.SubFactory("opvang.tests.factories.LocationFactory")
    year = 2026
