from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opvang.access import case_roles_required
from opvang.audit import record_access

from .access import household_get_for_user
from .models import Household


@case_roles_required
def caseload(request: HttpRequest) -> HttpResponse:
    households = Household.objects.visible_to(request.user).select_related("location")[:50]
    return render(request, "cases/caseload.html", {"households": households})


def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk)
    record_access(household)
    return render(request, "cases/household_detail.html", {"household": household})
