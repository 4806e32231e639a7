"""Demo households for the Haarlem region (fictional people), in every state of their path.

All dates are relative to a fixed anchor so that a re-run produces the same data; every write
goes through cases.services. Idempotent: a household whose first adult (name and date of birth)
already exists is skipped. demo/children.py runs after this and enriches the children.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from cases import services, support_services
from cases.constants import (
    AftercareKind,
    ApplicationDecision,
    ChildArrangement,
    Destination,
    ExtensionReason,
    HandoverKind,
    HearingChoice,
    ObjectionKind,
    ObjectionOutcome,
    PsychSupportKind,
    ShelterReason,
    SuspendedAdultWent,
    SuspensionOutcome,
    SuspensionReason,
    ZrmDomain,
    ZrmMoment,
)
from cases.models import AdultClient
from demo.network import Network

ANCHOR = date(2026, 11, 24)
# Days between leaving and applying again in the relapse scenario (well within 12 months).
RELAPSE_GAP = 150

# location key -> (caseworker username, team lead username)
STAFF = {
    "velserpoort": ("begeleider", "teamleider"),
    "perron18": ("begeleider.perron", "teamleider"),
    "vo_haarlem": ("begeleider.vo", "teamleider.vo"),
    "crisis": ("begeleider.vo", "teamleider.vo"),
    "hoofddorp": ("begeleider.hvo", "begeleider.hvo"),
}

LAST_NAMES = [
    "de Jong",
    "Bakker",
    "Visser",
    "Smits",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smit",
    "de Graaf",
    "Kok",
    "Jacobs",
    "van der Linden",
    "Kaya",
    "El Idrissi",
    "Yilmaz",
    "Öztürk",
    "Pinas",
    "Doekhie",
    "Nowak",
    "Kowalski",
    "Haddou",
    "Verhoeven",
    "Koster",
    "Prins",
    "Huisman",
    "Kuipers",
    "Postma",
    "Scholten",
    "Willems",
    "Boukhari",
]
# Fathers' names among the adults: a handover's text speaks of "vader" or "moeder" accordingly.
MALE_ADULT_NAMES = frozenset({"Mohamed", "Kevin", "Dennis", "Marco", "Rachid", "Ricardo"})
ADULT_NAMES = [
    "Sandra",
    "Mohamed",
    "Linda",
    "Kevin",
    "Fatma",
    "Priscilla",
    "Ilse",
    "Dennis",
    "Samira",
    "Joyce",
    "Ayşe",
    "Marco",
    "Nadia",
    "Rachid",
    "Esther",
    "Anna",
    "Tamara",
    "Ricardo",
    "Monique",
    "Yasmina",
]
# The children's first names with their gender, so that the demo reads true (a "Noah" is a boy).
CHILD_NAMES = [
    ("Noah", "m"),
    ("Emma", "f"),
    ("Liam", "m"),
    ("Julia", "f"),
    ("Sem", "m"),
    ("Mila", "f"),
    ("Adam", "m"),
    ("Sara", "f"),
    ("Daan", "m"),
    ("Nora", "f"),
    ("Yara", "f"),
    ("Finn", "m"),
    ("Lina", "f"),
    ("Ilias", "m"),
    ("Tess", "f"),
    ("Amir", "m"),
    ("Zoë", "f"),
    ("Luca", "m"),
    ("Fenna", "f"),
    ("Milan", "m"),
]


@dataclass
class Spec:
    location: str
    scenario: str  # waiting | rejected | in | left | aftercare | closed | relapse
    applied_days_ago: int
    children: int = 2
    second_adult: bool = False
    reason: str = ShelterReason.ECONOMIC
    wait_days: int = 7
    ends_in: int | None = None  # beschikking ends this many days after the anchor
    extended: bool = False
    outflow_planned: bool = False
    months: int = 3
    stay_days: int = 120
    destination: str = Destination.SOCIAL_RENT
    flags: set[str] = field(default_factory=set)  # intake_zrm, exit_zrm, suspension, handover_*


S = Spec
SPECS = [
    # Velserpoort: the caseload of 'begeleider' (Sanne de Vries), with varied signals.
    S("velserpoort", "in", 100, 3, True, ends_in=9, flags={"intake_zrm"}),
    S("velserpoort", "in", 40, 2, ends_in=None, flags={"intake_zrm", "handover_blijf"}),
    S("velserpoort", "in", 20, 1, flags={"suspension"}),
    # Extended once, expired six days ago with the outflow already arranged: still "verlopen".
    S("velserpoort", "in", 200, 2, True, extended=True, ends_in=-6, outflow_planned=True, flags={"intake_zrm"}),
    S("velserpoort", "in", 10, 4, True, reason=ShelterReason.EVICTION),
    S("velserpoort", "waiting", 6, 2),
    S("velserpoort", "relapse", 15, 1),
    S("velserpoort", "left", 300, 2, destination=Destination.OWN_RENTAL_URGENCY, flags={"intake_zrm", "exit_zrm"}),
    S("velserpoort", "aftercare", 260, 3, True, destination=Destination.SOCIAL_RENT, flags={"intake_zrm", "exit_zrm"}),
    S("velserpoort", "in", 150, 0, months=6, extended=True, ends_in=40),
    S("velserpoort", "closed", 560, 1, destination=Destination.PRIVATE_RENT),
    S("velserpoort", "rejected", 30, 2),
    # Perron 18
    S("perron18", "in", 60, 0),
    S("perron18", "in", 95, 1, ends_in=3),
    S("perron18", "left", 400, 0, destination=Destination.SUPPORTED_HOUSING),
    S("perron18", "waiting", 3, 0),
    S("perron18", "aftercare", 330, 1, destination=Destination.PERMANENT_NETWORK, flags={"handover_completed"}),
    # Vrouwenopvang Kennemerland (Blijf Groep)
    S("vo_haarlem", "in", 70, 2, reason=ShelterReason.DOMESTIC_VIOLENCE, months=6, flags={"intake_zrm"}),
    S("vo_haarlem", "in", 175, 3, reason=ShelterReason.DOMESTIC_VIOLENCE, months=6, ends_in=12),
    S("vo_haarlem", "in", 30, 1, reason=ShelterReason.DOMESTIC_VIOLENCE, months=6, flags={"suspension"}),
    S(
        "vo_haarlem",
        "left",
        240,
        2,
        reason=ShelterReason.DOMESTIC_VIOLENCE,
        destination=Destination.BACK_TO_PERPETRATOR,
    ),
    S("vo_haarlem", "aftercare", 380, 2, reason=ShelterReason.DOMESTIC_VIOLENCE, destination=Destination.OWN_HOME),
    S("vo_haarlem", "closed", 600, 3, reason=ShelterReason.DOMESTIC_VIOLENCE, destination=Destination.OTHER_SHELTER),
    S("vo_haarlem", "waiting", 2, 2, reason=ShelterReason.DOMESTIC_VIOLENCE),
    S("vo_haarlem", "in", 350, 2, reason=ShelterReason.DOMESTIC_VIOLENCE, months=6, extended=True, ends_in=60),
    # Crisisopvang
    S("crisis", "in", 5, 2, reason=ShelterReason.DOMESTIC_VIOLENCE, wait_days=0),
    S(
        "crisis",
        "left",
        90,
        1,
        reason=ShelterReason.DOMESTIC_VIOLENCE,
        stay_days=12,
        destination=Destination.OTHER_SHELTER,
    ),
    S("crisis", "in", 18, 3, reason=ShelterReason.DOMESTIC_VIOLENCE, wait_days=0, flags={"handover_open_out"}),
    # MO Haarlemmermeer (HVO-Querido)
    S("hoofddorp", "in", 80, 1, True, ends_in=13),
    S("hoofddorp", "in", 45, 2),
    S("hoofddorp", "left", 500, 0, destination=Destination.CLINIC),
    S("hoofddorp", "aftercare", 200, 2, True, destination=Destination.SOCIAL_RENT, flags={"intake_zrm", "exit_zrm"}),
    S("hoofddorp", "closed", 450, 1, destination=Destination.LEFT_WITHOUT_NOTICE),
    S("hoofddorp", "waiting", 12, 1),
    S("hoofddorp", "rejected", 50, 0),
    S("hoofddorp", "relapse", 8, 2),
    S("hoofddorp", "in", 130, 2, extended=True, ends_in=20),
    S("hoofddorp", "left", 170, 1, destination=Destination.INTERMEDIATE),
    S("perron18", "in", 25, 0, flags={"intake_zrm"}),
    S("velserpoort", "in", 16, 2, flags={"handover_open_in"}),
]


def bsn_for(seed: int) -> str:
    """A deterministic, valid (11-proof) fictional BSN."""
    base = 20_000_000 + seed * 7919
    while True:
        digits = f"{base:08d}"
        total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2), strict=True))
        check = total % 11  # the last digit counts with weight -1
        if check < 10:
            return digits + str(check)
        base += 1


def _family(first_name: str, children: int) -> tuple[str, bool, bool]:
    """The subject of a handover's text, so that it matches the household ("Vader en kind"),
    whether it is plural, and whether the parent is the mother."""
    mother = first_name not in MALE_ADULT_NAMES
    parent = "Moeder" if mother else "Vader"
    if children == 0:
        return parent, False, mother
    return f"{parent} en {'kind' if children == 1 else 'kinderen'}", True, mother


def _unsafe_in_mo(first_name: str, children: int) -> str:
    subject, plural, mother = _family(first_name, children)
    shelter = "de vrouwenopvang" if mother else "een opvang op een geheim adres"
    return f"{subject} {'zijn' if plural else 'is'} niet meer veilig in de MO; plek in {shelter} nodig."


def _moving_to_blijf(first_name: str, children: int) -> str:
    subject, plural, _mother = _family(first_name, children)
    verb = "verhuizen" if plural else "verhuist"
    return f"{subject} {verb} naar een woning van de Blijf Groep; ambulante begeleiding."


def _zrm(adult, on: date, moment: str, base: int, by) -> None:
    scores = {d: min(5, max(1, base + (i % 3) - 1)) for i, d in enumerate(ZrmDomain.values) if d != ZrmDomain.PARENTING}
    services.zrm_record(adult=adult, assessed_on=on, moment=moment, scores=scores, by=by)


def seed(network: Network) -> None:
    locations, users, orgs = network.locations, network.users, network.organisations
    for index, spec in enumerate(SPECS):
        last = LAST_NAMES[index % len(LAST_NAMES)]
        first = ADULT_NAMES[index % len(ADULT_NAMES)]
        born = date(1975 + index % 20, 1 + index % 12, 1 + index % 27)
        if AdultClient.objects.filter(first_name=first, last_name=last, date_of_birth=born).exists():
            continue
        location = locations[spec.location]
        caseworker = users[STAFF[spec.location][0]]
        team_lead = users[STAFF[spec.location][1]]
        applied_on = ANCHOR - timedelta(days=spec.applied_days_ago)
        if spec.scenario == "relapse":
            # The first stay: applied long ago, left RELAPSE_GAP days before the new application.
            applied_on -= timedelta(days=RELAPSE_GAP + spec.stay_days + spec.wait_days)
        adults = [
            services.AdultData(first, last, born, bsn=bsn_for(index) if index % 3 else None, caseworker=caseworker)
        ]
        if spec.second_adult:
            partner = ADULT_NAMES[(index + 7) % len(ADULT_NAMES)]
            adults.append(services.AdultData(partner, last, born - timedelta(days=700), caseworker=caseworker))
        children = [
            services.ChildData(
                CHILD_NAMES[(index * 3 + k) % len(CHILD_NAMES)][0],
                last,
                ANCHOR - timedelta(days=365 * (1 + (index + 4 * k) % 16) + 40 * k + 30),
                gender=CHILD_NAMES[(index * 3 + k) % len(CHILD_NAMES)][1],
            )
            for k in range(spec.children)
        ]
        household = services.household_register(
            location=location,
            reason=spec.reason,
            municipality_of_origin=["Haarlem", "Velsen", "Zandvoort", "Bloemendaal", "Haarlemmermeer"][index % 5],
            applied_on=applied_on,
            referred_by=["Sociaal Wijkteam Haarlem", "Veilig Thuis", "Politie", "Huisarts", ""][index % 5],
            adults=adults,
            children=children,
            safety=services.SafetyData(
                safety_threat="Ex-partner zoekt contact via familie."
                if spec.reason == ShelterReason.DOMESTIC_VIOLENCE
                else "",
                secret_address_needed=spec.reason == ShelterReason.DOMESTIC_VIOLENCE,
            ),
            by=caseworker,
        )
        adult = household.adults.order_by("pk").first()
        assert adult is not None  # household_register made the adults above
        if spec.scenario == "waiting":
            continue
        if spec.scenario == "rejected":
            services.application_decide(
                application=household.applications.get(),
                decision=ApplicationDecision.REJECTED,
                decided_on=applied_on + timedelta(days=3),
            )
            continue
        admitted_on = applied_on + timedelta(days=spec.wait_days)
        kind = "vo" if location.kind in ("vo", "crisis") else "mo"
        end_on = ANCHOR + timedelta(days=spec.ends_in) if spec.ends_in is not None and not spec.extended else None
        if end_on is not None and end_on <= admitted_on:
            end_on = None
        stay = services.household_admit(
            household=household,
            location=location,
            admitted_on=admitted_on,
            kind=kind,
            months=spec.months,
            end_on=end_on,
        )
        beschikking = stay.beschikkingen.get()
        if spec.extended:
            target = ANCHOR + timedelta(days=spec.ends_in or 60)
            if target > beschikking.end_on:
                services.beschikking_extend(
                    beschikking=beschikking,
                    new_end_on=target,
                    reason=[ExtensionReason.NO_OUTFLOW, ExtensionReason.CARE, ExtensionReason.SAFETY][index % 3],
                    notes="Nog geen passende woning beschikbaar.",
                    by=team_lead,
                    extended_on=min(ANCHOR, beschikking.end_on - timedelta(days=10)),
                )
        if spec.outflow_planned:
            services.stay_plan_outflow(
                stay=stay, planned_destination=Destination.SOCIAL_RENT, planned_left_on=ANCHOR + timedelta(days=20)
            )
        if "intake_zrm" in spec.flags:
            _zrm(adult, admitted_on + timedelta(days=7), ZrmMoment.INTAKE, 2, caseworker)
            if index % 2 == 0:
                # Psychological support during the stay: via the GP's practice nurse (POH-GGZ).
                referred_on = min(admitted_on + timedelta(days=14), ANCHOR)
                started_on = referred_on + timedelta(days=12)
                support_services.psych_referral_record(
                    adult=adult,
                    kind=PsychSupportKind.POH_GGZ,
                    provider="Huisartsenpraktijk Schoterbos",
                    referred_on=referred_on,
                    reason="Slaapt slecht en piekert veel sinds de crisis.",
                    started_on=started_on if started_on <= ANCHOR else None,
                    referred_by=caseworker,
                )
        if "suspension" in spec.flags:
            suspension = services.suspension_record(
                household=household,
                adult=adult,
                location=location,
                start_on=ANCHOR - timedelta(days=4),
                end_on=ANCHOR - timedelta(days=2),
                reason=SuspensionReason.HOUSE_RULES,
                notes="Herhaaldelijk bezoek na sluitingstijd.",
                decided_by=team_lead,
                children_affected=[
                    services.AffectedChild(c, "Bij oma in Velsen", ChildArrangement.NETWORK)
                    for c in household.children.all()
                ],
                duration_days=3,
                heard=HearingChoice.YES,
                heard_on=ANCHOR - timedelta(days=4),
                adult_went=SuspendedAdultWent.NETWORK,
            )
            # Heard, objected (the suspension was shortened) and returned.
            services.suspension_update(
                suspension=suspension,
                end_on=ANCHOR - timedelta(days=2),
                heard=HearingChoice.YES,
                heard_on=ANCHOR - timedelta(days=4),
                objection=ObjectionKind.OBJECTION,
                objection_on=ANCHOR - timedelta(days=3),
                objection_outcome=ObjectionOutcome.SHORTENED,
                adult_went=SuspendedAdultWent.NETWORK,
                outcome=SuspensionOutcome.RETURNED,
            )
        if "handover_blijf" in spec.flags:
            services.handover_propose(
                household=household,
                by=caseworker,
                to_organisation=orgs["blijf"],
                planned_on=ANCHOR + timedelta(days=3),
                kind=HandoverKind.WARM,
                children=list(household.children.all()),
                consent_given=True,
                child_consent_given=True,
                safety_info_passed=True,
                summary=_unsafe_in_mo(first, spec.children),
            )
        if "handover_open_in" in spec.flags:
            services.handover_propose(
                household=household,
                by=caseworker,
                to_organisation=orgs["hvo"],
                planned_on=ANCHOR + timedelta(days=7),
                kind=HandoverKind.WARM,
                consent_given=True,
                summary="Gezin wil dichter bij werk in Hoofddorp wonen.",
            )
        if "handover_open_out" in spec.flags:
            handover = services.handover_propose(
                household=household,
                by=caseworker,
                to_organisation=orgs["kennemer"],
                planned_on=ANCHOR - timedelta(days=2),
                kind=HandoverKind.WARM,
                consent_given=True,
                child_consent_given=True,
                summary="Na de crisisperiode door naar Velserpoort.",
            )
            services.handover_accept(handover=handover, by=users["teamleider"], accepted_on=ANCHOR - timedelta(days=1))
        if spec.scenario == "in":
            continue
        left_on = min(admitted_on + timedelta(days=spec.stay_days), ANCHOR - timedelta(days=1))
        if left_on < admitted_on:
            left_on = admitted_on
        if spec.scenario == "relapse":
            left_on = ANCHOR - timedelta(days=spec.applied_days_ago + RELAPSE_GAP)
        if "handover_completed" in spec.flags:
            handover = services.handover_propose(
                household=household,
                by=caseworker,
                to_organisation=orgs["blijf"],
                planned_on=left_on - timedelta(days=10),
                kind=HandoverKind.WARM,
                children=list(household.children.all()),
                consent_given=True,
                child_consent_given=True,
                safety_info_passed=True,
                plan_passed=True,
                summary=_moving_to_blijf(first, spec.children),
            )
            services.handover_accept(
                handover=handover, by=users["begeleider.vo"], accepted_on=left_on - timedelta(days=8)
            )
            services.handover_complete(
                handover=handover,
                by=users["begeleider.vo"],
                completed_on=left_on - timedelta(days=1),
                met_each_child=True,
            )
        services.stay_end(
            stay=stay,
            left_on=left_on,
            destination=spec.destination,
            # The regional distribution of outflow (Pact): where the household went to live.
            destination_municipality=["Haarlem", "Heemstede", "Velsen", "Zandvoort", "Haarlemmermeer"][index % 5]
            if spec.destination != Destination.LEFT_WITHOUT_NOTICE
            else "",
        )
        if "exit_zrm" in spec.flags:
            _zrm(adult, left_on, ZrmMoment.EXIT, 3, caseworker)
        if spec.scenario == "aftercare":
            services.aftercare_record(
                household=household,
                contact_on=min(left_on + timedelta(days=30), ANCHOR),
                kind=AftercareKind.VISIT,
                notes="Woning ingericht, kinderen naar nieuwe school.",
                by=caseworker,
            )
            # Psychological support after the stay, arranged in aftercare.
            support_services.psych_referral_record(
                adult=adult,
                kind=PsychSupportKind.GGZ_BASIC,
                provider="GGZ Kennemerland",
                referred_on=min(left_on + timedelta(days=20), ANCHOR),
                reason="Somberheid na de verhuizing; hulp via de nazorg geregeld.",
                referred_by=caseworker,
            )
        elif spec.scenario == "closed":
            services.household_close(household=household, by=caseworker)
        elif spec.scenario == "relapse":
            services.application_add(
                household=household,
                location=location,
                applied_on=ANCHOR - timedelta(days=spec.applied_days_ago),
                referred_by="Politie",
            )
