"""Demo data for the shelter network of the Haarlem region (fictional people, real place names)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from opvang import services
from opvang.constants import LocationKind, OrganisationKind, QualificationKind, Role, Training
from opvang.models import Location, Organisation, User

DEMO_PASSWORD = "Opvang-demo-2026"


@dataclass
class Network:
    organisations: dict[str, Organisation]
    locations: dict[str, Location]
    users: dict[str, User]


ORGANISATIONS = {
    "kennemer": ("Stichting Opvang Kennemerland", OrganisationKind.SHELTER_PROVIDER),
    "blijf": ("Blijf Groep", OrganisationKind.SHELTER_PROVIDER),
    "hvo": ("HVO-Querido", OrganisationKind.SHELTER_PROVIDER),
    "haarlem": ("Gemeente Haarlem", OrganisationKind.MUNICIPALITY),
    "swt": ("Sociaal Wijkteam Haarlem", OrganisationKind.CHAIN_PARTNER),
    "cjg": ("CJG Kennemerland", OrganisationKind.CJG),
    "ggd": ("GGD Kennemerland", OrganisationKind.GGD),
    "jeugdhulp": ("Jeugdhulp Kennemerland", OrganisationKind.YOUTH_CARE),
    "woon": ("Woonstichting Spaarne", OrganisationKind.HOUSING),
}

LOCATIONS = {
    "velserpoort": ("kennemer", "Velserpoort", LocationKind.MO, "Haarlem", "Velserpoort 1, Haarlem", False, 60, 12),
    "perron18": (
        "kennemer",
        "Perron 18",
        LocationKind.INTERMEDIATE,
        "Haarlem",
        "Stationsplein 18, Haarlem",
        False,
        20,
        0,
    ),
    "vo_haarlem": (
        "blijf",
        "Vrouwenopvang Kennemerland",
        LocationKind.VO,
        "Haarlem",
        "Geheim adres 7, Haarlem",
        True,
        30,
        14,
    ),
    "crisis": ("blijf", "Crisisopvang Haarlem", LocationKind.CRISIS, "Haarlem", "", True, 8, 4),
    "hoofddorp": ("hvo", "MO Haarlemmermeer", LocationKind.MO, "Hoofddorp", "Kruisweg 100, Hoofddorp", False, 40, 8),
}

# username: (organisation, role, locations, first name, last name)
USERS = {
    "begeleider": ("kennemer", Role.CASEWORKER, ["velserpoort"], "Sanne", "de Vries"),
    "collega": ("kennemer", Role.CASEWORKER, ["velserpoort"], "Ahmed", "El Amrani"),
    "begeleider.perron": ("kennemer", Role.CASEWORKER, ["perron18"], "Joost", "Bakker"),
    "teamleider": ("kennemer", Role.TEAM_LEAD, ["velserpoort", "perron18"], "Marieke", "Jansen"),
    "begeleider.vo": ("blijf", Role.CASEWORKER, ["vo_haarlem", "crisis"], "Fatima", "Yilmaz"),
    "teamleider.vo": ("blijf", Role.TEAM_LEAD, ["vo_haarlem", "crisis"], "Ingrid", "Smit"),
    "begeleider.hvo": ("hvo", Role.CASEWORKER, ["hoofddorp"], "Pieter", "Visser"),
    "beleid": ("haarlem", Role.POLICY_OFFICER, [], "Lotte", "Mulder"),
    "contract": ("haarlem", Role.CONTRACT_MANAGER, [], "Ruben", "de Boer"),
    "beheer": ("kennemer", Role.ADMIN, [], "Kees", "Vermeulen"),
    # A chain partner: in the circle of the demo plans, with consent on one family (demo/plans.py).
    "cjg": ("cjg", Role.CHAIN_PARTNER, [], "Karin", "Hoekstra"),
    # A member of the municipality's Participation Council: the published aggregates only.
    "raad": ("haarlem", Role.PARTICIPATION_COUNCIL, [], "Henk", "Post"),
}

# username: [(training, completed on, valid until or None)]; expiry dates near today show the
# team lead's warnings (page and daily e-mail).
TRAININGS: dict[str, list[tuple[str, date, date | str | None]]] = {
    "begeleider": [
        (Training.GEDRAGEN_PLAN, date(2025, 3, 12), None),
        (Training.VEERKRACHT, date(2024, 10, 1), None),
        (Training.TRAUMA_INFORMED, date(2024, 5, 14), "soon"),
    ],
    "collega": [(Training.MELDCODE, date(2025, 1, 20), date(2028, 1, 20))],
    "teamleider": [
        (Training.GEDRAGEN_PLAN, date(2025, 3, 12), None),
        (Training.TRAUMA_INFORMED, date(2023, 6, 5), None),
    ],
    "begeleider.vo": [
        (Training.VEERKRACHT, date(2024, 2, 14), None),
        (Training.MELDCODE, date(2024, 2, 15), date(2027, 2, 15)),
        (Training.TRAUMA_INFORMED, date(2024, 3, 1), None),
    ],
}

# username: [(kind, number, valid until or "soon")]
QUALIFICATIONS: dict[str, list[tuple[str, str, date | str]]] = {
    "begeleider": [(QualificationKind.SKJ, "SKJ-110042", "soon")],
    "teamleider": [(QualificationKind.SKJ, "SKJ-100734", date(2029, 6, 1))],
    "begeleider.vo": [(QualificationKind.BIG, "BIG-49021337", date(2030, 1, 1))],
}


def _expiry(value: date | str | None) -> date | None:
    """ "soon": 45 days from the day of seeding, inside the 60-day warning window."""
    if isinstance(value, str):
        return timezone.localdate() + timedelta(days=45)
    return value


def seed_network() -> Network:
    organisations = {
        key: services.organisation_ensure(name=name, kind=kind) for key, (name, kind) in ORGANISATIONS.items()
    }
    locations = {}
    for key, (org, name, kind, municipality, address, secret, places, units) in LOCATIONS.items():
        locations[key] = services.location_ensure(
            organisation=organisations[org],
            name=name,
            kind=kind,
            municipality=municipality,
            address=address,
            secret_address=secret,
            capacity_places=places,
            capacity_units=units,
        )
    users = {}
    for username, (org, role, locs, first, last) in USERS.items():
        users[username] = services.staff_ensure(
            username=username,
            password=DEMO_PASSWORD,
            organisation=organisations[org],
            role=role,
            locations=[locations[loc] for loc in locs],
            first_name=first,
            last_name=last,
            email=f"{username}@example.org",
        )
    for username, records in TRAININGS.items():
        for training, on, until in records:
            services.training_record(
                user=users[username], training=training, completed_on=on, expires_on=_expiry(until)
            )
    for username, registrations in QUALIFICATIONS.items():
        for registration, number, until in registrations:
            services.qualification_ensure(
                user=users[username], kind=registration, number=number, expires_on=_expiry(until)
            )
    return Network(organisations=organisations, locations=locations, users=users)
