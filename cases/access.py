"""Who may see and change which household file. Row scoping happens here and nowhere else.

- Caseworkers see households of their own organisation at their own locations.
- Team leads see every household of their own organisation.
- A receiving organisation sees the household file once it has accepted a handover (before
  that, only the handover summary: see handover_get_for_user): its team leads, the receiving
  professional and the caseworkers at their locations (received_handovers).
- Policy officers, contract managers and administrators never see client files.
Outside your scope an object does not exist: a 404, never a 403 that confirms it exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet
from django.http import Http404

from opvang.constants import Role
from opvang.lookups import InSubquery
from opvang.models import User

from .constants import HandoverStatus
from .models import AdultClient, CaseNote, FollowUp, Handover, Household, Involvement, PsychSupportReferral

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


NOTHING = Q(pk__in=[])


def household_scope_q(user: User | AnonymousUser) -> Q:
    """A filter on Household for the households this user may open."""
    if not (user.is_authenticated and user.works_with_cases):
        return NOTHING
    own = Q(organisation_id=user.organisation_id)
    if user.role != Role.TEAM_LEAD:
        own &= Q(InSubquery(F("location_id"), user.locations.order_by().values("pk")))
    # Both arms are index conditions (see InSubquery): the caseload at national scale reads the
    # scope's rows through two index scans instead of testing every household.
    return own | Q(InSubquery(F("pk"), received_handovers(user).order_by().values("household_id")))


def received_handovers(user: User) -> QuerySet[Handover]:
    """The accepted (or completed) handovers whose household this user may open on the receiving
    side. Scope follows the receiving professional as it follows the location for the
    organisation's own files: the team leads of the receiving organisation; the receiving
    professional (whoever accepted, unless someone was named) and the caseworkers at a location
    of the receiving professional; and whoever accepted."""
    handovers = Handover.objects.filter(
        to_organisation_id=user.organisation_id,
        status__in=[HandoverStatus.ACCEPTED, HandoverStatus.COMPLETED],
    )
    if user.role == Role.TEAM_LEAD:
        return handovers
    # Three index conditions (see InSubquery) rather than a join through every user's locations.
    colleagues = User.objects.filter(locations__in=user.locations.order_by().values("pk")).order_by().values("pk")
    return handovers.filter(
        Q(to_professional=user) | Q(accepted_by=user) | Q(InSubquery(F("to_professional_id"), colleagues))
    )


def household_get_for_user(user: User, pk: int, *, write: bool = False) -> Household:
    """The household with this pk if the user may open it (write: may change it), else 404."""
    household = (
        Household.objects.filter(household_scope_q(user), pk=pk).select_related("location", "organisation").first()
    )
    if household is None:
        raise Http404
    if write and not may_change_household(user, household):
        raise Http404
    return household


def may_change_household(user: User, household: Household) -> bool:
    """Only the responsible organisation changes the file; a receiving side reads it."""
    return user.works_with_cases and household.organisation_id == user.organisation_id


def may_export_household(user: User, household: Household) -> bool:
    """AVG exports are decided by a team lead of the responsible organisation."""
    return user.role == Role.TEAM_LEAD and may_change_household(user, household)


def adult_get_for_user(user: User, pk: int, *, write: bool = False) -> AdultClient:
    """The adult client with this pk if the user may open its household (write: change it), else 404.

    The household comes from household_get_for_user, so it carries the scope check's joins."""
    household_id = AdultClient.objects.filter(pk=pk).values_list("household_id", flat=True).first()
    if household_id is None:
        raise Http404
    household = household_get_for_user(user, household_id, write=write)
    adult = AdultClient.objects.get(pk=pk)
    adult.household = household
    return adult


def involvement_get_for_user(user: User, pk: int, *, write: bool = False) -> Involvement:
    """An involvement with an adult or a child whose household the user may open
    (write: may change), else 404."""
    households = Household.objects.filter(household_scope_q(user)).values("pk")
    involvement = (
        Involvement.objects.filter(Q(child__household__in=households) | Q(adult__household__in=households), pk=pk)
        .select_related("child__household", "adult__household")
        .first()
    )
    if involvement is None:
        raise Http404
    client = involvement.child or involvement.adult
    assert client is not None  # an involvement is about an adult or a child (involvement_add)
    if write and not may_change_household(user, client.household):
        raise Http404
    return involvement


