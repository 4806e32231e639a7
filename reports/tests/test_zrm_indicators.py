"""The ZRM group (Computation.zrm): one statement that looks up each stay's intake and exit
assessment once, compared with the previous ORM formulation (nested subqueries, kept here as the
reference) on a varied dataset, and with values worked out by hand."""

from __future__ import annotations

import datetime
import random

import pytest
from django.db import connection
from django.db.models import Aggregate, Avg, Count, F, IntegerField, OuterRef, Q, Subquery
from django.test.utils import CaptureQueriesContext

from cases.constants import ZRM_CORE_DOMAINS, Destination, ZrmDomain, ZrmMoment
from cases.models import AdultClient, ZrmAssessment, ZrmScore
from cases.tests.factories import AdultClientFactory, HouseholdFactory, StayFactory
from opvang.constants import LocationKind
from opvang.tests.factories import LocationFactory, OrganisationFactory
from reports.indicators import Computation, CountRows
from reports.periods import Period, Scope

D = datetime.date
Q1 = Period.quarter(2026, 1)


def zrm_reference(c: Computation) -> dict:
    """The ZRM group as it was computed before (nested correlated subqueries per domain)."""
    p = c.period
    adults = AdultClient.objects.filter(
        household__stays__location__in=c.locations, household__stays__left_on__range=(p.start, p.end)
    ).annotate(stay_admitted=F("household__stays__admitted_on"), stay_left=F("household__stays__left_on"))

    def assessment(moment: str, order: str) -> Subquery:
        return Subquery(
            ZrmAssessment.objects.filter(
                adult_id=OuterRef("pk"),
                moment=moment,
                assessed_on__gte=OuterRef("stay_admitted"),
                assessed_on__lte=OuterRef("stay_left"),
            )
            .order_by(order, "pk")
            .values("pk")[:1]
        )

    adults = adults.annotate(
        intake_id=assessment(ZrmMoment.INTAKE, "assessed_on"), exit_id=assessment(ZrmMoment.EXIT, "-assessed_on")
    )

    def score(assessment_field: str, domain: str) -> Subquery:
        return Subquery(
            ZrmScore.objects.filter(assessment_id=OuterRef(assessment_field), domain=domain).values("score")[:1],
            output_field=IntegerField(),
        )

    changes = {d: score("exit_id", d) - score("intake_id", d) for d in ZRM_CORE_DOMAINS}
    intake_score = ZrmScore.objects.filter(
        assessment_id=OuterRef(OuterRef("intake_id")), domain=OuterRef("domain")
    ).values("score")[:1]
    improved = CountRows(
        ZrmScore.objects.filter(
            assessment_id=OuterRef("exit_id"), domain__in=ZRM_CORE_DOMAINS, score__gt=Subquery(intake_score)
        ).values("pk")
    )
    adults = adults.annotate(improved=improved, **{f"change_{d}": e for d, e in changes.items()})
    both = Q(intake_id__isnull=False, exit_id__isnull=False)
    aggregates: dict[str, Aggregate] = {}
    for d in ZRM_CORE_DOMAINS:
        aggregates[f"mean_{d}"] = Avg(f"change_{d}", filter=both)
        aggregates[f"n_{d}"] = Count(f"change_{d}", filter=both)
    return adults.aggregate(
        n=Count("pk"),
        both=Count("pk", filter=both),
        improved_2=Count("pk", filter=both & Q(improved__gte=2)),
        **aggregates,
    )


@pytest.fixture
def location(db):
    return LocationFactory(organisation=OrganisationFactory(name="Aanbieder"), kind=LocationKind.MO, capacity_places=10)


def assess(adult, on, moment, scores: dict) -> ZrmAssessment:
    a = ZrmAssessment.objects.create(adult=adult, assessed_on=on, moment=moment)
    for domain, value in scores.items():
        ZrmScore.objects.create(assessment=a, domain=domain, score=value)
    return a


