"""Demo housing outflow: the corporations' quota, households ready to move with their housing
applications (one waiting long without an offer: the caseload signal); aftercare plans for the
households in aftercare (one whose contact was lost), and 'Veilig na opvang' for a VO household
that went back (the 1-month check done with concerns, the 3-month one due); the pilot
"Trajectbegeleiding economisch daklozen" with a few households, and trajectories (one held by a
professional of another organisation, with consent) with a small plan. Idempotent; every write goes
through outflow.services."""

from __future__ import annotations

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from cases.constants import AftercareKind, Destination, HouseholdStatus, ShelterReason
from cases.models import Stay
from demo.cases import ANCHOR
from demo.network import Network
from opvang.constants import OrganisationKind
from opvang.services import organisation_ensure
from outflow import services
from outflow.constants import HousingDecision, HousingOutcome
from outflow.models import AftercarePlan, Pilot, PilotMember, ReadyToMove, SafetyCheck, Trajectory

# Who keeps in touch after the departure, per location of the stay.
AFTERCARE_OWNERS = {
    "velserpoort": "begeleider",
    "perron18": "begeleider.perron",
    "vo_haarlem": "begeleider.vo",
    "crisis": "begeleider.vo",
    "hoofddorp": "begeleider.hvo",
}

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
    _aftercare(network)
    _trajectories(network)


def _aftercare(network: Network) -> None:
    """Aftercare plans for the households in aftercare, and the safety checks after the shelter."""
    owners = {network.locations[key].pk: network.users[user] for key, user in AFTERCARE_OWNERS.items()}
    in_aftercare = Stay.objects.filter(
        household__status=HouseholdStatus.AFTERCARE, left_on__isnull=False, location_id__in=owners
    ).select_related("household")
    for stay in in_aftercare.order_by("left_on"):
        if AftercarePlan.objects.filter(stay=stay).exists():
            continue
        assert stay.left_on is not None  # filtered above
        owner = owners[stay.location_id]
        services.aftercare_plan_save(
            household=stay.household,
            by=owner,
            owner_user=owner,
            frequency_weeks=4,
            made_on=stay.left_on,
            planned_end_on=stay.left_on + timedelta(days=365),
            notes="Maandelijks contact; huisbezoek na de verhuizing.",
        )
        if stay.location_id == network.locations["velserpoort"].pk:
            # Verlies van contact: three attempts in a row that reached nobody.
            for days in (14, 10, 3):
                services.aftercare_contact_add(
                    household=stay.household,
                    contact_on=ANCHOR - timedelta(days=days),
                    kind=AftercareKind.NO_CONTACT,
                    notes="Telefoon niet opgenomen.",
                    by=owner,
                )
    went_back = Stay.objects.filter(
        location=network.locations["vo_haarlem"], destination=Destination.BACK_TO_PERPETRATOR, left_on__isnull=False
    ).first()
    if went_back is not None and not SafetyCheck.objects.filter(stay=went_back).exists():
        assert went_back.left_on is not None  # filtered above
        household = went_back.household
        services.safety_check_record(
            household=household,
            months=1,
            by=network.users["begeleider.vo"],
            done_on=services.safety_check_due_on(went_back.left_on, 1) + timedelta(days=3),
            risk_level="high",
            incidents=True,
            incidents_notes="Politie ingeschakeld na ruzie thuis.",
            follow_up="Veilig Thuis geïnformeerd; wekelijks contact.",
            children={child.pk: "concerns" for child in household.children.all()},
        )


PILOT_NAME = "Trajectbegeleiding economisch daklozen"


def _trajectories(network: Network) -> None:
    """The pilot for the economically homeless (started six months before the anchor) with the
    open stays of Velserpoort (economically homeless first); a trajectory for the first adult of
    each: the first two held by the HVO-Querido caseworker (another organisation, with consent),
    the third by a colleague. Each with a goal and an action."""
    started_on = ANCHOR - relativedelta(months=6)
    pilot = Pilot.objects.filter(name=PILOT_NAME).first() or services.pilot_create(
        name=PILOT_NAME, target_group=ShelterReason.ECONOMIC, started_on=started_on
    )
    caseworker = network.users["begeleider"]
    holders = [network.users["begeleider.hvo"], network.users["begeleider.hvo"], network.users["collega"]]
    stays = (
        Stay.objects.filter(location=network.locations["velserpoort"], left_on__isnull=True)
        .select_related("household")
        .order_by("admitted_on")
    )
    economic_first = sorted(stays, key=lambda stay: stay.household.reason != ShelterReason.ECONOMIC)
    for stay, holder in zip(economic_first[:3], holders, strict=False):
        household = stay.household
        joined_on = max(started_on, stay.admitted_on)
        if not PilotMember.objects.filter(pilot=pilot, household=household).exists():
            services.pilot_member_add(pilot=pilot, household=household, joined_on=joined_on, by=caseworker)
        adult = household.adults.order_by("pk").first()
        if adult is None or Trajectory.objects.filter(adult=adult).exists():
            continue
        trajectory = services.trajectory_start(
            household=household,
            adult=adult,
            holder=holder,
            by=caseworker,
            started_on=joined_on,
            goal="Werk en een eigen woning binnen een jaar.",
            waiting_list_since=joined_on - timedelta(days=21),
            consent_given=True,
        )
        goal = services.trajectory_goal_add(trajectory=trajectory, text="Vast inkomen uit werk")
        services.trajectory_action_add(
            goal=goal, what="Aanmelden bij het werkgeversservicepunt", owner=adult.first_name, due_on=ANCHOR
        )
