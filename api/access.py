"""Who may use the API, and which rows each token owner sees.

Row scoping for the API happens here and nowhere else: the municipal roles see what the
monitoring pages show them (the whole region); the Participation Council too, but of the
evaluation dossiers only the published ones; a provider's team lead sees the aggregates of
their own organisation and its locations only. No personal data is reachable at all.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from opvang.constants import MUNICIPAL_ROLES, Role
from opvang.models import Location, User
from reports.constants import DossierStatus, SnapshotStatus
from reports.models import EvaluationDossier, ReportSnapshot
from reports.selectors import shelter_locations

from .constants import API_ROLES
from .models import ApiToken


def may_use_api(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Active users in a role that sees published aggregates; the team lead needs an organisation."""
    if not (isinstance(user, User) and user.is_active and user.role in API_ROLES):
        return False
    return user.role != Role.TEAM_LEAD or user.organisation_id is not None


def _sees_whole_region(user: User) -> bool:
    return user.role in MUNICIPAL_ROLES or user.role == Role.PARTICIPATION_COUNCIL


def api_token_get_for_user(user: User, pk: int) -> ApiToken:
    """One of the user's own tokens; anyone else's is a 404."""
    try:
        return ApiToken.objects.get(pk=pk, user=user)
    except ApiToken.DoesNotExist as error:
        raise Http404 from error


def snapshots_for_user(user: User) -> QuerySet[ReportSnapshot]:
    """Finished snapshots in the user's scope, without the PDF (never sent through the API)."""
    snapshots = ReportSnapshot.objects.filter(status=SnapshotStatus.DONE).select_related(
        "organisation", "location__organisation"
    )
    if _sees_whole_region(user):
        return snapshots.defer("pdf")
    own = user.organisation_id or 0  # may_use_api: a team lead always has one
    # Region snapshots have neither an organisation nor a location: they stay out.
    return snapshots.filter(Q(organisation_id=own) | Q(location__organisation_id=own)).defer("pdf")


def locations_for_user(user: User) -> QuerySet[Location]:
    """Shelter locations: every one for the municipal roles, the own organisation's for a team lead."""
    locations = shelter_locations()
    if _sees_whole_region(user):
        return locations
    return locations.filter(organisation_id=user.organisation_id or 0)


def dossiers_for_user(user: User) -> QuerySet[EvaluationDossier]:
    """Final (published) evaluation dossiers of the locations in the user's scope."""
    dossiers = EvaluationDossier.objects.filter(status=DossierStatus.FINAL, location__in=locations_for_user(user))
    if user.role == Role.PARTICIPATION_COUNCIL:
        dossiers = dossiers.filter(is_public=True)  # the council reads what the municipality published
    return dossiers.select_related("location__organisation").prefetch_related("actions")
