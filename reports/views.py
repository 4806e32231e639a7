from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opvang.access import municipal_roles_required, role_required
from opvang.constants import Role


@role_required(Role.POLICY_OFFICER)
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/dashboard.html", {})


@municipal_roles_required
def report_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/report_list.html", {})
