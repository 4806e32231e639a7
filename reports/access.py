"""Who sees which reports, evaluation dossiers and account meetings.

The municipal roles (policy officer, contract manager) see the whole region. A provider's team
lead sees the reports of their own organisation and of its locations, the evaluation dossiers of
its locations and the account meetings with their organisation, all read-only; only a contract
manager records account meetings and their agreements. Region-wide
reports stay out for team leads: they compare every provider with every other (suppressed, but
still other providers' figures) and are the municipality's steering information; the published
evaluation dossiers reach providers through their own dossiers. The participation council reads
only published dossiers. Everyone else (caseworkers included) sees none of these pages.
Another organisation's report or dossier answers 404, as for client files.

The evaluation dossier is also a meeting: the municipal roles prepare it (invite participants,
record who was present, agree improvement points and follow-up actions) and they alone mark it
final. An account invited to the meeting (a chain partner, say) reads that dossier, and so does
the owner of one of its follow-up actions, whatever their role. Before the meeting (while the
dossier is a draft) the provider's team lead and the invited accounts may comment on it; nobody
comments on a final dossier.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from opvang.constants import MUNICIPAL_ROLES, Role
from opvang.models import Location, Organisation, User

from .meeting_selectors import meeting_queryset
from .models import (
    AccountAgreement,
    AccountMeeting,
    DossierParticipant,
    EvaluationDossier,
    FollowUpAction,
    ReportSnapshot,
)
from .selectors import dossier_queryset, shelter_locations, shelter_organisations, snapshot_queryset

# Roles that open the report list and a report's downloads.
REPORT_ROLES = (Role.POLICY_OFFICER, Role.CONTRACT_MANAGER, Role.TEAM_LEAD)
# Roles that read evaluation dossiers (the council: published ones only).
DOSSIER_ROLES = (Role.POLICY_OFFICER, Role.CONTRACT_MANAGER, Role.PARTICIPATION_COUNCIL, Role.TEAM_LEAD)
# Roles that read account meetings (the contract manager also records them).
MEETING_ROLES = (Role.POLICY_OFFICER, Role.CONTRACT_MANAGER, Role.TEAM_LEAD)


def _own_organisation_id(user: User) -> int:
    """The team lead's organisation; 0 (matches nothing) for a team lead without one."""
    return user.organisation_id or 0


def sees_whole_region(user: User) -> bool:
    """Policy officers and contract managers see every provider and the region."""
    return user.role in MUNICIPAL_ROLES


def is_provider_reader(user: User) -> bool:
    """A team lead reads their own organisation's reports, dossiers and account meetings."""
    return user.role == Role.TEAM_LEAD


def snapshots_for_user(user: User, snapshots: QuerySet[ReportSnapshot]) -> QuerySet[ReportSnapshot]:
    """The snapshots of ``snapshots`` the user may see: all (municipal), the own organisation's
    and its locations' (team lead; region snapshots have neither and stay out), none (others)."""
    if sees_whole_region(user):
        return snapshots
    if is_provider_reader(user):
        own = _own_organisation_id(user)
        return snapshots.filter(Q(organisation_id=own) | Q(location__organisation_id=own))
    return snapshots.none()


def snapshot_get_for_user(user: User, pk: int) -> ReportSnapshot:
    """One snapshot in the user's scope; any other is a 404."""
    try:
        return snapshots_for_user(user, snapshot_queryset()).get(pk=pk)
    except ReportSnapshot.DoesNotExist as error:
        raise Http404 from error


def may_make_reports(user: User) -> bool:
    """Only the municipal roles queue reports; a team lead reads what exists."""
    return sees_whole_region(user)


def organisations_for_user(user: User) -> QuerySet[Organisation]:
    """Shelter providers in the user's scope (filter choices, meeting lists)."""
    organisations = shelter_organisations()
    if sees_whole_region(user):
        return organisations
    if is_provider_reader(user):
        return organisations.filter(pk=_own_organisation_id(user))
    return organisations.none()


def locations_for_user(user: User) -> QuerySet[Location]:
    """Shelter locations in the user's scope (filter choices, dossiers)."""
    locations = shelter_locations()
    if sees_whole_region(user):
        return locations
    if is_provider_reader(user):
        return locations.filter(organisation_id=_own_organisation_id(user))
    return locations.none()


