import datetime

import factory

from cases.tests.factories import HouseholdFactory
from plans.constants import AgreementDecision, AgreementMethod, ParticipantKind, Relation
from plans.models import Action, Agreement, Goal, Participant, Plan, PlanVersion


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    household = factory.SubFactory(HouseholdFactory)
    start_on = datetime.date(2026, 1, 15)


class PlanVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanVersion

    plan = factory.SubFactory(PlanFactory)
    number = 1
    perspective = "Wij willen een eigen huis en rust voor de kinderen."


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    plan_version = factory.SubFactory(PlanVersionFactory)
    name = factory.Faker("name", locale="nl_NL")
    relation = Relation.NEIGHBOUR
    kind = ParticipantKind.NETWORK


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    participant = factory.SubFactory(ParticipantFactory)
    decision = AgreementDecision.AGREED
    decided_on = factory.LazyFunction(datetime.date.today)
    method = AgreementMethod.MEETING


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan_version = factory.SubFactory(PlanVersionFactory)
    domain = "housing"
    text = "Wij hebben een eigen huis."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    goal = factory.SubFactory(GoalFactory)
    plan_version = factory.SelfAttribute("goal.plan_version")
    what = "Inschrijven bij de woningcorporatie"
