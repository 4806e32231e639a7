"""Writes of the case file. Every change of a household's path through the shelter goes through a
function here: views, forms, seeds and tests call these, never ``Model.save()`` directly.

Rules the database holds (one open stay, left after admitted, end after start) are constraints on
the models; the rules that need more context (overlap with earlier stays, consent, who may accept
a handover) are checked here and raised as ValidationError with a Dutch message saying what to do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, cast

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opvang.constants import Role
from opvang.locking import claim_version
from opvang.models import Location, Organisation, User
from opvang.services import model_create, model_update

from . import extensions
from .constants import (
    CONSENT_AGE,
    OPEN_HANDOVER_STATUSES,
    ZRM_CORE_DOMAINS,
    AdultRole,
    ApplicationDecision,
    BeschikkingKind,
    Destination,
    HandoverKind,
    HandoverStatus,
    HearingChoice,
    HouseholdStatus,
    ObjectionKind,
    ObjectionOutcome,
    ZrmDomain,
)
from .models import (
    AdultClient,
    AftercareContact,
    Application,
    Beschikking,
    BeschikkingExtension,
    Handover,
    Household,
    Stay,
    SuspendedChild,
    Suspension,
    ZrmAssessment,
    ZrmScore,
    age_on,
)

# A new application or stay within this many months after leaving is a relapse (terugval).
RELAPSE_MONTHS = 12
BESCHIKKING_MONTHS = (3, 6)
REFERENCE_ATTEMPTS = 10


# --- Households and their members --------------------------------------------------------------


@dataclass
class AdultData:
    first_name: str
    last_name: str
    date_of_birth: date
    bsn: str | None = None
    phone: str = ""
    email: str = ""
    role: str = AdultRole.PARENT
    caseworker: User | None = None


class HouseholdChild(Protocol):
    """A child of the household as the case file sees it: children.models.Child (the children
    app builds on this one, so it is not imported here)."""

    pk: int
    household_id: int
    first_name: str
    date_of_birth: date


@dataclass
class ChildData:
    first_name: str
    last_name: str
    date_of_birth: date
    bsn: str | None = None
    gender: str = "x"


@dataclass
class SafetyData:
    safety_threat: str = ""
    secret_address_needed: bool = False
    safety_notes: str = ""


# --- Plausible dates ---------------------------------------------------------------------------

# How far ahead a planned date (handover, outflow) may lie; a date further on is a typo in the year.
PLAUSIBLE_AHEAD = relativedelta(years=1)


class Born(Protocol):
    first_name: str
    date_of_birth: date


def refuse_far_ahead(on: date | None, *, field: str) -> None:
    """A planned date more than a year ahead is refused: most often the year was mistyped."""
    if on is not None and on > timezone.localdate() + PLAUSIBLE_AHEAD:
        raise ValidationError(
            {field: _("This date is more than a year ahead (%(date)s). Check the year.") % {"date": dutch_date(on)}}
        )


def refuse_before_birth(on: date | None, people: Iterable[Born], *, field: str) -> None:
    """Nothing happens to or with a person before they were born."""
    if on is None:
        return
    for person in people:
        if person.date_of_birth and on < person.date_of_birth:
            raise ValidationError(
                {
                    field: _("This date lies before %(name)s was born (%(born)s). Check the date.")
                    % {"name": person.first_name, "born": dutch_date(person.date_of_birth)}
                }
            )


def dutch_date(on: date) -> str:
    """A date in running text: "3 december 2026" (opvang/formats/nl)."""
    return date_format(on)


def _next_reference(year: int) -> str:
    prefix = f"HH-{year}-"
    highest = Household.objects.filter(reference__startswith=prefix).aggregate(m=Max("reference"))["m"]
    number = int(highest.removeprefix(prefix)) + 1 if highest else 1
    return f"{prefix}{number:05d}"


def _save_with_reference(household: Household, year: int) -> None:
    # Two registrations at the same moment compute the same next number; the unique constraint
    # lets one win and the other retries with the number after it (inside a savepoint, so the
    # surrounding transaction survives the IntegrityError).
    for _attempt in range(REFERENCE_ATTEMPTS):
        household.reference = _next_reference(year)
        try:
            with transaction.atomic():
                household.save()
            return
        except IntegrityError:
            if not Household.objects.filter(reference=household.reference).exists():
                raise
    raise IntegrityError("Could not generate a unique household reference.")


def _bsn_taken_error(bsn: str) -> ValidationError:
    # Deliberately does not say in which household: that household may be outside the user's scope.
    return ValidationError(
        {
            "bsn": _(
                "A person with BSN %(bsn)s is already registered. Search for this person first and add "
                "a new application to the existing household."
            )
            % {"bsn": bsn}
        }
    )


def _adult_create(*, household: Household, data: AdultData) -> AdultClient:
    if data.bsn and AdultClient.objects.filter(bsn=data.bsn).exists():
        raise _bsn_taken_error(data.bsn)
    adult = model_create(
        AdultClient,
        household=household,
        role=data.role,
        first_name=data.first_name,
        last_name=data.last_name,
        date_of_birth=data.date_of_birth,
        bsn=data.bsn or None,
        phone=data.phone,
        email=data.email,
        caseworker=data.caseworker,
    )
    return adult


@transaction.atomic
def adult_add(*, household: Household, data: AdultData) -> AdultClient:
    """Add an adult member (with an optional, unique BSN) to an existing household."""
    return _adult_create(household=household, data=data)


def case_staff(household: Household) -> QuerySet[User]:
    """Active caseworkers and team leads of the household's organisation: who may be an adult's
    trajectory caseworker, and a child's own mentor."""
    return User.objects.filter(
        is_active=True,
        organisation_id=household.organisation_id,
        role__in=[Role.CASEWORKER, Role.TEAM_LEAD],
    ).order_by("first_name", "last_name")


