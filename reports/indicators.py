# ruff: noqa: E501 - indicator definitions are whole sentences for translators; kept on one line
"""The monitoring indicators of DOMAIN.md, in one module.

Each :class:`Indicator` has a code, a Dutch name, a definition a policy officer can read (shown in
the UI and the PDF) and a unit. Values are computed **in the database**: every query below is an
``aggregate`` with filtered counts, ``Exists``/``Subquery`` annotations or a median, grouped so that
a whole report for any scope and period is a fixed number of queries, however many households
there are (``Computation`` runs each group query once and caches it).

Common terms used in the definitions:
- *stays in period*: stays at a location in scope that overlap the period (admitted on or
  before its last day, not left before its first day);
- *child-stays*: each child of the household of such a stay, counted once per stay;
- a *night* is a date from admission up to, not including, the day of leaving.

**The windows rule** (the one rule for follow-up windows). An indicator that waits for something
to happen within N days or months of an event counts that event in the period in which its
window *closes*, never earlier: own intake within 14 days (``child_intake``), plan within 30 days
(``plan_within_30``), handover confirmed within 7 days (``handover_confirmed``), help started after
a referral (``referral_days``: counted when the help starts), extension of a beschikking (decided
by the period end), returns within 6/12/24 months and aftercare within 3 months (cohorts shifted
back). So a snapshot of a period that has ended never changes when later facts are recorded; a
snapshot made before its period ended is marked provisional and replaced by the scheduler once
the period is over (``reports.tasks.replace_provisional_snapshots``).

**Settled definitions.**
- A child counts as a child while under 18 on the first day of their stay within the period: a
  child who turns 18 during the period counts for that period, not for later ones.
- Child's voice and Veerkracht count what happened during the stay up to the end of the period.
- ZRM at intake and exit is counted per adult per stay; child intake per child per stay.
- Returns are counted per household (a household leaving twice in a cohort counts once).
- "Network" in the plan means people from the family's own network outside the household: the
  household's adults and children in the circle are not counted (as ``plans.selectors.plan_warnings``).
- Staff indicators: built by the staff work of issue 12 (who worked at the location in the period).
- Housing outflow (issue 14): "ready to move" is the woonklaar mark of a stay (outflow.ReadyToMove,
  one per stay); "to housing" is a destination in ``outflow.constants.HOUSING_DESTINATIONS`` (own
  rental via urgency, social rent, private rent, supported housing, intermediate facility). The
  90-day share follows the windows rule: a mark is counted in the period in which its 90th day
  falls. Housing applications belong to the location of the stay during which they were made.
- Aftercare, relapse guarantee and 'Veilig na opvang' (issue 14). A readmission under the relapse
  guarantee is a stay admitted with that flag (``Stay.relapse_guarantee``: admitted within 12
  months of the household's departure, the 12-months day included), counted in the period of its
  admission. An aftercare plan counts for a departure when it was made at most 14 days after
  leaving (windows rule: the departure counts in the period its 14th day falls in; deaths left
  out). A safety check after the shelter is due 1 and 3 calendar months after a departure from a
  VO stay (a VO beschikking) or of a household that came for domestic violence (deaths left out,
  and not when the household was admitted again by the due day); it is on time when done at most
  14 days after its due day, and counts in the period in which those 14 days end.
- Beschikkingen of 6 months (issue 14, ``beschikking_6_months``): of the beschikkingen that started
  in the period at a location in scope, the share whose original end lies 6 calendar months (or
  more) after the start; admission proposes 6 months for economically homeless households
  (``cases.constants.initial_beschikking_months``), 3 otherwise, and the caseworker may change it.
- Pilot cohorts (issue 14, trajectory support; ``reports.cohorts``): per pilot, region-wide, over
  the pilot's start up to its evaluation date (or today), for the pilot's households (a stay counts
  when the household joined on or before the day it left) beside all households of each shelter
  reason: departures (stays ended in the period), the share of them to housing (as above), their
  median length of stay, and relapse within 12 months (``return_counts``, the same computation as
  the ``returned_12`` indicator, for departures to permanent housing from the start up to 12
  months before the end). Suppressed as every report.
- Stuck households (``chain.StuckMark``) count at the location where the household was marked. A
  household is stuck at the period end when its mark began on or before the last day and was not
  resolved by then (a mark resolved on the last day no longer counts); days stuck run from the
  first day stuck to the last day of the period (marked that day: 0 days).
- Psychological support referrals of adults (``cases.PsychSupportReferral``, issue 14) are made
  during the stay or after it (aftercare): a referral belongs to the location of the household's
  latest stay admitted on or before the referral day, and counts in the period of its referral
  day. A referral before any stay counts nowhere.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connections
from django.db.models import (
    Aggregate,
    Avg,
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Greatest, Least, Lower, Trim
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cases.constants import (
    BESCHIKKING_MONTHS_ECONOMIC,
    DESTINATION_GROUPS,
    ZRM_CORE_DOMAINS,
    AftercareKind,
    BeschikkingKind,
    Destination,
    DestinationGroup,
    ExtensionReason,
    HandoverKind,
    HandoverStatus,
    ShelterReason,
    ZrmMoment,
)
from cases.models import (
    AdultClient,
    AftercareContact,
    Application,
    Beschikking,
    BeschikkingExtension,
    Handover,
    Household,
    PsychSupportReferral,
    Stay,
    Suspension,
    ZrmAssessment,
    ZrmScore,
)
from chain.constants import StuckReason
from chain.models import StuckMark
from children.constants import MeldcodeStep, VeerkrachtForm, VoiceTheme
from children.models import Child, ChildVoice, MeldcodeStepRecord, VeerkrachtTrack, YouthCareReferral
from opvang.constants import LocationKind, Role, Training
from opvang.models import LocationCapacity, StaffAssignment, TrainingRecord, User
from outflow.constants import (
    AFTERCARE_PLAN_DAYS,
    HOUSING_DESTINATIONS,
    HOUSING_WITHIN_DAYS,
    SAFETY_CHECK_MONTHS,
    SAFETY_CHECK_ON_TIME_DAYS,
    HousingApplicationKind,
    HousingOutcome,
)
from outflow.models import AftercarePlan, HousingApplication, ReadyToMove, SafetyCheck
from plans.constants import ParticipantKind
from plans.models import Goal, Participant, PlanVersion

from .constants import SURVEY_THEMES, Unit
from .expressions import AddMonths, DaysBetween, median_of, median_with
from .models import SurveyResponse
from .periods import Period, Scope

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType

# Bumped whenever a definition or computation changes; stored with every snapshot.
DEFINITIONS_VERSION = "2026.9"

MO_KINDS = (LocationKind.MO, LocationKind.INTERMEDIATE)
VO_KINDS = (LocationKind.VO, LocationKind.CRISIS)
RETURN_WINDOWS = (6, 12, 24)
INTAKE_DAYS = 14
PLAN_DAYS = 30
HANDOVER_CONFIRM_DAYS = 7
ADULT_MONTHS = 18 * 12


def destinations_in(group: str) -> list[str]:
    return [d for d, g in DESTINATION_GROUPS.items() if g == group]


PERMANENT = destinations_in(DestinationGroup.PERMANENT)


# --- Results -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Result:
    """A value with what it rests on: for a percentage numerator/denominator, for a median or
    mean the number of cases in ``denominator`` (suppression acts on these)."""

    value: float | int | None
    numerator: int | None = None
    denominator: int | None = None

    def as_dict(self) -> dict:
        return {"value": self.value, "num": self.numerator, "den": self.denominator}


def count(n: int | None) -> Result:
    return Result(n or 0, n or 0, None)


def percent(numerator: int | None, denominator: int | None) -> Result:
    numerator, denominator = numerator or 0, denominator or 0
    value = round(100 * numerator / denominator, 1) if denominator else None
    return Result(value, numerator, denominator)


def statistic(value: float | None, n: int | None, *, digits: int = 1) -> Result:
    return Result(round(value, digits) if value is not None else None, None, n or 0)


def rate(numerator: int, denominator: int, per: int) -> Result:
    value = round(per * numerator / denominator, 2) if denominator else None
    return Result(value, numerator, denominator)


# --- Shared filters ----------------------------------------------------------------------------
def overlapping(prefix: str, period: Period) -> Q:
    """Stays (at ``prefix``) that overlap the period."""
    return Q(**{f"{prefix}admitted_on__lte": period.end}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gte": period.start})
    )


def open_at(prefix: str, day: datetime.date) -> Q:
    """Stays still open after ``day`` (present on the night of that day)."""
    return Q(**{f"{prefix}admitted_on__lte": day}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": day})
    )


class CountRows(Subquery):
    """COUNT(*) of a subquery's rows (an int, 0 when there are none)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _rows)"
    output_field = IntegerField()


