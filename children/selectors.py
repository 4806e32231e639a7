"""Reads of the child's file: the child with its signals, its faces count and its timeline.

The signals (faces count, intake overdue, no mentor, turning 18 during the stay) come from
the child's stay and faces count, annotated in the database, so a list of children costs one
query however many children it holds. "The stay" of a child is its household's current or last stay.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict, cast

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Lower, Trim
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases import extensions
from cases.access import may_change_household, may_see_safety
from cases.models import AdultClient, Beschikking, Handover, Household, Involvement, Stay, age_on

from .constants import ADULT_AGE, ChildDomain, ConsentQuestion, ConversationPrompt, MeldcodeStep, VeerkrachtForm
from .models import Child, ChildIntake, ChildVoice, MeldcodeStepRecord, VeerkrachtTrack, YouthCareReferral

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class Signals(TypedDict):
        """The annotations of with_signals()."""

        stay_start: datetime.date | None
        stay_end: datetime.date | None
        expected_end: datetime.date | None
        faces_count: int
        faces_above_threshold: bool
        intake_overdue: bool
        no_mentor: bool
        age_at_stay_start: int | None
        age_at_stay_end: int | None
        turns_18_during_stay: bool

    from opvang.models import User


# The child's own intake is due within this many days of admission (DOMAIN.md indicator).
INTAKE_DUE_DAYS = 14
# Before any stay every involvement counts (the household may still be waiting).
_NO_START = datetime.date(1900, 1, 1)


def _last_stay(column: str) -> Subquery:
    stays = Stay.objects.filter(household_id=OuterRef("household_id")).order_by("-admitted_on", "-pk")
    return Subquery(stays.values(column)[:1], output_field=DateField())


def _expected_end() -> Subquery:
    """The end of the open stay's beschikking: when the stay is expected to end."""
    beschikkingen = Beschikking.objects.filter(
        stay__household_id=OuterRef("household_id"), stay__left_on__isnull=True
    ).order_by("-end_on")
    return Subquery(beschikkingen.values("end_on")[:1], output_field=DateField())


def professional_key() -> Case:
    """One key per distinct face: the user, or the external name at its organisation (case-insensitive)."""
    return Case(
        When(user__isnull=False, then=Concat(Value("u"), Cast("user_id", CharField()))),
        default=Concat(Value("x"), Lower(Trim("external_name")), Value("|"), Lower(Trim("external_organisation"))),
        output_field=CharField(),
    )


def _faces(today: datetime.date) -> Coalesce:
    """Distinct professionals whose involvement overlaps the stay (annotated as stay_start/stay_end)."""
    overlapping = Involvement.objects.filter(
        child_id=OuterRef("pk"),
        started_on__lte=Coalesce(OuterRef("stay_end"), Value(today), output_field=DateField()),
    ).filter(
        Q(ended_on__isnull=True)
        | Q(ended_on__gte=Coalesce(OuterRef("stay_start"), Value(_NO_START), output_field=DateField()))
    )
    counted = overlapping.order_by().values("child_id").annotate(n=Count(professional_key(), distinct=True))
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), 0)


def with_signals(
    queryset: QuerySet[Child], *, today: datetime.date | None = None
) -> QuerySet[WithAnnotations[Child, Signals]]:
    """Annotate children with their stay and faces count in the database: stay_start, stay_end,
    expected_end, faces_count. The signals derived from them (faces_above_threshold,
    intake_overdue, no_mentor, age_at_stay_start, age_at_stay_end, turns_18_during_stay) are set
    by signals_set() on each child fetched.

    Why not in SQL too: every derived annotation repeats the stay subqueries it refers to, so the
    child query held 30 subplans — at 200 000 households 7.5 ms of planning and as long again
    compiling it in Python per child page, for arithmetic on one row (bench/RESULTS.md, issue 17).
    """
    today = today or timezone.localdate()
    annotated = queryset.annotate(stay_start=_last_stay("admitted_on"), stay_end=_last_stay("left_on")).annotate(
        expected_end=_expected_end(), faces_count=_faces(today)
    )
    # Typed with all the signals, which signals_set() adds to each child after the fetch.
    return cast("QuerySet[WithAnnotations[Child, Signals]]", annotated)


def signals_set(child: WithAnnotations[Child, Signals], *, today: datetime.date | None = None) -> None:
    """Set the signals of a child fetched through with_signals() from its annotated stay."""
    today = today or timezone.localdate()
    start = child.stay_start
    end = child.stay_end or child.expected_end or today
    child.faces_above_threshold = child.faces_count > settings.OPVANG_FACES_THRESHOLD
    child.intake_overdue = (
        child.intake_on is None and start is not None and start < today - datetime.timedelta(days=INTAKE_DUE_DAYS)
    )
    child.no_mentor = child.mentor_id is None
    child.age_at_stay_start = age_on(child.date_of_birth, start) if start is not None else None
    child.age_at_stay_end = age_on(child.date_of_birth, end)
    child.turns_18_during_stay = (
        child.age_at_stay_start is not None and child.age_at_stay_start < ADULT_AGE <= child.age_at_stay_end
    )


