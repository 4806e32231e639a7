from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .constants import Role

# Navigation per role: (label, url name).
NAVIGATION = {
    Role.CASEWORKER: [
        (_("My caseload"), "cases:caseload"),
        (_("Open handovers"), "cases:handover_list"),
        (_("My trajectories"), "outflow:my_trajectories"),
        (_("Survey link"), "reports:survey_link_create"),
    ],
    Role.TEAM_LEAD: [
        (_("Caseload"), "cases:caseload"),
        (_("Open handovers"), "cases:handover_list"),
        (_("Requests for destruction"), "privacy:destruction_request_list"),
        (_("Staff and training"), "administration:team_staff"),
        (_("Survey tablets"), "reports:survey_kiosks"),
        (_("What clients say should change"), "reports:survey_texts"),
        (_("Reports"), "reports:report_list"),
        (_("Account meetings"), "reports:meeting_list"),
        (_("Evaluation dossiers"), "reports:dossier_list"),
    ],
    Role.POLICY_OFFICER: [
        (_("Dashboard"), "reports:dashboard"),
        (_("Reports"), "reports:report_list"),
        (_("Evaluation dossiers"), "reports:dossier_list"),
        (_("Agreed targets"), "reports:target_list"),
        (_("Account meetings"), "reports:meeting_list"),
        (_("Advice rounds"), "reports:advice_list"),
        (_("Housing outflow"), "reports:outflow_overview"),
        (_("Suspension policy"), "reports:suspension_evaluation"),
        (_("Pilots"), "reports:pilot_list"),
    ],
    Role.CONTRACT_MANAGER: [
        (_("Reports"), "reports:report_list"),
        (_("Evaluation dossiers"), "reports:dossier_list"),
        (_("Account meetings"), "reports:meeting_list"),
        (_("Agreed targets"), "reports:target_list"),
        (_("Housing outflow"), "reports:outflow_overview"),
        (_("Suspension policy"), "reports:suspension_evaluation"),
        (_("Pilots"), "reports:pilot_list"),
    ],
    Role.PARTICIPATION_COUNCIL: [
        (_("Dashboard"), "reports:dashboard"),
        (_("Evaluation dossiers"), "reports:dossier_list"),
    ],
    Role.CHAIN_PARTNER: [
        (_("My plans"), "plans:partner_home"),
        (_("My trajectories"), "outflow:my_trajectories"),
        (_("Evaluation meetings"), "reports:dossier_list"),
    ],
    Role.ADMIN: [
        (_("Management"), "network:management"),
        (_("Organisations"), "administration:organisation_list"),
        (_("Locations"), "administration:location_list"),
        (_("Staff"), "administration:staff_list"),
        (_("Audit log"), "network:audit_log"),
        (_("Access log"), "privacy:access_log_search"),
    ],
}


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    links = [(label, reverse(name)) for label, name in NAVIGATION.get(user.role, [])]
    # One item is the current page: the longest matching prefix ("/reports/account-meetings/" is
    # the account meetings, not also "/reports/", the reports).
    matches = [url for _label, url in links if request.path.startswith(url)]
    current = max(matches, key=len, default=None)
    return {"nav_items": [(label, url, url == current) for label, url in links]}