def professional_key(prefix: str = "") -> Case:
    """One key per distinct professional: a user, or an external name at an organisation."""
    return Case(
        When(
            **{f"{prefix}user__isnull": False},
            then=Concat(Value("u"), Cast(f"{prefix}user_id", CharField()), output_field=CharField()),
        ),
        default=Concat(
            Value("x"),
            Lower(Trim(f"{prefix}external_name")),
            Value("|"),
            Lower(Trim(f"{prefix}external_organisation")),
            output_field=CharField(),
        ),
        output_field=CharField(),
    )


# --- The computation of one report -------------------------------------------------------------
class Computation:
    """All group queries for one scope and period; each runs at most once (cached)."""

    def __init__(self, scope: Scope, period: Period) -> None:
        self.scope = scope
        self.period = period
        self.locations = scope.locations()

    # Inflow and occupancy ---------------------------------------------------------------------
    @cached_property
    def applications(self) -> int:
        p = self.period
        return Application.objects.filter(location__in=self.locations, applied_on__range=(p.start, p.end)).count()

    @cached_property
    def waiting(self) -> Result:
        p = self.period
        stays = Stay.objects.filter(
            location__in=self.locations, admitted_on__range=(p.start, p.end), application__isnull=False
        )
        return statistic(*median_of(stays, DaysBetween(F("admitted_on"), F("application__applied_on"))))

    @cached_property
    def stays(self) -> dict:
        """Households, nights, exits and long stays: one aggregate over the stays in period."""
        p = self.period
        after_end = p.end + datetime.timedelta(days=1)
        nights = DaysBetween(
            Least(Coalesce("left_on", Value(after_end)), Value(after_end)), Greatest("admitted_on", Value(p.start))
        )
        persons = CountRows(AdultClient.objects.filter(household_id=OuterRef("household_id")).values("pk")) + CountRows(
            Child.objects.filter(household_id=OuterRef("household_id")).values("pk")
        )
        ended = Q(left_on__range=(p.start, p.end))
        groups = {
            f"exits_{group}": Count("pk", filter=ended & Q(destination__in=destinations_in(group)))
            for group in DestinationGroup.values
        }
        stays = Stay.objects.filter(overlapping("", p), location__in=self.locations)
        return stays.aggregate(
            households=Count("household_id", distinct=True),
            present=Count("household_id", distinct=True, filter=open_at("", p.end)),
            person_nights=Coalesce(Sum(nights * persons), 0),
            exits=Count("pk", filter=ended),
            # "More than 6 months": admitted exactly 6 months before the last day is not yet over.
            over_6_months=Count("pk", filter=open_at("", p.end) & Q(admitted_on__lt=p.end - relativedelta(months=6))),
            **groups,
        )

    @cached_property
    def capacity_nights(self) -> int:
        """Per day of the period, the capacity in places that held that day (LocationCapacity),
        summed; a location without dated capacity counts its current capacity every day. One query."""
        p = self.period
        after_end = p.end + datetime.timedelta(days=1)
        next_change = (
            LocationCapacity.objects.filter(location_id=OuterRef("location_id"), valid_from__gt=OuterRef("valid_from"))
            .order_by("valid_from")
            .values("valid_from")[:1]
        )
        # Each dated capacity holds from valid_from up to (not including) the next change.
        dated = (
            LocationCapacity.objects.filter(location_id=OuterRef("pk"), valid_from__lte=p.end)
            .annotate(until=Least(Coalesce(Subquery(next_change), Value(after_end)), Value(after_end)))
            .filter(until__gt=p.start)
            .values("location_id")
            .annotate(nights=Sum(F("places") * DaysBetween(F("until"), Greatest("valid_from", Value(p.start)))))
            .values("nights")
        )
        per_location = Case(
            When(
                Exists(LocationCapacity.objects.filter(location_id=OuterRef("pk"))), then=Coalesce(Subquery(dated), 0)
            ),
            default=F("capacity_places") * Value(p.days),
            output_field=IntegerField(),
        )
        return self.locations.annotate(nights=per_location).aggregate(n=Coalesce(Sum("nights"), 0))["n"]

    # Children as clients ---------------------------------------------------------------------
    def child_stays(self) -> QuerySet:
        """One row per child per stay in period, with the stay's dates annotated.

        The stay conditions sit in one filter() call, so they share one join; the annotations
        below reuse that same join (Django reuses joins for F() in annotate).
        """
        p = self.period
        return (
            Child.objects.filter(overlapping("household__stays__", p), household__stays__location__in=self.locations)
            .annotate(
                stay_admitted=F("household__stays__admitted_on"),
                stay_left=F("household__stays__left_on"),
            )
            .annotate(stay_until=Least(Coalesce("stay_left", Value(p.end)), Value(p.end)))
            # A child counts while under 18 on the first day of the stay within the period: one
            # who turns 18 during the period still counts for it, not for later periods.
            .filter(date_of_birth__gt=AddMonths(Greatest("stay_admitted", Value(p.start)), -ADULT_MONTHS))
        )

    @cached_property
    def children(self) -> dict:
        """Per child-stay in the period: presence, mentor, voice, Veerkracht, school and the goals
        in the child's plan, in one aggregate (the child goals were a second pass over the same
        rows). The faces are counted apart (``faces``): grouped, not a subquery per row."""
        p = self.period
        voices = ChildVoice.objects.filter(
            child_id=OuterRef("pk"), recorded_on__gte=OuterRef("stay_admitted"), recorded_on__lte=OuterRef("stay_until")
        )
        tracks = VeerkrachtTrack.objects.filter(
            child_id=OuterRef("pk"),
            form__in=[VeerkrachtForm.INDIVIDUAL, VeerkrachtForm.GROUP],
            started_on__lte=OuterRef("stay_until"),
        ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("stay_admitted")))
        goals = Goal.objects.filter(
            child_id=OuterRef("pk"),
            plan_version__agreed_on__isnull=False,
            plan_version__agreed_on__lte=OuterRef("stay_until"),
        )
        # A goal that came from the child's own words (Goal.voice), in a version agreed in the
        # period during the stay: counted in the period of that agreement, so it never changes.
        from_voice = Goal.objects.filter(
            voice__child_id=OuterRef("pk"),
            plan_version__agreed_on__range=(p.start, p.end),
            plan_version__agreed_on__gte=OuterRef("stay_admitted"),
            plan_version__agreed_on__lte=OuterRef("stay_until"),
        )
        rows = self.child_stays().annotate(
            has_voice=Exists(voices),
            in_veerkracht=Exists(tracks),
            has_goal=Exists(goals),
            has_voice_goal=Exists(from_voice),
        )
        has_school = ~Q(school_name="")
        return rows.aggregate(
            served=Count("pk"),
            present=Count("pk", filter=Q(stay_left__isnull=True) | Q(stay_left__gt=p.end)),
            mentor=Count("pk", filter=Q(mentor__isnull=False)),
            voice=Count("pk", filter=Q(has_voice=True)),
            veerkracht=Count("pk", filter=Q(in_veerkracht=True)),
            school=Count("pk", filter=has_school),
            school_continued=Count("pk", filter=has_school & Q(school_continued=True)),
            with_goal=Count("pk", filter=Q(has_goal=True)),
            wish_to_goal=Count("pk", distinct=True, filter=Q(has_voice_goal=True)),
        )

    @cached_property
    def intake(self) -> dict:
        """Child-stays whose 14-day intake window closed in the period (windows rule, see
        SCHEDULE.md): admitted 14 days before the period up to 14 days before its end, and not
        left within those 14 days. A window still open at the period end counts next period."""
        p = self.period
        first, last = p.start - datetime.timedelta(days=INTAKE_DAYS), p.end - datetime.timedelta(days=INTAKE_DAYS)
        rows = (
            Child.objects.filter(
                household__stays__location__in=self.locations, household__stays__admitted_on__range=(first, last)
            )
            .annotate(stay_admitted=F("household__stays__admitted_on"), stay_left=F("household__stays__left_on"))
            .filter(date_of_birth__gt=AddMonths(F("stay_admitted"), -ADULT_MONTHS))
            .annotate(
                length=DaysBetween(F("stay_left"), F("stay_admitted")),
                intake_days=DaysBetween(F("intake_on"), F("stay_admitted")),
            )
            .filter(Q(stay_left__isnull=True) | Q(length__gte=INTAKE_DAYS))
        )
        return rows.aggregate(
            n=Count("pk"), within=Count("pk", filter=Q(intake_days__gte=0, intake_days__lte=INTAKE_DAYS))
        )

    @cached_property
    def faces(self) -> dict:
        """The different faces (professionals) a child met during each child-stay in the period:
        their median and the number of child-stays above the threshold, from one grouped join of
        the child-stays to the involvements. As a correlated subquery per row, PostgreSQL ran it
        once for the median, once for the count and once more in the children group (about
        1.1 M buffers each at N = 200 000)."""
        key = professional_key("involvements__")
        involved = Q(involvements__started_on__lte=F("stay_until")) & (
            Q(involvements__ended_on__isnull=True) | Q(involvements__ended_on__gte=F("stay_admitted"))
        )
        rows = (
            self.child_stays()
            .annotate(stay_id=F("household__stays__pk"))
            .values("pk", "stay_id")
            .annotate(faces=Count(key, distinct=True, filter=involved))
        )
        median, n, extra = median_with(
            rows, F("faces"), above=Count("faces", filter=Q(faces__gt=settings.OPVANG_FACES_THRESHOLD))
        )
        return {"median": statistic(median, n), "above": extra["above"]}

    def referrals_qs(self, **dates: tuple[datetime.date, datetime.date]) -> QuerySet:
        """Referrals made during a stay in scope, filtered on ``dates`` (e.g. referred_on__range)."""
        return YouthCareReferral.objects.filter(
            Q(child__household__stays__left_on__isnull=True)
            | Q(child__household__stays__left_on__gte=F("referred_on")),
            child__household__stays__location__in=self.locations,
            child__household__stays__admitted_on__lte=F("referred_on"),
            **dates,
        )

    @cached_property
    def referrals(self) -> int:
        p = self.period
        return self.referrals_qs(referred_on__range=(p.start, p.end)).aggregate(n=Count("pk", distinct=True))["n"]

    @cached_property
    def referral_days(self) -> Result:
        # The help that started in the period: a referral still waiting at the period end is
        # counted in the period it starts (windows rule), so a past value never changes.
        p = self.period
        started = self.referrals_qs(started_on__range=(p.start, p.end)).distinct()
        return statistic(*median_of(started, DaysBetween(F("started_on"), F("referred_on"))))

    # Gedragen plan ---------------------------------------------------------------------------
    @cached_property
    def plan_within(self) -> dict:
        p = self.period
        # Stays whose 30th day falls in the period and that lasted at least 30 days.
        first, last = p.start - datetime.timedelta(days=PLAN_DAYS), p.end - datetime.timedelta(days=PLAN_DAYS)
        agreed = PlanVersion.objects.filter(
            plan__household_id=OuterRef("household_id"),
            agreed_on__gte=OuterRef("admitted_on"),
            agreed_on__lte=OuterRef("day_30"),
        )
        stays = (
            Stay.objects.filter(location__in=self.locations, admitted_on__range=(first, last))
            .annotate(length=DaysBetween(F("left_on"), F("admitted_on")), day_30=AddDays(F("admitted_on"), PLAN_DAYS))
            .filter(Q(left_on__isnull=True) | Q(length__gte=PLAN_DAYS))
            .annotate(has_plan=Exists(agreed))
        )
        return stays.aggregate(n=Count("pk"), agreed=Count("pk", filter=Q(has_plan=True)))

    def versions_in_scope(self, date_field: str) -> QuerySet:
        return PlanVersion.objects.filter(
            Q(plan__household__stays__left_on__isnull=True) | Q(plan__household__stays__left_on__gte=F(date_field)),
            plan__household__stays__location__in=self.locations,
            plan__household__stays__admitted_on__lte=F(date_field),
        )

    @cached_property
    def plans(self) -> dict:
        p = self.period
        network = CountRows(
            # The family's own network outside the household: plan_create puts every member of the
            # household in the circle with a family relation; they are not "network".
            Participant.objects.filter(
                plan_version_id=OuterRef("pk"), kind=ParticipantKind.NETWORK, adult__isnull=True, child__isnull=True
            ).values("pk")
        )
        versions = self.versions_in_scope("agreed_on").filter(agreed_on__range=(p.start, p.end))
        return versions.annotate(network=network).aggregate(
            n=Count("pk", distinct=True),
            gedragen=Count("pk", distinct=True, filter=Q(gedragen_at_agreement=True)),
            network_mean=Avg("network"),
            with_network=Count("pk", distinct=True, filter=Q(network__gte=1)),
        )

    @cached_property
    def reviews(self) -> dict:
        p = self.period
        due = self.versions_in_scope("next_review_on").filter(
            next_review_on__range=(p.start, p.end), agreed_on__isnull=False
        )
        return due.aggregate(
            n=Count("pk", distinct=True),
            on_time=Count(
                "pk", distinct=True, filter=Q(reviewed_on__isnull=False, reviewed_on__lte=F("next_review_on"))
            ),
        )

    @cached_property
    def voice_themes(self) -> dict[str, int]:
        """Per theme (ChildVoice.theme), the number of different children who raised it in an
        entry recorded in the period during a stay in scope. Only themes, never the words."""
        p = self.period
        rows = (
            ChildVoice.objects.filter(
                Q(child__household__stays__left_on__isnull=True)
                | Q(child__household__stays__left_on__gte=F("recorded_on")),
                child__household__stays__location__in=self.locations,
                child__household__stays__admitted_on__lte=F("recorded_on"),
                recorded_on__range=(p.start, p.end),
            )
            .exclude(theme="")
            .order_by()
            .values("theme")
            .annotate(n=Count("child_id", distinct=True))
        )
        return {row["theme"]: row["n"] for row in rows}

    # Handovers -------------------------------------------------------------------------------
    def handovers_planned(self, first: datetime.date, last: datetime.date) -> QuerySet:
        """Handovers (not revoked) planned from ``first`` to ``last`` that belong to a stay in scope."""
        return (
            Handover.objects.filter(
                planned_on__range=(first, last),
                household__stays__location__in=self.locations,
                household__stays__admitted_on__lte=F("planned_on"),
            )
            .exclude(status=HandoverStatus.REVOKED)
            .annotate(stay_left=F("household__stays__left_on"))
            # A handover belongs to a stay it took place in, or within a month after leaving it.
            .filter(Q(stay_left__isnull=True) | Q(planned_on__lte=AddMonths(F("stay_left"), 1)))
            .annotate(confirm_days=DaysBetween(F("accepted_on"), F("planned_on")))
        )

    @cached_property
    def handovers(self) -> dict:
        p = self.period
        return self.handovers_planned(p.start, p.end).aggregate(
            n=Count("pk", distinct=True), warm=Count("pk", distinct=True, filter=Q(kind=HandoverKind.WARM))
        )

    @cached_property
    def handovers_confirmed(self) -> dict:
        """Handovers whose 7-day confirmation window closed in the period (windows rule)."""
        p = self.period
        days = datetime.timedelta(days=HANDOVER_CONFIRM_DAYS)
        return self.handovers_planned(p.start - days, p.end - days).aggregate(
            n=Count("pk", distinct=True),
            confirmed=Count(
                "pk", distinct=True, filter=Q(accepted_on__isnull=False, confirm_days__lte=HANDOVER_CONFIRM_DAYS)
            ),
        )

    @cached_property
    def organisations(self) -> Result:
        """The median number of organisations involved with a household in scope during the period.

        One grouped join (households to their involvements), not a correlated subquery per
        household: PostgreSQL ran that subquery twice per row, once for the median and once for
        the count (2.1 s at N = 200 000)."""
        p = self.period
        organisation = Case(
            When(
                involvements__user__isnull=False,
                then=Concat(Value("o"), Cast("involvements__user__organisation_id", CharField())),
            ),
            default=Concat(Value("x"), Lower(Trim("involvements__external_organisation"))),
            output_field=CharField(),
        )
        involved = (
            (Q(involvements__ended_on__isnull=True) | Q(involvements__ended_on__gte=p.start))
            & Q(involvements__started_on__lte=p.end)
            & ~Q(involvements__user__isnull=True, involvements__external_organisation="")
        )
        households = Household.objects.filter(
            pk__in=Stay.objects.filter(overlapping("", p), location__in=self.locations).values("household_id")
        ).annotate(organisations=Count(organisation, distinct=True, filter=involved))
        return statistic(*median_of(households, F("organisations")))

    # Duration --------------------------------------------------------------------------------
    def length_of_stay(self, kinds: tuple[str, ...]) -> Result:
        p = self.period
        ended = Stay.objects.filter(
            location__in=self.locations, location__kind__in=kinds, left_on__range=(p.start, p.end)
        )
        return statistic(*median_of(ended, DaysBetween(F("left_on"), F("admitted_on"))))

    @cached_property
    def length_mo(self) -> Result:
        return self.length_of_stay(MO_KINDS)

    @cached_property
    def length_vo(self) -> Result:
        return self.length_of_stay(VO_KINDS)

    @cached_property
    def beschikkingen(self) -> dict:
        """Beschikkingen whose original end fell in the period (extended or not), and those that
        started in the period (of 6 months or not). One query."""
        p = self.period
        ending = Q(original_end_on__range=(p.start, p.end))
        started = Q(start_on__range=(p.start, p.end))
        # "6 months" as first decided: the original end lies 6 calendar months after the start.
        six_months = Q(original_end_on__gte=AddMonths(F("start_on"), BESCHIKKING_MONTHS_ECONOMIC))
        return (
            Beschikking.objects.filter(stay__location__in=self.locations)
            .filter(ending | started)
            .aggregate(
                n=Count("pk", filter=ending),
                # Extensions decided by the end of the period: a later one does not change this period.
                extended=Count(
                    "pk",
                    filter=ending
                    & Q(
                        Exists(
                            BeschikkingExtension.objects.filter(beschikking_id=OuterRef("pk"), extended_on__lte=p.end)
                        )
                    ),
                ),
                started=Count("pk", filter=started),
                started_6_months=Count("pk", filter=started & six_months),
            )
        )

    @cached_property
    def extension_reasons(self) -> dict[str, int]:
        p = self.period
        rows = (
            BeschikkingExtension.objects.filter(
                beschikking__stay__location__in=self.locations, extended_on__range=(p.start, p.end)
            )
            .order_by()
            .values("reason")
            .annotate(n=Count("pk"))
        )
        return {row["reason"]: row["n"] for row in rows}

    # Outflow and after -----------------------------------------------------------------------
    @cached_property
    def returns(self) -> dict:
        """Returns after an exit to permanent housing (HUD System Performance Measure 2 analogue).

        For a window of N months the cohort is the exits of the period N months earlier, so its
        follow-up is complete by the end of this period.
        """
        p = self.period
        cohorts = {n: p.shifted_back(n) for n in RETURN_WINDOWS}
        return return_counts(Stay.objects.filter(location__in=self.locations), cohorts)

    @cached_property
    def aftercare(self) -> dict:
        cohort = self.period.shifted_back(3)
        # An attempt that reached nobody ("no contact reached") is no contact.
        contacts = AftercareContact.objects.filter(
            stay_id=OuterRef("pk"),
            contact_on__gte=OuterRef("left_on"),
            contact_on__lte=AddMonths(OuterRef("left_on"), 3),
        ).exclude(kind=AftercareKind.NO_CONTACT)
        return (
            Stay.objects.filter(location__in=self.locations, left_on__range=(cohort.start, cohort.end))
            .exclude(destination=Destination.DECEASED)
            .annotate(has_contact=Exists(contacts))
            .aggregate(n=Count("pk"), with_contact=Count("pk", filter=Q(has_contact=True)))
        )

    @cached_property
    def aftercare_after(self) -> dict:
        """Readmissions under the relapse guarantee, departures with an aftercare plan made within
        14 days, and the safety checks after the shelter due (1 and 3 months) and done on time.
        One aggregate over the stays at locations in scope (windows rule, see the module doc)."""
        p = self.period
        plan_days = datetime.timedelta(days=AFTERCARE_PLAN_DAYS)
        grace = datetime.timedelta(days=SAFETY_CHECK_ON_TIME_DAYS)
        not_deceased = ~Q(destination=Destination.DECEASED)
        guarantee = Q(relapse_guarantee=True, admitted_on__range=(p.start, p.end))
        plan_cohort = Q(left_on__range=(p.start - plan_days, p.end - plan_days)) & not_deceased
        planned = AftercarePlan.objects.filter(
            stay_id=OuterRef("pk"), made_on__lte=AddDays(OuterRef("left_on"), AFTERCARE_PLAN_DAYS)
        )
        vo = Beschikking.objects.filter(stay_id=OuterRef("pk"), kind=BeschikkingKind.VO)
        safety = not_deceased & (Q(household__reason=ShelterReason.DOMESTIC_VIOLENCE) | Q(vo_stay=True))
        annotations: dict[str, Any] = {"has_plan": Exists(planned), "vo_stay": Exists(vo)}
        aggregates: dict[str, Aggregate] = {
            "guarantee": Count("pk", filter=guarantee),
            "departures": Count("pk", filter=plan_cohort),
            "with_plan": Count("pk", filter=plan_cohort & Q(has_plan=True)),
        }
        for months in SAFETY_CHECK_MONTHS:
            readmitted = Stay.objects.filter(
                household_id=OuterRef("household_id"),
                admitted_on__gt=OuterRef("left_on"),
                admitted_on__lte=AddMonths(OuterRef("left_on"), months),
            )
            on_time = SafetyCheck.objects.filter(
                stay_id=OuterRef("pk"),
                months=months,
                done_on__lte=AddDays(AddMonths(OuterRef("left_on"), months), SAFETY_CHECK_ON_TIME_DAYS),
            )
            annotations |= {
                f"due_{months}": AddMonths(F("left_on"), months),
                f"readmitted_{months}": Exists(readmitted),
                f"on_time_{months}": Exists(on_time),
            }
            # The cheap date window first: PostgreSQL evaluates a FILTER's conditions in the order
            # written and stops at the first false one, so the two EXISTS run only for the stays
            # due in the period (they ran for every stay, four times over: 0.6 M buffers at
            # N = 200 000).
            due = (
                Q(**{f"due_{months}__range": (p.start - grace, p.end - grace)})
                & safety
                & Q(**{f"readmitted_{months}": False})
            )
            aggregates[f"checks_{months}"] = Count("pk", filter=due)
            aggregates[f"checks_on_time_{months}"] = Count("pk", filter=due & Q(**{f"on_time_{months}": True}))
        earliest = p.start - relativedelta(months=max(SAFETY_CHECK_MONTHS)) - grace - plan_days
        stays = Stay.objects.filter(
            Q(admitted_on__range=(p.start, p.end)) | Q(left_on__range=(earliest, p.end)), location__in=self.locations
        )
        result = stays.annotate(**annotations).aggregate(**aggregates)
        result["checks"] = sum(result[f"checks_{m}"] for m in SAFETY_CHECK_MONTHS)
        result["checks_on_time"] = sum(result[f"checks_on_time_{m}"] for m in SAFETY_CHECK_MONTHS)
        return result

    # Housing outflow --------------------------------------------------------------------------
    @cached_property
    def ready_to_departure(self) -> Result:
        """Days from the ready-to-move mark to departure, for stays that ended in the period."""
        p = self.period
        stays = Stay.objects.filter(
            location__in=self.locations, left_on__range=(p.start, p.end), ready_to_move__isnull=False
        )
        return statistic(*median_of(stays, DaysBetween(F("left_on"), F("ready_to_move__ready_on"))))

    @cached_property
    def housing_within(self) -> dict:
        """Ready-to-move marks whose 90-day window closed in the period (windows rule): marked 90
        days before the period up to 90 days before its end; housed when the stay ended to a housing
        destination at most 90 days after the mark."""
        p = self.period
        days = datetime.timedelta(days=HOUSING_WITHIN_DAYS)
        marks = ReadyToMove.objects.filter(
            stay__location__in=self.locations, ready_on__range=(p.start - days, p.end - days)
        ).annotate(days=DaysBetween(F("stay__left_on"), F("ready_on")))
        housed = Q(
            stay__left_on__isnull=False, stay__destination__in=HOUSING_DESTINATIONS, days__lte=HOUSING_WITHIN_DAYS
        )
        return marks.aggregate(n=Count("pk"), housed=Count("pk", filter=housed))

    @cached_property
    def housing_applications(self) -> dict:
        """Housing applications made in the period (by kind) and reaching an outcome in it (by outcome)."""
        p = self.period
        applications = HousingApplication.objects.filter(stay__location__in=self.locations)
        made = Q(applied_on__range=(p.start, p.end))
        reached = Q(outcome_on__range=(p.start, p.end))
        return applications.aggregate(
            **{f"kind_{k}": Count("pk", filter=made & Q(kind=k)) for k in HousingApplicationKind.values},
            **{f"outcome_{o}": Count("pk", filter=reached & Q(outcome=o)) for o in CLOSED_OUTCOMES},
        )

    # Self-sufficiency ------------------------------------------------------------------------
    @cached_property
    def zrm(self) -> dict:
        """One row per adult per stay that ended in the period, with the stay's first intake and
        last exit assessment; then the change per core domain (exit minus intake score, both
        scored) and the number of core domains improved.

        The two assessment ids are looked up once per row (the ``zrm_rows`` CTE, materialised by
        PostgreSQL because it is read twice) and the scores of both assessments are read in one
        index pass (``assessment_id IN (intake, exit)``) and paired per row and domain by a
        grouped aggregate; joining the exit scores separately made PostgreSQL hash all 4.7
        million scores (4.1 s at N = 200 000). Rows without both assessments have no change and are
        left out of that pass (half the rows). A domain scored in only one of the two
        gets a NULL change, which every aggregate below ignores, as the inner join did.
        Then one conditional aggregate per domain per row. Written with the ORM as
        nested subqueries, the lookups ran again inside each domain's subquery (Django inlines
        an annotation referenced through ``OuterRef``): 7.9 s of the yearly report at N = 20 000."""
        p = self.period
        adults = AdultClient.objects.filter(
            household__stays__location__in=self.locations, household__stays__left_on__range=(p.start, p.end)
        ).annotate(stay_admitted=F("household__stays__admitted_on"), stay_left=F("household__stays__left_on"))

        def assessment(moment: str, order: str) -> Subquery:
            return Subquery(
                ZrmAssessment.objects.filter(
                    adult_id=OuterRef("pk"),
                    moment=moment,
                    assessed_on__gte=OuterRef("stay_admitted"),
                    assessed_on__lte=OuterRef("stay_left"),
                )
                .order_by(order, "pk")
                .values("pk")[:1]
            )

        rows = (
            adults.annotate(
                intake_id=assessment(ZrmMoment.INTAKE, "assessed_on"),
                exit_id=assessment(ZrmMoment.EXIT, "-assessed_on"),
                row_adult=F("pk"),
                row_stay=F("household__stays__pk"),
            )
            .order_by()
            .values("row_adult", "row_stay", "intake_id", "exit_id")
        )
        rows_sql, rows_params = rows.query.get_compiler(using=rows.db).as_sql()
        connection = connections[rows.db]
        scores = connection.ops.quote_name(ZrmScore._meta.db_table)
        domains = [str(d.value) for d in ZRM_CORE_DOMAINS]
        per_domain = ", ".join(f"MAX(change) FILTER (WHERE domain = %s) AS change_{i}" for i in range(len(domains)))
        means = ", ".join(f"AVG(c.change_{i}), COUNT(c.change_{i})" for i in range(len(domains)))
        in_domains = ", ".join(["%s"] * len(domains))
        # Only the quoted table name and generated aliases/placeholders are interpolated; every
        # value (the rows query's own and the domains) is a parameter.
        sql = f"""
            WITH zrm_rows AS ({rows_sql}),
            changes AS (
                SELECT r.row_adult, r.row_stay, s.domain,
                    MAX(s.score) FILTER (WHERE s.assessment_id = r.exit_id)
                    - MAX(s.score) FILTER (WHERE s.assessment_id = r.intake_id) AS change
                FROM zrm_rows r
                JOIN {scores} s ON s.assessment_id IN (r.intake_id, r.exit_id)
                WHERE r.intake_id IS NOT NULL AND r.exit_id IS NOT NULL AND s.domain IN ({in_domains})
                GROUP BY r.row_adult, r.row_stay, s.domain
            ),
            per_row AS (
                SELECT row_adult, row_stay, COUNT(*) FILTER (WHERE change > 0) AS improved, {per_domain}
                FROM changes GROUP BY row_adult, row_stay
            )
            SELECT COUNT(*),
                COUNT(*) FILTER (WHERE r.intake_id IS NOT NULL AND r.exit_id IS NOT NULL),
                COUNT(*) FILTER (WHERE c.improved >= 2),
                {means}
            FROM zrm_rows r
            LEFT JOIN per_row c ON c.row_adult = r.row_adult AND c.row_stay = r.row_stay
        """  # noqa: S608  # nosec B608 - see the comment above
        with connection.cursor() as cursor:
            cursor.execute(sql, [*rows_params, *domains, *domains])
            n, both, improved_2, *per_domain_values = cursor.fetchone()
        result: dict[str, Any] = {"n": n, "both": both, "improved_2": improved_2}
        for i, d in enumerate(ZRM_CORE_DOMAINS):
            mean, count_d = per_domain_values[2 * i], per_domain_values[2 * i + 1]
            result[f"mean_{d}"] = None if mean is None else float(mean)
            result[f"n_{d}"] = count_d
        return result

    @cached_property
    def psych_referrals(self) -> int:
        """Referrals of adults for psychological support made in the period, at the location of
        the household's latest stay admitted on or before the referral day (during or after it)."""
        p = self.period
        latest_stay = (
            Stay.objects.filter(household_id=OuterRef("adult__household_id"), admitted_on__lte=OuterRef("referred_on"))
            .order_by("-admitted_on", "-pk")
            .values("location_id")[:1]
        )
        return (
            PsychSupportReferral.objects.filter(referred_on__range=(p.start, p.end))
            .annotate(stay_location=Subquery(latest_stay))
            .filter(stay_location__in=self.locations.values("pk"))
            .count()
        )

    # Safety ----------------------------------------------------------------------------------
    @cached_property
    def suspensions(self) -> dict:
        p = self.period
        return Suspension.objects.filter(location__in=self.locations, start_on__range=(p.start, p.end)).aggregate(
            n=Count("pk", distinct=True), children=Count("children_affected__child", distinct=True)
        )

    @cached_property
    def meldcode(self) -> int:
        p = self.period
        return MeldcodeStepRecord.objects.filter(
            Q(child__household__stays__left_on__isnull=True) | Q(child__household__stays__left_on__gte=F("done_on")),
            step=MeldcodeStep.MAP_SIGNALS,
            done_on__range=(p.start, p.end),
            child__household__stays__location__in=self.locations,
            child__household__stays__admitted_on__lte=F("done_on"),
        ).aggregate(n=Count("pk", distinct=True))["n"]

    # Experience surveys -----------------------------------------------------------------------
    @cached_property
    def surveys(self) -> dict:
        """Responses by the month they were given in (a response stores only its month)."""
        p = self.period
        responses = SurveyResponse.objects.filter(location__in=self.locations, period_start__range=(p.start, p.end))
        return responses.aggregate(
            n=Count("pk"),
            **{f"mean_{theme}": Avg(theme) for theme in SURVEY_THEMES},
            **{f"n_{theme}": Count(theme) for theme in SURVEY_THEMES},
        )

    # Stuck households (chain consultation) ---------------------------------------------------
    @cached_property
    def stuck(self) -> dict:
        """Stuck marks at locations in scope: stuck at the period end (in all and per reason),
        marked and resolved in the period, and the two medians. Three queries."""
        p = self.period
        marks = StuckMark.objects.filter(location__in=self.locations)
        at_end = Q(since__lte=p.end) & (Q(resolved_on__isnull=True) | Q(resolved_on__gt=p.end))
        resolved = Q(resolved_on__range=(p.start, p.end))
        result = marks.aggregate(
            present=Count("pk", filter=at_end),
            new=Count("pk", filter=Q(since__range=(p.start, p.end))),
            resolved=Count("pk", filter=resolved),
            **{f"reason_{reason}": Count("pk", filter=at_end & Q(reason=reason)) for reason in StuckReason.values},
        )
        result["days"] = statistic(*median_of(marks.filter(at_end), DaysBetween(Value(p.end), F("since"))))
        result["resolution"] = statistic(*median_of(marks.filter(resolved), DaysBetween(F("resolved_on"), F("since"))))
        return result

    # Staff -----------------------------------------------------------------------------------
    @cached_property
    def staff(self) -> dict:
        """Caseworkers assigned to a location in scope at any time in the period (the dated
        StaffAssignment history, not today's staff), and how many of them held each training
        at the end of the period. A past period therefore recomputes to the same numbers."""
        p = self.period

        def trained(training: str) -> Q:
            valid = TrainingRecord.objects.filter(user_id=OuterRef("pk"), training=training, completed_on__lte=p.end)
            return Q(Exists(valid.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=p.end))))

        assigned = StaffAssignment.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=p.start),
            location__in=self.locations,
            role=Role.CASEWORKER,
            started_on__lte=p.end,
        )
        return User.objects.filter(pk__in=assigned.values("user_id")).aggregate(
            n=Count("pk"),
            **{training: Count("pk", filter=trained(training)) for training in STAFF_TRAININGS},
        )


