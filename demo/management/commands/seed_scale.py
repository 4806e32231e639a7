"""A large synthetic shelter region for benchmarks: ``seed_scale --households 20000``.

Fictional and deterministic (``--seed``): 12 provider organisations with 40 locations, a
municipality and two chain partners, staff per location, and N households over ``--years``
years with adults, children (1.7 on average), applications, stays with destinations,
beschikkingen and extensions, warm handovers, involvements of professionals, aftercare, ZRM
assessments, and gedragen plans with versions, circles, agreements, goals, actions and meetings.

Speed: rows are built in memory per chunk of households and written with ``bulk_create`` in
dependency order (PostgreSQL returns the new ids, so children pick up their parents' ids).
Services are bypassed on purpose — this is bulk test data, not a user's work — and so are the
audit log (``disable_auditlog``; bulk_create sends no signals anyway) and ``full_clean``; the
database constraints still hold every row. The rules the services enforce (one open stay,
no overlapping stays, one open plan, one draft version, gedragen computed as in
``plans.selectors``) are followed by construction.

It runs beside the demo data and refuses to run a second time into the same database unless
``--force`` (which adds a second, separately named region).
"""

from __future__ import annotations

import math
import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max, Model, OuterRef, Subquery
from django.utils import timezone

from cases.constants import (
    DESTINATION_GROUPS,
    AdultRole,
    AftercareKind,
    ApplicationDecision,
    BeschikkingKind,
    Destination,
    DestinationGroup,
    ExtensionReason,
    HandoverKind,
    HandoverStatus,
    HouseholdStatus,
    NoteKind,
    ShelterReason,
    ZrmDomain,
    ZrmMoment,
)
from cases.models import (
    AdultClient,
    AftercareContact,
    Application,
    Beschikking,
    BeschikkingExtension,
    CaseNote,
    FollowUp,
    Handover,
    Household,
    Involvement,
    Stay,
    ZrmAssessment,
    ZrmScore,
)
from chain.constants import StuckReason
from chain.models import ChainConsultation, ConsultationCase, Decision, StuckMark
from children.constants import CONSENT_AGE, Gender, VeerkrachtForm, VeerkrachtPhase, YouthCareKind
from children.models import Child, ChildVoice, VeerkrachtTrack, YouthCareReferral, age_on
from demo.bulkload import BulkLoader, FastInit
from demo.network import DEMO_PASSWORD
from opvang.constants import LocationKind, OrganisationKind, Role, Training
from opvang.models import Location, LocationCapacity, Organisation, StaffAssignment, TrainingRecord, User
from outflow.constants import HOUSING_DESTINATIONS, HousingApplicationKind, HousingDecision, HousingOutcome
from outflow.models import HousingApplication, ReadyToMove
from plans.constants import (
    AgreementDecision,
    AgreementMethod,
    ChildDomain,
    DirectionSupport,
    GoalStatus,
    ParticipantKind,
    PlanStatus,
    Relation,
    VersionState,
)
from plans.models import Action, Agreement, CircleMeeting, Goal, Participant, Plan, PlanConsent, PlanVersion
from reports.constants import RespondentType, SurveyMoment
from reports.models import SurveyResponse

MARKER = "Gemeente Schaalregio"
CHUNK = 1000
BATCH = 2000
ORGS_LOCATIONS = [4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3]  # 40 locations in 12 organisations
MUNICIPALITIES = [
    "Haarlem",
    "Zandvoort",
    "Heemstede",
    "Bloemendaal",
    "Velsen",
    "Haarlemmermeer",
    "Beverwijk",
    "Heemskerk",
    "Uitgeest",
    "Zaanstad",
    "Purmerend",
    "Amstelveen",
]
KIND_WEIGHTS = [
    (LocationKind.MO, 45),
    (LocationKind.VO, 25),
    (LocationKind.CRISIS, 10),
    (LocationKind.INTERMEDIATE, 20),
]
# Median length of stay per kind of location, in days (lognormal around it).
MEDIAN_STAY: dict[str, int] = {
    LocationKind.MO: 120,
    LocationKind.VO: 100,
    LocationKind.CRISIS: 21,
    LocationKind.INTERMEDIATE: 200,
}
FIRST_NAMES = (
    "Sanne Lotte Emma Fleur Noor Fatima Aisha Yasmin Ingrid Marieke Anouk Sophie Lisa Iris Mila Sara Nadia "
    "Daan Ahmed Joost Pieter Ruben Kees Mohamed Youssef Bram Thijs Lucas Sem Milan Finn Omar Jesse Tim Luuk"
).split()
LAST_NAMES = (
    "de Vries|Jansen|Bakker|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Dijk|"
    "Yilmaz|El Amrani|Kaya|Öztürk|Bouzid|Dekker|Brouwer|van Leeuwen|de Wit|Dijkstra|Koster|Postma|Verhoeven"
).split("|")
DESTINATION_WEIGHTS = [
    (Destination.OWN_RENTAL_URGENCY, 18),
    (Destination.SOCIAL_RENT, 14),
    (Destination.PRIVATE_RENT, 4),
    (Destination.OWN_HOME, 5),
    (Destination.PERMANENT_NETWORK, 6),
    (Destination.INTERMEDIATE, 9),
    (Destination.OTHER_SHELTER, 8),
    (Destination.TEMPORARY_NETWORK, 9),
    (Destination.SUPPORTED_HOUSING, 5),
    (Destination.CLINIC, 2),
    (Destination.DETENTION, 1),
    (Destination.RESIDENTIAL_YOUTH_CARE, 1),
    (Destination.BACK_TO_PERPETRATOR, 4),
    (Destination.LEFT_WITHOUT_NOTICE, 8),
    (Destination.DECEASED, 1),
    (Destination.UNKNOWN, 5),
]
HANDOVER_DESTINATIONS = {
    Destination.INTERMEDIATE,
    Destination.OTHER_SHELTER,
    Destination.SUPPORTED_HOUSING,
    Destination.RESIDENTIAL_YOUTH_CARE,
    Destination.OWN_RENTAL_URGENCY,
}
CHILD_COUNT_WEIGHTS = [18, 30, 30, 14, 6, 2]  # 0..5 children: 1.7 on average
EXTERNAL_ROLES = [
    ("jeugdverpleegkundige", "CJG Schaalregio"),
    ("gezinscoach", "Sociaal Wijkteam Schaalregio"),
    ("intern begeleider", "Basisschool De Regenboog"),
    ("mentor", "Scholengemeenschap Spaarne"),
    ("behandelaar", "Jeugd-GGZ Kennemerland"),
    ("jeugdbeschermer", "Jeugdbescherming Noord-Holland"),
    ("praktijkondersteuner", "Huisartsenpraktijk Centrum"),
    ("consulent", "Woonstichting Schaalregio"),
]
ZRM_CORE = [d for d in ZrmDomain if d != ZrmDomain.PARENTING]
PERSPECTIVES = [
    "Een eigen huis in de buurt van school, en rust voor de kinderen.",
    "Weer zelf de baas over ons geld en een vaste plek om te wonen.",
    "Veilig wonen, zonder angst, met de kinderen op hun eigen school.",
    "Een woning en werk, en de familie weer vaker zien.",
]
GOAL_TEXTS = {
    "adult": [
        "Mijn schulden zijn geregeld.",
        "Ik heb een woning.",
        "Ik heb werk of een opleiding.",
        "Ik slaap weer goed.",
    ],
    "child": [
        "Ik ga elke dag naar school.",
        "Ik heb een vriendje om mee te spelen.",
        "Ik voel me veilig.",
        "Ik zit op voetbal.",
    ],
    "household": ["We hebben samen een vast ritme.", "We vinden een huis in Haarlem."],
}
ACTION_TEXTS = ["Afspraak maken", "Formulier invullen", "Samen gaan kijken", "Bellen met school", "Aanvraag indienen"]
NOTE_KIND_WEIGHTS = [
    (NoteKind.CONVERSATION, 45),
    (NoteKind.PHONE, 20),
    (NoteKind.OBSERVATION, 15),
    (NoteKind.HOME_VISIT, 8),
    (NoteKind.CHAIN_CONSULTATION, 5),
    (NoteKind.INCIDENT, 7),
]
NOTE_TEXTS = [
    "Gesprek over de week: het ritme met de kinderen gaat beter, de post van de schuldeiser besproken.",
    "Telefonisch contact met school over de aanwezigheid; afspraak gemaakt voor volgende week.",
    "Moeder vertelt dat ze slecht slaapt. Samen gekeken naar wat helpt; huisarts wordt gebeld.",
    "Aanvraag bijzondere bijstand samen ingevuld en verstuurd.",
    "Kinderen spelen buiten met andere kinderen; de jongste is nog stil aan tafel.",
    "Bezoek aan de woning van de zus besproken; netwerk denkt mee over opvang in het weekend.",
]
FOLLOW_UP_TEXTS = ["Terugbellen over de uitkering", "School mailen", "Afspraak huisarts nagaan", "Formulier ophalen"]
DECISION_TEXTS = [
    "Wijkteam vraagt urgentie aan bij de gemeente.",
    "Schuldhulp start een traject binnen twee weken.",
    "Jeugdhulp plant een intake voor het oudste kind.",
    "Corporatie bekijkt een passende woning buiten de stad.",
]
# Plausible rates: a case note per two weeks of a stay (at most 40), a stuck mark on half of the
# stays longer than six months, a chain consultation per organisation per month of at most eight
# households, ready to move on most stays that end in housing, survey responses at departure.
NOTE_EVERY_DAYS = 14
NOTES_PER_STAY = 40
CASES_PER_CONSULTATION = 8
PARTNER_USERS_PER_ORGANISATION = 12
HOUSING_CORPORATIONS = 3
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
make = FastInit()  # Model(...) without Model.__init__ (see demo.bulkload)


