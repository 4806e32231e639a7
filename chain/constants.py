"""Choices of the chain consultation (ketenoverleg) about stuck households."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StuckReason(models.TextChoices):
    """Why a household is stuck (vastgelopen), as DOMAIN.md lists the reasons."""

    NO_HOUSING = "no_housing", _("No housing")
    DEBTS = "debts", _("Debts")
    NO_INCOME = "no_income", _("No income")
    RESIDENCE_STATUS = "residence_status", _("Residence status")
    CARE_REFUSED = "care_refused", _("Care refused")
    WAITING_YOUTH_CARE = "waiting_youth_care", _("Waiting for youth care")
    OTHER = "other", _("Other")


# A stay longer than this many months suggests the household may be stuck.
SUGGEST_AFTER_MONTHS = 6
