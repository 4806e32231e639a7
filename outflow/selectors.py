"""Reads of housing outflow and aftercare: the household page's housing and aftercare cards and
the caseload signals."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

from dateutil.relativedelta import relativedelta
from django.db.models import Count, DateField, Exists, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cases import extensions
from cases.access import may_see_safety
from cases.constants import AftercareKind, BeschikkingKind, Destination, HouseholdStatus, ShelterReason
from cases.models import AftercareContact, Beschikking, Household, Stay
from opvang.constants import CASE_ROLES, OrganisationKind, Role
from opvang.models import Organisation, User

from .constants import (
    CONTACT_LOST_ATTEMPTS,
    READY_WITHOUT_OFFER_DAYS,
    SAFETY_CHECK_NOTICE_DAYS,
    SAFETY_CHECK_SIGNAL_MONTHS,
    SafetyCheckMoment,
)
from .models import (
    AftercarePlan,
    HousingApplication,
    HousingQuota,
    Pilot,
    PilotMember,
    ReadyToMove,
    SafetyCheck,
    Trajectory,
    TrajectoryGoal,
)
from .services import last_departure, safety_after_shelter_applies, safety_check_due_on

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType

    from opvang.models import User


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


class PlusDays(Func):
    """A date plus a number of days given by an expression (e.g. a column), in the database."""

    output_field = DateField()

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> _AsSqlType:  # PostgreSQL: date + integer is a date
        return super().as_sql(compiler, connection, template="CAST((%(expressions)s) AS date)", arg_joiner=" + ")

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="date(%(expressions)s || ' days')", arg_joiner=", '+' || ")


def _reached(stay: Any) -> QuerySet[AftercareContact]:
    """Aftercare contacts of a stay that reached the household (not an attempt that reached nobody)."""
    return AftercareContact.objects.filter(stay=stay).exclude(kind=AftercareKind.NO_CONTACT)


def _plans_running(today: date) -> QuerySet[AftercarePlan]:
    """Plans of the household's latest departure (no stay after it) that have not reached their
    planned end; the caseload's aftercare signals look at these only."""
    later = Stay.objects.filter(household=OuterRef("household"), admitted_on__gt=OuterRef("stay__left_on"))
    return AftercarePlan.objects.filter(
        household=OuterRef("pk"), planned_end_on__gte=today, stay__left_on__isnull=False
    ).exclude(Exists(later))


def _failed_attempts() -> Coalesce:
    """Attempts that reached nobody after the last contact that did (or since the departure)."""
    reached_since = _reached(OuterRef("stay")).filter(contact_on__gte=OuterRef("contact_on"))
    failed = (
        AftercareContact.objects.filter(stay=OuterRef("stay"), kind=AftercareKind.NO_CONTACT)
        .exclude(Exists(reached_since))
        .order_by()
        .values("stay")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(failed, output_field=IntegerField()), Value(0))


def _aftercare_overdue(today: date) -> Exists:
    """A running plan (contact not lost) whose last contact that reached the household (or the
    departure, before the first) lies longer ago than the plan's frequency: weekly and last contact
    on the 1st is overdue from the 9th."""
    last = _reached(OuterRef("stay")).order_by("-contact_on").values("contact_on")[:1]
    plans = (
        _plans_running(today)
        .filter(contact_lost_on__isnull=True)
        .annotate(last_contact=Coalesce(Subquery(last), F("stay__left_on")))
        .annotate(next_contact=PlusDays(F("last_contact"), F("frequency_weeks") * 7))
        .filter(next_contact__lt=today)
    )
    return Exists(plans)


def _contact_lost(today: date) -> Exists:
    """A running plan marked "contact lost", or with 3 attempts in a row that reached nobody."""
    plans = _plans_running(today).annotate(failed=_failed_attempts())
    return Exists(plans.filter(Q(contact_lost_on__isnull=False) | Q(failed__gte=CONTACT_LOST_ATTEMPTS)))


def left_by(day: date, months: int) -> date:
    """The last departure day whose check of ``months`` falls due on or before ``day``: the largest
    d with d + months (calendar, clamped: 31 Jan + 1 month = 28 Feb) <= day."""
    left = day - relativedelta(months=months)
    while safety_check_due_on(left + timedelta(days=1), months) <= day:
        left += timedelta(days=1)
    return left


def safety_stays() -> QuerySet[Stay]:
    """Departures to which 'Veilig na opvang' applies (as services.safety_after_shelter_applies)."""
    vo = Beschikking.objects.filter(stay=OuterRef("pk"), kind=BeschikkingKind.VO)
    return (
        Stay.objects.filter(left_on__isnull=False)
        .exclude(destination=Destination.DECEASED)
        .filter(Q(household__reason=ShelterReason.DOMESTIC_VIOLENCE) | Q(Exists(vo)))
    )