def hand_built(location) -> None:
    """Edge cases, values below. All stays end in Q1 2026 unless said otherwise."""
    F_, H, J, M, P = (
        ZrmDomain.FINANCES,
        ZrmDomain.HOUSING,
        ZrmDomain.JUSTICE,
        ZrmDomain.MENTAL_HEALTH,
        ZrmDomain.PARENTING,
    )
    # A1: two intakes (the first counts) and two exits on one day (the first by pk counts):
    # finances 1→3 (+2), housing 2→3 (+1), justice 4→2 (−2), parenting 1→5 (not core): improved 2.
    h1 = HouseholdFactory(location=location)
    a1 = AdultClientFactory(household=h1)
    StayFactory(household=h1, admitted_on=D(2025, 11, 1), left_on=D(2026, 2, 1), destination=Destination.SOCIAL_RENT)
    assess(a1, D(2025, 11, 3), ZrmMoment.INTAKE, {F_: 1, H: 2, J: 4, P: 1})
    assess(a1, D(2025, 11, 20), ZrmMoment.INTAKE, {F_: 5, H: 5, J: 5})
    assess(a1, D(2026, 1, 30), ZrmMoment.EXIT, {F_: 3, H: 3, J: 2, P: 5})
    assess(a1, D(2026, 1, 30), ZrmMoment.EXIT, {F_: 1, H: 1, J: 1})
    # A2, same household: intake only (no exit): counted in n, not in both.
    a2 = AdultClientFactory(household=h1)
    assess(a2, D(2025, 11, 3), ZrmMoment.INTAKE, {F_: 2})
    # A3: both, finances 2→3 (+1), housing scored only at exit, mental health null at intake: improved 1.
    h3 = HouseholdFactory(location=location)
    a3 = AdultClientFactory(household=h3)
    StayFactory(household=h3, admitted_on=D(2025, 12, 1), left_on=D(2026, 3, 1), destination=Destination.OTHER_SHELTER)
    assess(a3, D(2025, 12, 2), ZrmMoment.INTAKE, {F_: 2, M: None})
    assess(a3, D(2026, 2, 27), ZrmMoment.EXIT, {F_: 3, H: 4, M: 3})
    # A4: an exit before the stay (outside it) and an intake inside: no exit for this stay.
    h4 = HouseholdFactory(location=location)
    a4 = AdultClientFactory(household=h4)
    assess(a4, D(2025, 6, 1), ZrmMoment.EXIT, {F_: 5})
    StayFactory(household=h4, admitted_on=D(2025, 12, 1), left_on=D(2026, 1, 15), destination=Destination.OTHER_SHELTER)
    assess(a4, D(2025, 12, 2), ZrmMoment.INTAKE, {F_: 1})
    # A5: still in shelter (no end in the period): not counted at all.
    h5 = HouseholdFactory(location=location)
    a5 = AdultClientFactory(household=h5)
    StayFactory(household=h5, admitted_on=D(2025, 12, 1))
    assess(a5, D(2025, 12, 2), ZrmMoment.INTAKE, {F_: 1})
    # A6: no assessment at all: counted in n.
    h6 = HouseholdFactory(location=location)
    AdultClientFactory(household=h6)
    StayFactory(household=h6, admitted_on=D(2025, 12, 1), left_on=D(2026, 3, 31), destination=Destination.OTHER_SHELTER)


def test_zrm_by_hand(location) -> None:
    hand_built(location)
    with CaptureQueriesContext(connection) as queries:
        z = Computation(Scope.for_location(location), Q1).zrm
    assert len(queries) == 1
    assert (z["n"], z["both"], z["improved_2"]) == (5, 2, 1)
    assert (z["mean_finances"], z["n_finances"]) == (1.5, 2)
    assert (z["mean_housing"], z["n_housing"]) == (1.0, 1)
    assert (z["mean_justice"], z["n_justice"]) == (-2.0, 1)
    assert (z["mean_mental_health"], z["n_mental_health"]) == (None, 0)
    assert "mean_parenting" not in z
    assert z == zrm_reference(Computation(Scope.for_location(location), Q1))


def test_zrm_equals_the_previous_formulation_on_a_varied_dataset(location) -> None:
    other = LocationFactory(organisation=location.organisation, kind=LocationKind.MO, capacity_places=10)
    hand_built(location)
    rng = random.Random(17)
    moments = [ZrmMoment.INTAKE, ZrmMoment.EXIT]
    for i in range(30):
        h = HouseholdFactory(location=location if i % 3 else other)
        adults = [AdultClientFactory(household=h) for _ in range(rng.choice([1, 1, 2]))]
        start = D(2025, 9, 1) + datetime.timedelta(days=rng.randrange(120))
        stays = [(start, start + datetime.timedelta(days=rng.randrange(20, 200)))]
        if rng.random() < 0.3:  # a second stay, after the first
            again = stays[0][1] + datetime.timedelta(days=rng.randrange(0, 30))
            stays.append((again, again + datetime.timedelta(days=rng.randrange(10, 90))))
        for n, (admitted, left) in enumerate(stays):
            open_ = n == len(stays) - 1 and rng.random() < 0.15
            StayFactory(
                household=h,
                location=h.location,
                admitted_on=admitted,
                left_on=None if open_ else left,
                destination="" if open_ else Destination.OTHER_SHELTER,
            )
        for adult in adults:
            for _ in range(rng.randrange(0, 5)):
                on = start + datetime.timedelta(days=rng.randrange(-20, 260))
                domains = rng.sample(list(ZrmDomain), rng.randrange(0, len(ZrmDomain) + 1))
                assess(adult, on, rng.choice(moments), {d: rng.choice([None, 1, 2, 3, 4, 5]) for d in domains})

    for scope in (Scope.for_location(location), Scope.for_location(other), Scope.region()):
        for period in (Q1, Period.quarter(2025, 4), Period.year(2026), Period.year(2025)):
            new = Computation(scope, period).zrm
            assert new == zrm_reference(Computation(scope, period)), (scope, period)
    assert Computation(Scope.region(), Period.year(2026)).zrm["both"] > 3