def caseworker_candidates(household: Household, *, keep: int | None = None) -> QuerySet[User]:
    """Who may be an adult's trajectory caseworker (case_staff). ``keep`` (a user pk) is the
    caseworker already assigned: they may stay, even when no longer a candidate."""
    candidates = Q(pk__in=case_staff(household).values("pk"))
    if keep is not None:
        candidates |= Q(pk=keep)
    return User.objects.filter(candidates).order_by("first_name", "last_name")


@transaction.atomic
def adult_update(
    *,
    adult: AdultClient,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    bsn: str | None = None,
    phone: str = "",
    email: str = "",
    caseworker: User | None = None,
) -> AdultClient:
    """Change an adult's own details. The BSN is checked (11-proof) and belongs to one person: not
    to another adult, nor to a child. The caseworker works for the household's organisation; a
    caseworker who was already assigned may stay, even when no longer a candidate."""
    bsn = bsn or None
    if date_of_birth > timezone.localdate():
        raise ValidationError(
            {"date_of_birth": _("This date lies in the future. Enter the date on which the person was born.")}
        )
    if bsn and (
        AdultClient.objects.filter(bsn=bsn).exclude(pk=adult.pk).exists()
        or Household.objects.filter(children__bsn=bsn).exists()
    ):
        raise ValidationError(
            {"bsn": _("This BSN is already registered for another client. Check the number or open the existing file.")}
        )
    if (
        caseworker is not None
        and not caseworker_candidates(adult.household, keep=adult.caseworker_id).filter(pk=caseworker.pk).exists()
    ):
        raise ValidationError(
            {"caseworker": _("Choose a caseworker or team lead of the organisation that shelters this household.")}
        )
    data = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "date_of_birth": date_of_birth,
        "bsn": bsn,
        "phone": phone.strip(),
        "email": email.strip(),
        "caseworker": caseworker,
    }
    adult, _updated = model_update(instance=adult, fields=data.keys(), data=data)
    return adult


@transaction.atomic
def household_register(
    *,
    location: Location,
    reason: str,
    municipality_of_origin: str,
    applied_on: date,
    adults: Sequence[AdultData],
    children: Sequence[ChildData] = (),
    referred_by: str = "",
    safety: SafetyData | None = None,
    by: User | None = None,
) -> Household:
    """Register a household with its members and its first application.

    The reference (HH-<year>-<5 digits>) is generated from the application year. At least one
    adult is required. A relapse is flagged on the application when one of the people was in a
    stay that ended within 12 months before ``applied_on``.
    """
    if not adults:
        raise ValidationError(_("Register at least one adult: a household without an adult cannot apply."))
    safety = safety or SafetyData()
    household = Household(
        organisation=location.organisation,
        location=location,
        reason=reason,
        municipality_of_origin=municipality_of_origin,
        status=HouseholdStatus.WAITING,
        safety_threat=safety.safety_threat,
        secret_address_needed=safety.secret_address_needed,
        safety_notes=safety.safety_notes,
        created_by=by,
    )
    household.full_clean(exclude=["reference"])
    _save_with_reference(household, applied_on.year)
    for adult in adults:
        _adult_create(household=household, data=adult)
    for child in children:
        # The children app registers a child (its own rules); see cases.extensions.
        extensions.register_child(
            household=household,
            first_name=child.first_name,
            last_name=child.last_name,
            date_of_birth=child.date_of_birth,
            bsn=child.bsn,
            gender=child.gender,
        )
    application_add(household=household, location=location, applied_on=applied_on, referred_by=referred_by)
    return household


