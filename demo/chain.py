"""Demo stuck households and a chain consultation (ketenoverleg) for households of demo/cases.py.

Every write goes through chain.services. Idempotent: a household with a stuck mark is left alone,
and the consultation is made once (found again by its attendees). Nothing happens when there are
no households.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cases.constants import HouseholdStatus
from cases.models import Household
from chain import selectors, services
from chain.constants import StuckReason
from chain.models import ChainConsultation, StuckMark
from demo.network import Network
from opvang.constants import Role
from opvang.models import User

# reason, days stuck, days ago resolved (None: still stuck)
MARKS = [
    (StuckReason.NO_HOUSING, 190, None),
    (StuckReason.DEBTS, 120, None),
    (StuckReason.NO_INCOME, 75, None),
    (StuckReason.WAITING_YOUTH_CARE, 40, None),
    (StuckReason.RESIDENCE_STATUS, 230, 30),
    (StuckReason.NO_HOUSING, 160, 12),
]

ATTENDEES = (
    "Marieke Jansen, Stichting Opvang Kennemerland, teamleider (voorzitter)\n"
    "Ingrid Smit, Blijf Groep, teamleider\n"
    "Anna de Wit, Sociaal Wijkteam Haarlem, schuldhulp\n"
    "Yusuf Demir, CJG Kennemerland, jeugdverpleegkundige\n"
    "Els Koster, Woonstichting Spaarne, consulent bijzondere bemiddeling"
)


def _caseworker(household: Household) -> User | None:
    return (
        User.objects.filter(locations=household.location, role=Role.CASEWORKER, is_active=True).order_by("pk").first()
    )


def seed(network: Network) -> None:
    today = timezone.localdate()
    households = list(
        Household.objects.filter(status=HouseholdStatus.IN_SHELTER, stays__left_on__isnull=True)
        .order_by("-reference")
        .distinct()[: len(MARKS)]
    )
    for household, (reason, days, resolved_days_ago) in zip(households, MARKS, strict=False):
        if StuckMark.objects.filter(household=household).exists():
            continue
        by = _caseworker(household)
        mark = services.stuck_mark(
            household=household,
            reason=reason,
            since=today - timedelta(days=days),
            explanation="Geen passende woning binnen het contingent." if reason == StuckReason.NO_HOUSING else "",
            by=by,
        )
        if resolved_days_ago is not None:
            services.stuck_resolve(mark=mark, resolved_on=today - timedelta(days=resolved_days_ago), by=by)

    if ChainConsultation.objects.filter(attendees=ATTENDEES).exists():
        return
    stuck = list(
        Household.objects.filter(stuck_marks__resolved_on__isnull=True).select_related("location").order_by("reference")
    )
    if not stuck:
        return
    organisations = [network.organisations[key] for key in ("kennemer", "blijf", "swt", "cjg", "woon")]
    consultation = services.consultation_create(
        held_on=today - timedelta(days=7),
        organisations=organisations,
        attendees=ATTENDEES,
        next_meeting_on=today + timedelta(days=21),
        by=network.users["teamleider"],
    )
    present = {organisation.pk for organisation in organisations}
    for n, household in enumerate(h for h in stuck if h.organisation_id in present):
        by = _caseworker(household)
        case = services.consultation_case_add(
            consultation=consultation,
            household=household,
            question="Wat is er nodig om uitstroom mogelijk te maken?",
            by=by,
        )
        owner = by or selectors.decision_owner_choices(household).first()
        if owner is None:
            continue
        # One decision already overdue, the others due after the consultation.
        services.decision_add(
            case=case,
            text="Urgentie aanvragen bij de gemeente" if n % 2 == 0 else "Schuldhulp via het wijkteam starten",
            owner=owner,
            due_on=consultation.held_on + timedelta(days=3 if n == 0 else 14 + n),
            by=network.users["teamleider"],
        )
