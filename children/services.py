"""Writes of the child's file. Every write goes through a function here."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Household

from .constants import ADULT_AGE
from .models import Child, age_on


@transaction.atomic
def child_register(
    *,
    household: Household,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    bsn: str | None = None,
    gender: str = "x",
) -> Child:
    """Register a child as a client of its own. An 18+ person is an adult, not a child."""
    if age_on(date_of_birth, timezone.localdate()) >= ADULT_AGE:
        raise ValidationError(
            {"date_of_birth": _("A person of 18 or older is registered as an adult, not as a child.")}
        )
    child = Child(
        household=household,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        bsn=bsn or None,
        gender=gender,
    )
    child.full_clean()
    child.save()
    return child