def _safety_check_due(today: date) -> Q:
    """A departure of the last 6 months ('Veilig na opvang', no stay after it, file not closed)
    whose 1- or 3-month check falls due within 7 days or is overdue and is not recorded."""
    later = Stay.objects.filter(household=OuterRef("household"), admitted_on__gt=OuterRef("left_on"))
    stays = (
        safety_stays()
        .filter(household=OuterRef("pk"), left_on__gte=today - relativedelta(months=SAFETY_CHECK_SIGNAL_MONTHS))
        .exclude(household__status=HouseholdStatus.CLOSED)
        .exclude(Exists(later))
    )
    notice = today + timedelta(days=SAFETY_CHECK_NOTICE_DAYS)
    due = Q()
    for months in SafetyCheckMoment.values:
        done = SafetyCheck.objects.filter(stay=OuterRef("pk"), months=months)
        due |= Q(Exists(stays.filter(left_on__lte=left_by(notice, months)).exclude(Exists(done))))
    return due


CASELOAD_SIGNALS = (
    extensions.CaseloadSignal(
        "signal_ready_without_offer",
        gettext_lazy("Ready to move for more than 60 days, no offer"),
        _ready_without_offer,
        order=45,
    ),
    extensions.CaseloadSignal(
        "signal_aftercare_overdue",
        gettext_lazy("No aftercare contact for longer than the plan says"),
        _aftercare_overdue,
        order=55,
    ),
    extensions.CaseloadSignal("signal_contact_lost", gettext_lazy("Aftercare: contact lost"), _contact_lost, order=56),
    extensions.CaseloadSignal(
        "signal_safety_check_due", gettext_lazy("Safety check after the shelter due"), _safety_check_due, order=57
    ),
)


def aftercare_panel_context(request: HttpRequest, household: Household) -> dict[str, object]:
    """The aftercare card of the household page: the plan of the last departure and its contacts,
    and — for those who may see the safety section only — the safety checks after the shelter."""
    stay = last_departure(household)
    if stay is None:
        return {"aftercare_stay": None}
    assert stay.left_on is not None  # a departure
    plan = AftercarePlan.objects.filter(stay=stay).select_related("owner_user", "owner_organisation").first()
    context: dict[str, object] = {
        "aftercare_stay": stay,
        "aftercare_plan": plan,
        "aftercare_contacts": list(AftercareContact.objects.filter(stay=stay).order_by("-contact_on", "-pk")[:10]),
        "safety_checks": None,
    }
    user = cast("User", request.user)  # the household page is for signed-in users only
    if may_see_safety(user, household) and safety_after_shelter_applies(stay):
        today = timezone.localdate()
        done = {
            check.months: check for check in SafetyCheck.objects.filter(stay=stay).prefetch_related("children__child")
        }
        context["safety_checks"] = [
            {
                "months": months,
                "label": label,
                "due_on": safety_check_due_on(stay.left_on, months),
                "check": done.get(months),
                "overdue": months not in done and safety_check_due_on(stay.left_on, months) < today,
            }
            for months, label in SafetyCheckMoment.choices
        ]
    return context


def housing_corporations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.HOUSING, is_active=True).order_by("name")


def quotas_for_year(year: int) -> QuerySet[HousingQuota]:
    return HousingQuota.objects.filter(year=year).select_related("corporation")


def household_trajectories(household: Household) -> QuerySet[Trajectory]:
    return Trajectory.objects.filter(household=household).select_related("adult", "holder__organisation")


def trajectory_panel_context(request: HttpRequest, household: Household) -> dict[str, object]:
    """The trajectory card on the household page: its trajectories and pilots, two queries."""
    return {
        "trajectories": list(household_trajectories(household)),
        "pilot_memberships": list(PilotMember.objects.filter(household=household).select_related("pilot")),
    }


def trajectory_holders() -> QuerySet[User]:
    """The accounts a trajectory may be given to (may_hold_trajectory), by organisation and name."""
    return (
        User.objects.filter(is_active=True, organisation__isnull=False)
        .filter(Q(role__in=CASE_ROLES) | Q(role=Role.CHAIN_PARTNER))
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name", "username")
    )


def trajectory_plan(trajectory: Trajectory) -> list[TrajectoryGoal]:
    """The goals of the trajectory plan with their actions: two queries."""
    return list(TrajectoryGoal.objects.filter(trajectory=trajectory).prefetch_related("actions"))


def trajectories_held_by(user: User) -> QuerySet[Trajectory]:
    """The trajectories the user holds, open ones first; the list shows names and dates only."""
    return (
        Trajectory.objects.filter(holder=user)
        .select_related("adult", "household__location")
        .order_by(F("ended_on").desc(nulls_first=True), "-started_on", "-pk")
    )


def open_pilots(day: date) -> QuerySet[Pilot]:
    """Pilots a household may join on ``day``: started and not yet evaluated."""
    return Pilot.objects.filter(started_on__lte=day, evaluation_on__gte=day).order_by("name")


def all_pilots() -> QuerySet[Pilot]:
    return Pilot.objects.order_by("-started_on", "name")
