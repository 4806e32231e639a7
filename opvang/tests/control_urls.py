"""Deliberately broken pages, for the negative controls of the security tests.

Each view here breaks one rule the access matrix or the scope-leak test exists to catch; the
controls feed them to those tests' checkers and assert that the breakage is reported. Used only
through ``@pytest.mark.urls("opvang.tests.control_urls")``.
"""

from django.http import HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect
from django.urls import path

from cases.access import household_get_for_user, household_scope_q
from cases.constants import HouseholdStatus
from cases.models import Household
from opvang.access import case_roles_required
from opvang.urls import urlpatterns as project_urlpatterns


@case_roles_required
def every_household(request):
    """Leaks: lists every household of the installation, whoever asks."""
    return HttpResponse(", ".join(Household.objects.values_list("reference", flat=True)))


@case_roles_required
def redirects_everyone(request):
    """Never renders: a scope-leak test that skips non-200 answers would never look at it."""
    return redirect("home")


@case_roles_required
def ignores_post(request, pk):
    """Checks access, then answers 200 to a POST without doing anything."""
    household_get_for_user(request.user, pk, write=True)
    return HttpResponse("ok")


def close_before_checking(request, pk):
    """Answers outsiders 404, but only after it has closed their household (and as a response, not
    an exception, so the request's transaction is committed)."""
    Household.objects.filter(pk=pk).update(status=HouseholdStatus.CLOSED)
    if not Household.objects.filter(household_scope_q(request.user), pk=pk).exists():
        return HttpResponseNotFound()
    return redirect("home")


@case_roles_required
def close_once(request, pk):
    """Closes the household; a second POST finds it closed (409)."""
    household = household_get_for_user(request.user, pk, write=True)
    if request.method != "POST":
        return HttpResponse("confirm")
    if household.status == HouseholdStatus.CLOSED:
        return HttpResponse("already closed", status=409)
    Household.objects.filter(pk=household.pk).update(status=HouseholdStatus.CLOSED)
    return redirect("home")


urlpatterns = [
    *project_urlpatterns,
    path("control/every-household/", every_household, name="control_every_household"),
    path("control/redirects-everyone/", redirects_everyone, name="control_redirects_everyone"),
    path("control/<int:pk>/ignores-post/", ignores_post, name="control_ignores_post"),
    path("control/<int:pk>/close-before-checking/", close_before_checking, name="control_close_before_checking"),
    path("control/<int:pk>/close-once/", close_once, name="control_close_once"),
]