def return_counts(stays: QuerySet[Stay], cohorts: dict[int, Period]) -> dict:
    """Of ``stays``, the households that left to permanent housing in the cohort period of each
    window of N months (``cohort_N``), and how many of them applied or were admitted again within
    N months after leaving (``returned_N``). One query. Used by ``Computation.returns`` and by the
    pilot cohorts (reports.cohorts), so "relapse" means the same everywhere."""
    aggregates = {}
    for n, cohort in cohorts.items():
        applied_again = Application.objects.filter(
            household_id=OuterRef("household_id"),
            applied_on__gt=OuterRef("left_on"),
            applied_on__lte=AddMonths(OuterRef("left_on"), n),
        )
        stayed_again = Stay.objects.filter(
            household_id=OuterRef("household_id"),
            admitted_on__gt=OuterRef("left_on"),
            admitted_on__lte=AddMonths(OuterRef("left_on"), n),
        )
        in_cohort = Q(left_on__range=(cohort.start, cohort.end))
        # Households, as the definition says: a household that left twice counts once.
        aggregates[f"cohort_{n}"] = Count("household_id", distinct=True, filter=in_cohort)
        aggregates[f"returned_{n}"] = Count(
            "household_id", distinct=True, filter=in_cohort & (Q(Exists(applied_again)) | Q(Exists(stayed_again)))
        )
    earliest = min(c.start for c in cohorts.values())
    latest = max(c.end for c in cohorts.values())
    return stays.filter(destination__in=PERMANENT, left_on__range=(earliest, latest)).aggregate(**aggregates)


