"""Choices of housing outflow (woonklaar, housing applications, the corporations' quota) and of
aftercare after the departure (the aftercare plan, 'Veilig na opvang')."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.constants import Destination

# The caseload warns when a household has been ready to move this long without a housing offer.
READY_WITHOUT_OFFER_DAYS = 60
# The housing_within_90 indicator: departures to housing within this many days of ready-to-move.
HOUSING_WITHIN_DAYS = 90

# The destinations that count as "to housing" in the outflow indicators: a home of one's own
# (urgency, social or private rent), supported housing and an intermediate facility — the kinds
# a housing application is made for. Back home, network, other shelter, clinic etc. do not.
HOUSING_DESTINATIONS = (
    Destination.OWN_RENTAL_URGENCY,
    Destination.SOCIAL_RENT,
    Destination.PRIVATE_RENT,
    Destination.SUPPORTED_HOUSING,
    Destination.INTERMEDIATE,
)


class HousingApplicationKind(models.TextChoices):
    URGENCY = "urgency", _("Urgency / priority")
    SOCIAL_RENT = "social_rent", _("Regular social rent")
    SUPPORTED_HOUSING = "supported_housing", _("Supported housing")
    INTERMEDIATE = "intermediate", _("Intermediate facility")


class HousingDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class HousingOutcome(models.TextChoices):
    OPEN = "open", _("Open")
    HOUSED = "housed", _("Offer accepted (housed)")
    DECLINED = "declined", _("Offer declined")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# --- Aftercare, relapse guarantee and 'Veilig na opvang' (issue 14) -----------------------------

# Contact is lost (VO: "verlies van contact") when the plan is marked so, or after this many
# aftercare attempts in a row that reached nobody (kind "no contact reached") since the last
# contact that did reach the household (or since the departure).
CONTACT_LOST_ATTEMPTS = 3
# The aftercare_plan indicator (windows rule): a plan made at most this many days after the departure.
AFTERCARE_PLAN_DAYS = 14
# 'Veilig na opvang': the safety checks after departure, in months.
SAFETY_CHECK_MONTHS = (1, 3)
# The caseload shows a check as due from this many days before its due date.
SAFETY_CHECK_NOTICE_DAYS = 7
# A check counts as done on time when done at most this many days after its due date.
SAFETY_CHECK_ON_TIME_DAYS = 14
# Checks of a departure longer ago than this are no longer signalled on the caseload.
SAFETY_CHECK_SIGNAL_MONTHS = 6


class SafetyCheckMoment(models.IntegerChoices):
    ONE_MONTH = 1, _("1 month after departure")
    THREE_MONTHS = 3, _("3 months after departure")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class ChildSafety(models.TextChoices):
    SAFE = "safe", _("Safe")
    CONCERNS = "concerns", _("Concerns")
    UNKNOWN = "unknown", _("Unknown")


# --- Trajectory support (trajectbegeleiding) and the pilot cohort -------------------------------

# A pilot's evaluation date falls this many months after its start, unless set otherwise.
PILOT_EVALUATION_MONTHS = 18


class TrajectoryResult(models.TextChoices):
    HOUSED = "housed", _("Housed")
    INCOME = "income", _("Employed / income")
    REFERRED = "referred", _("Referred on")
    DROPPED_OUT = "dropped_out", _("Dropped out")
    OTHER = "other", _("Other")


class TrajectoryGoalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACHIEVED = "achieved", _("Achieved")
    STOPPED = "stopped", _("Stopped")


class TrajectoryActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
