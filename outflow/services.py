"""Writes of housing outflow (ready to move, housing applications, the corporations' quota) and of
aftercare after the departure (the aftercare plan and its contacts, the safety checks)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases import services as case_services
from cases.constants import AftercareKind, BeschikkingKind, Destination, ShelterReason
from cases.models import AftercareContact, Household, Stay
from opvang.constants import CHAIN_PARTNER_KINDS, OrganisationKind
from opvang.services import model_create, model_update

from .constants import ChildSafety, HousingDecision, HousingOutcome, SafetyCheckMoment
from .models import (
    AftercarePlan,
    HousingApplication,
    HousingQuota,
    ReadyToMove,
    SafetyCheck,
    SafetyCheckChild,
)

if TYPE_CHECKING:
    from opvang.models import Organisation, User


def _open_stay(household: Household) -> Stay:
    stay = household.stays.filter(left_on__isnull=True).first()
    if stay is None:
        raise ValidationError(_("The household has no open stay."))
    return stay


@transaction.atomic
def ready_to_move_record(*, household: Household, ready_on: date, by: User, notes: str = "") -> ReadyToMove:
    """Mark the household ready to move (woonklaar) during its open stay; a second mark corrects the first."""
    stay = _open_stay(household)
    if ready_on < stay.admitted_on:
        raise ValidationError({"ready_on": _("The household cannot be ready to move before its admission.")})
    existing = ReadyToMove.objects.filter(stay=stay).first()
    if existing is not None:
        data = {"ready_on": ready_on, "decided_by": by, "notes": notes}
        existing, _updated = model_update(instance=existing, fields=data.keys(), data=data)
        return existing
    return model_create(ReadyToMove, household=household, stay=stay, ready_on=ready_on, decided_by=by, notes=notes)


def _check_corporation(corporation: Organisation | None) -> None:
    if corporation is not None and corporation.kind != OrganisationKind.HOUSING:
        raise ValidationError({"corporation": _("Choose a housing corporation.")})


@transaction.atomic
def housing_application_add(
    *,
    household: Household,
    kind: str,
    municipality: str,
    applied_on: date,
    by: User,
    corporation: Organisation | None = None,
) -> HousingApplication:
    """A housing application made during the household's open stay."""
    stay = _open_stay(household)
    _check_corporation(corporation)
    return model_create(
        HousingApplication,
        household=household,
        stay=stay,
        kind=kind,
        municipality=municipality.strip(),
        corporation=corporation,
        applied_on=applied_on,
        recorded_by=by,
    )


@transaction.atomic
def housing_application_update(
    *,
    application: HousingApplication,
    decision: str,
    decided_on: date | None,
    offered_on: date | None,
    offer: str,
    outcome: str,
    outcome_on: date | None,
) -> HousingApplication:
    """Record the decision, the offer and the outcome of a housing application."""
    errors: dict[str, str] = {}
    if decision != HousingDecision.PENDING and decided_on is None:
        errors["decided_on"] = _("Give the date of the decision.")
    if decision == HousingDecision.PENDING and decided_on is not None:
        errors["decision"] = _("Choose the decision taken on this date.")
    if offer.strip() and offered_on is None:
        errors["offered_on"] = _("Give the date of the offer.")
    if outcome != HousingOutcome.OPEN and outcome_on is None:
        errors["outcome_on"] = _("Give the date of the outcome.")
    if outcome == HousingOutcome.OPEN and outcome_on is not None:
        errors["outcome"] = _("Choose the outcome reached on this date.")
    if outcome in (HousingOutcome.HOUSED, HousingOutcome.DECLINED) and offered_on is None:
        errors["offered_on"] = _("An offer was accepted or declined: give the date of the offer.")
    if outcome == HousingOutcome.REFUSED and decision != HousingDecision.REFUSED:
        errors["outcome"] = _("Only a refused application has the outcome 'refused'.")
    for field, day in (("decided_on", decided_on), ("offered_on", offered_on), ("outcome_on", outcome_on)):
        if day is not None and day < application.applied_on:
            errors.setdefault(field, _("This date cannot be before the application."))
    if errors:
        raise ValidationError(errors)
    data = {
        "decision": decision,
        "decided_on": decided_on,
        "offered_on": offered_on,
        "offer": offer.strip(),
        "outcome": outcome,
        "outcome_on": outcome_on,
    }
    application, _updated = model_update(instance=application, fields=data.keys(), data=data)
    return application


