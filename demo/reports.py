"""Demo monitoring data: snapshots of the last five quarters and evaluation dossiers. Idempotent.

Runs last in seed_demo. Works without any households (the indicators are then zero or empty).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from demo.network import Network
from reports import selectors, services
from reports.constants import PeriodKind, PointStatus
from reports.models import EvaluationDossier, ReportSnapshot
from reports.periods import Period, Scope

QUARTERS = 5

# location key -> improvement points raised in 2025 (first one is still open in 2026)
POINTS = {
    "velserpoort": [
        "Elk kind heeft binnen twee weken een eigen intakegesprek.",
        "Gedragen plan vaker met netwerk maken.",
    ],
    "perron18": ["Warme overdracht naar begeleid wonen vastleggen.", "Jongeren eerder betrekken bij hun plan."],
    "vo_haarlem": ["Nazorg na vertrek structureel aanbieden.", "Veerkracht voor alle kinderen aanbieden."],
    "crisis": ["Schoolgang van kinderen tijdens crisisopvang borgen.", "Minder wisselende begeleiders per kind."],
    "hoofddorp": ["Specifieke aandacht voor kinderen op de locatie.", "Medewerkers trainen in het gedragen plan."],
}


def _last_quarters(today: datetime.date, count: int) -> list[Period]:
    period = Period.containing(PeriodKind.QUARTER, today).previous()
    periods = []
    for _ in range(count):
        periods.append(period)
        period = period.previous()
    return periods[::-1]  # oldest first, so every snapshot finds the earlier ones for its trend


def _snapshot_once(scope: Scope, period: Period, user) -> None:
    exists = ReportSnapshot.objects.filter(
        scope_key=scope.key, period_start=period.start, period_end=period.end, is_current=True
    ).exists()
    if not exists:
        # PDFs are rendered at their first download: rendering fifty at once would slow seeding.
        services.snapshot_generate(scope=scope, period=period, user=user, with_pdf=False)


def seed(network: Network) -> None:
    today = timezone.localdate()
    policy_officer = network.users.get("beleid")
    contract_manager = network.users.get("contract")
    locations = list(selectors.shelter_locations())
    scopes = [Scope.for_location(location) for location in locations]
    scopes.append(Scope.region())
    for period in _last_quarters(today, QUARTERS):
        for scope in scopes:
            _snapshot_once(scope, period, None)
    for location in locations:
        # Yearly snapshots for the evaluation dossiers: last year against the year before.
        for year in (today.year - 2, today.year - 1):
            _snapshot_once(Scope.for_location(location), Period.year(year), None)
    key_by_name = {loc.name: key for key, loc in network.locations.items()}
    for location in locations:
        _seed_dossiers(location, POINTS.get(key_by_name.get(location.name, ""), []), policy_officer, contract_manager)


def _seed_dossiers(location, texts: list[str], policy_officer, contract_manager) -> None:
    if EvaluationDossier.objects.filter(location=location, year=2025).exists():
        return
    last_year = services.dossier_ensure(location=location, year=2025)
    points = [services.improvement_point_add(dossier=last_year, text=text) for text in texts]
    if len(points) > 1:
        services.improvement_point_set_status(dossier=last_year, point=points[1], status=PointStatus.IN_PROGRESS)
    services.follow_up_action_add(
        dossier=last_year,
        what="Verbeterpunten bespreken in het teamoverleg",
        owner="Teamleider",
        due_on=datetime.date(2025, 9, 1),
    )
    services.dossier_update(
        dossier=last_year,
        expected_version=last_year.version,
        meeting_on=datetime.date(2025, 5, 20),
        participants="Beleidsmedewerker gemeente\nContractmanager gemeente\nTeamleider locatie\nSociaal Wijkteam",
        notes="Goed gesprek. Aandacht voor kinderen blijft een uitdaging.",
    )
    services.dossier_finalise(dossier=last_year, user=contract_manager or policy_officer)
    this_year = services.dossier_ensure(location=location, year=2026)
    if len(points) > 1:
        # One 2025 point is now done; the other stays open and is carried over.
        services.improvement_point_set_status(dossier=this_year, point=points[1], status=PointStatus.DONE)
    services.improvement_point_add(dossier=this_year, text="Kinderen vaker zelf laten vertellen wat zij nodig hebben.")
