"""Experience surveys (ervaringsonderzoek) and advice rounds: writes and reads.

Anonymity is the design: a survey is filled in without an account, through a location's kiosk
tablet or a single-use link, and the stored response holds only its location, month, moment and
respondent type. Tokens are kept as SHA-256 hashes; a link is used once and expires. Nothing here
is registered with the audit log, and no view records who filled in what.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from opvang.constants import Role
from opvang.models import Location, User

from .constants import SURVEY_LINK_DAYS, SURVEY_THEMES, RespondentType, SurveyMoment, TextReview
from .models import (
    AdviceFollowUp,
    AdviceRound,
    EvaluationDossier,
    ImprovementPoint,
    SurveyKiosk,
    SurveyLink,
    SurveyResponse,
)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(24)
    return token, _hash(token)


def _require_team(user: User, location: Location) -> None:
    if not (user.works_with_cases and user.organisation_id == location.organisation_id):
        raise ValidationError(_("Only staff of this location's organisation can do this."))


# --- Kiosks and links --------------------------------------------------------------------------
@transaction.atomic
def kiosk_create(*, location: Location, name: str, by: User) -> tuple[SurveyKiosk, str]:
    """A kiosk for a location's tablet; returns it with its secret token (shown once)."""
    if by.role != Role.TEAM_LEAD:
        raise ValidationError(_("Only a team lead can set up a survey tablet."))
    _require_team(by, location)
    token, token_hash = _new_token()
    kiosk = SurveyKiosk(location=location, name=name.strip(), token_hash=token_hash)
    kiosk.full_clean()
    kiosk.save()
    return kiosk, token


def kiosk_for_token(token: str) -> SurveyKiosk | None:
    return SurveyKiosk.objects.select_related("location").filter(token_hash=_hash(token), is_active=True).first()


@transaction.atomic
def link_create(*, location: Location, respondent_type: str, moment: str, by: User) -> tuple[SurveyLink, str]:
    """A single-use link valid for 30 days; it records no person (not even who made it)."""
    _require_team(by, location)
    token, token_hash = _new_token()
    link = SurveyLink(
        location=location,
        respondent_type=respondent_type,
        moment=moment,
        token_hash=token_hash,
        expires_on=timezone.localdate() + datetime.timedelta(days=SURVEY_LINK_DAYS),
    )
    link.full_clean()
    link.save()
    return link, token


def link_for_token(token: str) -> SurveyLink | None:
    """The link if it can still be used (not used, not expired), else None."""
    return (
        SurveyLink.objects.select_related("location")
        .filter(token_hash=_hash(token), is_used=False, expires_on__gte=timezone.localdate())
        .first()
    )


# --- Answers -----------------------------------------------------------------------------------
@transaction.atomic
def survey_submit(
    *,
    location: Location,
    respondent_type: str,
    moment: str,
    answers: dict[str, int | None],
    what_should_change: str = "",
    link: SurveyLink | None = None,
) -> SurveyResponse:
    """Store one response with only location, month, moment and respondent type.

    Through a link: the link is locked and marked used in the same transaction, so it can be
    used once. The response keeps no reference to the link.
    """
    if link is not None:
        locked = SurveyLink.objects.select_for_update().get(pk=link.pk)
        if locked.is_used or locked.expires_on < timezone.localdate():
            raise ValidationError(_("This link has already been used or has expired."))
        SurveyLink.objects.filter(pk=locked.pk).update(is_used=True)
    if respondent_type not in RespondentType.values or moment not in SurveyMoment.values:
        raise ValidationError(_("This survey cannot be stored."))
    if respondent_type != RespondentType.PARENT:
        answers = {**answers, "children_help": None}  # a question for parents only
    response = SurveyResponse(
        location=location,
        period_start=timezone.localdate().replace(day=1),
        respondent_type=respondent_type,
        moment=moment,
        what_should_change=what_should_change.strip(),
        **{theme: answers.get(theme) for theme in SURVEY_THEMES},
    )
    response.full_clean()
    response.save()
    return response


def texts_for_team_lead(user: User) -> QuerySet[SurveyResponse]:
    """Free-text answers of the team lead's organisation (nobody else reads them unreviewed)."""
    if user.role != Role.TEAM_LEAD or user.organisation_id is None:
        return SurveyResponse.objects.none()
    return (
        SurveyResponse.objects.filter(location__organisation_id=user.organisation_id)
        .exclude(what_should_change="")
        .select_related("location")
        .order_by("text_review", "-period_start", "location__name")
    )


@transaction.atomic
def text_review(*, response: SurveyResponse, decision: str, by: User) -> SurveyResponse:
    """The team lead decides whether a free-text answer may go into the evaluation dossier."""
    if by.role != Role.TEAM_LEAD or by.organisation_id != response.location.organisation_id:
        raise ValidationError(_("Only a team lead of this organisation can review these answers."))
    if decision not in (TextReview.FOR_DOSSIER, TextReview.NOT_FOR_DOSSIER):
        raise ValidationError(_("Choose whether the answer may go into the evaluation dossier."))
    response.text_review = decision
    response.full_clean()
    response.save(update_fields=["text_review"])
    return response


def dossier_texts(dossier: EvaluationDossier) -> list[str]:
    """Reviewed free-text answers of the dossier's location and year (only when 5 or more responses
    came in that year, so that a single voice cannot be recognised)."""
    year = SurveyResponse.objects.filter(location=dossier.location, period_start__year=dossier.year)
    if year.count() < 5:
        return []
    return list(
        year.filter(text_review=TextReview.FOR_DOSSIER)
        .exclude(what_should_change="")
        .values_list("what_should_change", flat=True)
    )


# --- Advice rounds -----------------------------------------------------------------------------
@transaction.atomic
def advice_round_record(
    *,
    panel: str,
    held_on: datetime.date,
    question: str,
    advice: str,
    response: str,
    improvement_points: list[ImprovementPoint],
    by: User,
) -> AdviceRound:
    """Record an advice round of youth with lived experience, linked to improvement points."""
    advice_round = AdviceRound(
        panel=panel.strip(), held_on=held_on, question=question, advice=advice, response=response, recorded_by=by
    )
    advice_round.full_clean()
    advice_round.save()
    advice_round.improvement_points.set(improvement_points)
    return advice_round


@transaction.atomic
def advice_follow_up_add(
    *, advice_round: AdviceRound, what: str, owner: str, due_on: datetime.date | None, status: str
) -> AdviceFollowUp:
    follow_up = AdviceFollowUp(
        advice_round=advice_round, what=what.strip(), owner=owner.strip(), due_on=due_on, status=status
    )
    follow_up.full_clean()
    follow_up.save()
    return follow_up


def advice_rounds_for_dossier(dossier: EvaluationDossier) -> QuerySet[AdviceRound]:
    """Advice rounds of the dossier's year linked to an improvement point of its location."""
    return (
        AdviceRound.objects.filter(held_on__year=dossier.year, improvement_points__location=dossier.location)
        .distinct()
        .prefetch_related("improvement_points", "follow_ups")
    )
