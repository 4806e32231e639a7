"""Access-matrix entries of the privacy pages (privacy/urls.py; see opvang/tests/matrix.py).

Export, decisions and execution are for team leads of the household's own organisation;
the access history and recording a request for destruction for everyone who may open the file.
"""

import datetime

from cases.constants import HouseholdStatus
from cases.models import Household
from opvang.tests.matrix import CASE_ROLES, Route
from privacy.constants import DestructionStatus, RequesterRelation
from privacy.models import DestructionRequest

TEAM_LEAD = frozenset({"team_lead"})


def household(w, hh):
    return {"pk": hh.pk}


def _recorder(w, hh):
    return w.caseworker if hh.organisation_id == w.org_a.pk else w.outsider


def destruction_request(w, hh, status=DestructionStatus.REQUESTED):
    request = DestructionRequest.objects.create(
        household=hh,
        requested_on=datetime.date(2026, 1, 20),
        requester_relation=RequesterRelation.CLIENT,
        recorded_by=_recorder(w, hh),
        status=status,
    )
    return {"pk": request.pk}


def approved_request(w, hh):
    """An approved request for a closed file: it may be executed."""
    Household.objects.filter(pk=hh.pk).update(status=HouseholdStatus.CLOSED)
    return destruction_request(w, hh, status=DestructionStatus.APPROVED)


def request_status(c) -> str:
    return DestructionRequest.objects.get(pk=c.kwargs["pk"]).status


ROUTES = [
    Route("privacy:access_log_search", roles=frozenset({"admin"}), methods=("get",)),
    Route("privacy:access_history", roles=CASE_ROLES, kwargs=household, methods=("get",)),
    Route("privacy:access_history_pdf", roles=CASE_ROLES, kwargs=household, methods=("get",)),
    Route(
        "privacy:household_export",
        roles=TEAM_LEAD,
        kwargs=household,
        post_data=lambda c: {
            "subject": "household",
            "format": "json",
            "requested_by": RequesterRelation.CLIENT,
            "endangers": "no",
        },
        effect=lambda c: "attachment" in c.response.get("Content-Disposition", ""),
    ),
    Route(
        "privacy:destruction_request_record",
        roles=CASE_ROLES,
        kwargs=household,
        post_data=lambda c: {"requester_relation": RequesterRelation.CLIENT, "requested_on": "2026-01-20"},
        effect=lambda c: DestructionRequest.objects.filter(household=c.household).exists(),
    ),
    Route("privacy:destruction_request_list", roles=TEAM_LEAD, methods=("get",)),
    Route(
        "privacy:destruction_request_decide",
        roles=TEAM_LEAD,
        kwargs=destruction_request,
        post_data=lambda c: {"decision": "refuse", "reason": "Wettelijke bewaarplicht weegt zwaarder."},
        effect=lambda c: request_status(c) == DestructionStatus.REFUSED,
    ),
    Route(
        "privacy:destruction_request_execute",
        roles=TEAM_LEAD,
        kwargs=approved_request,
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: request_status(c) == DestructionStatus.EXECUTED,
    ),
]