@transaction.atomic
def housing_quota_set(*, corporation: Organisation, municipality: str, year: int, homes: int) -> HousingQuota:
    """Set a corporation's quota of homes for shelter leavers in a municipality for a year."""
    _check_corporation(corporation)
    municipality = municipality.strip()
    quota = HousingQuota.objects.filter(corporation=corporation, municipality=municipality, year=year).first()
    if quota is not None:
        quota, _updated = model_update(instance=quota, fields=["homes"], data={"homes": homes})
        return quota
    return model_create(HousingQuota, corporation=corporation, municipality=municipality, year=year, homes=homes)


# --- Aftercare after the departure ---------------------------------------------------------------


def last_departure(household: Household) -> Stay | None:
    """The stay the household left last, while it has no open stay (aftercare follows it).
    One query, none when the household page has prefetched the stays."""
    stays = list(household.stays.all())
    if any(stay.left_on is None for stay in stays):
        return None
    return max(stays, key=lambda stay: stay.left_on or date.min, default=None)


def _departure(household: Household) -> Stay:
    stay = last_departure(household)
    if stay is None:
        raise ValidationError(_("Aftercare starts after the household has left the shelter."))
    return stay


@transaction.atomic
def aftercare_plan_save(
    *,
    household: Household,
    by: User,
    frequency_weeks: int,
    made_on: date,
    planned_end_on: date,
    owner_user: User | None = None,
    owner_organisation: Organisation | None = None,
    owner_professional: str = "",
    contact_lost_on: date | None = None,
    notes: str = "",
) -> AftercarePlan:
    """The aftercare plan of the household's last departure: made, or changed when it exists.

    The owner is an account of the shelter (the household's organisation) or a chain partner
    organisation (with its professional, where known), never both.
    """
    stay = _departure(household)
    errors: dict[str, str] = {}
    if (owner_user is None) == (owner_organisation is None):
        errors["owner_user"] = _("Choose either an owner at the shelter or a chain partner.")
    if owner_user is not None and (
        owner_user.organisation_id != household.organisation_id or not owner_user.works_with_cases
    ):
        errors["owner_user"] = _("Choose a caseworker or team lead of the shelter.")
    if owner_organisation is not None and owner_organisation.kind not in CHAIN_PARTNER_KINDS:
        errors["owner_organisation"] = _("Choose a chain partner organisation.")
    if owner_organisation is None and owner_professional.strip():
        errors["owner_professional"] = _("A professional is named only with a chain partner.")
    if made_on < stay.admitted_on:
        errors["made_on"] = _("The plan cannot be made before the admission.")
    if planned_end_on <= made_on:
        errors["planned_end_on"] = _("The planned end must be after the day the plan was made.")
    if contact_lost_on is not None and stay.left_on is not None and contact_lost_on < stay.left_on:
        errors["contact_lost_on"] = _("Contact can only be lost after the departure.")
    if errors:
        raise ValidationError(errors)
    data = {
        "owner_user": owner_user,
        "owner_organisation": owner_organisation,
        "owner_professional": owner_professional.strip(),
        "frequency_weeks": frequency_weeks,
        "made_on": made_on,
        "planned_end_on": planned_end_on,
        "contact_lost_on": contact_lost_on,
        "notes": notes,
    }
    plan = AftercarePlan.objects.filter(stay=stay).first()
    if plan is not None:
        plan, _updated = model_update(instance=plan, fields=data.keys(), data=data)
        return plan
    plan = model_create(AftercarePlan, household=household, stay=stay, made_by=by, **data)
    # Contacts recorded after this departure before the plan existed now count under it.
    AftercareContact.objects.filter(stay=stay, plan__isnull=True).update(plan=plan)
    return plan