def dossiers_for_user(user: User, dossiers: QuerySet[EvaluationDossier]) -> QuerySet[EvaluationDossier]:
    """Evaluation dossiers the user reads: all (municipal), published ones (council), those of
    the own organisation's locations, draft or final (team lead), and for anyone those they are
    invited to or own a follow-up action of; none (others)."""
    if not (user.is_authenticated and user.is_active):
        return dossiers.none()
    if sees_whole_region(user):
        return dossiers
    if user.role == Role.PARTICIPATION_COUNCIL:
        return dossiers.filter(is_public=True)
    invited = Exists(DossierParticipant.objects.filter(dossier=OuterRef("pk"), user=user))
    owner = Exists(FollowUpAction.objects.filter(dossier=OuterRef("pk"), owner_user=user))
    own = Q(invited) | Q(owner)
    if is_provider_reader(user):
        own |= Q(location__organisation_id=_own_organisation_id(user))
    return dossiers.filter(own)


def dossier_get_for_user(user: User, pk: int) -> EvaluationDossier:
    """One dossier the user may read; any other is a 404."""
    try:
        return dossiers_for_user(user, dossier_queryset()).get(pk=pk)
    except EvaluationDossier.DoesNotExist as error:
        raise Http404 from error


def may_change_dossier(user: User, dossier: EvaluationDossier) -> bool:
    """The municipality prepares and finalises the dossier; a final one changes no more."""
    return sees_whole_region(user) and not dossier.is_final


def meetings_for_user(user: User, meetings: QuerySet[AccountMeeting]) -> QuerySet[AccountMeeting]:
    """Account meetings the user reads: all (municipal), the own organisation's (team lead), none (others)."""
    if sees_whole_region(user):
        return meetings
    if is_provider_reader(user):
        return meetings.filter(organisation_id=_own_organisation_id(user))
    return meetings.none()


def may_record_meetings(user: User) -> bool:
    """Contract managers hold and record the account meetings; policy officers and team leads read."""
    return user.role == Role.CONTRACT_MANAGER


def meeting_get_for_user(user: User, pk: int, *, write: bool = False) -> AccountMeeting:
    """One account meeting the user may read (``write``: record in it, a contract manager only);
    any other is a 404."""
    meetings = meetings_for_user(user, meeting_queryset())
    if write and not may_record_meetings(user):
        meetings = meetings.none()
    try:
        return meetings.get(pk=pk)
    except AccountMeeting.DoesNotExist as error:
        raise Http404 from error


def agreement_get_for_user(user: User, pk: int, *, write: bool = False) -> AccountAgreement:
    """One agreement of a meeting the user may read (``write``: change, a contract manager only)."""
    meetings = meetings_for_user(user, AccountMeeting.objects.all())
    if write and not may_record_meetings(user):
        meetings = meetings.none()
    try:
        return AccountAgreement.objects.select_related("meeting").get(pk=pk, meeting__in=meetings)
    except AccountAgreement.DoesNotExist as error:
        raise Http404 from error


def _is_provider_team_lead(user: User, dossier: EvaluationDossier) -> bool:
    """A team lead of the organisation that runs the dossier's location."""
    return is_provider_reader(user) and user.organisation_id == dossier.location.organisation_id


def _is_invited(user: User, dossier: EvaluationDossier) -> bool:
    """An account on the dossier's list of participants."""
    return DossierParticipant.objects.filter(dossier=dossier, user=user).exists()


def may_comment_dossier(user: User, dossier: EvaluationDossier) -> bool:
    """Comments before the meeting: only on a draft, by the municipality, the provider's team
    lead and the accounts invited to the meeting (the participation council never)."""
    if dossier.is_final:
        return False
    if sees_whole_region(user):
        return True
    if _is_provider_team_lead(user, dossier):
        return True
    return user.role != Role.PARTICIPATION_COUNCIL and _is_invited(user, dossier)


def may_read_comments(user: User, dossier: EvaluationDossier) -> bool:
    """The comments before the meeting are read by those who read the dossier, except the
    participation council (a published dossier reaches them without the parties' discussion)."""
    return user.role != Role.PARTICIPATION_COUNCIL


def action_get_for_user(user: User, dossier: EvaluationDossier, pk: int) -> FollowUpAction:
    """A follow-up action shown in a dossier the user reads (its own or carried over from an
    earlier year of the location), that the user may close: its owner or the municipality (also
    after the dossier became final: the actions are what follows from it); others get 404."""
    action = (
        FollowUpAction.objects.filter(pk=pk, dossier__location_id=dossier.location_id, dossier__year__lte=dossier.year)
        .select_related("owner_user", "dossier")
        .first()
    )
    if action is None:
        raise Http404
    if not (sees_whole_region(user) or action.owner_user_id == user.pk):
        raise Http404
    return action


def may_close_action(user: User, action: FollowUpAction) -> bool:
    """Done or dropped: the action's owner or the municipality, while the action is open."""
    return action.is_open and (sees_whole_region(user) or action.owner_user_id == user.pk)
