import logging
import sys

from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect
from django.template import loader
from django.views import defaults

from . import selectors
from .access import role_required
from .constants import Role
from .filters import AuditLogFilter
from .http import AuthenticatedHttpRequest

# Where each role starts after logging in.
ROLE_HOME: dict[str, str] = {
    Role.CASEWORKER: "cases:caseload",
    Role.TEAM_LEAD: "cases:caseload",
    Role.POLICY_OFFICER: "reports:dashboard",
    Role.CONTRACT_MANAGER: "reports:report_list",
    Role.ADMIN: "network:management",
    Role.PARTICIPATION_COUNCIL: "reports:dashboard",
    Role.CHAIN_PARTNER: "plans:partner_home",
}


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    target = ROLE_HOME.get(request.user.role)
    if target is None:
        return HttpResponse(loader.render_to_string("no_role.html", request=request))
    return redirect(target)


@role_required(Role.ADMIN)
def management(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "organisations": selectors.organisations_with_locations(),
        "staff": selectors.staff_list(),
    }
    return HttpResponse(loader.render_to_string("opvang/management.html", context, request=request))


@role_required(Role.ADMIN)
def audit_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    filters = AuditLogFilter(request.GET, queryset=selectors.audit_entries())
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    for entry in page:
        # Dutch labels for the action and the changed fields (no raw column names on the page).
        entry.action_label = selectors.audit_action_label(entry)
        entry.field_labels = selectors.audit_field_labels(entry)
    return HttpResponse(
        loader.render_to_string("opvang/audit_log.html", {"page": page, "query": filters.query}, request=request)
    )


logger = logging.getLogger(__name__)
# Seconds after which the 503 page asks browsers (and proxies) to try again.
RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database that is down (restart, failover) gets a calm Dutch 503 page that
    needs no database; every other error the ordinary 500 page. The next request reconnects
    (CONN_HEALTH_CHECKS), so nothing has to be restarted when the database is back."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        logger.warning("database unavailable: %s", error)
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)


def page_not_found(request: AuthenticatedHttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))
