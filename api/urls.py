"""/api/v1/: no trailing slashes (API Design Rules), plural nouns, kebab-case."""

from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.urls import path, re_path

from opvang.db_routers import replica_reads

from . import endpoints

app_name = "api"


def _api(view):
    # The token is checked by the API itself; Django's login redirect does not apply here.
    # No request transaction: the API only reads, and the access-log entry of a call that ends
    # in an error (404, 429) must stay, where DRF would roll the request's transaction back.
    # The aggregates it serves may come from a read replica (opvang/db_routers.py).
    return login_not_required(transaction.non_atomic_requests(replica_reads(view.as_view())))


urlpatterns = [
    path("openapi.json", _api(endpoints.OpenApiDocument), name="openapi"),
    path("indicators", _api(endpoints.IndicatorList), name="indicator_list"),
    path("indicators/<slug:code>", _api(endpoints.IndicatorDetail), name="indicator_detail"),
    path("snapshots", _api(endpoints.SnapshotList), name="snapshot_list"),
    path("snapshots/<int:pk>", _api(endpoints.SnapshotDetail), name="snapshot_detail"),
    path("locations", _api(endpoints.LocationList), name="location_list"),
    path("locations/<int:pk>", _api(endpoints.LocationDetail), name="location_detail"),
    path("evaluation-dossiers", _api(endpoints.DossierList), name="dossier_list"),
    path("evaluation-dossiers/<int:pk>", _api(endpoints.DossierDetail), name="dossier_detail"),
    re_path(r"^(?P<rest>.*)$", _api(endpoints.NotFound), name="not_found"),
]
