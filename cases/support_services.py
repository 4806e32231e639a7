"""Writes of the adults' psychological support referrals (POH-GGZ, GGZ basic and specialised),
during and after the stay: the adults' counterpart of the children's youth-care referrals.

A referral may be made, start and end after the stay has ended (aftercare); no date lies in the
future; the support starts on or after the referral and ends on or after its start.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opvang.models import User
from opvang.services import model_create, model_update

from .constants import PsychSupportOutcome
from .models import AdultClient, PsychSupportReferral
from .services import refuse_before_birth

ENDED_OUTCOMES = (PsychSupportOutcome.COMPLETED, PsychSupportOutcome.STOPPED, PsychSupportOutcome.REFERRED_ON)


def _check(
    *,
    adult: AdultClient,
    referred_on: date,
    reason: str,
    started_on: date | None,
    ended_on: date | None,
    outcome: str,
) -> None:
    today = timezone.localdate()
    for field, day in (("referred_on", referred_on), ("started_on", started_on), ("ended_on", ended_on)):
        if day is not None and day > today:
            raise ValidationError({field: _("The date lies in the future. Fill in the day it happened.")})
    refuse_before_birth(referred_on, [adult], field="referred_on")
    if not reason.strip():
        raise ValidationError({"reason": _("Write down why the client is referred.")})
    if started_on is not None and started_on < referred_on:
        raise ValidationError({"started_on": _("The support cannot start before the referral. Check the date.")})
    if ended_on is not None and started_on is None:
        raise ValidationError({"started_on": _("Fill in when the support started before you record its end.")})
    if ended_on is not None and started_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": _("The support cannot end before it started. Check the date.")})
    if outcome == PsychSupportOutcome.NOT_STARTED and started_on is not None:
        raise ValidationError({"outcome": _("The support has a start date, so it did start.")})
    if outcome in ENDED_OUTCOMES and ended_on is None:
        raise ValidationError({"ended_on": _("Fill in when the support ended.")})


@transaction.atomic
def psych_referral_record(
    *,
    adult: AdultClient,
    kind: str,
    referred_on: date,
    reason: str,
    referred_by: User | None,
    provider: str = "",
    started_on: date | None = None,
    ended_on: date | None = None,
    outcome: str = "",
    notes: str = "",
) -> PsychSupportReferral:
    """Refer an adult for psychological support, during the stay or after it."""
    _check(
        adult=adult, referred_on=referred_on, reason=reason, started_on=started_on, ended_on=ended_on, outcome=outcome
    )
    return model_create(
        PsychSupportReferral,
        adult=adult,
        kind=kind,
        provider=provider.strip(),
        referred_on=referred_on,
        reason=reason.strip(),
        started_on=started_on,
        ended_on=ended_on,
        outcome=outcome,
        notes=notes.strip(),
        referred_by=referred_by,
    )


@transaction.atomic
def psych_referral_update(
    *,
    referral: PsychSupportReferral,
    kind: str,
    referred_on: date,
    reason: str,
    provider: str = "",
    started_on: date | None = None,
    ended_on: date | None = None,
    outcome: str = "",
    notes: str = "",
) -> PsychSupportReferral:
    """Change a referral: when the support started and ended, its outcome, the notes."""
    _check(
        adult=referral.adult,
        referred_on=referred_on,
        reason=reason,
        started_on=started_on,
        ended_on=ended_on,
        outcome=outcome,
    )
    data = {
        "kind": kind,
        "provider": provider.strip(),
        "referred_on": referred_on,
        "reason": reason.strip(),
        "started_on": started_on,
        "ended_on": ended_on,
        "outcome": outcome,
        "notes": notes.strip(),
    }
    referral, _updated = model_update(instance=referral, fields=data.keys(), data=data)
    return referral