# The outcomes of a housing application counted by the indicators (every one but "open").
CLOSED_OUTCOMES = [o for o in HousingOutcome.values if o != HousingOutcome.OPEN]

# The trainings the staff indicators report on, in the order of the indicators.
STAFF_TRAININGS = (Training.GEDRAGEN_PLAN, Training.VEERKRACHT, Training.TRAUMA_INFORMED, Training.MELDCODE)


class AddDays(AddMonths):
    """A date plus a whole number of days."""

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> _AsSqlType:
        return super(AddMonths, self).as_sql(
            compiler, connection, template=f"CAST((%(expressions)s + {self.months}) AS date)"
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return super(AddMonths, self).as_sql(
            compiler, connection, template=f"date(%(expressions)s, '{self.months:+d} days')"
        )


# --- The registry ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Section:
    code: str
    title: Promise


SECTIONS = [
    Section("inflow", _("Inflow and occupancy")),
    Section("children", _("Children as clients")),
    Section("plan", _("Gedragen plan")),
    Section("handover", _("Handovers")),
    Section("duration", _("Duration")),
    Section("outflow", _("Outflow and after")),
    Section("housing", _("Housing outflow")),
    Section("zrm", _("Self-sufficiency")),
    Section("safety", _("Safety")),
    Section("stuck", _("Stuck households")),
    Section("experience", _("Experience of clients")),
    Section("staff", _("Staff")),
]


@dataclass(frozen=True)
class Indicator:
    code: str
    section: str
    name: Promise
    definition: Promise
    unit: str
    fn: Callable[[Computation], Result]

    @property
    def unit_label(self) -> str:
        return str(Unit(self.unit).label)


def _zrm_change(domain: str) -> Callable[[Computation], Result]:
    return lambda c: statistic(c.zrm[f"mean_{domain}"], c.zrm[f"n_{domain}"], digits=2)


def _reason_count(reason: str) -> Callable[[Computation], Result]:
    return lambda c: count(c.extension_reasons.get(reason, 0))


def _survey_mean(theme: str) -> Callable[[Computation], Result]:
    return lambda c: statistic(c.surveys[f"mean_{theme}"], c.surveys[f"n_{theme}"], digits=2)


SURVEY_THEME_NAMES = {
    "safety": _("Experience: safety"),
    "respect": _("Experience: respect"),
    "heard": _("Experience: being heard"),
    "children_help": _("Experience: help with the children"),
    "housing": _("Experience: housing"),
}


def _voice_theme(theme: str) -> Callable[[Computation], Result]:
    return lambda c: count(c.voice_themes.get(theme, 0))


def _stuck_reason(reason: str) -> Callable[[Computation], Result]:
    return lambda c: count(c.stuck[f"reason_{reason}"])


def _exits(group: str) -> Callable[[Computation], Result]:
    return lambda c: count(c.stays[f"exits_{group}"])


def _housing_kind(kind: str) -> Callable[[Computation], Result]:
    return lambda c: count(c.housing_applications[f"kind_{kind}"])


def _housing_outcome(outcome: str) -> Callable[[Computation], Result]:
    return lambda c: count(c.housing_applications[f"outcome_{outcome}"])


def _returned(months: int) -> Callable[[Computation], Result]:
    return lambda c: percent(c.returns[f"returned_{months}"], c.returns[f"cohort_{months}"])


I = Indicator  # noqa: E741 - keeps the registry readable
INDICATORS: list[Indicator] = [
    # Inflow and occupancy
    I(
        "applications",
        "inflow",
        _("Applications"),
        _("Number of applications (aanmeldingen) for a location in scope made in the period."),
        Unit.COUNT,
        lambda c: count(c.applications),
    ),
    I(
        "waiting_days",
        "inflow",
        _("Median waiting days"),
        _(
            "Median number of days from application to admission, for stays admitted in the period that came from an application."
        ),
        Unit.DAYS,
        lambda c: c.waiting,
    ),
    I(
        "occupancy",
        "inflow",
        _("Occupancy"),
        _(
            "Occupied nights (each adult and child of the household counts) divided by capacity nights (places × days in the period)."
        ),
        Unit.PERCENT,
        lambda c: percent(c.stays["person_nights"], c.capacity_nights),
    ),
    I(
        "households_served",
        "inflow",
        _("Households served"),
        _("Number of different households with a stay in the period."),
        Unit.COUNT,
        lambda c: count(c.stays["households"]),
    ),
    I(
        "children_served",
        "inflow",
        _("Children served"),
        _(
            "Number of children in households with a stay in the period, each child counted once per stay; a child who turns 18 during the period still counts."
        ),
        Unit.COUNT,
        lambda c: count(c.children["served"]),
    ),
    I(
        "households_present",
        "inflow",
        _("Households present at period end"),
        _("Number of households still staying after the last day of the period."),
        Unit.COUNT,
        lambda c: count(c.stays["present"]),
    ),
    I(
        "children_present",
        "inflow",
        _("Children present at period end"),
        _("Number of children in households still staying after the last day of the period."),
        Unit.COUNT,
        lambda c: count(c.children["present"]),
    ),
    # Children as clients
    I(
        "child_intake",
        "children",
        _("Own intake within 14 days"),
        _(
            "Of the children whose 14th day after admission fell in the period (stays that ended within 14 days left out): the share whose own intake took place within 14 days of admission. Counted per child per stay."
        ),
        Unit.PERCENT,
        lambda c: percent(c.intake["within"], c.intake["n"]),
    ),
    I(
        "child_mentor",
        "children",
        _("Own mentor"),
        _("Of the children with a stay in the period: the share with their own mentor (vaste begeleider)."),
        Unit.PERCENT,
        lambda c: percent(c.children["mentor"], c.children["served"]),
    ),
    I(
        "faces_median",
        "children",
        _("Median different faces per child"),
        _(
            "Median number of different professionals involved with a child during one stay (up to the end of the period)."
        ),
        Unit.COUNT,
        lambda c: c.faces["median"],
    ),
    I(
        "faces_above",
        "children",
        _("Children above the faces threshold"),
        _(
            "Share of children with a stay in the period who met more different professionals than the agreed threshold."
        ),
        Unit.PERCENT,
        lambda c: percent(c.faces["above"], c.children["served"]),
    ),
    I(
        "child_voice",
        "children",
        _("Child's voice recorded"),
        _(
            "Share of children with a stay in the period for whom at least one entry in their own words was recorded during the stay, up to the end of the period."
        ),
        Unit.PERCENT,
        lambda c: percent(c.children["voice"], c.children["served"]),
    ),
    I(
        "child_veerkracht",
        "children",
        _("In Veerkracht"),
        _(
            "Share of children with a stay in the period who took part in Veerkracht (individual or group) during the stay, up to the end of the period."
        ),
        Unit.PERCENT,
        lambda c: percent(c.children["veerkracht"], c.children["served"]),
    ),
    I(
        "child_school",
        "children",
        _("School continued"),
        _("Of the children with a stay in the period and a known school: the share whose school attendance continued."),
        Unit.PERCENT,
        lambda c: percent(c.children["school_continued"], c.children["school"]),
    ),
    I(
        "youth_care_referrals",
        "children",
        _("Referrals to specialised youth care"),
        _("Number of referrals of children to specialised youth care made in the period during a stay in scope."),
        Unit.COUNT,
        lambda c: count(c.referrals),
    ),
    I(
        "referral_days",
        "children",
        _("Median days from referral to start of youth care"),
        _(
            "Median number of days from referral to the start of the help, for help that started in the period after a referral during a stay in scope."
        ),
        Unit.DAYS,
        lambda c: c.referral_days,
    ),
    # Gedragen plan
    I(
        "plan_within_30",
        "plan",
        _("Agreed plan within 30 days"),
        _(
            "Of the stays that reached their 30th day in the period (stays shorter than 30 days left out): the share with a plan agreed within 30 days of admission."
        ),
        Unit.PERCENT,
        lambda c: percent(c.plan_within["agreed"], c.plan_within["n"]),
    ),
    I(
        "plan_gedragen",
        "plan",
        _("Agreed plans that are gedragen"),
        _(
            "Of the plan versions agreed in the period: the share that was gedragen (carried by the family and its circle) when agreed."
        ),
        Unit.PERCENT,
        lambda c: percent(c.plans["gedragen"], c.plans["n"]),
    ),
    I(
        "plan_network_mean",
        "plan",
        _("Mean network participants per plan"),
        _(
            "Mean number of participants from the family's own network outside the household per plan version agreed in the period."
        ),
        Unit.RATIO,
        lambda c: statistic(c.plans["network_mean"], c.plans["n"], digits=2),
    ),
    I(
        "plan_network_any",
        "plan",
        _("Plans with at least one network participant"),
        _(
            "Of the plan versions agreed in the period: the share with at least one participant from the family's own network outside the household."
        ),
        Unit.PERCENT,
        lambda c: percent(c.plans["with_network"], c.plans["n"]),
    ),
    I(
        "plan_reviews_on_time",
        "plan",
        _("Plan reviews on time"),
        _(
            "Of the agreed plans whose review date fell in the period: the share whose review started on or before that date."
        ),
        Unit.PERCENT,
        lambda c: percent(c.reviews["on_time"], c.reviews["n"]),
    ),
    I(
        "child_own_goal",
        "plan",
        _("Children with their own goal"),
        _("Share of children with a stay in the period who have their own goal in an agreed plan."),
        Unit.PERCENT,
        lambda c: percent(c.children["with_goal"], c.children["served"]),
    ),
    I(
        "child_wish_to_goal",
        "plan",
        _("Children whose own words led to a goal"),
        _(
            "Number of different children with a stay in the period for whom a goal that came from their own words (a recorded wish or worry) was part of a plan version agreed in the period during the stay."
        ),
        Unit.COUNT,
        lambda c: count(c.children["wish_to_goal"]),
    ),
    # The themes children raise in their own words: counted per theme, never the words.
    *[
        I(
            f"child_theme_{theme.value}",
            "children",
            format_lazy(_("Children's theme: {theme}"), theme=theme.label),
            _(
                "Number of different children who raised this theme in their own words, recorded in the period during a stay in scope. Only the theme is counted, never the words."
            ),
            Unit.COUNT,
            _voice_theme(theme.value),
        )
        for theme in VoiceTheme
    ],
    # Handovers
    I(
        "handover_warm",
        "handover",
        _("Warm handovers"),
        _(
            "Of the handovers in the period (not revoked) during a stay or within a month after it: the share that was warm."
        ),
        Unit.PERCENT,
        lambda c: percent(c.handovers["warm"], c.handovers["n"]),
    ),
    I(
        "handover_confirmed",
        "handover",
        _("Handovers confirmed within 7 days"),
        _(
            "Of the handovers (not revoked, during a stay or within a month after it) whose 7th day after the handover date fell in the period: the share the receiving organisation accepted at most 7 days after the handover date."
        ),
        Unit.PERCENT,
        lambda c: percent(c.handovers_confirmed["confirmed"], c.handovers_confirmed["n"]),
    ),
    I(
        "organisations_median",
        "handover",
        _("Median organisations involved per household"),
        _(
            "Median number of different organisations with a professional involved with a member of the household during the period, over households with a stay in the period."
        ),
        Unit.COUNT,
        lambda c: c.organisations,
    ),
    # Duration
    I(
        "stay_length_mo",
        "duration",
        _("Median length of stay (MO)"),
        _(
            "Median number of days from admission to departure of stays that ended in the period at social shelter and intermediate locations."
        ),
        Unit.DAYS,
        lambda c: c.length_mo,
    ),
    I(
        "stay_length_vo",
        "duration",
        _("Median length of stay (VO)"),
        _(
            "Median number of days from admission to departure of stays that ended in the period at women's and crisis shelter locations."
        ),
        Unit.DAYS,
        lambda c: c.length_vo,
    ),
    I(
        "beschikking_extended",
        "duration",
        _("Beschikkingen extended"),
        _(
            "Of the beschikkingen whose original end date fell in the period: the share extended by a decision taken by the end of the period."
        ),
        Unit.PERCENT,
        lambda c: percent(c.beschikkingen["extended"], c.beschikkingen["n"]),
    ),
    I(
        "beschikking_6_months",
        "duration",
        _("Beschikkingen of 6 months"),
        _(
            "Of the beschikkingen that started in the period at a location in scope: the share first decided for 6 months (original end 6 calendar months or more after the start) rather than 3. Admission proposes 6 months for economically homeless households."
        ),
        Unit.PERCENT,
        lambda c: percent(c.beschikkingen["started_6_months"], c.beschikkingen["started"]),
    ),
    *[
        I(
            f"extensions_{reason.value}",
            "duration",
            format_lazy(_("Extensions: {reason}"), reason=reason.label),
            _("Number of extensions of a beschikking decided in the period for this reason."),
            Unit.COUNT,
            _reason_count(reason.value),
        )
        for reason in ExtensionReason
    ],
    I(
        "stays_over_6_months",
        "duration",
        _("Stays over 6 months"),
        _(
            "Number of stays still running at the end of the period that began more than 6 months before that day (a stay that began exactly 6 months before does not count yet)."
        ),
        Unit.COUNT,
        lambda c: count(c.stays["over_6_months"]),
    ),
    # Outflow and after
    I(
        "exits",
        "outflow",
        _("Departures"),
        _("Number of stays that ended in the period."),
        Unit.COUNT,
        lambda c: count(c.stays["exits"]),
    ),
    *[
        I(
            f"exits_{group.value}",
            "outflow",
            group.label,
            _("Number of stays that ended in the period with a destination in this group."),
            Unit.COUNT,
            _exits(group.value),
        )
        for group in DestinationGroup
    ],
    I(
        "exits_permanent_share",
        "outflow",
        _("Departures to permanent housing"),
        _("Of the stays that ended in the period: the share that left to permanent housing."),
        Unit.PERCENT,
        lambda c: percent(c.stays["exits_permanent"], c.stays["exits"]),
    ),
    *[
        I(
            f"returns_{months}m",
            "outflow",
            format_lazy(_("Return within {months} months"), months=months),
            format_lazy(
                _(
                    "Of the households that left to permanent housing in the period {months} months before this one: "
                    "the share that applied again or was admitted again within {months} months after leaving. Counted per household."
                ),
                months=months,
            ),
            Unit.PERCENT,
            _returned(months),
        )
        for months in RETURN_WINDOWS
    ],
    I(
        "aftercare_3m",
        "outflow",
        _("Aftercare contact within 3 months"),
        _(
            "Of the stays that ended in the period three months before this one (deaths left out): the share with an aftercare contact within 3 months after leaving (an attempt that reached nobody does not count)."
        ),
        Unit.PERCENT,
        lambda c: percent(c.aftercare["with_contact"], c.aftercare["n"]),
    ),
    I(
        "aftercare_plan",
        "outflow",
        _("Departures with an aftercare plan"),
        _(
            "Of the stays whose 14th day after the departure fell in the period (deaths left out): the share with an aftercare plan (owner, frequency of contact, planned end) made at most 14 days after leaving."
        ),
        Unit.PERCENT,
        lambda c: percent(c.aftercare_after["with_plan"], c.aftercare_after["departures"]),
    ),
    I(
        "safety_checks_on_time",
        "outflow",
        _("Safety checks after the shelter on time"),
        _(
            "Of the safety checks after the shelter ('Veilig na opvang', 1 and 3 months after a departure from a VO stay or of a household that came for domestic violence; deaths and households admitted again by the due day left out) whose 14 days after the due day ended in the period: the share done at most 14 days after the due day. Each check counts once."
        ),
        Unit.PERCENT,
        lambda c: percent(c.aftercare_after["checks_on_time"], c.aftercare_after["checks"]),
    ),
    I(
        "readmissions_guarantee",
        "outflow",
        _("Readmissions under the relapse guarantee"),
        _(
            "Number of stays at a location in scope admitted in the period under the relapse guarantee: a readmission within 12 months of the household's departure, with priority and without new waiting."
        ),
        Unit.COUNT,
        lambda c: count(c.aftercare_after["guarantee"]),
    ),
    # Housing outflow
    I(
        "ready_to_departure_days",
        "housing",
        _("Median days from ready to move to departure"),
        _(
            "Median number of days from the date a household was marked ready to move (woonklaar) to its departure, for stays that ended in the period after such a mark."
        ),
        Unit.DAYS,
        lambda c: c.ready_to_departure,
    ),
    I(
        "housing_within_90",
        "housing",
        _("To housing within 90 days of ready to move"),
        _(
            "Of the households marked ready to move whose 90th day after that date fell in the period: the share that left to housing (own rental via urgency, social or private rent, supported housing or an intermediate facility) at most 90 days after the mark. Counted per stay."
        ),
        Unit.PERCENT,
        lambda c: percent(c.housing_within["housed"], c.housing_within["n"]),
    ),
    *[
        I(
            f"housing_applications_{kind.value}",
            "housing",
            format_lazy(_("Housing applications: {kind}"), kind=kind.label),
            _("Number of housing applications of this kind made in the period during a stay in scope."),
            Unit.COUNT,
            _housing_kind(kind.value),
        )
        for kind in HousingApplicationKind
    ],
    *[
        I(
            f"housing_outcome_{outcome.value}",
            "housing",
            format_lazy(_("Housing applications ended: {outcome}"), outcome=outcome.label),
            _(
                "Number of housing applications made during a stay in scope that reached this outcome in the period (by the date of the outcome)."
            ),
            Unit.COUNT,
            _housing_outcome(outcome.value),
        )
        for outcome in HousingOutcome
        if outcome != HousingOutcome.OPEN
    ],
    # Self-sufficiency
    I(
        "zrm_intake_exit",
        "zrm",
        _("ZRM at intake and exit"),
        _(
            "Of the adults whose stay ended in the period: the share with a ZRM assessment at intake and one at exit during that stay. Counted per adult per stay."
        ),
        Unit.PERCENT,
        lambda c: percent(c.zrm["both"], c.zrm["n"]),
    ),
    I(
        "zrm_improved_2",
        "zrm",
        _("Improved on at least two domains"),
        _(
            "Of the adults with a ZRM at intake and exit: the share whose exit score is higher on at least two core domains."
        ),
        Unit.PERCENT,
        lambda c: percent(c.zrm["improved_2"], c.zrm["both"]),
    ),
    *[
        I(
            f"zrm_change_{domain.value}",
            "zrm",
            domain.label,
            _(
                "Mean change in score from intake to exit on this domain, for adults with both assessments scored on it."
            ),
            Unit.RATIO,
            _zrm_change(domain.value),
        )
        for domain in ZRM_CORE_DOMAINS
    ],
    I(
        "psych_referrals",
        "zrm",
        _("Adults referred for psychological support"),
        _(
            "Number of referrals of adults for psychological support (GP practice nurse for mental health, GGZ basic or specialised, other) made in the period, during a stay in scope or after it: a referral counts at the location of the household's latest stay admitted on or before the referral day."
        ),
        Unit.COUNT,
        lambda c: count(c.psych_referrals),
    ),
    # Safety
    I(
        "suspensions_rate",
        "safety",
        _("Suspensions per 1,000 nights"),
        _("Number of suspensions that began in the period, per 1,000 occupied nights (as in occupancy)."),
        Unit.RATIO,
        lambda c: rate(c.suspensions["n"], c.stays["person_nights"], 1000),
    ),
    I(
        "suspension_children",
        "safety",
        _("Children affected by a suspension"),
        _("Number of different children affected by a suspension that began in the period."),
        Unit.COUNT,
        lambda c: count(c.suspensions["children"]),
    ),
    I(
        "meldcode_started",
        "safety",
        _("Meldcode procedures started"),
        _(
            "Number of meldcode procedures (step 1: mapping the signals) started in the period for children during a stay in scope."
        ),
        Unit.COUNT,
        lambda c: count(c.meldcode),
    ),
    # Stuck households (chain consultation)
    I(
        "stuck_present",
        "stuck",
        _("Households stuck at period end"),
        _(
            "Number of households marked as stuck (vastgelopen) at a location in scope whose mark began on or before the last day of the period and was not resolved by then."
        ),
        Unit.COUNT,
        lambda c: count(c.stuck["present"]),
    ),
    *[
        I(
            f"stuck_{reason.value}",
            "stuck",
            format_lazy(_("Stuck: {reason}"), reason=reason.label),
            _("Number of households stuck at the end of the period for this reason."),
            Unit.COUNT,
            _stuck_reason(reason.value),
        )
        for reason in StuckReason
    ],
    I(
        "stuck_new",
        "stuck",
        _("Households newly stuck"),
        _("Number of stuck marks at a location in scope that began in the period."),
        Unit.COUNT,
        lambda c: count(c.stuck["new"]),
    ),
    I(
        "stuck_days_median",
        "stuck",
        _("Median days stuck"),
        _(
            "Of the households stuck at the end of the period: the median number of days from the first day stuck to the last day of the period."
        ),
        Unit.DAYS,
        lambda c: c.stuck["days"],
    ),
    I(
        "stuck_resolved",
        "stuck",
        _("Stuck households resolved"),
        _("Number of stuck marks at a location in scope resolved in the period."),
        Unit.COUNT,
        lambda c: count(c.stuck["resolved"]),
    ),
    I(
        "stuck_resolution_days",
        "stuck",
        _("Median days to resolution"),
        _(
            "Of the stuck marks resolved in the period: the median number of days from the first day stuck to the day it was resolved."
        ),
        Unit.DAYS,
        lambda c: c.stuck["resolution"],
    ),
    # Experience surveys
    I(
        "survey_responses",
        "experience",
        _("Experience survey responses"),
        _(
            "Number of experience surveys filled in during the period (at departure and during aftercare, by parents and children), by the month they were given in."
        ),
        Unit.COUNT,
        lambda c: count(c.surveys["n"]),
    ),
    *[
        I(
            f"survey_{theme}",
            "experience",
            SURVEY_THEME_NAMES[theme],
            _(
                "Mean answer from 1 (bad) to 5 (good) on this theme, over the experience surveys of the period that answered it. Shown from 5 answers."
            ),
            Unit.RATIO,
            _survey_mean(theme),
        )
        for theme in SURVEY_THEMES
    ],
    # Staff
    I(
        "staff_gedragen_plan",
        "staff",
        _("Caseworkers trained in the gedragen plan"),
        _(
            "Of the caseworkers assigned to a location in scope at any time in the period: the share with a valid training in working with the gedragen plan at the end of the period."
        ),
        Unit.PERCENT,
        lambda c: percent(c.staff[Training.GEDRAGEN_PLAN], c.staff["n"]),
    ),
    I(
        "staff_veerkracht",
        "staff",
        _("Caseworkers trained in Veerkracht"),
        _(
            "Of the caseworkers assigned to a location in scope at any time in the period: the share with a valid Veerkracht training at the end of the period."
        ),
        Unit.PERCENT,
        lambda c: percent(c.staff[Training.VEERKRACHT], c.staff["n"]),
    ),
    I(
        "staff_trauma_informed",
        "staff",
        _("Caseworkers trained in trauma-informed care"),
        _(
            "Of the caseworkers assigned to a location in scope at any time in the period: the share with a valid training in trauma-informed care at the end of the period."
        ),
        Unit.PERCENT,
        lambda c: percent(c.staff[Training.TRAUMA_INFORMED], c.staff["n"]),
    ),
    I(
        "staff_meldcode",
        "staff",
        _("Caseworkers trained in the meldcode"),
        _(
            "Of the caseworkers assigned to a location in scope at any time in the period: the share with a valid training in the meldcode for domestic violence and child abuse at the end of the period."
        ),
        Unit.PERCENT,
        lambda c: percent(c.staff[Training.MELDCODE], c.staff["n"]),
    ),
]