@transaction.atomic
def household_update(
    *, household: Household, expected_version: int, by: User, may_see_safety: bool, **fields: object
) -> Household:
    """Change the household's general (and, for those allowed, safety) details.

    Raises opvang.locking.StaleVersion when someone else saved the file after ``expected_version``.
    Safety fields are ignored for users who may not see them: they cannot change what they cannot see.
    """
    general = {"reason", "municipality_of_origin", "location"}
    restricted = {"safety_threat", "secret_address_needed", "safety_notes"}
    allowed = general | restricted if may_see_safety else general
    claim_version(household, expected_version)
    location = cast(Location, fields["location"]) if "location" in fields else household.location
    if location.organisation_id != household.organisation_id:
        raise ValidationError({"location": _("Choose a location of your own organisation.")})
    household, _updated = model_update(instance=household, fields=allowed, data=fields)
    return household


@transaction.atomic
def household_close(*, household: Household, by: User) -> Household:
    """Close the file: only when nobody stays, no handover is open and no application is pending."""
    if household.stays.filter(left_on__isnull=True).exists():
        raise ValidationError(_("This household is still in shelter. Record the departure first."))
    if household.handovers.filter(status__in=OPEN_HANDOVER_STATUSES).exists():
        raise ValidationError(_("A handover is still open. Complete or revoke it before closing the file."))
    if household.applications.filter(decision=ApplicationDecision.PENDING).exists():
        raise ValidationError(_("An application is still pending. Decide on it before closing the file."))
    household.status = HouseholdStatus.CLOSED
    household.full_clean()
    household.save()
    return household


# --- Applications and relapse ------------------------------------------------------------------


def relapse_stay_for(*, household: Household, applied_on: date) -> Stay | None:
    """The stay this application is a relapse of: a stay of the same household, or of a person
    with the same BSN in another household, that ended within 12 months before ``applied_on``."""
    bsns = [b for b in household.adults.exclude(bsn=None).values_list("bsn", flat=True)]
    bsns += [b for b in household.children.exclude(bsn=None).values_list("bsn", flat=True)]
    same_person = Q(household=household)
    if bsns:
        same_person |= Q(household__adults__bsn__in=bsns) | Q(household__children__bsn__in=bsns)
    return (
        Stay.objects.filter(
            same_person, left_on__gte=applied_on - relativedelta(months=RELAPSE_MONTHS), left_on__lte=applied_on
        )
        .order_by("-left_on")
        .first()
    )


@transaction.atomic
def application_add(
    *, household: Household, location: Location, applied_on: date, referred_by: str = ""
) -> Application:
    """A (new) application of a household; flags and links a relapse automatically."""
    if location.organisation_id != household.organisation_id:
        raise ValidationError({"location": _("Choose a location of the organisation responsible for this household.")})
    if household.applications.filter(decision=ApplicationDecision.PENDING).exists():
        raise ValidationError(_("This household already has a pending application. Decide on that one first."))
    refuse_before_birth(applied_on, household.adults.all(), field="applied_on")
    application = model_create(
        Application,
        household=household,
        location=location,
        applied_on=applied_on,
        referred_by=referred_by,
        relapse_of=relapse_stay_for(household=household, applied_on=applied_on),
    )
    if not household.stays.filter(left_on__isnull=True).exists():
        household.status = HouseholdStatus.WAITING
        household.location = location
        household.save(update_fields=["status", "location", "updated_at"])
    return application


@transaction.atomic
def application_decide(*, application: Application, decision: str, decided_on: date) -> Application:
    """Reject or withdraw a pending application (admission goes through household_admit)."""
    if application.decision != ApplicationDecision.PENDING:
        raise ValidationError(_("This application has already been decided."))
    if decision not in (ApplicationDecision.REJECTED, ApplicationDecision.WITHDRAWN):
        raise ValidationError({"decision": _("To admit the household, use 'Admit' on the household page.")})
    application.decision = decision
    application.decided_on = decided_on
    application.full_clean()
    application.save()
    household = application.household
    # A household that never got in and has nothing else pending is no longer waiting.
    if household.status == HouseholdStatus.WAITING:
        household.status = HouseholdStatus.LEFT if household.stays.exists() else HouseholdStatus.CLOSED
        household.save(update_fields=["status", "updated_at"])
    return application


# --- Stays and beschikkingen --------------------------------------------------------------------


