"""Writes of housing outflow: ready to move, housing applications, the corporations' quota."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Household, Stay
from opvang.constants import OrganisationKind
from opvang.services import model_create, model_update

from .constants import HousingDecision, HousingOutcome
from .models import HousingApplication, HousingQuota, ReadyToMove

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
