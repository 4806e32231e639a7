"""Reads of the gedragen plan: access, the plan page, the gedragen indicator, differences
between versions, and the seams used by the household page and the caseload."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Case, Exists, Field, OuterRef, Prefetch, QuerySet, Subquery, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases import extensions
from cases.models import AdultClient
from children.constants import CONSENT_AGE
from children.models import Child, ChildVoice, age_on

from .access import may_see_restricted, partner_hidden_children, partner_participant, partner_plan_scope_q
from .constants import (
    CHILD_PLAN_ACTIONS,
    CHILD_PLAN_AGE,
    CHILD_PLAN_GOALS,
    OPEN_PLAN_STATUSES,
    PLAN_PAGE_VOICES,
    AgreementDecision,
    GoalStatus,
    ParticipantKind,
    PlanStatus,
    VersionState,
)
from .models import Action, ActionComment, Goal, Participant, Plan, PlanConsent, PlanVersion

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from cases.models import Household
    from opvang.models import User

    class _HasVoice(TypedDict):
        has_voice: bool

    class _OwnsAction(TypedDict):
        owns_action: bool

# --- Versions -------------------------------------------------------------------------------------


def plan_versions(plan: Plan) -> list[PlanVersion]:
    """All versions of a plan, newest first."""
    return list(PlanVersion.objects.filter(plan=plan).order_by("-number"))


def version_current(versions: list[PlanVersion]) -> PlanVersion | None:
    """The version shown on the plan page: the draft if there is one, else the agreed one."""
    return versions[0] if versions else None


def version_in_force(versions: list[PlanVersion]) -> PlanVersion | None:
    """The agreed version that is in force (also while a review draft is being made)."""
    return next((v for v in versions if v.state == VersionState.AGREED), None)


def version_content(plan_version: PlanVersion) -> dict:
    """Participants (with agreement and links), goals (with actions and owners) of one version:
    two queries."""
    participants = list(
        plan_version.participants.select_related("agreement", "adult", "child", "user", "organisation").annotate(
            owns_action=Exists(Action.objects.filter(owner=OuterRef("pk")))
        )
    )
    goals = list(
        plan_version.goals.select_related("adult", "child", "voice__child").prefetch_related(
            Prefetch("actions", queryset=Action.objects.select_related("owner").order_by("position", "pk"))
        )
    )
    return {"participants": participants, "goals": goals}


# --- The gedragen indicator ------------------------------------------------------------------------


@dataclass
class Missing:
    name: str
    reason: str
    participant: Participant | None = None


@dataclass
class GedragenStatus:
    is_gedragen: bool
    missing: list[Missing] = field(default_factory=list)
    required_count: int = 0
    agreed_count: int = 0


def gedragen_status(plan_version: PlanVersion, *, on: date | None = None) -> GedragenStatus:
    """Whether the version is gedragen, and whose agreement is missing.

    Gedragen: everyone who belongs to the household — its adults (the parents) and its
    children aged 12 or more on ``on`` — and everyone who owns an action has agreed. A member
    of the household who is not in the circle at all counts as missing, so nobody can be left
    out to make a plan look gedragen. ``on`` defaults to the agreement date of an agreed
    version, else today. Runs three queries whatever the size of the circle.
    """
    on = on or plan_version.agreed_on or timezone.localdate()
    household_id = plan_version.plan.household_id
    participants = list(
        Participant.objects.filter(plan_version=plan_version)
        .select_related("agreement")
        .annotate(owns_action=Exists(Action.objects.filter(owner=OuterRef("pk"))))
        .only("pk", "name", "adult_id", "child_id", "agreement")
    )
    adults = list(AdultClient.objects.filter(household_id=household_id).only("pk", "first_name", "last_name"))
    children = list(
        Child.objects.filter(household_id=household_id).only("pk", "first_name", "last_name", "date_of_birth")
    )
    return _gedragen_from_rows(participants, adults, children, on)


def _gedragen_from_rows(
    participants: Sequence[WithAnnotations[Participant, _OwnsAction]],
    adults: Sequence[AdultClient],
    children: Sequence[Child],
    on: date,
) -> GedragenStatus:
    by_adult = {p.adult_id: p for p in participants if p.adult_id}
    by_child = {p.child_id: p for p in participants if p.child_id}
    missing: list[Missing] = []
    required: list[Participant] = []
    for adult in adults:
        if adult.pk not in by_adult:
            missing.append(Missing(str(adult), _("is not in the circle")))
    for child in children:
        if age_on(child.date_of_birth, on) < CONSENT_AGE:
            continue
        if child.pk not in by_child:
            missing.append(Missing(str(child), _("is not in the circle (12 or older)")))
    for participant in participants:
        is_required = participant.adult_id is not None or participant.owns_action
        if participant.child_id is not None:
            member = next((c for c in children if c.pk == participant.child_id), None)
            if member is not None and age_on(member.date_of_birth, on) >= CONSENT_AGE:
                is_required = True
        if not is_required:
            continue
        required.append(participant)
        agreement = getattr(participant, "agreement", None)
        if agreement is None:
            missing.append(Missing(participant.name, _("has not answered yet"), participant))
        elif agreement.decision == AgreementDecision.DECLINED:
            missing.append(Missing(participant.name, _("does not agree"), participant))
    household_in_circle = any(p.adult_id or p.child_id for p in participants)
    if not household_in_circle:
        missing.append(Missing(_("The family"), _("is not in the circle")))
    agreed = len(required) - sum(1 for m in missing if m.participant is not None)
    return GedragenStatus(
        is_gedragen=not missing, missing=missing, required_count=len(required), agreed_count=max(agreed, 0)
    )


def plan_is_gedragen(plan_version: PlanVersion) -> bool:
    """True when every required participant agreed with this version (see gedragen_status)."""
    return gedragen_status(plan_version).is_gedragen


def missing_agreements(plan_version: PlanVersion) -> list[Missing]:
    """Who still has to agree before this version is gedragen, and why."""
    return gedragen_status(plan_version).missing


# --- Warnings -------------------------------------------------------------------------------------


def children_with_voice(household_id: int) -> list[WithAnnotations[Child, _HasVoice]]:
    """The household's children, each with ``has_voice`` (a child's-voice entry exists)."""
    return list(
        Child.objects.filter(household_id=household_id).annotate(
            has_voice=Exists(ChildVoice.objects.filter(child=OuterRef("pk")))
        )
    )


def plan_warnings(
    plan: Plan,
    plan_version: PlanVersion,
    content: dict,
    in_force: PlanVersion | None,
    children: list[WithAnnotations[Child, _HasVoice]],
) -> list[str]:
    """Things to look at (not errors): no network, children without goal or voice, actions
    without owner, review overdue. No queries: ``children`` come from children_with_voice()."""
    warnings: list[str] = []
    participants, goals = content["participants"], content["goals"]
    if not any(p.kind == ParticipantKind.NETWORK and not (p.adult_id or p.child_id) for p in participants):
        warnings.append(_("There is no one from the family's own network in the circle (a neighbour, friend, family)."))
    goal_children = {g.child_id for g in goals if g.child_id}
    voice_children = {p.child_id for p in participants if p.child_id}
    for child in children:
        if child.pk not in goal_children:
            warnings.append(_("%(name)s has no goal of their own.") % {"name": child.first_name})
        if not child.has_voice and child.pk not in voice_children:
            warnings.append(_("%(name)s has no voice of their own in the plan yet.") % {"name": child.first_name})
    without_owner = sum(1 for g in goals for a in g.actions.all() if a.owner_id is None)
    if without_owner:
        warnings.append(
            _("%(count)s action(s) have no one who does them.") % {"count": without_owner},
        )
    today = timezone.localdate()
    if (
        in_force is not None
        and plan.status != PlanStatus.CLOSED
        and in_force.next_review_on
        and in_force.next_review_on < today
    ):
        warnings.append(_("The review was due on %(date)s.") % {"date": in_force.next_review_on.strftime("%d-%m-%Y")})
    return warnings


# --- The children's voice beside their goals -----------------------------------------------------


@dataclass
class ChildVoiceRow:
    """One child on the plan page: its latest words (wishes and worries) beside its goals."""

    child: Child
    voices: list[ChildVoice]
    goals: list[Goal]
    own_plan: bool  # old enough for its own "my plan" PDF


def children_voices(children: Sequence[Child], goals: Sequence[Goal], *, on: date) -> list[ChildVoiceRow]:
    """Per child of the household: the latest voice entries and the child's goals in the shown
    version. One query (the voice entries of all the household's children)."""
    voices: dict[int, list[ChildVoice]] = {child.pk: [] for child in children}
    for voice in ChildVoice.objects.filter(child__in=[c.pk for c in children]).order_by("-recorded_on", "-pk"):
        voices[voice.child_id].append(voice)
    return [
        ChildVoiceRow(
            child=child,
            voices=voices[child.pk][:PLAN_PAGE_VOICES],
            goals=[g for g in goals if g.child_id == child.pk],
            own_plan=age_on(child.date_of_birth, on) >= CHILD_PLAN_AGE,
        )
        for child in children
    ]


# --- Differences between versions -----------------------------------------------------------------

PLAN_TEXT_FIELDS = ("perspective", "strengths", "worries", "if_things_go_differently", "next_review_on")
PARTICIPANT_FIELDS = ("name", "relation", "kind", "role")
GOAL_FIELDS = ("domain", "text", "target_on", "status", "progress_notes")
ACTION_FIELDS = ("what", "owner", "due_on", "done_on")


@dataclass
class Change:
    kind: str  # "added", "removed", "changed"
    label: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (field label, before, after)


def _display(obj: Any, name: str) -> str:  # a plan version, participant, goal or action
    if name == "owner":
        return obj.owner.name if obj.owner_id else "—"
    if name == "domain":
        return obj.domain_label
    getter = getattr(obj, f"get_{name}_display", None)
    value = getter() if getter else getattr(obj, name)
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return "" if value is None else str(value)


def _compare(
    old_rows: list[Any], new_rows: list[Any], fields: tuple[str, ...], label: Callable[[Any], str]
) -> list[Change]:
    old_by_key = {r.key: r for r in old_rows}
    new_by_key = {r.key: r for r in new_rows}
    changes = []
    for row in new_rows:
        before = old_by_key.get(row.key)
        if before is None:
            changes.append(Change("added", label(row)))
            continue
        diffs = [
            (str(row._meta.get_field(f).verbose_name), _display(before, f), _display(row, f))
            for f in fields
            if _display(before, f) != _display(row, f)
        ]
        if diffs:
            changes.append(Change("changed", label(row), diffs))
    changes += [Change("removed", label(r)) for r in old_rows if r.key not in new_by_key]
    return changes


def _verbose_name(field_name: str) -> str:
    field = PlanVersion._meta.get_field(field_name)
    assert isinstance(field, Field)  # the version's own text fields, not a relation
    return str(field.verbose_name)


def version_diff(old: PlanVersion, new: PlanVersion, *, include_restricted: bool = False) -> dict:
    """What changed from ``old`` to ``new``: the plan's texts, the circle, goals and actions.
    Rows are matched by their key, which a review copies. Six queries."""
    fields = PLAN_TEXT_FIELDS + (("safety_conditions",) if include_restricted else ())
    plan_changes = [
        (_verbose_name(f), _display(old, f), _display(new, f)) for f in fields if _display(old, f) != _display(new, f)
    ]

    def rows(model: type[Participant | Goal | Action], version: PlanVersion, *related: str) -> list[Any]:
        return list(model.objects.filter(plan_version=version).select_related(*related))

    return {
        "plan": plan_changes,
        "participants": _compare(rows(Participant, old), rows(Participant, new), PARTICIPANT_FIELDS, lambda p: p.name),
        "goals": _compare(rows(Goal, old), rows(Goal, new), GOAL_FIELDS, lambda g: g.text),
        "actions": _compare(rows(Action, old, "owner"), rows(Action, new, "owner"), ACTION_FIELDS, lambda a: a.what),
    }


# --- Seams for the household page and the caseload -------------------------------------------------


def caseload_signal_annotations(today: date | None = None) -> dict:
    """Boolean expressions over Household rows (``OuterRef("pk")``) for the caseload signals:
    ``plan_review_overdue`` — the agreed version in force is past its review date (also while
    the review draft is not agreed yet); ``plan_actions_overdue`` — an open action of the
    current version is past its due date."""
    today = today or timezone.localdate()
    return {signal.name: signal.annotation(today) for signal in CASELOAD_SIGNALS}


def _review_overdue(today: date) -> Exists:
    return Exists(
        PlanVersion.objects.filter(
            plan__household=OuterRef("pk"),
            plan__status__in=[PlanStatus.AGREED, PlanStatus.UNDER_REVIEW],
            state=VersionState.AGREED,
            next_review_on__lt=today,
        )
    )


def _actions_overdue(today: date) -> Exists:
    # The in-force version and its review draft share their actions (copies); either counts.
    return Exists(
        Action.objects.filter(
            plan_version__plan__household=OuterRef("pk"),
            plan_version__plan__status__in=OPEN_PLAN_STATUSES,
            plan_version__state__in=[VersionState.AGREED, VersionState.DRAFT],
            done_on__isnull=True,
            due_on__lt=today,
        )
    )


# Registered with the case file's caseload in apps.py (cases.extensions).
CASELOAD_SIGNALS = (
    extensions.CaseloadSignal("plan_review_overdue", gettext_lazy("Plan review overdue"), _review_overdue, order=60),
    extensions.CaseloadSignal("plan_actions_overdue", gettext_lazy("Plan actions overdue"), _actions_overdue, order=70),
)


def goals_for_case_notes(household: Household) -> QuerySet[Goal]:
    """The goals a case note may be linked to: those of the newest version of each plan of the
    household that is not closed (one query when the form is rendered)."""
    newest = PlanVersion.objects.filter(plan=OuterRef("plan_version__plan")).order_by("-number").values("pk")[:1]
    return (
        Goal.objects.filter(plan_version__plan__household=household, plan_version=Subquery(newest))
        .exclude(plan_version__plan__status=PlanStatus.CLOSED)
        .select_related("adult", "child")
        .order_by("position", "pk")
    )


def plan_summary_for_household(household: Household) -> dict:
    """What the plan card on the household page shows: the open (or last) plan, its status,
    whether the version in force is gedragen, the next review. Two queries."""
    plan = (
        Plan.objects.filter(household=household)
        # An open plan first, then the most recently closed one.
        .annotate(is_closed=Case(When(status=PlanStatus.CLOSED, then=1), default=0))
        .order_by("is_closed", "-created_at")
        .first()
    )
    if plan is None:
        return {"plan": None}
    versions = list(PlanVersion.objects.filter(plan=plan).order_by("-number")[:2])
    in_force = version_in_force(versions)
    today = timezone.localdate()
    return {
        "plan": plan,
        "current": version_current(versions),
        "in_force": in_force,
        "gedragen": in_force.gedragen_at_agreement if in_force else None,
        "next_review_on": in_force.next_review_on if in_force else None,
        "review_overdue": bool(
            in_force
            and plan.status != PlanStatus.CLOSED
            and in_force.next_review_on
            and in_force.next_review_on < today
        ),
    }


# --- Pages ------------------------------------------------------------------------------------------


def plan_page(plan: Plan, user: User, *, number: int | None = None) -> dict:
    """Everything the plan page shows, in a fixed number of queries (about twelve): versions,
    the shown version's circle and goals with actions, the gedragen indicator, warnings and
    meetings. ``number`` shows an earlier version (read-only, without warnings)."""
    versions = plan_versions(plan)
    current = version_current(versions)
    shown = next((v for v in versions if v.number == number), None) if number else current
    if shown is None:
        raise Http404
    shown.plan = plan
    in_force = version_in_force(versions)
    content = version_content(shown)
    on = shown.agreed_on or timezone.localdate()
    adults = list(AdultClient.objects.filter(household_id=plan.household_id))
    children = children_with_voice(plan.household_id)
    status = _gedragen_from_rows(content["participants"], adults, children, on)
    is_current = current is not None and shown.pk == current.pk
    editable = is_current and shown.state == VersionState.DRAFT and plan.status != PlanStatus.CLOSED
    # Progress (goal status, actions done) is recorded on the version in force, or on the draft.
    progress_allowed = plan.status != PlanStatus.CLOSED and (
        editable or (in_force is not None and shown.pk == in_force.pk)
    )
    return {
        "plan": plan,
        "household": plan.household,
        "versions": versions,
        "shown": shown,
        "current": current,
        "in_force": in_force,
        "is_current": is_current,
        "editable": editable,
        "progress_allowed": progress_allowed,
        "participants": content["participants"],
        "goals": content["goals"],
        "gedragen": status,
        "children_voices": children_voices(children, content["goals"], on=timezone.localdate()),
        "warnings": plan_warnings(plan, shown, content, in_force, children) if is_current else [],
        "meetings": list(plan.meetings.filter(plan_version=shown).prefetch_related("attendees")),
        "restricted": may_see_restricted(user, plan.household),
        "today": timezone.localdate(),
    }


def plan_print_data(plan: Plan, plan_version: PlanVersion) -> dict:
    """What the printed plan for the family and circle shows. Built from plain values so that
    restricted fields (contact details, safety conditions) cannot reach the template."""
    content = version_content(plan_version)
    children = list(Child.objects.filter(household_id=plan.household_id).only("pk", "first_name", "date_of_birth"))
    rows = children_voices(children, content["goals"], on=timezone.localdate())
    return {
        "household_reference": plan.household.reference,
        "direction_support": plan.get_direction_support_display(),
        "number": plan_version.number,
        "is_draft": plan_version.state == VersionState.DRAFT,
        "agreed_on": plan_version.agreed_on,
        "next_review_on": plan_version.next_review_on,
        "perspective": plan_version.perspective,
        "strengths": plan_version.strengths,
        "if_things_go_differently": plan_version.if_things_go_differently,
        "circle": [
            {
                "name": p.name,
                "relation": p.get_relation_display(),
                "role": p.role,
                "agreed": bool(getattr(p, "agreement", None) and p.agreement.decision == AgreementDecision.AGREED),
            }
            for p in content["participants"]
        ],
        "goals": [
            {
                "domain": g.domain_label,
                "for_whom": str(g.child or g.adult or _("the whole family")),
                "text": g.text,
                "target_on": g.target_on,
                "status": g.get_status_display(),
                "actions": [
                    {
                        "what": a.what,
                        "owner": a.owner.name if a.owner_id else _("still to be decided"),
                        "due_on": a.due_on,
                        "done_on": a.done_on,
                    }
                    for a in g.actions.all()
                ],
            }
            for g in content["goals"]
        ],
        # A section per child: what the child wants (its latest words; the worries stay in the
        # file) and the child's own goals.
        "children": [
            {
                "name": row.child.first_name,
                "wishes": next((v.wishes for v in row.voices if v.wishes), ""),
                "goals": [g.text for g in row.goals],
            }
            for row in rows
        ],
    }


def _helper_name(owner: Participant | None, child: Child) -> str:
    """Who helps with the child's action; another child of the household is not named."""
    if owner is None or (owner.child_id is not None and owner.child_id != child.pk):
        return ""
    return owner.name


def child_plan_print_data(plan: Plan, plan_version: PlanVersion, child: Child) -> dict:
    """The child's own one-page plan: its latest wish, its own goals with what is done and who
    helps. Plain values of this child only: no other child, no worries, no safety section, no
    contact details. Three queries."""
    goals = list(
        plan_version.goals.filter(child=child).prefetch_related(
            Prefetch("actions", queryset=Action.objects.select_related("owner").order_by("position", "pk"))
        )[:CHILD_PLAN_GOALS]
    )
    latest = ChildVoice.objects.filter(child=child).exclude(wishes="").order_by("-recorded_on", "-pk").first()
    return {
        "first_name": child.first_name,
        "is_draft": plan_version.state == VersionState.DRAFT,
        "wishes": latest.wishes if latest else "",
        "wishes_on": latest.recorded_on if latest else None,
        "goals": [
            {
                "text": g.text,
                "target_on": g.target_on,
                "reached": g.status == GoalStatus.REACHED,
                "actions": [
                    {"what": a.what, "who": _helper_name(a.owner, child), "done": a.done_on is not None}
                    for a in list(g.actions.all())[:CHILD_PLAN_ACTIONS]
                ],
            }
            for g in goals
        ],
        "mentor": child.mentor.get_full_name() if child.mentor is not None else "",
        "next_review_on": plan_version.next_review_on,
    }


# --- Consent and the chain partners' pages ------------------------------------------------------------


def plan_consents(household: Household) -> list[PlanConsent]:
    """Every consent for sharing the plan recorded for the household, active ones first."""
    return list(
        PlanConsent.objects.filter(household=household)
        .select_related("adult", "child", "organisation", "recorded_by", "withdrawn_recorded_by")
        .order_by("withdrawn_on", "-given_on", "-pk")
    )


def partner_plans(user: User) -> list[Plan]:
    """The plans this chain partner may read now (plans.access), each with ``my_open_actions``:
    the partner's open actions in its current version. Two queries."""
    plans = list(
        Plan.objects.filter(partner_plan_scope_q(user)).select_related("household").order_by("household__reference")
    )
    newest = PlanVersion.objects.filter(plan=OuterRef("plan_version__plan")).order_by("-number").values("pk")[:1]
    open_actions = Action.objects.filter(
        plan_version__plan__in=[p.pk for p in plans],
        plan_version=Subquery(newest),
        owner__user=user,
        done_on__isnull=True,
    ).values_list("plan_version__plan_id", flat=True)
    counts: dict[int, int] = {}
    for plan_id in open_actions:
        counts[plan_id] = counts.get(plan_id, 0) + 1
    for plan in plans:
        plan.my_open_actions = counts.get(plan.pk, 0)  # type: ignore[attr-defined]
    return plans


def partner_plan_page(plan: Plan, user: User) -> dict:
    """What a chain partner sees of a plan they may read: the current version's perspective,
    goals and actions (without the part of a child who has not consented), the circle with its
    answers, the gedragen status and the circle meetings. Never the safety conditions, contact
    details, the case file or the location: those are left out here, not hidden in the template."""
    versions = plan_versions(plan)
    current = version_current(versions)
    assert current is not None  # plan_create makes the first version with the plan
    current.plan = plan
    content = version_content(current)
    # The partner's place and the hidden children from the rows this page reads anyway (two
    # queries fewer): the circle of the version, the household's children.
    me = partner_participant(user, current, circle=content["participants"])
    # The last name too: the gedragen status names a child missing from the circle (str(child)),
    # which with the field deferred cost a query per such child.
    children = list(
        Child.objects.filter(household_id=plan.household_id).only("pk", "first_name", "last_name", "date_of_birth")
    )
    hidden = partner_hidden_children(user, plan.household_id, children=children)
    goals = [g for g in content["goals"] if g.child_id not in hidden]
    adults = list(AdultClient.objects.filter(household_id=plan.household_id))
    status = _gedragen_from_rows(content["participants"], adults, children, current.agreed_on or timezone.localdate())
    comments: dict[int, list[ActionComment]] = {}
    for comment in ActionComment.objects.filter(action__plan_version=current).select_related("author"):
        comments.setdefault(comment.action_id, []).append(comment)
    for goal in goals:
        for action in goal.actions.all():
            action.partner_comments = comments.get(action.pk, [])
    return {
        "plan": plan,
        "shown": current,
        "me": me,
        "my_agreement": getattr(me, "agreement", None),
        "goals": goals,
        "hidden_children": len(hidden),
        "participants": content["participants"],
        "gedragen": status,
        "meetings": list(plan.meetings.filter(plan_version=current).prefetch_related("attendees")),
        "can_agree": current.state == VersionState.DRAFT and plan.status != PlanStatus.CLOSED,
        "progress_allowed": plan.status != PlanStatus.CLOSED,
        "today": timezone.localdate(),
    }