@transaction.atomic
def aftercare_contact_add(
    *, household: Household, contact_on: date, kind: str, by: User, notes: str = ""
) -> AftercareContact:
    """An aftercare contact (or an attempt that reached nobody) recorded against the plan of the
    last departure, when there is one. A contact that reaches the household after contact was
    marked lost restores it: the mark is cleared."""
    stay = _departure(household)
    plan = AftercarePlan.objects.filter(stay=stay).first()
    contact = case_services.aftercare_record(
        household=household, contact_on=contact_on, kind=kind, by=by, notes=notes, plan=plan
    )
    if (
        plan is not None
        and kind != AftercareKind.NO_CONTACT
        and plan.contact_lost_on is not None
        and contact_on >= plan.contact_lost_on
    ):
        model_update(instance=plan, fields=["contact_lost_on"], data={"contact_lost_on": None})
    return contact


# --- Veilig na opvang ------------------------------------------------------------------------------


def safety_after_shelter_applies(stay: Stay) -> bool:
    """'Veilig na opvang' applies to a departure from a VO stay (a VO beschikking) and to every
    household that came for domestic violence; not after a death."""
    if stay.left_on is None or stay.destination == Destination.DECEASED:
        return False
    if stay.household.reason == ShelterReason.DOMESTIC_VIOLENCE:
        return True
    return stay.beschikkingen.filter(kind=BeschikkingKind.VO).exists()


def safety_check_due_on(left_on: date, months: int) -> date:
    """The day a safety check falls due: 1 or 3 calendar months after the departure."""
    return left_on + relativedelta(months=months)


@transaction.atomic
def safety_check_record(
    *,
    household: Household,
    months: int,
    by: User,
    done_on: date,
    risk_level: str,
    incidents: bool,
    children: Mapping[int, str],
    incidents_notes: str = "",
    follow_up: str = "",
) -> SafetyCheck:
    """Record (or correct) the safety check 1 or 3 months after the last departure: the risk
    reassessed, incidents since the departure, each child's safety and the follow-up."""
    stay = _departure(household)
    if months not in SafetyCheckMoment.values:
        raise ValidationError(_("A safety check is made 1 or 3 months after the departure."))
    if not safety_after_shelter_applies(stay):
        raise ValidationError(
            _(
                "Safety checks after the shelter are made after a VO stay or for households that came for "
                "domestic violence."
            )
        )
    errors: dict[str, str] = {}
    assert stay.left_on is not None  # a departure
    if done_on < stay.left_on:
        errors["done_on"] = _("A safety check takes place after the departure.")
    if incidents and not incidents_notes.strip():
        errors["incidents_notes"] = _("Describe the incidents since the departure.")
    kids = {child.pk: child for child in household.children.all()}
    for pk in kids:
        if children.get(pk) not in ChildSafety.values:
            errors[f"child_{pk}"] = _("Choose how safe this child is.")
    if errors:
        raise ValidationError(errors)
    data = {
        "done_on": done_on,
        "risk_level": risk_level,
        "incidents": incidents,
        "incidents_notes": incidents_notes.strip() if incidents else "",
        "follow_up": follow_up,
    }
    check = SafetyCheck.objects.filter(stay=stay, months=months).first()
    if check is None:
        check = model_create(SafetyCheck, household=household, stay=stay, months=months, recorded_by=by, **data)
    else:
        check, _updated = model_update(instance=check, fields=data.keys(), data=data)
    for pk, child in kids.items():
        row = SafetyCheckChild.objects.filter(safety_check=check, child=child).first()
        if row is None:
            model_create(SafetyCheckChild, safety_check=check, child=child, safety=children[pk])
        else:
            model_update(instance=row, fields=["safety"], data={"safety": children[pk]})
    return check