def psych_referral_get_for_user(user: User, pk: int, *, write: bool = False) -> PsychSupportReferral:
    """A psychological support referral of an adult whose household the user may open
    (write: may change), else 404. Care information: partners and municipal roles never reach it
    (they open no household files)."""
    households = Household.objects.filter(household_scope_q(user)).values("pk")
    referral = (
        PsychSupportReferral.objects.filter(adult__household__in=households, pk=pk)
        .select_related("adult__household")
        .first()
    )
    if referral is None:
        raise Http404
    if write and not may_change_household(user, referral.adult.household):
        raise Http404
    return referral


def may_see_workload(user: User) -> bool:
    """The caseload per caseworker and the workload table: team leads, of their own organisation."""
    return user.role == Role.TEAM_LEAD and user.organisation_id is not None


def may_see_safety(user: User, household: Household) -> bool:
    """The restricted safety sections: staff of the household's location, and team leads."""
    if not user.works_with_cases:
        return False
    if household.organisation_id != user.organisation_id:
        return False
    if user.role == Role.TEAM_LEAD:
        return True
    return user.locations.filter(pk=household.location_id).exists()


def handover_scope_q(user: User | AnonymousUser) -> Q:
    """Handovers visible to a user: those of households in scope, and those sent to the user's
    organisation (the receiving side sees the handover and its summary once it is proposed)."""
    if not (user.is_authenticated and user.works_with_cases):
        return NOTHING
    # After an admission elsewhere the file has moved, but the sender still sees the handover
    # itself ("afgerond"): its sending professional and team leads, never the file.
    sent = Q(from_organisation_id=user.organisation_id, status=HandoverStatus.COMPLETED)
    if user.role != Role.TEAM_LEAD:
        sent &= Q(from_professional=user)
    return (
        Q(household__in=Household.objects.filter(household_scope_q(user)).values("pk"))
        | Q(to_organisation_id=user.organisation_id) & ~Q(status=HandoverStatus.REVOKED)
        | sent
    )


def may_open_household(user: User, household: Household) -> bool:
    """Whether the user may open this household's file (household_get_for_user would not 404)."""
    return Household.objects.filter(household_scope_q(user), pk=household.pk).exists()


def may_admit_from_handover(user: User, handover: Handover) -> bool:
    """The receiving side admits after acceptance: whoever may open the file there."""
    return (
        is_receiving_side(user, handover)
        and handover.status == HandoverStatus.ACCEPTED
        and received_handovers(user).filter(pk=handover.pk).exists()
    )


def is_receiving_side(user: User, handover: Handover) -> bool:
    """The user works for the organisation the household is handed over to (not a handover
    within one organisation)."""
    return user.organisation_id == handover.to_organisation_id != handover.from_organisation_id


def handover_get_for_user(user: User, pk: int, *, receiving: bool = False, sending: bool = False) -> Handover:
    """The handover with this pk if it is in the user's scope, else 404.

    receiving: only the receiving side may act (accept, reject), others get 403;
    sending: only the sending organisation may act (revoke), others get 403.
    The handover is visible to both sides, so refusing the action does not reveal it."""
    handover = (
        Handover.objects.filter(handover_scope_q(user), pk=pk)
        .select_related("household", "from_organisation", "to_organisation", "from_professional", "to_professional")
        .first()
    )
    if handover is None:
        raise Http404
    if receiving and not is_receiving_side(user, handover):
        raise PermissionDenied
    if sending and handover.from_organisation_id != user.organisation_id:
        raise PermissionDenied
    return handover


def note_get_for_user(user: User, pk: int, *, household_pk: int, write: bool = False) -> CaseNote:
    """A case note of this household if the user may open the household (write: change it), and,
    for a restricted note, may see its safety section; else 404."""
    household = household_get_for_user(user, household_pk, write=write)
    note = CaseNote.objects.filter(household=household, pk=pk).select_related("author", "adult").first()
    if note is None:
        raise Http404
    if note.restricted and not may_see_safety(user, household):
        raise Http404
    note.household = household
    return note


def follow_up_get_for_user(user: User, pk: int, *, household_pk: int, write: bool = False) -> FollowUp:
    """A follow-up of this household if the user may open the household (write: change it), and
    may read the note that raised it; else 404."""
    note_pk = FollowUp.objects.filter(pk=pk, household_id=household_pk).values_list("note_id", flat=True).first()
    if note_pk is None:
        raise Http404
    note = note_get_for_user(user, note_pk, household_pk=household_pk, write=write)
    follow_up = FollowUp.objects.select_related("owner").get(pk=pk)
    follow_up.note = note
    follow_up.household = note.household
    return follow_up