@dataclass
class Region:
    run: int
    municipality: Organisation
    providers: list[Organisation]
    chain_partners: list[Organisation]
    locations: list[Location]
    weights: list[float]
    caseworkers: dict[int, list[User]] = field(default_factory=dict)  # location id → users
    partners: dict[int, list[User]] = field(default_factory=dict)  # chain-partner organisation id → users
    corporations: list[Organisation] = field(default_factory=list)


class Command(BaseCommand):
    help = "Create a large synthetic region for benchmarks (bulk inserts). Refuses to run twice unless --force."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--households", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--force", action="store_true", help="add another region even if one exists")
        parser.add_argument(
            "--fk-checks",
            action="store_true",
            help="keep PostgreSQL's foreign-key triggers on while loading (slower; the rows are the same)",
        )

    def handle(self, *args, households: int, seed: int, years: int, force: bool, fk_checks: bool, **options) -> None:
        from auditlog.context import disable_auditlog

        existing = Organisation.objects.filter(name__startswith=MARKER).count()
        if existing and not force:
            raise CommandError(f"A scale region already exists in this database ({existing}); use --force to add one.")
        rng = random.Random(seed)
        self.today = timezone.localdate()
        self.start = self.today - timedelta(days=365 * years)
        self.loader = BulkLoader(timezone.now())
        self.timings: dict[str, float] = {"build": 0.0, "write": 0.0}
        started = time.monotonic()
        replica = connection.vendor == "postgresql" and not fk_checks
        if replica:
            # Bench data is consistent by construction (ids handed out before any row is written);
            # skipping the foreign-key triggers saves a lookup per reference. Needs a superuser.
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = replica")
        try:
            with disable_auditlog():
                with transaction.atomic():
                    region = self._network(rng, run=existing + 1, households=households, years=years)
                self.region = region
                self.consultations_of: dict[tuple[int, date], list[ChainConsultation]] = {}
                self._consultation_cases: dict[int, int] = {}
                self._active_consents: dict[int, set] = {}
                # (provider organisation id, month's meeting day) → its consultations, the last still filling
                self.counts: dict[str, int] = {}
                self.next_ref = self._reference_counters()
                for offset in range(0, households, CHUNK):
                    with transaction.atomic():
                        self._chunk(rng, region, min(CHUNK, households - offset))
                    done = offset + min(CHUNK, households - offset)
                    if done % (CHUNK * 10) == 0 or done == households:
                        self.stdout.write(
                            f"  {done} / {households} households ({time.monotonic() - started:.0f} s; "
                            f"build {self.timings['build']:.0f} s, write {self.timings['write']:.0f} s)"
                        )
                with transaction.atomic():
                    self._backdate(region)
        finally:
            if replica:
                with connection.cursor() as cursor:
                    cursor.execute("RESET session_replication_role")
        loaded = time.monotonic()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{name} {count}" for name, count in sorted(self.counts.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale region {region.run}: {households} households in {elapsed:.1f} s "
                f"(build rows {self.timings['build']:.1f} s, write {self.timings['write']:.1f} s, "
                f"ANALYZE {elapsed - (loaded - started):.1f} s)"
            )
        )
        self.stdout.write(summary)

    # --- the network --------------------------------------------------------------------------

    def _network(self, rng: random.Random, *, run: int, households: int, years: int) -> Region:
        suffix = "" if run == 1 else f" {run}"
        prefix = "schaal" if run == 1 else f"schaal{run}"
        municipality = Organisation.objects.create(name=f"{MARKER}{suffix}", kind=OrganisationKind.MUNICIPALITY)
        providers = Organisation.objects.bulk_create(
            Organisation(name=f"Schaalregio{suffix} Opvang {i + 1:02d}", kind=OrganisationKind.SHELTER_PROVIDER)
            for i in range(len(ORGS_LOCATIONS))
        )
        chain_partners = Organisation.objects.bulk_create(
            [
                Organisation(name=f"Sociaal Wijkteam Schaalregio{suffix}", kind=OrganisationKind.CHAIN_PARTNER),
                Organisation(name=f"CJG Schaalregio{suffix}", kind=OrganisationKind.CHAIN_PARTNER),
            ]
        )
        corporations = Organisation.objects.bulk_create(
            Organisation(name=f"Woonstichting Schaalregio{suffix} {i + 1}", kind=OrganisationKind.HOUSING)
            for i in range(HOUSING_CORPORATIONS)
        )
        # Capacity follows the expected number of households present at once (Little's law).
        kinds = [k for k, w in KIND_WEIGHTS for _ in range(w)]
        specs = []
        for org_index, (org, count) in enumerate(zip(providers, ORGS_LOCATIONS, strict=True)):
            for j in range(count):
                specs.append((org, j, rng.choice(kinds), MUNICIPALITIES[org_index], rng.uniform(1, 5)))
        total_weight = sum(s[4] for s in specs)
        present = households * 150 / (365 * years)
        locations: list[Location] = []
        for org, j, kind, municipality_name, weight in specs:
            units = max(6, round(present * weight / total_weight * 1.15))
            secret = kind in (LocationKind.VO, LocationKind.CRISIS)
            locations.append(
                Location(
                    organisation=org,
                    name=f"{org.name} {municipality_name} {j + 1}",
                    kind=kind,
                    municipality=municipality_name,
                    address="" if secret else f"Schaalstraat {len(locations) + 1}, {municipality_name}",
                    secret_address=secret,
                    capacity_places=units * 3,
                    capacity_units=units,
                )
            )
        locations = Location.objects.bulk_create(locations)
        # Capacity is dated (occupancy over past periods uses the capacity of each day).
        LocationCapacity.objects.bulk_create(
            LocationCapacity(location=loc, valid_from=self.start, places=loc.capacity_places, units=loc.capacity_units)
            for loc in locations
        )
        region = Region(
            run=run,
            municipality=municipality,
            providers=providers,
            chain_partners=chain_partners,
            locations=locations,
            weights=[s[4] for s in specs],
            corporations=corporations,
        )
        # Staff: one caseworker per five family units (at least three), a team lead per
        # organisation, the municipal roles. One password hash for all (hashing is slow on purpose).
        password = make_password(DEMO_PASSWORD)
        users: list[User] = []
        memberships: list[tuple[int, list[Location]]] = []
        for loc_index, location in enumerate(locations):
            for k in range(max(3, location.capacity_units // 5)):
                users.append(
                    self._user(
                        rng,
                        f"{prefix}.l{loc_index + 1:02d}.b{k + 1:02d}",
                        location.organisation,
                        Role.CASEWORKER,
                        password,
                    )
                )
                memberships.append((len(users) - 1, [location]))
        for org_index, org in enumerate(providers):
            users.append(self._user(rng, f"{prefix}.o{org_index + 1:02d}.teamleider", org, Role.TEAM_LEAD, password))
            memberships.append((len(users) - 1, [loc for loc in locations if loc.organisation_id == org.pk]))
        # Chain-partner professionals (SWT, CJG): in plan circles, reading plans with the family's consent.
        for org_index, org in enumerate(chain_partners):
            for k in range(PARTNER_USERS_PER_ORGANISATION):
                username = f"{prefix}.k{org_index + 1}.p{k + 1:02d}"
                users.append(self._user(rng, username, org, Role.CHAIN_PARTNER, password))
        users.append(self._user(rng, f"{prefix}.beleid", municipality, Role.POLICY_OFFICER, password))
        users.append(self._user(rng, f"{prefix}.contract", municipality, Role.CONTRACT_MANAGER, password))
        users = User.objects.bulk_create(users)
        through = User.locations.through
        through.objects.bulk_create(
            through(user_id=users[i].pk, location_id=loc.pk) for i, locs in memberships for loc in locs
        )
        # The dated assignment history the staff indicators count.
        StaffAssignment.objects.bulk_create(
            StaffAssignment(user_id=users[i].pk, location_id=loc.pk, role=users[i].role, started_on=self.start)
            for i, locs in memberships
            for loc in locs
        )
        for i, locs in memberships:
            if users[i].role == Role.CASEWORKER:
                region.caseworkers.setdefault(locs[0].pk, []).append(users[i])
        for user in users:
            if user.role == Role.CHAIN_PARTNER and user.organisation_id is not None:
                region.partners.setdefault(user.organisation_id, []).append(user)
        trainings = []
        for user in users:
            if user.role != Role.CASEWORKER:
                continue
            for training, chance in (
                (Training.GEDRAGEN_PLAN, 0.6),
                (Training.VEERKRACHT, 0.5),
                (Training.MELDCODE, 0.4),
            ):
                if rng.random() < chance:
                    trainings.append(
                        TrainingRecord(
                            user=user, training=training, completed_on=self._day(rng, self.start, self.today)
                        )
                    )
        TrainingRecord.objects.bulk_create(trainings)
        self.stdout.write(f"Network: {len(providers)} providers, {len(locations)} locations, {len(users)} staff")
        return region

    @staticmethod
    def _user(rng: random.Random, username: str, org: Organisation, role: str, password: str) -> User:
        return User(
            username=username,
            password=password,
            organisation=org,
            role=role,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            email=f"{username}@example.org",
        )

    # --- households -----------------------------------------------------------------------------

    def _reference_counters(self) -> dict[int, int]:
        counters = {}
        for year in range(self.start.year, self.today.year + 1):
            prefix = f"HH-{year}-"
            highest = Household.objects.filter(reference__startswith=prefix).aggregate(m=Max("reference"))["m"]
            counters[year] = int(highest.rsplit("-", 1)[1]) if highest else 0
        return counters

    @staticmethod
    def _day(rng: random.Random, low: date, high: date) -> date:
        return low + timedelta(days=rng.randint(0, max(0, (high - low).days)))

    def _chunk(self, rng: random.Random, region: Region, n: int) -> None:
        rows: dict[type, list] = {}

        def add(obj):
            rows.setdefault(type(obj), []).append(obj)
            return obj

        chunk_started = time.monotonic()
        m2m_handover_children: list[tuple[Handover, Child]] = []
        m2m_meeting_attendees: list[tuple[CircleMeeting, Participant]] = []
        self.m2m_consultation_orgs: list[tuple[ChainConsultation, Organisation]] = []
        self.m2m_child_notes: list[tuple[Child, CaseNote]] = []
        self._active_consents = {}  # id(household) → {(organisation id, id(person))}, within this chunk
        today = self.today
        for _ in range(n):
            location = rng.choices(region.locations, weights=region.weights)[0]
            staff = region.caseworkers[location.pk]
            applied_on = self._day(rng, self.start, today - timedelta(days=1))
            self.next_ref[applied_on.year] += 1
            household = add(
                make(
                    Household,
                    reference=f"HH-{applied_on.year}-{self.next_ref[applied_on.year]:05d}",
                    organisation_id=location.organisation_id,
                    location=location,
                    reason=ShelterReason.DOMESTIC_VIOLENCE
                    if location.kind in (LocationKind.VO, LocationKind.CRISIS)
                    else rng.choice([ShelterReason.EVICTION, ShelterReason.ECONOMIC, ShelterReason.OTHER]),
                    municipality_of_origin=rng.choice(MUNICIPALITIES),
                )
            )
            last_name = rng.choice(LAST_NAMES)
            adults = [
                add(
                    make(
                        AdultClient,
                        household=household,
                        role=AdultRole.PARENT if i == 0 or rng.random() < 0.8 else AdultRole.OTHER,
                        first_name=rng.choice(FIRST_NAMES),
                        last_name=last_name,
                        date_of_birth=applied_on - timedelta(days=rng.randint(19 * 365, 55 * 365)),
                        caseworker=rng.choice(staff),
                    )
                )
                for i in range(1 if rng.random() < 0.7 else 2)
            ]
            children = [
                add(
                    make(
                        Child,
                        household=household,
                        first_name=rng.choice(FIRST_NAMES),
                        last_name=last_name,
                        date_of_birth=applied_on - timedelta(days=rng.randint(30, 17 * 365 + 300)),
                        gender=rng.choice([Gender.GIRL, Gender.BOY, Gender.BOY, Gender.GIRL, Gender.OTHER]),
                    )
                )
                for _ in range(rng.choices(range(6), weights=CHILD_COUNT_WEIGHTS)[0])
            ]
            # The path: an application, mostly a stay, sometimes a relapse with a second stay.
            stays: list[Stay] = []
            previous: Stay | None = None
            status = HouseholdStatus.CLOSED
            while True:
                application = add(
                    make(
                        Application, household=household, location=location, applied_on=applied_on, relapse_of=previous
                    )
                )
                waited = min(90, int(rng.expovariate(1 / 9)))
                admitted_on = applied_on + timedelta(days=waited)
                roll = rng.random()
                if admitted_on >= today:
                    status = HouseholdStatus.WAITING
                    break
                if roll < 0.12:
                    application.decision = (
                        ApplicationDecision.REJECTED if roll < 0.08 else ApplicationDecision.WITHDRAWN
                    )
                    application.decided_on = min(today, applied_on + timedelta(days=rng.randint(0, 10)))
                    break
                application.decision = ApplicationDecision.ADMITTED
                application.decided_on = admitted_on
                length = min(900, max(1, int(rng.lognormvariate(math.log(MEDIAN_STAY[location.kind]), 0.7))))
                left_on = admitted_on + timedelta(days=length)
                stay = add(
                    make(Stay, household=household, location=location, application=application, admitted_on=admitted_on)
                )
                stays.append(stay)
                if left_on >= today:
                    status = HouseholdStatus.IN_SHELTER
                    if rng.random() < 0.4:
                        stay.planned_destination = rng.choices(*zip(*DESTINATION_WEIGHTS, strict=True))[0]
                        stay.planned_left_on = today + timedelta(days=rng.randint(5, 120))
                    break
                stay.left_on = left_on
                stay.destination = rng.choices(*zip(*DESTINATION_WEIGHTS, strict=True))[0]
                status = HouseholdStatus.AFTERCARE if (today - left_on).days < 90 else HouseholdStatus.CLOSED
                # A relapse: a new application within two years of leaving.
                gap = rng.randint(20, 700)
                if rng.random() < 0.1 and left_on + timedelta(days=gap) < today - timedelta(days=1) and len(stays) < 3:
                    previous = stay
                    applied_on = left_on + timedelta(days=gap)
                    if rng.random() < 0.3:
                        location = rng.choices(region.locations, weights=region.weights)[0]
                        staff = region.caseworkers[location.pk]
                        household.location = location
                        household.organisation_id = location.organisation_id
                    continue
                break
            household.status = status

            for stay in stays:
                self._stay_records(rng, region, add, stay, adults, children, staff, m2m_handover_children)
            for child in children:
                self._child_records(rng, add, child, stays, staff)
            # One gedragen plan per stay of three weeks or more (80%); closed when the stay ended.
            for stay in stays:
                end = stay.left_on or today
                if (end - stay.admitted_on).days >= 21 and rng.random() < 0.8:
                    self._plan(rng, region, add, household, stay, adults, children, staff, m2m_meeting_attendees)

            self._outflow(rng, region, add, household, stays, staff)
            self._chain(rng, region, add, household, stays, staff)
            self._notes(rng, add, household, stays, adults, children, staff)
            self._surveys(rng, add, stays, children)

        built = time.monotonic()
        self.timings["build"] += built - chunk_started
        order: list[type[Model]] = [
            Household,
            AdultClient,
            Child,
            Application,
            Stay,
            Beschikking,
            BeschikkingExtension,
            Handover,
            Involvement,
            AftercareContact,
            ZrmAssessment,
            ZrmScore,
            ChildVoice,
            VeerkrachtTrack,
            YouthCareReferral,
            Plan,
            PlanVersion,
            Participant,
            Agreement,
            Goal,
            Action,
            CircleMeeting,
            PlanConsent,
            ReadyToMove,
            HousingApplication,
            StuckMark,
            ChainConsultation,
            ConsultationCase,
            Decision,
            CaseNote,
            FollowUp,
            SurveyResponse,
        ]
        unknown = set(rows) - set(order)
        assert not unknown, unknown  # every model built is written
        groups: list[tuple[type[Model], list[Model]]] = [(model, rows.get(model, [])) for model in order]
        handover_children = Handover.children.through
        attendees = CircleMeeting.attendees.through
        consultation_orgs = ChainConsultation.organisations.through
        child_notes = Child.case_notes.through
        groups += [
            (handover_children, [make(handover_children, handover=h, child=c) for h, c in m2m_handover_children]),
            (attendees, [make(attendees, circlemeeting=m, participant=p) for m, p in m2m_meeting_attendees]),
            (
                consultation_orgs,
                [make(consultation_orgs, chainconsultation=c, organisation=o) for c, o in self.m2m_consultation_orgs],
            ),
            (child_notes, [make(child_notes, child=c, casenote=n) for c, n in self.m2m_child_notes]),
        ]
        for name, count in self.loader.write_all(groups).items():
            name = {"application": "applications", "stay": "stays"}.get(name, name)
            self.counts[name] = self.counts.get(name, 0) + count
        self.timings["write"] += time.monotonic() - built

    def _stay_records(self, rng, region, add, stay, adults, children, staff, m2m_handover_children) -> None:
        today = self.today
        end = stay.left_on or today
        location = stay.location
        kind = BeschikkingKind.VO if location.kind in (LocationKind.VO, LocationKind.CRISIS) else BeschikkingKind.MO
        first_end = stay.admitted_on + relativedelta(months=rng.choice([3, 6]))
        beschikking = add(
            make(
                Beschikking,
                stay=stay,
                kind=kind,
                start_on=stay.admitted_on,
                end_on=first_end,
                original_end_on=first_end,
            )
        )
        current = first_end
        reasons = [r for r in ExtensionReason]
        while current < end + timedelta(days=14) and current < today + timedelta(days=60):
            new_end = current + relativedelta(months=3)
            add(
                make(
                    BeschikkingExtension,
                    beschikking=beschikking,
                    extended_on=max(stay.admitted_on, current - timedelta(days=rng.randint(1, 20))),
                    previous_end_on=current,
                    new_end_on=new_end,
                    reason=rng.choices(reasons, weights=[5, 2, 2, 1])[0],
                    decided_by=rng.choice(staff),
                )
            )
            current = new_end
        beschikking.end_on = current
        # Professionals around each client: the caseworker, and faces from elsewhere.
        for adult in adults:
            add(
                make(
                    Involvement,
                    household=adult.household,
                    adult=adult,
                    user=adult.caseworker,
                    role="trajectbegeleider",
                    started_on=stay.admitted_on,
                    ended_on=stay.left_on,
                )
            )
            for _ in range(rng.randint(0, 2)):
                role, org = rng.choice(EXTERNAL_ROLES)
                started = self._day(rng, stay.admitted_on, end)
                add(
                    make(
                        Involvement,
                        household=adult.household,
                        adult=adult,
                        external_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                        external_organisation=org,
                        role=role,
                        started_on=started,
                        ended_on=stay.left_on,
                    )
                )
        for child in children:
            for _ in range(min(8, int(rng.expovariate(1 / 2.5)))):
                role, org = rng.choice(EXTERNAL_ROLES)
                started = self._day(rng, stay.admitted_on, end)
                add(
                    make(
                        Involvement,
                        household=child.household,
                        child=child,
                        external_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                        external_organisation=org,
                        role=role,
                        started_on=started,
                        ended_on=stay.left_on if rng.random() < 0.8 else None,
                    )
                )
        # ZRM at intake (85%) and exit (60% of ended stays), one row per domain.
        for adult in adults:
            intake = None
            if rng.random() < 0.85:
                on = min(today, stay.admitted_on + timedelta(days=rng.randint(0, 14)))
                intake = self._zrm(rng, add, adult, on, ZrmMoment.INTAKE, None, staff, bool(children))
            if stay.left_on and rng.random() < 0.6:
                self._zrm(rng, add, adult, stay.left_on, ZrmMoment.EXIT, intake, staff, bool(children))
        if stay.left_on is None:
            if rng.random() < 0.03:
                self._handover(rng, region, add, stay, children, staff, m2m_handover_children, HandoverStatus.PROPOSED)
            return
        if stay.destination in HANDOVER_DESTINATIONS and rng.random() < 0.7:
            self._handover(rng, region, add, stay, children, staff, m2m_handover_children, HandoverStatus.COMPLETED)
        if DESTINATION_GROUPS.get(stay.destination) == DestinationGroup.PERMANENT and rng.random() < 0.6:
            for _ in range(rng.randint(1, 3)):
                on = stay.left_on + timedelta(days=rng.randint(3, 85))
                if on <= today:
                    add(
                        make(
                            AftercareContact,
                            household=stay.household,
                            stay=stay,
                            contact_on=on,
                            kind=rng.choice(list(AftercareKind)),
                            recorded_by=rng.choice(staff),
                        )
                    )

    def _zrm(self, rng, add, adult, on, moment, intake, staff, parenting) -> dict:
        assessment = add(make(ZrmAssessment, adult=adult, assessed_on=on, moment=moment, assessed_by=rng.choice(staff)))
        domains = ZRM_CORE + ([ZrmDomain.PARENTING] if parenting else [])
        scores = {}
        for domain in domains:
            if rng.random() < 0.05:
                score = None
            elif intake is None:
                score = rng.choices([1, 2, 3, 4, 5], weights=[15, 30, 30, 18, 7])[0]
            else:
                base = intake.get(domain) or 2
                score = max(1, min(5, base + rng.choice([-1, 0, 0, 1, 1, 2])))
            scores[domain] = score
            add(make(ZrmScore, assessment=assessment, domain=domain, score=score))
        return scores

    def _handover(self, rng, region, add, stay, children, staff, m2m, status) -> None:
        to_org = rng.choice(
            [o for o in region.providers if o.pk != stay.location.organisation_id] + region.chain_partners
        )
        planned = (stay.left_on or self.today) - timedelta(days=rng.randint(0, 10))
        planned = max(planned, stay.admitted_on)
        done = status == HandoverStatus.COMPLETED
        accepted = min(self.today, planned + timedelta(days=rng.randint(0, 12))) if done else None
        handover = add(
            make(
                Handover,
                household=stay.household,
                from_organisation_id=stay.location.organisation_id,
                from_professional=rng.choice(staff),
                to_organisation=to_org,
                to_professional_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                planned_on=planned,
                kind=HandoverKind.WARM if rng.random() < 0.75 else HandoverKind.COLD,
                consent_given=True,
                child_consent_given=True,
                safety_info_passed=rng.random() < 0.9,
                plan_passed=rng.random() < 0.8,
                met_each_child=rng.random() < 0.6,
                summary="Overdracht van het gezin met plan en afspraken.",
                status=status,
                accepted_on=accepted,
                completed_on=accepted,
            )
        )
        for child in children:
            m2m.append((handover, child))

    def _child_records(self, rng, add, child, stays, staff) -> None:
        if not stays:
            return
        stay = stays[-1]
        today = self.today
        end = stay.left_on or today
        if rng.random() < 0.8:
            child.mentor = rng.choice(staff)
            add(
                make(
                    Involvement,
                    household=child.household,
                    child=child,
                    user=child.mentor,
                    role="vaste begeleider",
                    started_on=stay.admitted_on,
                    ended_on=stay.left_on,
                )
            )
        roll = rng.random()
        if roll < 0.9:
            delay = rng.randint(0, 13) if roll < 0.72 else rng.randint(14, 60)
            intake = stay.admitted_on + timedelta(days=delay)
            if intake <= end:
                child.intake_on = intake
        age = age_on(child.date_of_birth, stay.admitted_on)
        if age >= 4:
            child.school_name = rng.choice(["Basisschool De Regenboog", "Het Spaarne College", "OBS De Linde"])
            child.school_continued = rng.random() < 0.7
        child.safety_scale = rng.randint(2, 10) if rng.random() < 0.6 else None
        if age >= 3 and rng.random() < 0.6:
            for _ in range(rng.randint(1, 3)):
                add(
                    make(
                        ChildVoice,
                        child=child,
                        recorded_on=self._day(rng, stay.admitted_on, end),
                        wishes="Weer naar mijn eigen school en een eigen kamer.",
                        worries="Of papa boos wordt." if rng.random() < 0.5 else "",
                        recorded_by=rng.choice(staff),
                    )
                )
        roll = rng.random()
        if roll < 0.55:
            started = self._day(rng, stay.admitted_on, min(end, stay.admitted_on + timedelta(days=30)))
            add(
                make(
                    VeerkrachtTrack,
                    child=child,
                    form=rng.choice([VeerkrachtForm.GROUP, VeerkrachtForm.INDIVIDUAL]),
                    phase=rng.choice(list(VeerkrachtPhase)),
                    started_on=started,
                    sessions_attended=rng.randint(0, 12),
                    ended_on=stay.left_on if stay.left_on and stay.left_on >= started else None,
                )
            )
        elif roll < 0.65:
            add(
                make(VeerkrachtTrack, child=child, form=VeerkrachtForm.NOT_OFFERED, not_offered_reason="Kort verblijf.")
            )
        if rng.random() < 0.2:
            referred = self._day(rng, stay.admitted_on, end)
            started = referred + timedelta(days=rng.randint(7, 120))
            add(
                make(
                    YouthCareReferral,
                    child=child,
                    provider="Jeugdhulp Schaalregio",
                    kind=rng.choice(list(YouthCareKind)),
                    referred_on=referred,
                    started_on=started if started <= today else None,
                )
            )

    # --- the gedragen plan ----------------------------------------------------------------------

    def _plan(self, rng, region, add, household, stay, adults, children, staff, m2m_attendees) -> None:
        today = self.today
        end = stay.left_on or today
        start_on = stay.admitted_on + timedelta(days=rng.randint(3, 20))
        plan = add(
            make(
                Plan,
                household=household,
                start_on=start_on,
                direction_support=rng.choice(list(DirectionSupport)),
                created_by=rng.choice(staff),
            )
        )
        mentor = rng.choice(staff)
        # The circle (keys stay the same across versions).
        circle = []
        for adult in adults:
            circle.append(("adult", adult, str(adult), Relation.PARENT, ParticipantKind.NETWORK))
        for child in children:
            if age_on(child.date_of_birth, start_on) >= CONSENT_AGE or rng.random() < 0.3:
                circle.append(("child", child, str(child), Relation.CHILD, ParticipantKind.NETWORK))
        for _ in range(rng.choices([0, 1, 2, 3], weights=[25, 35, 25, 15])[0]):
            relation = rng.choice([Relation.NEIGHBOUR, Relation.FRIEND, Relation.OTHER_FAMILY])
            circle.append(
                (
                    "network",
                    None,
                    f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    relation,
                    ParticipantKind.NETWORK,
                )
            )
        circle.append(("mentor", mentor, str(mentor), Relation.SHELTER_MENTOR, ParticipantKind.PROFESSIONAL))
        partner_users: dict[int, User] = {}  # position in the circle → the partner's account
        for org, relation in zip(region.chain_partners, (Relation.SWT, Relation.CJG), strict=True):
            if rng.random() < 0.6:
                partner = rng.choice(region.partners[org.pk])
                partner_users[len(circle)] = partner
                circle.append(("org", org, str(partner), relation, ParticipantKind.PROFESSIONAL))
        self._consents(rng, add, household, start_on, end, adults, children, staff, circle)
        circle_keys = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in circle]
        goal_specs = []
        for adult in adults:
            for _ in range(rng.randint(1, 2)):
                goal_specs.append(("adult", adult, rng.choice(ZRM_CORE), rng.choice(GOAL_TEXTS["adult"])))
        for child in children:
            if rng.random() < 0.7:
                goal_specs.append(("child", child, rng.choice(list(ChildDomain)), rng.choice(GOAL_TEXTS["child"])))
        if rng.random() < 0.5:
            goal_specs.append(("household", None, ZrmDomain.HOUSING, rng.choice(GOAL_TEXTS["household"])))
        goal_keys = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in goal_specs]

        created_on = start_on
        number = 0
        status = PlanStatus.DRAFT
        while True:
            number += 1
            version = add(
                make(
                    PlanVersion,
                    plan=plan,
                    number=number,
                    perspective=rng.choice(PERSPECTIVES),
                    strengths="We zijn met elkaar en we hebben buren die helpen.",
                    worries="Geld en de woning.",
                    if_things_go_differently="Dan bellen we de buurvrouw en de begeleider.",
                    created_by=mentor,
                )
            )
            participants = []
            for position, ((kind, obj, name, relation, pkind), key) in enumerate(zip(circle, circle_keys, strict=True)):
                participants.append(
                    add(
                        make(
                            Participant,
                            plan_version=version,
                            key=key,
                            name=name,
                            relation=relation,
                            kind=pkind,
                            adult=obj if kind == "adult" else None,
                            child=obj if kind == "child" else None,
                            user=obj if kind == "mentor" else partner_users.get(position),
                            organisation=obj if kind == "org" else None,
                            position=position,
                        )
                    )
                )
            owners = set()
            for position, ((kind, obj, domain, text), key) in enumerate(zip(goal_specs, goal_keys, strict=True)):
                goal = add(
                    make(
                        Goal,
                        plan_version=version,
                        key=key,
                        domain=domain,
                        adult=obj if kind == "adult" else None,
                        child=obj if kind == "child" else None,
                        text=text,
                        target_on=created_on + timedelta(days=rng.randint(30, 180)),
                        status=rng.choice(list(GoalStatus)) if number > 1 else GoalStatus.OPEN,
                        position=position,
                    )
                )
                for a in range(rng.randint(1, 2)):
                    owner = rng.choice(participants)
                    owners.add(id(owner))
                    due = created_on + timedelta(days=rng.randint(7, 90))
                    add(
                        make(
                            Action,
                            plan_version=version,
                            goal=goal,
                            key=uuid.UUID(int=rng.getrandbits(128), version=4),
                            what=rng.choice(ACTION_TEXTS),
                            owner=owner,
                            due_on=due,
                            done_on=due - timedelta(days=rng.randint(0, 5))
                            if due < today and rng.random() < 0.6
                            else None,
                            position=a,
                        )
                    )
            agreed_on = created_on + timedelta(days=rng.randint(4, 30))
            if agreed_on > end or agreed_on > today or rng.random() < 0.1:
                status = PlanStatus.UNDER_REVIEW if number > 1 else PlanStatus.DRAFT
                break  # stays a draft
            # Agreement of the circle; gedragen as plans.selectors computes it.
            gedragen = True
            for participant in participants:
                required = (
                    participant.adult is not None
                    or id(participant) in owners
                    or (
                        participant.child is not None
                        and age_on(participant.child.date_of_birth, agreed_on) >= CONSENT_AGE
                    )
                )
                roll = rng.random()
                if roll < (0.93 if required else 0.75):
                    add(
                        make(
                            Agreement,
                            participant=participant,
                            decision=AgreementDecision.AGREED,
                            decided_on=agreed_on - timedelta(days=rng.randint(0, 3)),
                            method=rng.choice(list(AgreementMethod)),
                            recorded_by=mentor,
                        )
                    )
                elif roll < 0.96:
                    gedragen = gedragen and not required
                else:
                    add(
                        make(
                            Agreement,
                            participant=participant,
                            decision=AgreementDecision.DECLINED,
                            decided_on=agreed_on,
                            declined_reason="Niet eens met de woonafspraak.",
                            recorded_by=mentor,
                        )
                    )
                    gedragen = gedragen and not required
            missing_members = any(
                age_on(c.date_of_birth, agreed_on) >= CONSENT_AGE and not any(p.child is c for p in participants)
                for c in children
            )
            version.state = VersionState.AGREED
            version.agreed_on = agreed_on
            version.agreed_recorded_by = mentor
            version.gedragen_at_agreement = gedragen and not missing_members and bool(adults)
            version.next_review_on = agreed_on + relativedelta(months=3)
            meeting = add(
                make(
                    CircleMeeting,
                    plan=plan,
                    plan_version=version,
                    held_on=agreed_on,
                    decisions="Plan besproken en afgesproken.",
                    recorded_by=mentor,
                )
            )
            for participant in participants:
                if rng.random() < 0.7:
                    m2m_attendees.append((meeting, participant))
            status = PlanStatus.AGREED
            review = version.next_review_on + timedelta(days=rng.randint(-10, 25))
            if review < end and review <= today and number < 5 and rng.random() < 0.75:
                version.state = VersionState.SUPERSEDED
                version.reviewed_on = review
                created_on = review
                continue
            break
        plan.status = status
        if stay.left_on:
            plan.status = PlanStatus.CLOSED
            plan.closed_on = stay.left_on

    # --- this round's records: consent, outflow, chain consultation, notes, surveys -------------

    def _consents(self, rng, add, household, start_on, end, adults, children, staff, circle) -> None:
        """A parent's consent for each chain partner in the circle (80%), some children's own; a few
        withdrawn. At most one active consent per person and organisation, across the household's plans."""
        active = self._active_consents.setdefault(id(household), set())
        for kind, org, _name, _relation, _pkind in circle:
            if kind != "org" or not adults or rng.random() >= 0.8:
                continue
            given = self._day(rng, start_on, min(end, start_on + timedelta(days=14)))
            people = [("adult", adults[0])]
            people += [
                ("child", c) for c in children if age_on(c.date_of_birth, given) >= CONSENT_AGE and rng.random() < 0.6
            ]
            for person_kind, person in people:
                if (org.pk, id(person)) in active:
                    continue
                withdrawn = None
                if rng.random() < 0.05:
                    withdrawn = self._day(rng, given, min(end, self.today))
                else:
                    active.add((org.pk, id(person)))
                add(
                    make(
                        PlanConsent,
                        household=household,
                        organisation=org,
                        adult=person if person_kind == "adult" else None,
                        child=person if person_kind == "child" else None,
                        given_on=given,
                        recorded_by=rng.choice(staff),
                        withdrawn_on=withdrawn,
                        withdrawn_recorded_by=rng.choice(staff) if withdrawn else None,
                    )
                )

    def _outflow(self, rng, region, add, household, stays, staff) -> None:
        """Ready to move and housing applications: most stays that end in housing, some current ones."""
        today = self.today
        for stay in stays:
            if stay.left_on is not None:
                if stay.destination not in HOUSING_DESTINATIONS or rng.random() >= 0.75:
                    continue
                ready_on = max(stay.admitted_on, stay.left_on - timedelta(days=rng.randint(10, 200)))
            else:
                if (today - stay.admitted_on).days < 60 or rng.random() >= 0.3:
                    continue
                ready_on = self._day(rng, stay.admitted_on + timedelta(days=30), today)
            end = stay.left_on or today
            add(make(ReadyToMove, household=household, stay=stay, ready_on=ready_on, decided_by=rng.choice(staff)))
            n = rng.choices([1, 2, 3], weights=[60, 30, 10])[0]
            for i in range(n):
                applied = self._day(rng, ready_on, min(end, ready_on + timedelta(days=30)))
                last = i == n - 1
                application = make(
                    HousingApplication,
                    household=household,
                    stay=stay,
                    kind=rng.choice(list(HousingApplicationKind)),
                    municipality=stay.location.municipality,
                    corporation=rng.choice(region.corporations),
                    applied_on=applied,
                    recorded_by=rng.choice(staff),
                )
                if stay.left_on is not None and last:
                    application.decision = HousingDecision.GRANTED
                    application.decided_on = self._day(rng, applied, stay.left_on)
                    application.offered_on = application.decided_on
                    application.offer = "Eengezinswoning, drie kamers"
                    application.outcome = HousingOutcome.HOUSED
                    application.outcome_on = max(applied, stay.left_on - timedelta(days=rng.randint(0, 7)))
                elif stay.left_on is not None or rng.random() < 0.4:
                    application.decision = HousingDecision.REFUSED
                    application.decided_on = self._day(rng, applied, end)
                    application.outcome = rng.choice(
                        [HousingOutcome.REFUSED, HousingOutcome.DECLINED, HousingOutcome.WITHDRAWN]
                    )
                    application.outcome_on = application.decided_on
                add(application)

    def _chain(self, rng, region, add, household, stays, staff) -> None:
        """A stuck mark on half of the stays longer than six months; most are brought into their
        organisation's next monthly chain consultation, with one to three decisions."""
        today = self.today
        for stay in stays:
            end = stay.left_on or today
            if (end - stay.admitted_on).days < 183 or rng.random() >= 0.5:
                continue
            since = min(end, stay.admitted_on + timedelta(days=183 + rng.randint(0, 60)))
            if stay.left_on is not None:
                resolved = stay.left_on
            elif rng.random() < 0.3:
                resolved = self._day(rng, since, today)
            else:
                resolved = None
            by = rng.choice(staff)
            add(
                make(
                    StuckMark,
                    household=household,
                    location=stay.location,
                    reason=rng.choice(list(StuckReason)),
                    explanation="Geen passende woning en schulden lopen op.",
                    since=since,
                    resolved_on=resolved,
                    marked_by=by,
                    resolved_by=by if resolved else None,
                )
            )
            held = (since.replace(day=1) + relativedelta(months=1)).replace(day=10)
            if held > today or rng.random() >= 0.8:
                continue
            consultation = self._consultation(region, add, stay.location.organisation_id, held, by)
            case = add(
                make(
                    ConsultationCase,
                    consultation=consultation,
                    household=household,
                    question="Wat is er nodig om door te stromen naar een woning?",
                    brought_in_by=by,
                )
            )
            for _ in range(rng.randint(1, 3)):
                owner = rng.choice(staff)
                due = held + timedelta(days=rng.randint(14, 42))
                done = due < today - timedelta(days=3) and rng.random() < 0.85
                add(
                    make(
                        Decision,
                        case=case,
                        text=rng.choice(DECISION_TEXTS),
                        owner=owner,
                        due_on=due,
                        done_at=datetime(due.year, due.month, due.day, 10, tzinfo=AMSTERDAM) if done else None,
                        done_by=owner if done else None,
                        created_by=by,
                    )
                )

    def _consultation(self, region, add, organisation_id: int, held: date, by: User) -> ChainConsultation:
        """The organisation's consultation of that month with room for another household (or a new one)."""
        month = self.consultations_of.setdefault((organisation_id, held), [])
        if not month or self._consultation_cases[id(month[-1])] >= CASES_PER_CONSULTATION:
            consultation = add(
                make(
                    ChainConsultation,
                    held_on=held + timedelta(days=len(month)),
                    attendees="Wijkteam, CJG, schuldhulp",
                    next_meeting_on=held + relativedelta(months=1),
                    created_by=by,
                )
            )
            month.append(consultation)
            self._consultation_cases[id(consultation)] = 0
            provider = next(o for o in self.region.providers if o.pk == organisation_id)
            for org in [provider, *self.region.chain_partners]:
                self.m2m_consultation_orgs.append((consultation, org))
        consultation = month[-1]
        self._consultation_cases[id(consultation)] += 1
        return consultation

    def _notes(self, rng, add, household, stays, adults, children, staff) -> None:
        """A case note per two weeks of each stay; some about a child, a few with a follow-up."""
        today = self.today
        kinds, weights = zip(*NOTE_KIND_WEIGHTS, strict=True)
        for stay in stays:
            end = stay.left_on or today
            n = min(NOTES_PER_STAY, (end - stay.admitted_on).days // NOTE_EVERY_DAYS + 1)
            for _ in range(n):
                day = self._day(rng, stay.admitted_on, end)
                author = rng.choice(staff)
                note = add(
                    make(
                        CaseNote,
                        household=household,
                        adult=rng.choice(adults) if adults and rng.random() < 0.6 else None,
                        kind=rng.choices(kinds, weights=weights)[0],
                        contact_at=datetime(day.year, day.month, day.day, rng.randint(8, 18), tzinfo=AMSTERDAM),
                        text=rng.choice(NOTE_TEXTS),
                        restricted=rng.random() < 0.05,
                        author=author,
                    )
                )
                if children and rng.random() < 0.25:
                    self.m2m_child_notes.append((rng.choice(children), note))
                if rng.random() < 0.05:
                    due = day + timedelta(days=rng.randint(7, 21))
                    owner = rng.choice(staff)
                    done = due < today - timedelta(days=3) and rng.random() < 0.9
                    add(
                        make(
                            FollowUp,
                            household=household,
                            note=note,
                            what=rng.choice(FOLLOW_UP_TEXTS),
                            due_on=due,
                            owner=owner,
                            created_by=author,
                            done_at=datetime(due.year, due.month, due.day, 16, tzinfo=AMSTERDAM) if done else None,
                            done_by=owner if done else None,
                        )
                    )

    def _surveys(self, rng, add, stays, children) -> None:
        """Anonymous survey responses at departure (a parent in a third of the stays, some children)."""
        for stay in stays:
            if stay.left_on is None:
                continue
            respondents = []
            if rng.random() < 0.35:
                respondents.append(RespondentType.PARENT)
            for child in children:
                age = age_on(child.date_of_birth, stay.left_on)
                if 8 <= age < 12 and rng.random() < 0.2:
                    respondents.append(RespondentType.CHILD_8_12)
                elif age >= 12 and rng.random() < 0.25:
                    respondents.append(RespondentType.YOUTH_12_PLUS)
            for respondent in respondents:
                scores = [rng.choices([1, 2, 3, 4, 5, None], weights=[4, 8, 20, 40, 24, 4])[0] for _ in range(5)]
                add(
                    make(
                        SurveyResponse,
                        location=stay.location,
                        period_start=stay.left_on.replace(day=1),
                        respondent_type=respondent,
                        moment=SurveyMoment.DEPARTURE if rng.random() < 0.85 else SurveyMoment.AFTERCARE,
                        safety=scores[0],
                        respect=scores[1],
                        heard=scores[2],
                        children_help=scores[3] if respondent == RespondentType.PARENT and children else None,
                        housing=scores[4],
                        what_should_change="Meer privacy op de gang." if rng.random() < 0.2 else "",
                    )
                )

    def _backdate(self, region: Region) -> None:
        """created_at is auto_now_add; give households and plans their historical dates."""
        first_applied = (
            Application.objects.filter(household=OuterRef("pk")).order_by("applied_on").values("applied_on")[:1]
        )
        households = Household.objects.filter(location__organisation__in=region.providers)
        if connection.vendor == "postgresql":
            # One statement: applied_on + noon, as a timestamp in the current time zone.
            ids = tuple(o.pk for o in region.providers)
            with connection.cursor() as cursor:
                cursor.execute(
                    """
                    UPDATE cases_household h SET created_at = a.first_on + time '12:00'
                    FROM (SELECT household_id, min(applied_on) AS first_on FROM cases_application
                          GROUP BY household_id) a
                    WHERE a.household_id = h.id AND h.organisation_id = ANY(%s)
                    """,
                    [list(ids)],
                )
                cursor.execute(
                    """
                    UPDATE plans_plan p SET created_at = p.start_on + time '12:00'
                    FROM cases_household h WHERE h.id = p.household_id AND h.organisation_id = ANY(%s)
                    """,
                    [list(ids)],
                )
        else:
            households.update(created_at=Subquery(first_applied))
