"""Who may see and change stuck marks, chain consultations and their decisions.

- A stuck mark, a household discussed and its decisions are in scope exactly when the household
  is (cases.access.household_get_for_user); changing them needs write access to the household.
- A consultation is visible to the caseworkers and team leads of the organisations present; the
  households discussed on it are shown only to those who may open them (the others are counted,
  never named).
- Policy officers, contract managers and administrators see no consultation and no mark: only the
  region's aggregates (reports).
Outside your scope an object does not exist: a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import Http404

from cases.access import NOTHING, household_get_for_user, may_change_household

from .models import ChainConsultation, ConsultationCase, Decision, StuckMark

if TYPE_CHECKING:
    from cases.models import Household
    from opvang.models import User


def consultation_scope_q(user: User | AnonymousUser) -> Q:
    """A filter on ChainConsultation: those at which the user's organisation was present."""
    if not (user.is_authenticated and user.works_with_cases):
        return NOTHING
    return Q(pk__in=ChainConsultation.objects.filter(organisations=user.organisation_id).values("pk"))


def consultation_get_for_user(user: User, pk: int) -> ChainConsultation:
    """The consultation with this pk if the user's organisation was present, else 404."""
    consultation = ChainConsultation.objects.filter(consultation_scope_q(user), pk=pk).first()
    if consultation is None:
        raise Http404
    return consultation


def stuck_mark_get_for_user(user: User, pk: int, *, write: bool = False) -> StuckMark:
    """The stuck mark with this pk if the user may open its household (write: change it), else 404."""
    mark = StuckMark.objects.filter(pk=pk).first()
    if mark is None:
        raise Http404
    mark.household = household_get_for_user(user, mark.household_id, write=write)
    return mark


def case_get_for_user(user: User, pk: int, *, write: bool = False) -> ConsultationCase:
    """A household discussed, if the user may open the household (write: change it), else 404."""
    case = ConsultationCase.objects.select_related("consultation").filter(pk=pk).first()
    if case is None:
        raise Http404
    case.household = household_get_for_user(user, case.household_id, write=write)
    return case


def decision_get_for_user(user: User, pk: int, *, write: bool = False) -> Decision:
    """A decision about a household the user may open (write: change it), else 404."""
    decision = Decision.objects.select_related("case__consultation", "owner").filter(pk=pk).first()
    if decision is None:
        raise Http404
    decision.case.household = household_get_for_user(user, decision.case.household_id, write=write)
    return decision


def may_bring_in(user: User, household: Household) -> bool:
    """Only the household's own provider brings it to a consultation (its caseworkers and team leads)."""
    return may_change_household(user, household)
