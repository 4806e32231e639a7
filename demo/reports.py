"""Demo monitoring data: snapshots of the last five quarters and evaluation dossiers. Idempotent.

Runs last in seed_demo. Works without any households (the indicators are then zero or empty).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from demo.network import Network
from reports import meeting_services, selectors, services
from reports.constants import AgreementKind, AgreementStatus, PartyKind, PeriodKind, PointStatus
from reports.models import AccountMeeting, EvaluationDossier, ReportSnapshot
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
    if contract_manager is not None:
        _seed_account_meetings(network.organisations["kennemer"], contract_manager, today)


def _seed_dossiers(location, texts: list[str], policy_officer, contract_manager) -> None:
    if EvaluationDossier.objects.filter(location=location, year=2025).exists():
        return
    last_year = services.dossier_ensure(location=location, year=2025)
    points = [services.improvement_point_add(dossier=last_year, text=text) for text in texts]
    if len(points) > 1:
        services.improvement_point_set_status(dossier=last_year, point=points[1], status=PointStatus.IN_PROGRESS)
    # The meeting: the municipality's accounts, the provider's team lead and the neighbourhood team.
    for account in (policy_officer, contract_manager):
        if account is not None:
            services.participant_invite(dossier=last_year, user=account)
    services.participant_invite(
        dossier=last_year, name="Teamleider locatie", organisation=location.organisation.name, party=PartyKind.PROVIDER
    )
    services.participant_invite(
        dossier=last_year, name="Wijkteammedewerker", organisation="Sociaal Wijkteam", party=PartyKind.PARTNER
    )
    services.attendance_record(
        dossier=last_year, present_ids=set(last_year.meeting_participants.values_list("pk", flat=True))
    )
    services.follow_up_action_add(
        dossier=last_year,
        what="Verbeterpunten bespreken in het teamoverleg",
        owner="Teamleider",
        due_on=datetime.date(2025, 9, 1),
    )
    if policy_officer is not None:
        # Still open: carried over into this year's dossier.
        services.follow_up_action_add(
            dossier=last_year,
            what="Afspraak maken over kindbegeleiding met het CJG",
            owner_user=policy_officer,
            due_on=datetime.date(2026, 3, 1),
        )
    services.dossier_update(
        dossier=last_year,
        expected_version=last_year.version,
        meeting_on=datetime.date(2025, 5, 20),
        participants="",
        notes="Goed gesprek. Aandacht voor kinderen blijft een uitdaging.",
    )
    services.dossier_finalise(dossier=last_year, user=contract_manager or policy_officer, accept_missing=True)
    this_year = services.dossier_ensure(location=location, year=2026)
    if len(points) > 1:
        # One 2025 point is now done; the other stays open and is carried over.
        services.improvement_point_set_status(dossier=this_year, point=points[1], status=PointStatus.DONE)
    services.improvement_point_add(dossier=this_year, text="Kinderen vaker zelf laten vertellen wat zij nodig hebben.")


def _seed_account_meetings(provider, contract_manager, today: datetime.date) -> None:
    """Two account meetings with a provider this season and one planned: a training agreement
    made in the first is done in the second, a capacity agreement is still open."""
    if AccountMeeting.objects.filter(organisation=provider).exists():
        return
    first = meeting_services.meeting_create(
        organisation=provider,
        held_on=today - datetime.timedelta(days=120),
        attendees="Ruben de Boer (contractmanager)\nDirecteur en teamleider van de aanbieder",
        notes="Bezetting en doorstroom besproken; scholing van nieuwe medewerkers loopt achter.",
        by=contract_manager,
    )
    training = meeting_services.agreement_add(
        meeting=first,
        kind=AgreementKind.TRAINING,
        text="Alle nieuwe begeleiders volgen binnen drie maanden de training Veerkracht.",
        owner="Teamleider Velserpoort",
        due_on=today - datetime.timedelta(days=30),
    )
    meeting_services.agreement_add(
        meeting=first,
        kind=AgreementKind.CAPACITY,
        text="Twee gezinsplekken extra voor de winterperiode onderzoeken.",
        owner="Directeur aanbieder",
        due_on=today + datetime.timedelta(days=60),
    )
    second = meeting_services.meeting_create(
        organisation=provider,
        held_on=today - datetime.timedelta(days=30),
        attendees="Ruben de Boer (contractmanager)\nTeamleider van de aanbieder",
        notes="Voortgang van de afspraken uit het vorige gesprek.",
        by=contract_manager,
    )
    meeting_services.agreement_set_status(meeting=second, agreement=training, status=AgreementStatus.DONE)
    meeting_services.agreement_add(
        meeting=second,
        kind=AgreementKind.QUALITY,
        text="Kindgesprekken binnen twee weken na opname, voortgang per kwartaal melden.",
        owner="Teamleider Velserpoort",
        due_on=None,
    )
    meeting_services.meeting_create(
        organisation=provider,
        held_on=today + datetime.timedelta(days=60),
        attendees="",
        notes="",
        by=contract_manager,
    )
