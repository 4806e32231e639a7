"""The read-only REST API, /api/v1/ (Dutch API Design Rules, core, where they apply).

Thin views: the token owner's scope comes from access.py, the fields from serializers.py. Each
call is authenticated by a personal token, throttled per user, answered with an API-Version
header, and written to the access log with the token's name.
"""

from __future__ import annotations

from typing import Any, cast

from django.utils import timezone, translation
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import exceptions, generics, permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from opvang.audit import log_event
from opvang.models import Location, User
from reports.indicators import INDICATORS
from reports.models import EvaluationDossier, ReportSnapshot

from . import access
from .authentication import ApiTokenAuthentication
from .constants import API_VERSION
from .filters import MAX_ID, DossierFilter, LocationFilter, SnapshotFilter
from .models import ApiToken
from .permissions import MayUseApi
from .serializers import DossierSerializer, IndicatorSerializer, LocationSerializer, SnapshotSerializer
from .throttling import ApiRateThrottle

INDICATORS_BY_CODE = {indicator.code: indicator for indicator in INDICATORS}


class ApiView(APIView):
    """Authentication, permission, throttle, version header and access log for every endpoint."""

    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [MayUseApi]
    throttle_classes = [ApiRateThrottle]

    @property
    def owner(self) -> User:
        """The token's owner: MayUseApi has let only an active user of an API role through."""
        return cast(User, self.request.user)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # An unknown parameter is refused rather than ignored: a typo ("perod_kind") would
        # otherwise return unfiltered figures that look right.
        unknown = sorted(set(request.query_params) - self._known_parameters())
        if unknown:
            raise exceptions.ValidationError({name: ["Unknown query parameter."] for name in unknown})
        # A parameter given without a value is a mistake too (it would otherwise filter nothing).
        empty = sorted(name for name, values in request.query_params.lists() if "" in values)
        if empty:
            raise exceptions.ValidationError({name: ["Give a value or leave the parameter out."] for name in empty})

    def _known_parameters(self) -> set[str]:
        known: set[str] = set()
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            known |= set(filterset_class.base_filters)
        paginator = getattr(self, "paginator", None)
        if paginator is not None and "pk" not in self.kwargs and "code" not in self.kwargs:
            known |= {paginator.page_query_param, paginator.page_size_query_param}
        return known

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = API_VERSION
        token = getattr(request, "_auth", None)
        if isinstance(token, ApiToken):
            _log_call(request, token, response.status_code)
        return response


def _log_call(request: Request, token: ApiToken, status: int) -> None:
    """One access-log entry per call: the token's name, the owner, the path, the answer."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    log_event(token, event="api_call", user=token.user, request=request._request, token=token.name, status=status)


class IdLookupMixin(generics.GenericAPIView):
    """404 for ids beyond bigint, instead of a database error."""

    def get_object(self) -> Any:
        if int(self.kwargs["pk"]) > MAX_ID:
            raise exceptions.NotFound()
        return super().get_object()


@extend_schema(tags=["indicators"], summary="The indicator definitions")
class IndicatorList(ApiView, generics.ListAPIView):
    """Code, name, definition and unit of every monitoring indicator, in the order of the reports."""

    serializer_class = IndicatorSerializer
    filter_backends: list = []

    def get_queryset(self):  # a list, not a queryset: the definitions live in code
        return INDICATORS


@extend_schema(tags=["indicators"], summary="One indicator definition")
class IndicatorDetail(ApiView, generics.GenericAPIView):
    """One indicator by its code."""

    serializer_class = IndicatorSerializer
    lookup_field = "code"

    def get(self, request: Request, code: str) -> Response:
        indicator = INDICATORS_BY_CODE.get(code)
        if indicator is None:
            raise exceptions.NotFound()
        return Response(self.get_serializer(indicator).data)


@extend_schema(tags=["snapshots"], summary="Report snapshots with their indicator values (suppressed)")
class SnapshotList(ApiView, generics.ListAPIView):
    """Finished report snapshots in the token owner's scope, newest period first.

    Each snapshot is one scope (region, organisation or location) and one period, in a
    revision; `is_current` marks the revision in force and `is_provisional` one made before its
    period ended. Values resting on fewer than 5 cases are suppressed exactly as on the
    dashboard and in the exports: `value` is null, `suppressed` is true, `display` says "<5".
    """

    serializer_class = SnapshotSerializer
    filterset_class = SnapshotFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return ReportSnapshot.objects.none()
        return access.snapshots_for_user(self.owner).order_by(
            "-period_start", "-period_end", "scope_kind", "scope_key", "-revision"
        )


@extend_schema(tags=["snapshots"], summary="One report snapshot")
class SnapshotDetail(ApiView, IdLookupMixin, generics.RetrieveAPIView):
    """One report snapshot with its indicator values (suppressed as on the dashboard)."""

    serializer_class = SnapshotSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return ReportSnapshot.objects.none()
        return access.snapshots_for_user(self.owner)


@extend_schema(tags=["locations"], summary="Shelter locations with kind and capacity")
class LocationList(ApiView, generics.ListAPIView):
    """Shelter locations in the token owner's scope: kind and capacity. The address of a
    location with a secret address is never given."""

    serializer_class = LocationSerializer
    filterset_class = LocationFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Location.objects.none()
        return access.locations_for_user(self.owner).order_by("organisation__name", "name", "pk")


@extend_schema(tags=["locations"], summary="One shelter location")
class LocationDetail(ApiView, IdLookupMixin, generics.RetrieveAPIView):
    """One shelter location."""

    serializer_class = LocationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Location.objects.none()
        return access.locations_for_user(self.owner)


@extend_schema(tags=["evaluation-dossiers"], summary="The published parts of final evaluation dossiers")
class DossierList(ApiView, generics.ListAPIView):
    """Final evaluation dossiers of the locations in the token owner's scope: the year, the
    meeting date, the improvement points as frozen when the dossier was made final and the
    follow-up actions (what and by when). Drafts, notes and names of people are not published."""

    serializer_class = DossierSerializer
    filterset_class = DossierFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return EvaluationDossier.objects.none()
        return access.dossiers_for_user(self.owner).order_by("-year", "location__name", "pk")


@extend_schema(tags=["evaluation-dossiers"], summary="One final evaluation dossier")
class DossierDetail(ApiView, IdLookupMixin, generics.RetrieveAPIView):
    """One final evaluation dossier."""

    serializer_class = DossierSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return EvaluationDossier.objects.none()
        return access.dossiers_for_user(self.owner)


class OpenApiDocument(SpectacularJSONAPIView):
    """The OpenAPI 3 document, public like the rules ask: it describes the interface, no data."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    schema = None  # the document does not describe itself

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = API_VERSION
        return response

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # One document whatever the caller's language, so that it matches the committed file.
        with translation.override("en"):
            return super().get(request, *args, **kwargs)


class NotFound(ApiView):
    """Any other path under /api/v1/ (a trailing slash, a typo): a 404 problem, not an HTML page."""

    schema = None  # not an operation of the API

    def get(self, request: Request, rest: str) -> Response:
        raise exceptions.NotFound()
