"""Choices of the case file. Destinations follow DOMAIN.md (grouped as in HUD's HMIS)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# From this age a child's own consent and agreement count (handover consent, gedragen plan).
CONSENT_AGE = 12


class Gender(models.TextChoices):
    """A person's gender as registered at the intake (children: see children.models.Child)."""

    GIRL = "f", _("Girl")
    BOY = "m", _("Boy")
    OTHER = "x", _("Other / not stated")


class ShelterReason(models.TextChoices):
    DOMESTIC_VIOLENCE = "domestic_violence", _("Domestic violence")
    EVICTION = "eviction", _("Eviction")
    ECONOMIC = "economic", _("Economically homeless")
    OTHER = "other", _("Other")


# The duration admission proposes for the first beschikking (the caseworker may choose the other):
# 6 months for the economically homeless, whose trajectory to work and a home takes longer
# (Haarlem 2020, pilot trajectory support), 3 months for everyone else.
BESCHIKKING_MONTHS_ECONOMIC = 6
BESCHIKKING_MONTHS_DEFAULT = 3


def initial_beschikking_months(reason: str) -> int:
    """The beschikking duration admission proposes for a household with this shelter reason."""
    return BESCHIKKING_MONTHS_ECONOMIC if reason == ShelterReason.ECONOMIC else BESCHIKKING_MONTHS_DEFAULT


class HouseholdStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    IN_SHELTER = "in_shelter", _("In shelter")
    LEFT = "left", _("Left")
    AFTERCARE = "aftercare", _("In aftercare")
    CLOSED = "closed", _("Closed")


class AdultRole(models.TextChoices):
    PARENT = "parent", _("Parent")
    OTHER = "other", _("Other adult")


class ApplicationDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    ADMITTED = "admitted", _("Admitted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DestinationGroup(models.TextChoices):
    PERMANENT = "permanent", _("Permanent housing")
    TEMPORARY = "temporary", _("Temporary")
    INSTITUTIONAL = "institutional", _("Institutional")
    OTHER = "other", _("Other")


class Destination(models.TextChoices):
    # permanent
    OWN_RENTAL_URGENCY = "own_rental_urgency", _("Own rental via urgency scheme")
    SOCIAL_RENT = "social_rent", _("Regular social rent")
    PRIVATE_RENT = "private_rent", _("Private rent")
    OWN_HOME = "own_home", _("Own home (safe return)")
    PERMANENT_NETWORK = "permanent_network", _("Permanently with family or network")
    # temporary
    INTERMEDIATE = "intermediate", _("Intermediate facility")
    OTHER_SHELTER = "other_shelter", _("Other shelter")
    TEMPORARY_NETWORK = "temporary_network", _("Temporarily with network")
    # institutional
    SUPPORTED_HOUSING = "supported_housing", _("Supported housing (beschermd wonen)")
    CLINIC = "clinic", _("Clinic or hospital")
    DETENTION = "detention", _("Detention")
    RESIDENTIAL_YOUTH_CARE = "residential_youth_care", _("Residential youth care")
    # other
    BACK_TO_PERPETRATOR = "back_to_perpetrator", _("Back to the perpetrator")
    LEFT_WITHOUT_NOTICE = "left_without_notice", _("Left without notice")
    DECEASED = "deceased", _("Deceased")
    UNKNOWN = "unknown", _("Unknown")


DESTINATION_GROUPS: dict[str, str] = {
    Destination.OWN_RENTAL_URGENCY: DestinationGroup.PERMANENT,
    Destination.SOCIAL_RENT: DestinationGroup.PERMANENT,
    Destination.PRIVATE_RENT: DestinationGroup.PERMANENT,
    Destination.OWN_HOME: DestinationGroup.PERMANENT,
    Destination.PERMANENT_NETWORK: DestinationGroup.PERMANENT,
    Destination.INTERMEDIATE: DestinationGroup.TEMPORARY,
    Destination.OTHER_SHELTER: DestinationGroup.TEMPORARY,
    Destination.TEMPORARY_NETWORK: DestinationGroup.TEMPORARY,
    Destination.SUPPORTED_HOUSING: DestinationGroup.INSTITUTIONAL,
    Destination.CLINIC: DestinationGroup.INSTITUTIONAL,
    Destination.DETENTION: DestinationGroup.INSTITUTIONAL,
    Destination.RESIDENTIAL_YOUTH_CARE: DestinationGroup.INSTITUTIONAL,
    Destination.BACK_TO_PERPETRATOR: DestinationGroup.OTHER,
    Destination.LEFT_WITHOUT_NOTICE: DestinationGroup.OTHER,
    Destination.DECEASED: DestinationGroup.OTHER,
    Destination.UNKNOWN: DestinationGroup.OTHER,
}


class BeschikkingKind(models.TextChoices):
    MO = "mo", _("Social shelter (MO)")
    VO = "vo", _("Women's shelter (VO)")


class ExtensionReason(models.TextChoices):
    NO_OUTFLOW = "no_outflow", _("No outflow option available")
    SAFETY = "safety", _("Safety situation requires a longer stay")
    CARE = "care", _("Care or treatment still in progress")
    OTHER = "other", _("Other")


class HandoverKind(models.TextChoices):
    WARM = "warm", _("Warm: joint meeting with the family present")
    COLD = "cold", _("Cold: file only")


class HandoverStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    COMPLETED = "completed", _("Completed")
    REVOKED = "revoked", _("Revoked")


OPEN_HANDOVER_STATUSES = (HandoverStatus.PROPOSED, HandoverStatus.ACCEPTED)


class SuspensionReason(models.TextChoices):
    VIOLENCE = "violence", _("Violence or threat")
    SUBSTANCES = "substances", _("Substance use on the premises")
    HOUSE_RULES = "house_rules", _("Repeated breach of house rules")
    OTHER = "other", _("Other")


class HearingChoice(models.TextChoices):
    """Whether the client was heard before the suspension was decided (hoor en wederhoor)."""

    YES = "yes", _("Yes")
    NO = "no", _("No")


class ObjectionKind(models.TextChoices):
    NONE = "none", _("No objection")
    OBJECTION = "objection", _("Objection (bezwaar)")
    APPEAL = "appeal", _("Appeal")


class ObjectionOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Suspension upheld")
    SHORTENED = "shortened", _("Suspension shortened")
    LIFTED = "lifted", _("Suspension lifted")
    WITHDRAWN = "withdrawn", _("Objection withdrawn")


class SuspendedAdultWent(models.TextChoices):
    """Where the suspended adult went during the suspension."""

    NETWORK = "network", _("Family or network")
    OTHER_SHELTER = "other_shelter", _("Other shelter")
    STREET = "street", _("Street")
    UNKNOWN = "unknown", _("Unknown")


class ChildArrangement(models.TextChoices):
    """What was arranged for a child during a parent's suspension."""

    WITH_PARENT = "with_parent", _("Went with the suspended parent")
    STAYED = "stayed", _("Stayed at the location with the other parent")
    OTHER_PARENT = "other_parent", _("With the other parent elsewhere")
    NETWORK = "network", _("With family or network")
    YOUTH_CARE = "youth_care", _("Emergency or foster care")
    OTHER = "other", _("Other")


class SuspensionOutcome(models.TextChoices):
    RETURNED = "returned", _("Returned to the location")
    LEFT = "left", _("Did not return (left)")


class AftercareKind(models.TextChoices):
    PHONE = "phone", _("Phone call")
    VISIT = "visit", _("Home visit")
    MEETING = "meeting", _("Meeting elsewhere")
    OTHER = "other", _("Other")
    # An attempt that reached nobody: it is no contact (outflow: the plan's "contact lost" signal).
    NO_CONTACT = "no_contact", _("No contact reached")


class ZrmMoment(models.TextChoices):
    INTAKE = "intake", _("Intake")
    PERIODIC = "periodic", _("Periodic")
    EXIT = "exit", _("Exit")


class ZrmDomain(models.TextChoices):
    FINANCES = "finances", _("Finances")
    WORK_EDUCATION = "work_education", _("Work & education")
    TIME_USE = "time_use", _("Time use")
    HOUSING = "housing", _("Housing")
    DOMESTIC_RELATIONS = "domestic_relations", _("Domestic relations")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    PHYSICAL_HEALTH = "physical_health", _("Physical health")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    BASIC_ADL = "basic_adl", _("Basic daily living")
    INSTRUMENTAL_ADL = "instrumental_adl", _("Instrumental daily living")
    SOCIAL_NETWORK = "social_network", _("Social network")
    COMMUNITY_PARTICIPATION = "community_participation", _("Community participation")
    JUSTICE = "justice", _("Justice")
    PARENTING = "parenting", _("Parenting")


ZRM_CORE_DOMAINS = [d for d in ZrmDomain if d != ZrmDomain.PARENTING]


class ZrmScore(models.IntegerChoices):
    ACUTE = 1, _("1 – acute problems")
    NOT_SELF_SUFFICIENT = 2, _("2 – not self-sufficient")
    LIMITED = 3, _("3 – limited self-sufficiency")
    SUFFICIENT = 4, _("4 – sufficiently self-sufficient")
    FULL = 5, _("5 – fully self-sufficient")


class NoteKind(models.TextChoices):
    """The kinds of contact a case note (rapportage) records."""

    CONVERSATION = "conversation", _("Conversation")
    HOME_VISIT = "home_visit", _("Home visit")
    PHONE = "phone", _("Phone call")
    CHAIN_CONSULTATION = "chain_consultation", _("Chain consultation")
    INCIDENT = "incident", _("Incident")
    OBSERVATION = "observation", _("Observation")


class PsychSupportKind(models.TextChoices):
    """Where an adult is referred for psychological support (issue 14)."""

    POH_GGZ = "poh_ggz", _("GP practice nurse for mental health (POH-GGZ)")
    GGZ_BASIC = "ggz_basic", _("GGZ basic (generalist basis-GGZ)")
    GGZ_SPECIALISED = "ggz_specialised", _("GGZ specialised")
    OTHER = "other", _("Other psychological support")


class PsychSupportOutcome(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped early")
    REFERRED_ON = "referred_on", _("Referred on elsewhere")
    NOT_STARTED = "not_started", _("Did not start")
