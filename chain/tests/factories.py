"""Chain consultation objects for tests, made through the services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from chain import selectors, services
from chain.constants import StuckReason
from chain.models import ChainConsultation, ConsultationCase, Decision, StuckMark


def make_mark(household, *, since: datetime.date | None = None, reason: str = StuckReason.NO_HOUSING) -> StuckMark:
    since = since or timezone.localdate() - datetime.timedelta(days=30)
    return services.stuck_mark(household=household, reason=reason, since=since, by=None)


def make_consultation(*organisations, held_on: datetime.date | None = None) -> ChainConsultation:
    return services.consultation_create(
        held_on=held_on or timezone.localdate(), organisations=organisations, attendees="Anna, SWT", by=None
    )


def make_case(household, consultation: ChainConsultation | None = None) -> ConsultationCase:
    consultation = consultation or make_consultation(household.organisation)
    return services.consultation_case_add(consultation=consultation, household=household, by=None)


def make_decision(household, *, owner=None, due_on: datetime.date | None = None, case=None) -> Decision:
    case = case or make_case(household)
    owner = owner or selectors.decision_owner_choices(household).first()
    return services.decision_add(
        case=case, text="Urgentie aanvragen", owner=owner, due_on=due_on or case.consultation.held_on, by=None
    )