@transaction.atomic
def household_admit(
    *,
    household: Household,
    location: Location,
    admitted_on: date,
    kind: str,
    months: int = 3,
    end_on: date | None = None,
    application: Application | None = None,
    relapse_guarantee: bool = False,
) -> Stay:
    """Admit a household: a stay and its beschikking (default end 3 or 6 months after the start).

    ``relapse_guarantee``: a readmission under the relapse guarantee (priority, no new waiting),
    only within 12 months of the last departure (``relapse_guarantee_stay``).

    Refuses when the household already stays somewhere or when the new stay would overlap an
    earlier one. Decides the pending application (or, for a direct crisis admission, records one
    on the day of admission so that inflow and relapse are still counted).
    """
    # Lock the household row so two admissions at the same moment are serialised.
    Household.objects.select_for_update().filter(pk=household.pk).first()
    if location.organisation_id != household.organisation_id:
        raise ValidationError({"location": _("Choose a location of your own organisation.")})
    if household.stays.filter(left_on__isnull=True).exists():
        raise ValidationError(_("This household is already in shelter. Record the departure before a new admission."))
    if household.stays.filter(left_on__gte=admitted_on).exists():
        raise ValidationError(
            {"admitted_on": _("This date overlaps an earlier stay. Choose a date after the last departure.")}
        )
    refuse_before_birth(admitted_on, household.adults.all(), field="admitted_on")
    if relapse_guarantee and relapse_guarantee_stay(household=household, on=admitted_on) is None:
        raise ValidationError(
            {
                "relapse_guarantee": _(
                    "The relapse guarantee only applies to a readmission within 12 months of the departure: "
                    "this household did not leave a shelter in the 12 months before %(date)s."
                )
                % {"date": admitted_on.strftime("%d-%m-%Y")}
            }
        )
    if kind not in BeschikkingKind.values:
        raise ValidationError({"kind": _("Choose MO or VO.")})
    if end_on is None:
        if months not in BESCHIKKING_MONTHS:
            raise ValidationError({"months": _("A beschikking runs 3 or 6 months.")})
        end_on = admitted_on + relativedelta(months=months)
    if application is None:
        application = household.applications.filter(decision=ApplicationDecision.PENDING).first()
    if application is None:
        application = application_add(household=household, location=location, applied_on=admitted_on)
    if admitted_on < application.applied_on:
        raise ValidationError({"admitted_on": _("The admission cannot be before the application date.")})
    application.decision = ApplicationDecision.ADMITTED
    application.decided_on = admitted_on
    application.full_clean()
    application.save()
    stay = model_create(
        Stay,
        household=household,
        location=location,
        application=application,
        admitted_on=admitted_on,
        relapse_guarantee=relapse_guarantee,
    )
    model_create(Beschikking, stay=stay, kind=kind, start_on=admitted_on, end_on=end_on, original_end_on=end_on)
    household.status = HouseholdStatus.IN_SHELTER
    household.location = location
    household.save(update_fields=["status", "location", "updated_at"])
    return stay


def relapse_guarantee_stay(*, household: Household, on: date) -> Stay | None:
    """The departure that lets an admission on ``on`` be made under the relapse guarantee: a stay
    of the household (or of the same person, by BSN) that ended within 12 months before ``on``,
    the 12-months day itself included (as relapses, ``relapse_stay_for``)."""
    return relapse_stay_for(household=household, applied_on=on)


@transaction.atomic
def beschikking_extend(
    *,
    beschikking: Beschikking,
    new_end_on: date,
    reason: str,
    by: User,
    notes: str = "",
    extended_on: date | None = None,
) -> BeschikkingExtension:
    """Extend a beschikking to a later end; a reason is required."""
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    if beschikking.stay.left_on is not None:
        raise ValidationError(_("This stay has ended; its beschikking can no longer be extended."))
    if new_end_on <= beschikking.end_on:
        raise ValidationError(
            {
                "new_end_on": _("The new end must be after the current end (%(end)s).")
                % {"end": beschikking.end_on.strftime("%d-%m-%Y")}
            }
        )
    extension = model_create(
        BeschikkingExtension,
        beschikking=beschikking,
        extended_on=extended_on or timezone.localdate(),
        previous_end_on=beschikking.end_on,
        new_end_on=new_end_on,
        reason=reason,
        notes=notes,
        decided_by=by,
    )
    beschikking.end_on = new_end_on
    beschikking.full_clean()
    beschikking.save()
    return extension


