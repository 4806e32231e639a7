"""Reads for the administration pages, with their joins applied."""

from __future__ import annotations

import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import Stay
from opvang.constants import EXPIRY_WARNING_DAYS
from opvang.models import (
    Location,
    LocationCapacity,
    Organisation,
    Qualification,
    StaffAssignment,
    TrainingRecord,
    User,
)

from .models import AccountEvent, Invitation


def organisations_for_admin() -> QuerySet[Organisation]:
    return Organisation.objects.annotate(
        location_count=Count("locations", distinct=True),
        staff_count=Count("staff", distinct=True, filter=Q(staff__is_active=True)),
    ).order_by("name")


def locations_for_admin() -> QuerySet[Location]:
    open_stays = Stay.objects.filter(location_id=OuterRef("pk"), left_on__isnull=True)
    return (
        Location.objects.select_related("organisation")
        .annotate(has_open_stays=Exists(open_stays))
        .order_by("organisation__name", "name")
    )


def capacity_history(location: Location) -> QuerySet[LocationCapacity]:
    return location.capacities.order_by("-valid_from")


def staff_for_admin() -> QuerySet[User]:
    """Accounts with what the list shows: organisation, locations, 2FA enrolled, locked out,
    invitation pending. A fixed number of queries for any page size."""
    locked = AccessAttempt.objects.filter(
        username=OuterRef("username"), failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    )
    pending = Invitation.objects.filter(user_id=OuterRef("pk"), used_at__isnull=True, revoked_at__isnull=True)
    return (
        User.objects.select_related("organisation")
        .prefetch_related(Prefetch("locations", queryset=Location.objects.order_by("name")))
        .annotate(
            is_locked_out=Exists(locked),
            has_second_factor=Exists(TOTPDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True)),
            invitation_pending=Exists(pending),
        )
        .order_by("last_name", "first_name", "username")
    )


def account_events(user: User) -> QuerySet[AccountEvent]:
    return AccountEvent.objects.filter(user=user).select_related("actor")


def assignment_history(user: User) -> QuerySet[StaffAssignment]:
    return user.assignments.select_related("location").order_by("-started_on")


def invitation_latest(user: User) -> Invitation | None:
    return user.invitations.order_by("-created_at").first()


# --- Team lead ----------------------------------------------------------------------------------


def team_staff(organisation_id: int | None, *, active_only: bool = True) -> QuerySet[User]:
    """The organisation's caseworkers and team leads with their trainings and qualifications."""
    if organisation_id is None:
        return User.objects.none()
    staff = User.objects.filter(organisation_id=organisation_id)
    if active_only:
        staff = staff.filter(is_active=True)
    return staff.prefetch_related(
        Prefetch("locations", queryset=Location.objects.order_by("name")),
        Prefetch("trainings", queryset=TrainingRecord.objects.order_by("training", "-completed_on")),
        Prefetch("qualifications", queryset=Qualification.objects.order_by("kind")),
    ).order_by("last_name", "first_name", "username")


def warning_until(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
