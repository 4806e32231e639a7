"""Writes of housing outflow (ready to move, housing applications, the corporations' quota) and of
aftercare after the departure (the aftercare plan and its contacts, the safety checks)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import services as case_services
from cases.constants import AftercareKind, BeschikkingKind, Destination, HouseholdStatus, ShelterReason
from cases.models import AdultClient, AftercareContact, Household, Stay
from opvang.constants import CHAIN_PARTNER_KINDS, OrganisationKind, Role
from opvang.services import model_create, model_update

from .access import may_hold_trajectory
from .constants import (
    PILOT_EVALUATION_MONTHS,
    ChildSafety,
    HousingDecision,
    HousingOutcome,
    SafetyCheckMoment,
    TrajectoryActionStatus,
    TrajectoryGoalStatus,
)
from .models import (
    AftercarePlan,
    HousingApplication,
    HousingQuota,
    Pilot,
    PilotMember,
    ReadyToMove,
    SafetyCheck,
    SafetyCheckChild,
    Trajectory,
    TrajectoryAction,
    TrajectoryGoal,
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


# --- Trajectory support --------------------------------------------------------------------------


def _holder_consent(
    *, household: Household, holder: User, by: User, consent_given: bool, consent_override_reason: str
) -> User | None:
    """The consent rule of handovers (cases.services.handover_propose), for a holder of another
    organisation: the client's consent is required; a team lead may proceed without it by
    recording the reason. Returns who overrode the missing consent, if anyone."""
    if not may_hold_trajectory(holder):
        raise ValidationError({"holder": _("Choose an active professional as trajectory holder.")})
    if holder.organisation_id == household.organisation_id or consent_given:
        return None
    if by.role != Role.TEAM_LEAD or not consent_override_reason.strip():
        raise ValidationError(
            {
                "consent_given": _(
                    "The trajectory holder works at another organisation: the client's consent is needed. "
                    "Ask for consent first; only a team lead can proceed without it, by recording the reason."
                )
            }
        )
    return by


def _check_dates(*, started_on: date, waiting_list_since: date | None, household: Household) -> None:
    errors = {}
    if household.status == HouseholdStatus.CLOSED:
        raise ValidationError(_("The file of this household is closed."))
    if waiting_list_since is not None and waiting_list_since > timezone.localdate():
        errors["waiting_list_since"] = _("This date lies in the future.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def trajectory_start(
    *,
    household: Household,
    adult: AdultClient,
    holder: User,
    by: User,
    started_on: date,
    goal: str,
    waiting_list_since: date | None = None,
    consent_given: bool = False,
    consent_override_reason: str = "",
) -> Trajectory:
    """Start trajectory support for an adult of the household, held by ``holder``."""
    if adult.household_id != household.pk:
        raise ValidationError({"adult": _("Choose an adult of this household.")})
    _check_dates(started_on=started_on, waiting_list_since=waiting_list_since, household=household)
    if Trajectory.objects.filter(adult=adult, ended_on__isnull=True).exists():
        raise ValidationError({"adult": _("This client already has an open trajectory.")})
    override_by = _holder_consent(
        household=household,
        holder=holder,
        by=by,
        consent_given=consent_given,
        consent_override_reason=consent_override_reason,
    )
    return model_create(
        Trajectory,
        household=household,
        adult=adult,
        holder=holder,
        consent_given=consent_given,
        consent_override_reason=consent_override_reason.strip() if override_by else "",
        consent_override_by=override_by,
        started_on=started_on,
        goal=goal.strip(),
        waiting_list_since=waiting_list_since,
        created_by=by,
    )


@transaction.atomic
def trajectory_update(
    *,
    trajectory: Trajectory,
    holder: User,
    by: User,
    started_on: date,
    goal: str,
    waiting_list_since: date | None = None,
    consent_given: bool = False,
    consent_override_reason: str = "",
) -> Trajectory:
    """Change the holder, start, goal or waiting-list date of an open trajectory. A new holder of
    another organisation needs the client's consent again (or a team lead's reason)."""
    if not trajectory.is_open:
        raise ValidationError(_("This trajectory has ended."))
    household = trajectory.household
    _check_dates(started_on=started_on, waiting_list_since=waiting_list_since, household=household)
    data: dict[str, object] = {"started_on": started_on, "goal": goal.strip(), "waiting_list_since": waiting_list_since}
    if holder.pk != trajectory.holder_id:
        override_by = _holder_consent(
            household=household,
            holder=holder,
            by=by,
            consent_given=consent_given,
            consent_override_reason=consent_override_reason,
        )
        data.update(
            holder=holder,
            consent_given=consent_given,
            consent_override_reason=consent_override_reason.strip() if override_by else "",
            consent_override_by=override_by,
        )
    trajectory, _updated = model_update(instance=trajectory, fields=data.keys(), data=data)
    return trajectory


@transaction.atomic
def trajectory_end(*, trajectory: Trajectory, ended_on: date, result: str, result_notes: str = "") -> Trajectory:
    """End a trajectory with its result (housed, income, referred on, dropped out, other)."""
    if not trajectory.is_open:
        raise ValidationError(_("This trajectory has already ended."))
    if ended_on < trajectory.started_on:
        raise ValidationError({"ended_on": _("The end cannot be before the start.")})
    data = {"ended_on": ended_on, "result": result, "result_notes": result_notes.strip()}
    trajectory, _updated = model_update(instance=trajectory, fields=data.keys(), data=data)
    return trajectory


def _require_open(trajectory: Trajectory) -> None:
    if not trajectory.is_open:
        raise ValidationError(_("This trajectory has ended."))


@transaction.atomic
def trajectory_goal_add(*, trajectory: Trajectory, text: str) -> TrajectoryGoal:
    """A goal of the trajectory plan."""
    _require_open(trajectory)
    return model_create(TrajectoryGoal, trajectory=trajectory, text=text.strip())


@transaction.atomic
def trajectory_action_add(
    *, goal: TrajectoryGoal, what: str, owner: str, due_on: date | None = None
) -> TrajectoryAction:
    """An action towards a goal of the trajectory plan."""
    _require_open(goal.trajectory)
    if goal.status != TrajectoryGoalStatus.OPEN:
        raise ValidationError(_("This goal is no longer open."))
    return model_create(TrajectoryAction, goal=goal, what=what.strip(), owner=owner.strip(), due_on=due_on)


@transaction.atomic
def trajectory_goal_set_status(*, goal: TrajectoryGoal, status: str) -> TrajectoryGoal:
    """Mark a goal achieved or stopped (or open again)."""
    _require_open(goal.trajectory)
    goal, _updated = model_update(instance=goal, fields=["status"], data={"status": status})
    return goal


@transaction.atomic
def trajectory_action_set_status(*, action: TrajectoryAction, status: str) -> TrajectoryAction:
    """Mark an action done or cancelled (or open again)."""
    _require_open(action.goal.trajectory)
    if status not in TrajectoryActionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    action, _updated = model_update(instance=action, fields=["status"], data={"status": status})
    return action


# --- Pilot cohorts -----------------------------------------------------------------------------


@transaction.atomic
def pilot_create(*, name: str, started_on: date, target_group: str = "", evaluation_on: date | None = None) -> Pilot:
    """A named pilot; its evaluation date is 18 months after the start unless given."""
    if evaluation_on is None:
        evaluation_on = started_on + relativedelta(months=PILOT_EVALUATION_MONTHS)
    if evaluation_on <= started_on:
        raise ValidationError({"evaluation_on": _("The evaluation date must be after the start.")})
    return model_create(
        Pilot, name=name.strip(), target_group=target_group, started_on=started_on, evaluation_on=evaluation_on
    )


@transaction.atomic
def pilot_member_add(*, pilot: Pilot, household: Household, joined_on: date, by: User) -> PilotMember:
    """Mark a household as taking part in a pilot, from ``joined_on``."""
    if joined_on < pilot.started_on:
        raise ValidationError(
            {"joined_on": _("The pilot starts on %(day)s.") % {"day": pilot.started_on.strftime("%d-%m-%Y")}}
        )
    if joined_on > pilot.evaluation_on:
        raise ValidationError({"joined_on": _("The pilot has been evaluated by then.")})
    if PilotMember.objects.filter(pilot=pilot, household=household).exists():
        raise ValidationError({"pilot": _("This household already takes part in this pilot.")})
    return model_create(PilotMember, pilot=pilot, household=household, joined_on=joined_on, added_by=by)
