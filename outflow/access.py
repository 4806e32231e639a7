"""Who may open and change a household's housing and aftercare records: exactly who may change its
file (cases.access). Outside that scope an application does not exist (404). The safety checks
after the shelter are restricted like the file's safety section (cases.access.may_see_safety)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from cases.access import household_get_for_user, may_see_safety
from cases.models import Household

from .models import HousingApplication

if TYPE_CHECKING:
    from opvang.models import User


def housing_application_get_for_user(
    user: User, household_pk: int, pk: int, *, write: bool = False
) -> HousingApplication:
    """The household's housing application if the household is in the user's scope, else 404."""
    household = household_get_for_user(user, household_pk, write=write)
    application = HousingApplication.objects.filter(household=household, pk=pk).select_related("household").first()
    if application is None:
        raise Http404
    return application


def safety_household_get_for_user(user: User, pk: int) -> Household:
    """The household, for recording its safety checks after the shelter: only those who may change
    the file and see its safety section (staff of its location, team leads); else 404."""
    household = household_get_for_user(user, pk, write=True)
    if not may_see_safety(user, household):
        raise Http404
    return household
