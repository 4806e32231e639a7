"""Reads of the case file: the caseload with its signals, the household page, handovers as work.

Signals are computed in the database (Exists/Subquery annotations), so a list page runs the same
number of queries for 5 or 500 households.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy

from opvang.constants import CASE_ROLES, Role
from opvang.models import Location, User

from . import extensions
from .access import handover_scope_q, may_see_workload
from .constants import OPEN_HANDOVER_STATUSES, HouseholdStatus, ZrmDomain
from .models import (
    AdultClient,
    AftercareContact,
    Application,
    Beschikking,
    FollowUp,
    Handover,
    Household,
    PsychSupportReferral,
    Stay,
    SuspendedChild,
    Suspension,
    ZrmScore,
)
from .services import RELAPSE_MONTHS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Days before the end of a beschikking at which the caseload warns (when no outflow is arranged).
BESCHIKKING_WARNING_DAYS = 14


def _current_beschikking() -> QuerySet[Beschikking]:
    # The latest beschikking of the household's open stay; an older one of the same stay does not count.
    current = Beschikking.objects.filter(stay__household=OuterRef("pk"), stay__left_on__isnull=True)
    return current.exclude(Exists(Beschikking.objects.filter(stay=OuterRef("stay"), end_on__gt=OuterRef("end_on"))))


def _beschikking_ends(today: date) -> Exists:
    """Ends today or within 14 days and no outflow is arranged yet."""
    ends_soon = _current_beschikking().filter(
        stay__planned_destination="",
        end_on__gte=today,
        end_on__lte=today + timedelta(days=BESCHIKKING_WARNING_DAYS),
    )
    return Exists(ends_soon)


def _beschikking_expired(today: date) -> Exists:
    """Ended before today while the stay goes on: a signal even with an outflow planned, until the
    stay ends or the beschikking is extended."""
    return Exists(_current_beschikking().filter(end_on__lt=today))


def _open_handover(today: date) -> Exists:
    return Exists(Handover.objects.filter(household=OuterRef("pk"), status__in=OPEN_HANDOVER_STATUSES))


def _relapse(today: date) -> Exists:
    return Exists(
        Application.objects.filter(
            household=OuterRef("pk"),
            relapse_of__isnull=False,
            applied_on__gte=today - relativedelta(months=RELAPSE_MONTHS),
        )
    )


# The case file's own signals; children and plans add theirs (cases.extensions). The order
# numbers leave room for theirs: it is the order of the badges and of the filter's choices.
CASELOAD_SIGNALS = (
    extensions.CaseloadSignal(
        "signal_beschikking_expired", gettext_lazy("Beschikking expired"), _beschikking_expired, order=5
    ),
    extensions.CaseloadSignal(
        "signal_beschikking_ends",
        gettext_lazy("Beschikking ends within 14 days, no outflow arranged"),
        _beschikking_ends,
        order=10,
    ),
    extensions.CaseloadSignal("signal_open_handover", gettext_lazy("Open handover"), _open_handover, order=40),
    extensions.CaseloadSignal("signal_relapse", gettext_lazy("Relapse"), _relapse, order=50),
)
SIGNAL_NAMES = tuple(signal.name for signal in CASELOAD_SIGNALS)


def signal_annotations(today: date | None = None) -> dict:
    """Boolean annotations over Household, one per registered signal (the case file's own and
    those of higher apps), plus the current beschikking's end."""
    today = today or timezone.localdate()
    current_beschikking = Beschikking.objects.filter(stay__household=OuterRef("pk"), stay__left_on__isnull=True)
    return {
        "current_beschikking_end": Subquery(current_beschikking.order_by("-end_on").values("end_on")[:1]),
        **{signal.name: signal.annotation(today) for signal in extensions.caseload_signals()},
    }


CASELOAD_ORDER = ("status", "reference")


def caseload_scope(*, user: User) -> QuerySet[Household]:
    """The households in the user's scope in the caseload's order, without signals: what the
    caseload page filters and paginates before it computes the signals of one page
    (``caseload_rows``). ``filters.CaseloadFilter`` adds the one signal it filters by.

    At national scale (200 000 households) PostgreSQL plans the signal subqueries of the annotated
    caseload for every household of the scope before the page's LIMIT, and evaluates each signal
    over the whole region (~1 s); over 25 known ids it looks them up per row.
    """
    return Household.objects.visible_to(user).order_by(*CASELOAD_ORDER)