@transaction.atomic
def stay_plan_outflow(*, stay: Stay, planned_destination: str, planned_left_on: date | None) -> Stay:
    """Record where the household is expected to go; this silences the 'beschikking ends' signal."""
    if stay.left_on is not None:
        raise ValidationError(_("This stay has already ended."))
    if planned_left_on and planned_left_on < stay.admitted_on:
        raise ValidationError({"planned_left_on": _("The planned departure cannot be before the admission.")})
    refuse_far_ahead(planned_left_on, field="planned_left_on")
    data = {"planned_destination": planned_destination, "planned_left_on": planned_left_on}
    stay, _updated = model_update(instance=stay, fields=data.keys(), data=data)
    return stay


@transaction.atomic
def stay_end(*, stay: Stay, left_on: date, destination: str, destination_municipality: str = "") -> Stay:
    """Discharge: the household leaves to a destination; its status becomes 'left'."""
    if stay.left_on is not None:
        raise ValidationError(_("This stay has already ended."))
    if not destination:
        raise ValidationError({"destination": _("Choose where the household is going.")})
    if left_on < stay.admitted_on:
        raise ValidationError(
            {
                "left_on": _("The departure cannot be before the admission (%(date)s).")
                % {"date": stay.admitted_on.strftime("%d-%m-%Y")}
            }
        )
    if left_on > timezone.localdate():
        raise ValidationError({"left_on": _("Record a departure on or after the day it happens.")})
    stay.left_on = left_on
    stay.destination = destination
    stay.destination_municipality = destination_municipality.strip()
    stay.full_clean()
    stay.save()
    household = stay.household
    household.status = HouseholdStatus.LEFT
    household.save(update_fields=["status", "updated_at"])
    return stay


# --- Handovers --------------------------------------------------------------------------------


@transaction.atomic
def handover_propose(
    *,
    household: Household,
    by: User,
    to_organisation: Organisation,
    planned_on: date,
    kind: str = HandoverKind.WARM,
    children: Iterable[HouseholdChild] = (),
    to_professional: User | None = None,
    to_professional_name: str = "",
    consent_given: bool = False,
    child_consent_given: bool = False,
    consent_override_reason: str = "",
    safety_info_passed: bool = False,
    plan_passed: bool = False,
    met_each_child: bool = False,
    summary: str = "",
) -> Handover:
    """Propose a handover of the household (and/or some of its children) to another organisation.

    The parent's consent is required, and the consent of each child from 12 the handover concerns.
    A team lead may proceed without consent by recording the reason.
    """
    children = list(children)
    refuse_far_ahead(planned_on, field="planned_on")
    refuse_before_birth(planned_on, [*household.adults.all(), *children], field="planned_on")
    if to_organisation.pk == household.organisation_id:
        raise ValidationError({"to_organisation": _("Choose another organisation than your own.")})
    if any(child.household_id != household.pk for child in children):
        raise ValidationError({"children": _("Choose only children of this household.")})
    if to_professional is not None and to_professional.organisation_id != to_organisation.pk:
        raise ValidationError(
            {"to_professional": _("The receiving professional must work at the receiving organisation.")}
        )
    older = [c for c in children if age_on(c.date_of_birth, timezone.localdate()) >= CONSENT_AGE]
    missing = []
    if not consent_given:
        missing.append(_("the parent"))
    if older and not child_consent_given:
        missing.append(_("the children from 12"))
    override_by = None
    if missing:
        if by.role != Role.TEAM_LEAD or not consent_override_reason.strip():
            raise ValidationError(
                {
                    "consent_given": _(
                        "Consent of %(who)s is missing. Ask for consent first; only a team lead can "
                        "proceed without it, by recording the reason."
                    )
                    % {"who": _(" and ").join(str(m) for m in missing)}
                }
            )
        override_by = by
    handover = model_create(
        Handover,
        household=household,
        from_organisation_id=household.organisation_id,
        from_professional=by,
        to_organisation=to_organisation,
        to_professional=to_professional,
        to_professional_name=to_professional_name,
        planned_on=planned_on,
        kind=kind,
        consent_given=consent_given,
        child_consent_given=child_consent_given,
        consent_override_reason=consent_override_reason.strip() if override_by else "",
        consent_override_by=override_by,
        safety_info_passed=safety_info_passed,
        plan_passed=plan_passed,
        met_each_child=met_each_child,
        summary=summary,
        status=HandoverStatus.PROPOSED,
    )
    handover.children.set([child.pk for child in children])
    return handover


def _require_receiving_side(handover: Handover, by: User) -> None:
    if by.pk == handover.from_professional_id or by.organisation_id == handover.from_organisation_id:
        raise ValidationError(_("A handover is confirmed by the receiving side, never by its sender."))
    if by.organisation_id != handover.to_organisation_id or not by.works_with_cases:
        raise ValidationError(_("Only the receiving organisation can answer this handover."))


