"""Choices of housing outflow (woonklaar, housing applications, the corporations' quota)."""

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
