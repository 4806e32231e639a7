"""Demo housing outflow: the corporations' quota, households ready to move with their housing
applications (one waiting long without an offer: the caseload signal). Idempotent; every write
goes through outflow.services."""

from __future__ import annotations

from datetime import timedelta

from cases.models import Stay
from demo.cases import ANCHOR
from demo.network import Network
from opvang.constants import OrganisationKind
from opvang.services import organisation_ensure
from outflow import services
from outflow.constants import HousingDecision, HousingOutcome
from outflow.models import ReadyToMove

# (corporation, municipality) -> homes for shelter leavers, for the anchor's year and the one before.
QUOTA = {
    ("Woonstichting Spaarne", "Haarlem"): 40,
    ("Woonstichting Spaarne", "Heemstede"): 6,
    ("Elan Wonen", "Haarlem"): 25,
    ("Elan Wonen", "Zandvoort"): 5,
    ("Ymere", "Haarlemmermeer"): 20,
    ("Pré Wonen", "Velsen"): 12,
}


def seed(network: Network) -> None:
    corporations = {
        name: organisation_ensure(name=name, kind=OrganisationKind.HOUSING)
        for name in sorted({name for name, _municipality in QUOTA})
    }
    for year in (ANCHOR.year - 1, ANCHOR.year):
        for (name, municipality), homes in QUOTA.items():
            services.housing_quota_set(
                corporation=corporations[name], municipality=municipality, year=year, homes=homes
            )
    # The longest open stays at Velserpoort and MO Haarlemmermeer: ready to move, with applications.
    for key, municipality in (("velserpoort", "Haarlem"), ("hoofddorp", "Haarlemmermeer")):
        location = network.locations[key]
        caseworker = network.users["begeleider" if key == "velserpoort" else "begeleider.hvo"]
        stays = Stay.objects.filter(location=location, left_on__isnull=True, admitted_on__lte=ANCHOR - timedelta(100))
        for n, stay in enumerate(stays.order_by("admitted_on")[:2]):
            if ReadyToMove.objects.filter(stay=stay).exists():
                continue
            household = stay.household
            # The first has waited 75 days without an offer (the caseload signal); the second has an offer.
            ready_on = ANCHOR - timedelta(days=75 if n == 0 else 40)
            services.ready_to_move_record(
                household=household, ready_on=ready_on, by=caseworker, notes="Zelfstandig wonen is haalbaar."
            )
            application = services.housing_application_add(
                household=household,
                kind="urgency" if n == 0 else "social_rent",
                municipality=municipality,
                applied_on=ready_on + timedelta(days=3),
                by=caseworker,
                corporation=corporations["Woonstichting Spaarne" if key == "velserpoort" else "Ymere"],
            )
            if n == 1:
                services.housing_application_update(
                    application=application,
                    decision=HousingDecision.GRANTED,
                    decided_on=ready_on + timedelta(days=14),
                    offered_on=ready_on + timedelta(days=30),
                    offer="Driekamerwoning, Schalkwijk",
                    outcome=HousingOutcome.OPEN,
                    outcome_on=None,
                )