@transaction.atomic
def handover_accept(*, handover: Handover, by: User, accepted_on: date | None = None) -> Handover:
    """The receiving organisation accepts; from now on it can open the household's file."""
    _require_receiving_side(handover, by)
    if handover.status != HandoverStatus.PROPOSED:
        raise ValidationError(_("Only a proposed handover can be accepted."))
    handover.status = HandoverStatus.ACCEPTED
    handover.accepted_on = accepted_on or timezone.localdate()
    handover.accepted_by = by
    if handover.to_professional_id is None:
        handover.to_professional = by
    handover.full_clean()
    handover.save()
    return handover


@transaction.atomic
def handover_reject(*, handover: Handover, by: User, reason: str) -> Handover:
    """The receiving organisation declines, with a reason."""
    _require_receiving_side(handover, by)
    if handover.status != HandoverStatus.PROPOSED:
        raise ValidationError(_("Only a proposed handover can be rejected."))
    if not reason.strip():
        raise ValidationError({"rejected_reason": _("Give the reason for rejecting the handover.")})
    handover.status = HandoverStatus.REJECTED
    handover.rejected_reason = reason.strip()
    handover.full_clean()
    handover.save()
    return handover


@transaction.atomic
def handover_complete(
    *,
    handover: Handover,
    by: User,
    completed_on: date | None = None,
    safety_info_passed: bool | None = None,
    plan_passed: bool | None = None,
    met_each_child: bool | None = None,
) -> Handover:
    """Either side marks an accepted handover as done, updating the checklist."""
    if by.organisation_id not in (handover.from_organisation_id, handover.to_organisation_id):
        raise ValidationError(_("Only the sending or receiving organisation can complete this handover."))
    if handover.status != HandoverStatus.ACCEPTED:
        raise ValidationError(_("A handover can be completed once the receiving side has accepted it."))
    # The checklist keeps its stored answer where the form leaves one out (None).
    checklist = {
        name: value
        for name, value in (
            ("safety_info_passed", safety_info_passed),
            ("plan_passed", plan_passed),
            ("met_each_child", met_each_child),
        )
        if value is not None
    }
    met = checklist.get("met_each_child", handover.met_each_child)
    if handover.kind == HandoverKind.WARM and handover.children.exists() and not met:
        raise ValidationError(
            {"met_each_child": _("In a warm handover the receiving professional meets each child first.")}
        )
    data = {**checklist, "status": HandoverStatus.COMPLETED, "completed_on": completed_on or timezone.localdate()}
    handover, _updated = model_update(instance=handover, fields=data.keys(), data=data)
    return handover


HANDOVER_BESCHIKKING_CONTINUE = "continue"
HANDOVER_BESCHIKKING_NEW = "new"