def intake_status(child: Child) -> str:
    """'done', 'late' (after the 14 days), 'overdue', 'due' or 'no_stay' for an annotated child."""
    start = getattr(child, "stay_start", None)
    if child.intake_on:
        if start and child.intake_on > start + datetime.timedelta(days=INTAKE_DUE_DAYS):
            return "late"
        return "done"
    if start is None:
        return "no_stay"
    return "overdue" if getattr(child, "intake_overdue", False) else "due"


def child_faces_count(child: Child) -> int:
    """Distinct professionals (users, or external name + organisation) whose involvement
    overlaps the child's current or last stay. Computed in the database."""
    return with_signals(Child.objects.filter(pk=child.pk)).values_list("faces_count", flat=True).get()


def children_for_household(household: Household) -> list[WithAnnotations[Child, Signals]]:
    """The household's children, with what their cards on the household page need:
    the mentor and the signals of with_signals (one query for all children)."""
    children = list(
        with_signals(Child.objects.filter(household=household)).select_related("mentor").order_by("date_of_birth")
    )
    for child in children:
        signals_set(child)
        # For the child cards (a computed status, not a field): the type checker knows only fields.
        child.intake_status = intake_status(child)  # type: ignore[attr-defined]
    return children


def involvements_for_adult(adult: AdultClient) -> QuerySet[Involvement]:
    return Involvement.objects.filter(adult=adult).select_related("user").order_by("-started_on", "-pk")


def meldcode_next_step(child: Child) -> int:
    """The next step of the child's meldcode procedure (1 when none started, or after step 5)."""
    last = MeldcodeStepRecord.objects.filter(child=child).order_by("-done_on", "-pk").values_list("step", flat=True)
    step = last.first()
    return 1 if step is None or step == MeldcodeStep.DECIDE else step + 1


def intake_initial(child: Child, intake: ChildIntake | None, *, safety: bool) -> dict[str, object]:
    """The intake form's initial values: the draft's, or for a new intake today's date and the
    school the child's file already names. The safety assessment only with ``safety``."""
    if intake is None:
        return {
            "held_on": timezone.localdate(),
            "school_name": child.school_name,
            "school_contact": child.school_contact,
        }
    names = ["held_on", "present", "own_words", "observation", "school_name", "school_contact", "school_notes"]
    names += ["gp", "health", "custody", "custody_notes", "other_parent_contact", "other_parent_notes"]
    if safety:
        names += ["safety_signals", "safety_assessment"]
    initial: dict[str, object] = {name: getattr(intake, name) for name in names}
    initial["held_by"] = intake.held_by_id
    if safety:
        initial["safety_signals"] = {True: "true", False: "false", None: ""}[intake.safety_signals]
    initial |= {f"prompt_{p.value}": intake.answers.get(p.value, "") for p in ConversationPrompt}
    initial |= {f"need_{d.value}": intake.needs.get(d.value, "") for d in ChildDomain}
    initial |= {
        f"consent_{q.value}": {True: "true", False: "false"}.get(intake.consent.get(q.value), "")
        for q in ConsentQuestion
    }
    return initial


@dataclass(frozen=True)
class TimelineEntry:
    on: datetime.date
    kind: str
    text: str
    restricted: bool = False


@dataclass
class ChildFile:
    """Everything the child page shows, fetched with a fixed number of queries."""

    child: Child
    may_change: bool
    may_see_safety: bool
    voices: list[ChildVoice]
    referrals: list[YouthCareReferral]
    tracks: list[VeerkrachtTrack]
    involvements: list[Involvement]
    handovers: list[Handover]
    meldcode_steps: list[MeldcodeStepRecord] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    intakes: list[ChildIntake] = field(default_factory=list)

    @property
    def intake(self) -> ChildIntake | None:
        """The child's latest own intake: a draft in progress or the last completed one."""
        return self.intakes[0] if self.intakes else None

    @property
    def intake_open(self) -> bool:
        """An intake may still be recorded or finished: none completed since the stay began."""
        # Child.intake_on is the date of the last completed intake (children.services).
        start = getattr(self.child, "stay_start", None)
        done = self.child.intake_on
        return done is None or (start is not None and done < start)

    @property
    def veerkracht_decided(self) -> bool:
        """Veerkracht was started, or not offered: the choice is made."""
        return bool(self.tracks)

    @property
    def open_track(self) -> VeerkrachtTrack | None:
        return next((t for t in self.tracks if t.form != VeerkrachtForm.NOT_OFFERED and not t.ended_on), None)

    @property
    def meldcode_next_step(self) -> int:
        if not self.meldcode_steps:
            return 1
        last = max(self.meldcode_steps, key=lambda s: (s.done_on, s.pk))
        return 1 if last.step == MeldcodeStep.DECIDE else last.step + 1


