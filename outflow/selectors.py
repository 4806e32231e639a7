"""Reads of housing outflow: the household page's housing card and the caseload signal."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from cases import extensions
from cases.models import Household
from opvang.constants import OrganisationKind
from opvang.models import Organisation

from .constants import READY_WITHOUT_OFFER_DAYS
from .models import HousingApplication, HousingQuota, ReadyToMove


def current_ready_to_move(household: Household) -> ReadyToMove | None:
    """The ready-to-move mark of the household's open stay, if any."""
    return (
        ReadyToMove.objects.filter(household=household, stay__left_on__isnull=True).select_related("decided_by").first()
    )


def household_applications(household: Household) -> QuerySet[HousingApplication]:
    return HousingApplication.objects.filter(household=household).select_related("corporation")


def household_panel_context(request: HttpRequest, household: Household) -> dict[str, object]:
    """The housing card on the household page: two queries, whatever the household holds."""
    return {
        "housing_ready": current_ready_to_move(household),
        "housing_applications": list(household_applications(household)),
    }


def _ready_without_offer(today: date) -> Exists:
    """Ready to move (open stay) for more than 60 days, and no offer since the ready date."""
    offers = HousingApplication.objects.filter(
        household=OuterRef("household"), offered_on__isnull=False, offered_on__gte=OuterRef("ready_on")
    )
    waiting = ReadyToMove.objects.filter(
        household=OuterRef("pk"),
        stay__left_on__isnull=True,
        ready_on__lt=today - timedelta(days=READY_WITHOUT_OFFER_DAYS),
    ).exclude(Exists(offers))
    return Exists(waiting)


CASELOAD_SIGNALS = (
    extensions.CaseloadSignal(
        "signal_ready_without_offer",
        gettext_lazy("Ready to move for more than 60 days, no offer"),
        _ready_without_offer,
        order=45,
    ),
)


def housing_corporations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.HOUSING, is_active=True).order_by("name")


def quotas_for_year(year: int) -> QuerySet[HousingQuota]:
    return HousingQuota.objects.filter(year=year).select_related("corporation")