@transaction.atomic
def handover_admit(
    *,
    handover: Handover,
    by: User,
    location: Location,
    admitted_on: date,
    beschikking: str = HANDOVER_BESCHIKKING_CONTINUE,
    kind: str = "",
    months: int = 3,
) -> Stay:
    """The receiving side admits the handed-over household at one of its locations.

    The open stay ends that day with destination 'other shelter', a stay starts at the receiving
    location, the current beschikking continues (its end kept) or a new one of 3 or 6 months
    starts, the file moves to the receiving organisation (so the sending side's access ends) and
    the handover is completed. Then the higher apps do their part (``cases.extensions``): the
    receiving professional becomes involved with each child, the plan goes along as a new
    version with them as shelter mentor."""
    _require_receiving_side(handover, by)
    if handover.status != HandoverStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted handover can end in an admission."))
    if location.organisation_id != handover.to_organisation_id:
        raise ValidationError({"location": _("Choose a location of your own organisation.")})
    if by.role != Role.TEAM_LEAD and not by.locations.filter(pk=location.pk).exists():
        raise ValidationError({"location": _("Choose a location where you work.")})
    if admitted_on > timezone.localdate():
        raise ValidationError({"admitted_on": _("Record an admission on or after the day it happens.")})
    household = Household.objects.select_for_update().get(pk=handover.household_id)
    refuse_before_birth(admitted_on, household.adults.all(), field="admitted_on")
    old_stay = household.stays.filter(left_on__isnull=True).first()
    current = None
    if old_stay is not None:
        if admitted_on < old_stay.admitted_on:
            raise ValidationError(
                {
                    "admitted_on": _("The admission cannot be before the current stay began (%(date)s).")
                    % {"date": old_stay.admitted_on.strftime("%d-%m-%Y")}
                }
            )
        current = old_stay.beschikkingen.order_by("-start_on").first()
    elif household.stays.filter(left_on__gt=admitted_on).exists():
        raise ValidationError(
            {"admitted_on": _("This date overlaps an earlier stay. Choose a date after the last departure.")}
        )
    if beschikking == HANDOVER_BESCHIKKING_CONTINUE:
        if current is None or current.end_on <= admitted_on:
            raise ValidationError(
                {"beschikking": _("There is no current beschikking to continue on that date: start a new one.")}
            )
        kind, end_on, original_end_on = current.kind, current.end_on, current.original_end_on
    elif beschikking == HANDOVER_BESCHIKKING_NEW:
        kind = kind or (current.kind if current else "")
        if kind not in BeschikkingKind.values:
            raise ValidationError({"kind": _("Choose MO or VO.")})
        if months not in BESCHIKKING_MONTHS:
            raise ValidationError({"months": _("A beschikking runs 3 or 6 months.")})
        end_on = original_end_on = admitted_on + relativedelta(months=months)
    else:
        raise ValidationError({"beschikking": _("Choose whether the beschikking continues or a new one starts.")})
    if old_stay is not None:
        stay_end(stay=old_stay, left_on=admitted_on, destination=Destination.OTHER_SHELTER)
    stay = model_create(Stay, household=household, location=location, admitted_on=admitted_on)
    model_create(
        Beschikking, stay=stay, kind=kind, start_on=admitted_on, end_on=end_on, original_end_on=original_end_on
    )
    household.organisation_id = handover.to_organisation_id
    household.location = location
    household.status = HouseholdStatus.IN_SHELTER
    household.save(update_fields=["organisation", "location", "status", "updated_at"])
    handover_complete(handover=handover, by=by, completed_on=admitted_on)
    # The children app records the new faces, the plans app carries the plan over (extensions).
    extensions.handover_admitted(handover=handover, stay=stay, by=by)
    return stay


@transaction.atomic
def handover_revoke(*, handover: Handover, by: User) -> Handover:
    """The sender withdraws a handover that is still open."""
    if by.organisation_id != handover.from_organisation_id:
        raise ValidationError(_("Only the sending organisation can revoke a handover."))
    if handover.status not in OPEN_HANDOVER_STATUSES:
        raise ValidationError(_("Only an open handover can be revoked."))
    handover.status = HandoverStatus.REVOKED
    handover.revoked_on = timezone.localdate()
    handover.full_clean()
    handover.save()
    return handover


# --- Suspension, aftercare, ZRM -------------------------------------------------------------------


@dataclass
class AffectedChild:
    child: HouseholdChild
    stayed_at: str
    arrangement: str = ""


@transaction.atomic
def suspension_record(
    *,
    household: Household,
    adult: AdultClient,
    location: Location,
    start_on: date,
    reason: str,
    decided_by: User,
    end_on: date | None = None,
    notes: str = "",
    children_affected: Sequence[AffectedChild] = (),
    duration_days: int | None = None,
    heard: str = "",
    heard_on: date | None = None,
    adult_went: str = "",
) -> Suspension:
    """Record a schorsing of an adult: the reason category, the duration decided, whether the
    client was heard before the decision, where the adult went, and for each affected child where
    it stayed and what was arranged."""
    if adult.household_id != household.pk:
        raise ValidationError({"adult": _("Choose an adult of this household.")})
    if end_on is not None and end_on < start_on:
        raise ValidationError({"end_on": _("The end of the suspension cannot be before its start.")})
    refuse_before_birth(start_on, [adult], field="start_on")
    _check_hearing(heard=heard, heard_on=heard_on, start_on=start_on)
    suspension = model_create(
        Suspension,
        household=household,
        adult=adult,
        location=location,
        start_on=start_on,
        end_on=end_on,
        reason=reason,
        notes=notes,
        decided_by=decided_by,
        duration_days=duration_days,
        heard=heard,
        heard_on=heard_on,
        adult_went=adult_went,
    )
    for affected in children_affected:
        if affected.child.household_id != household.pk:
            raise ValidationError({"children": _("Choose only children of this household.")})
        if not affected.stayed_at.strip():
            raise ValidationError({"children": _("Say where each affected child stayed.")})
        row = SuspendedChild(
            suspension=suspension,
            child_id=affected.child.pk,
            stayed_at=affected.stayed_at.strip(),
            arrangement=affected.arrangement,
        )
        row.full_clean()
        row.save()
    return suspension