def caseload_rows(page: QuerySet[Household], today: date | None = None) -> QuerySet[Household]:
    """One page of the caseload (a sliced ``caseload_scope``, filtered) with the signals, adults and
    number of children of ``caseload``, in the caseload's order: the page's ids are a subquery,
    so one query as before."""
    return _with_signals(Household.objects.filter(pk__in=page.values("pk")), today)


def caseload(*, user: User, today: date | None = None) -> QuerySet[Household]:
    """Households in the user's scope with their signals, adults and number of children.

    The caseload's filters (``filters.CaseloadFilter``) narrow it: by default, closed households
    are left out there. The caseload page filters ``caseload_scope`` and annotates one page
    (``caseload_rows``); this annotated whole is for reads that need every row's signals.
    """
    return _with_signals(Household.objects.visible_to(user), today)


def _with_signals(households: QuerySet[Household], today: date | None) -> QuerySet[Household]:
    households = households.annotate(
        **signal_annotations(today),
        # Counted through the relation (children register theirs on Household as "children").
        children_count=Coalesce(
            Subquery(
                Household.objects.filter(pk=OuterRef("pk")).order_by().annotate(n=Count("children")).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
    )
    return (
        households.select_related("location")
        .prefetch_related(
            Prefetch("adults", queryset=AdultClient.objects.select_related("caseworker")),
            # The children's own mentors (children.Child.mentor), read through the relation.
            "children__mentor",
        )
        .order_by(*CASELOAD_ORDER)
    )


def caseworkers_of(household: Household) -> list[User]:
    """The adults' trajectory caseworkers and the children's mentors, each once, from the
    prefetched relations of selectors.caseload (no queries)."""
    people = [adult.caseworker for adult in household.adults.all()]
    people += [child.mentor for child in household.children.all()]
    seen: dict[int, User] = {}
    for person in people:
        if person is not None:
            seen.setdefault(person.pk, person)
    return list(seen.values())


def case_staff(user: User) -> QuerySet[User]:
    """Active caseworkers and team leads of the user's organisation: whom a caseload can be about."""
    if user.organisation_id is None:
        return User.objects.none()
    return User.objects.filter(organisation_id=user.organisation_id, role__in=CASE_ROLES, is_active=True).order_by(
        "first_name", "last_name", "pk"
    )


def households_of_caseworker(staff_member_pk: int) -> QuerySet[Household]:
    """Households where this staff member is an adult's trajectory caseworker or a child's mentor."""
    return Household.objects.filter(Q(adults__caseworker_id=staff_member_pk) | Q(children__mentor_id=staff_member_pk))


@dataclass
class Workload:
    staff_member: User
    households: int = 0
    children: int = 0
    open_follow_ups: int = 0
    overdue_follow_ups: int = 0
    signals: int = 0  # households of this caseworker with at least one signal


def caseworker_workload(*, user: User, today: date | None = None) -> list[Workload]:
    """Per caseworker of the team lead's organisation: the open households (not closed) in the team
    lead's scope where they are an adult's trajectory caseworker or a child's mentor, the children in
    them (all children of a caseworker's household, and each child they mentor), their open (and
    overdue) follow-ups, and how many of their households show a signal.

    Five queries, whatever the number of caseworkers and households: staff, households with their
    signals, adults' caseworkers, children's mentors, follow-ups per owner.
    """
    if not may_see_workload(user):
        return []
    today = today or timezone.localdate()
    staff = list(case_staff(user))
    rows = {member.pk: Workload(member) for member in staff}
    in_scope = Household.objects.visible_to(user).exclude(status=HouseholdStatus.CLOSED)
    names = [signal.name for signal in extensions.caseload_signals()]
    with_signal = {
        row["pk"]
        for row in in_scope.annotate(**signal_annotations(today)).values("pk", *names)
        if any(row[name] for name in names)
    }
    scope_pks = in_scope.values("pk")
    households: dict[int, set[int]] = {pk: set() for pk in rows}
    as_caseworker: dict[int, set[int]] = {pk: set() for pk in rows}
    children: dict[int, set[int]] = {pk: set() for pk in rows}
    for staff_pk, household_pk in AdultClient.objects.filter(
        household__in=scope_pks, caseworker_id__in=rows
    ).values_list("caseworker_id", "household_id"):
        households[staff_pk].add(household_pk)
        as_caseworker[staff_pk].add(household_pk)
    kids = (
        Household.objects.filter(pk__in=scope_pks, children__isnull=False)
        .order_by()
        .values_list("pk", "children__pk", "children__mentor_id")
    )
    children_of: dict[int, set[int]] = {}
    for household_pk, child_pk, mentor_pk in kids:
        children_of.setdefault(household_pk, set()).add(child_pk)
        if mentor_pk in rows:
            households[mentor_pk].add(household_pk)
            children[mentor_pk].add(child_pk)
    follow_ups = (
        FollowUp.objects.filter(owner_id__in=rows, done_at__isnull=True, household__in=scope_pks)
        .values("owner_id")
        .annotate(n=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
        .order_by()
    )
    for row in follow_ups:
        rows[row["owner_id"]].open_follow_ups = row["n"]
        rows[row["owner_id"]].overdue_follow_ups = row["overdue"]
    for pk, workload in rows.items():
        workload.households = len(households[pk])
        workload.children = len(children[pk].union(*(children_of.get(h, set()) for h in as_caseworker[pk])))
        workload.signals = len(households[pk] & with_signal)
    return [rows[member.pk] for member in staff]


def household_children(household: Household) -> list:
    """The household's children (youngest last), for forms that choose among them."""
    return list(household.children.order_by("date_of_birth"))


def household_search(
    *, user: User, name: str = "", date_of_birth: date | None = None, bsn: str = ""
) -> list[Household]:
    """Possible duplicates before registering: households in the user's scope with a person who
    matches the name, the date of birth or the BSN. Outside the scope nothing is shown."""
    conditions = Q()
    for prefix in ("adults", "children"):
        if name:
            for part in name.split():
                conditions |= Q(**{f"{prefix}__first_name__icontains": part}) | Q(
                    **{f"{prefix}__last_name__icontains": part}
                )
        if date_of_birth:
            conditions |= Q(**{f"{prefix}__date_of_birth": date_of_birth})
        if bsn:
            conditions |= Q(**{f"{prefix}__bsn": bsn})
    if not conditions:
        return []
    matches = Household.objects.filter(conditions).values("pk")
    return list(
        Household.objects.visible_to(user)
        .filter(pk__in=matches)
        .select_related("location", "organisation")
        .prefetch_related("adults", "children")
        .order_by("-created_at")[:20]
    )


@dataclass
class TimelineEvent:
    on: date
    kind: str
    obj: object


def household_file(household: Household) -> Household:
    """The household with everything its page shows prefetched onto it (a fixed number of queries).

    The household comes from household_get_for_user with its location and organisation: its
    relations are prefetched onto that object rather than fetching the household a second time."""
    beschikkingen = Prefetch("beschikkingen", queryset=Beschikking.objects.prefetch_related("extensions"))
    prefetch_related_objects(
        [household],
        Prefetch("adults", queryset=AdultClient.objects.select_related("caseworker")),
        Prefetch("applications", queryset=Application.objects.select_related("location", "relapse_of")),
        Prefetch("stays", queryset=Stay.objects.select_related("location").prefetch_related(beschikkingen)),
        Prefetch(
            "handovers",
            queryset=Handover.objects.select_related(
                "from_organisation", "to_organisation", "from_professional", "to_professional"
            ).prefetch_related("children"),
        ),
        Prefetch(
            "suspensions",
            queryset=Suspension.objects.select_related("adult", "location", "decided_by").prefetch_related(
                Prefetch("children_affected", queryset=SuspendedChild.objects.select_related("child"))
            ),
        ),
        Prefetch("aftercare_contacts", queryset=AftercareContact.objects.select_related("recorded_by")),
    )
    return household


def psych_referrals(household: Household) -> list[PsychSupportReferral]:
    """The adults' referrals for psychological support, newest first (one query)."""
    return list(PsychSupportReferral.objects.filter(adult__household=household).select_related("adult"))


def household_timeline(household: Household) -> list[TimelineEvent]:
    """One chronological list of what happened, built from the prefetched relations (no queries)."""
    events: list[TimelineEvent] = []
    for application in household.applications.all():
        events.append(TimelineEvent(application.applied_on, "application", application))
    for stay in household.stays.all():
        events.append(TimelineEvent(stay.admitted_on, "admission", stay))
        for beschikking in stay.beschikkingen.all():
            events.append(TimelineEvent(beschikking.start_on, "beschikking", beschikking))
            for extension in beschikking.extensions.all():
                events.append(TimelineEvent(extension.extended_on, "extension", extension))
        if stay.left_on:
            events.append(TimelineEvent(stay.left_on, "departure", stay))
    for handover in household.handovers.all():
        events.append(TimelineEvent(handover.planned_on, "handover", handover))
    for suspension in household.suspensions.all():
        events.append(TimelineEvent(suspension.start_on, "suspension", suspension))
    for contact in household.aftercare_contacts.all():
        events.append(TimelineEvent(contact.contact_on, "aftercare", contact))
    order = ["application", "admission", "beschikking", "extension", "handover", "suspension", "departure", "aftercare"]
    return sorted(events, key=lambda e: (e.on, order.index(e.kind)), reverse=True)


def open_stay(household: Household) -> Stay | None:
    """The open stay from the prefetched stays (no query)."""
    return next((s for s in household.stays.all() if s.left_on is None), None)


def current_beschikking(stay: Stay | None) -> Beschikking | None:
    if stay is None:
        return None
    return max(stay.beschikkingen.all(), key=lambda b: b.end_on, default=None)


@dataclass
class ZrmRow:
    domain: str
    label: StrOrPromise
    first: int | None
    last: int | None

    @property
    def change(self) -> int | None:
        if self.first is None or self.last is None:
            return None
        return self.last - self.first


@dataclass
class ZrmChange:
    adult: AdultClient
    first_on: date
    first_moment: str
    last_on: date
    last_moment: str
    count: int
    rows: list[ZrmRow]


def zrm_change(household: Household) -> list[ZrmChange]:
    """Per adult: the first and the latest ZRM assessment side by side, with the change per domain.

    One query for all scores of the household; grouping the (few) rows of one family is done here.
    """
    scores = (
        ZrmScore.objects.filter(assessment__adult__household=household)
        .select_related("assessment", "assessment__adult")
        .order_by("assessment__adult_id", "assessment__assessed_on", "assessment_id")
    )
    per_adult: dict[int, dict] = {}
    for score in scores:
        assessment = score.assessment
        entry = per_adult.setdefault(assessment.adult_id, {"adult": assessment.adult, "assessments": {}})
        entry["assessments"].setdefault(assessment.pk, (assessment, {}))[1][score.domain] = score.score
    result = []
    labels = dict(ZrmDomain.choices)
    for entry in per_adult.values():
        ordered = list(entry["assessments"].values())
        (first, first_scores), (last, last_scores) = ordered[0], ordered[-1]
        rows = [
            ZrmRow(
                domain, labels[domain], first_scores.get(domain), last_scores.get(domain) if len(ordered) > 1 else None
            )
            for domain in ZrmDomain.values
            if domain in first_scores or domain in last_scores
        ]
        result.append(
            ZrmChange(
                adult=entry["adult"],
                first_on=first.assessed_on,
                first_moment=first.get_moment_display(),
                last_on=last.assessed_on,
                last_moment=last.get_moment_display(),
                count=len(ordered),
                rows=rows,
            )
        )
    return result


def handovers_open_for(user: User) -> QuerySet[Handover]:
    """Open handovers as work for both sides: sent by the user's organisation (for households in
    scope) and received by it."""
    return (
        Handover.objects.filter(handover_scope_q(user), status__in=OPEN_HANDOVER_STATUSES)
        .select_related("household", "from_organisation", "to_organisation", "from_professional", "to_professional")
        .order_by("planned_on", "pk")
    )


def admit_locations_for(user: User) -> QuerySet[Location]:
    """Where a receiving professional may admit a handed-over household: their own locations
    (team leads: every location of their organisation)."""
    if user.organisation_id is None:
        return Location.objects.none()
    locations = Location.objects.filter(organisation_id=user.organisation_id)
    if user.role == Role.TEAM_LEAD:
        return locations
    return locations.filter(pk__in=user.locations.values("pk"))


def single_admit_location(user: User) -> Location | None:
    """The one location a receiving professional would admit at, if there is just one."""
    locations = list(admit_locations_for(user)[:2])
    return locations[0] if len(locations) == 1 else None