def child_file(user: User, child: Child) -> ChildFile:
    """The child's page: its records and its timeline. Restricted records (meldcode) are only
    fetched when the user may see the safety section, so they cannot leak into the page."""
    safety = may_see_safety(user, child.household)
    file = ChildFile(
        child=child,
        may_change=may_change_household(user, child.household),
        may_see_safety=safety,
        voices=list(child.voices.select_related("recorded_by")),
        referrals=list(child.referrals.all()),
        tracks=list(child.veerkracht.all()),
        involvements=list(child.involvements.select_related("user").order_by("-started_on", "-pk")),
        handovers=list(child.handovers.select_related("to_organisation")),
        meldcode_steps=list(child.meldcode_steps.select_related("recorded_by")) if safety else [],
        intakes=list(child.intakes.select_related("held_by")),
    )
    file.timeline = child_timeline(file)
    return file


def child_timeline(file: ChildFile) -> list[TimelineEntry]:
    """The child's own timeline, newest first, from the records already fetched for its page."""
    child = file.child
    entries: list[TimelineEntry] = []
    stay_start = getattr(child, "stay_start", None)  # an annotation of with_signals()
    if stay_start:
        entries.append(TimelineEntry(stay_start, "stay", _("Admitted with the household")))
    if child.intake_on:
        entries.append(TimelineEntry(child.intake_on, "intake", _("Own intake conversation")))
    for voice in file.voices:
        entries.append(TimelineEntry(voice.recorded_on, "voice", _("The child's voice was recorded")))
    for referral in file.referrals:
        values = {"provider": referral.provider, "kind": referral.get_kind_display()}
        entries.append(
            TimelineEntry(referral.referred_on, "referral", _("Referred to %(provider)s (%(kind)s)") % values)
        )
        if referral.started_on:
            entries.append(TimelineEntry(referral.started_on, "referral", _("Care started at %(provider)s") % values))
        if referral.ended_on:
            entries.append(TimelineEntry(referral.ended_on, "referral", _("Care ended at %(provider)s") % values))
    for track in file.tracks:
        if track.form == VeerkrachtForm.NOT_OFFERED:
            continue
        form = {"form": track.get_form_display().lower()}
        if track.started_on:
            entries.append(TimelineEntry(track.started_on, "veerkracht", _("Veerkracht started (%(form)s)") % form))
        if track.ended_on:
            entries.append(TimelineEntry(track.ended_on, "veerkracht", _("Veerkracht ended (%(form)s)") % form))
    for handover in file.handovers:
        entries.append(
            TimelineEntry(
                handover.planned_on,
                "handover",
                _("Handover to %(organisation)s (%(status)s)")
                % {"organisation": handover.to_organisation, "status": handover.get_status_display().lower()},
            )
        )
    for step in file.meldcode_steps:
        entries.append(
            TimelineEntry(
                step.done_on, "meldcode", _("Meldcode: step %(step)s") % {"step": step.get_step_display()}, True
            )
        )
    entries.sort(key=lambda e: e.on, reverse=True)
    return entries


# --- What the children add to the case file's pages (registered in apps.py) ---------------------


def household_panel_context(request: HttpRequest, household: Household) -> dict[str, object]:
    """The children's cards on the household page (one query for all children)."""
    return {"children": children_for_household(household)}


def handover_voices(handover: Handover) -> list[tuple[Child, ChildVoice | None]]:
    """Each child the handover concerns (all the household's children when it names none) with
    their latest words: what the receiving side should hear first. Two queries."""
    children = list(handover.children.all()) or list(Child.objects.filter(household_id=handover.household_id))
    latest: dict[int, ChildVoice] = {}
    voices = ChildVoice.objects.filter(child__in=[c.pk for c in children]).order_by("child_id", "-recorded_on", "-pk")
    for voice in voices:
        latest.setdefault(voice.child_id, voice)
    return [(child, latest.get(child.pk)) for child in children]


def handover_panel_context(request: HttpRequest, handover: Handover) -> dict[str, object]:
    """The children's latest words on the handover page (cases.extensions.handover_panel)."""
    return {"handover_voices": handover_voices(handover)}


def _child_without_intake(today: datetime.date) -> Q:
    # Children count from the admission of the open stay; a child born during the stay, too.
    stay_old_enough = Stay.objects.filter(
        household=OuterRef("pk"),
        left_on__isnull=True,
        admitted_on__lte=today - datetime.timedelta(days=INTAKE_DUE_DAYS),
    )
    return Exists(stay_old_enough) & Exists(Child.objects.filter(household=OuterRef("pk"), intake_on__isnull=True))


def _child_without_mentor(today: datetime.date) -> Q:
    open_stay = Stay.objects.filter(household=OuterRef("pk"), left_on__isnull=True)
    return Exists(open_stay) & Exists(Child.objects.filter(household=OuterRef("pk"), mentor__isnull=True))


CASELOAD_SIGNALS = (
    extensions.CaseloadSignal(
        "signal_child_without_intake",
        gettext_lazy("Child without own intake after 14 days"),
        _child_without_intake,
        order=20,
    ),
    extensions.CaseloadSignal(
        "signal_child_without_mentor", gettext_lazy("Child without own mentor"), _child_without_mentor, order=30
    ),
)