def _check_hearing(*, heard: str, heard_on: date | None, start_on: date) -> None:
    if heard_on is not None and heard != HearingChoice.YES:
        raise ValidationError({"heard": _("A hearing date is given: choose 'yes'.")})
    if heard_on is not None and heard_on > start_on:
        raise ValidationError({"heard_on": _("The hearing comes before the decision: on or before the start.")})


@transaction.atomic
def suspension_update(
    *,
    suspension: Suspension,
    end_on: date | None,
    heard: str,
    heard_on: date | None,
    objection: str,
    objection_on: date | None,
    objection_outcome: str,
    adult_went: str,
    outcome: str,
) -> Suspension:
    """Record what happened after the decision: the hearing, an objection or appeal and its
    outcome, where the adult went, the end and whether the adult returned or left."""
    errors: dict[str, str] = {}
    if end_on is not None and end_on < suspension.start_on:
        errors["end_on"] = _("The end of the suspension cannot be before its start.")
    if objection == ObjectionKind.NONE and (objection_on is not None or objection_outcome):
        errors["objection"] = _("Choose the objection or appeal this date or outcome belongs to.")
    if objection != ObjectionKind.NONE and objection_on is None:
        errors["objection_on"] = _("Give the date the objection or appeal was lodged.")
    if objection_on is not None and objection_on < suspension.start_on:
        errors["objection_on"] = _("An objection follows the decision: on or after the start.")
    if outcome and end_on is None:
        errors["end_on"] = _("Give the end of the suspension: the adult returned or left then.")
    if errors:
        raise ValidationError(errors)
    _check_hearing(heard=heard, heard_on=heard_on, start_on=suspension.start_on)
    if objection != ObjectionKind.NONE and not objection_outcome:
        objection_outcome = ObjectionOutcome.PENDING
    data = {
        "end_on": end_on,
        "heard": heard,
        "heard_on": heard_on,
        "objection": objection,
        "objection_on": objection_on,
        "objection_outcome": objection_outcome,
        "adult_went": adult_went,
        "outcome": outcome,
    }
    suspension, _updated = model_update(instance=suspension, fields=data.keys(), data=data)
    return suspension


@transaction.atomic
def aftercare_record(
    *, household: Household, contact_on: date, kind: str, by: User, notes: str = "", plan: object | None = None
) -> AftercareContact:
    """A nazorg contact after the last stay ended; the household's status becomes 'in aftercare'.

    ``plan``: the aftercare plan of that stay it is recorded against (the outflow app passes it).
    """
    stay = household.stays.filter(left_on__isnull=False).order_by("-left_on").first()
    if stay is None or household.stays.filter(left_on__isnull=True).exists():
        raise ValidationError(_("Aftercare starts after the household has left the shelter."))
    assert stay.left_on is not None  # filtered on left_on__isnull=False above
    if contact_on < stay.left_on:
        raise ValidationError({"contact_on": _("An aftercare contact takes place after the departure.")})
    contact = model_create(
        AftercareContact,
        household=household,
        stay=stay,
        contact_on=contact_on,
        kind=kind,
        notes=notes,
        recorded_by=by,
        plan=plan,
    )
    if household.status in (HouseholdStatus.LEFT, HouseholdStatus.AFTERCARE):
        household.status = HouseholdStatus.AFTERCARE
        household.save(update_fields=["status", "updated_at"])
    return contact


@transaction.atomic
def zrm_record(
    *,
    adult: AdultClient,
    assessed_on: date,
    moment: str,
    scores: Mapping[str, int | None],
    by: User,
) -> ZrmAssessment:
    """A ZRM assessment: one score (1–5, or None for 'not discussed') per domain.

    The 13 core domains are always stored (missing ones as not discussed); parenting only when given.
    """
    unknown = set(scores) - set(ZrmDomain.values)
    if unknown:
        raise ValidationError(_("Unknown ZRM domain: %(domains)s.") % {"domains": ", ".join(sorted(unknown))})
    if all(v is None for v in scores.values()):
        raise ValidationError(_("Score at least one domain."))
    refuse_before_birth(assessed_on, [adult], field="assessed_on")
    assessment = model_create(ZrmAssessment, adult=adult, assessed_on=assessed_on, moment=moment, assessed_by=by)
    domains = [str(d) for d in ZRM_CORE_DOMAINS]
    if scores.get(ZrmDomain.PARENTING) is not None:
        domains.append(ZrmDomain.PARENTING)
    for domain in domains:
        score = ZrmScore(assessment=assessment, domain=domain, score=scores.get(domain))
        score.full_clean()
        score.save()
    return assessment
