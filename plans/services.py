"""Writes of the gedragen plan. Every write goes through a function here.

The one rule behind most checks: only a draft version can change. Agreeing a version freezes it;
a review copies it into the next draft. Progress on the version in force (a goal's status and
progress notes, an action's done date) is recorded on that version: it is not part of what the
circle agreed to, and a review carries it over.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import AdultRole
from cases.models import AdultClient, Handover, Household, Stay
from children.models import Child, ChildVoice
from opvang.constants import CHAIN_PARTNER_KINDS, Role
from opvang.locking import claim_version
from opvang.models import Organisation, User
from opvang.services import model_create, model_update

from .constants import (
    OPEN_PLAN_STATUSES,
    PROFESSIONAL_RELATIONS,
    REVIEW_AFTER_MONTHS,
    AgreementDecision,
    AgreementMethod,
    ParticipantKind,
    PlanStatus,
    Relation,
    VersionState,
)
from .models import (
    Action,
    ActionComment,
    Agreement,
    CircleMeeting,
    Goal,
    Participant,
    Plan,
    PlanConsent,
    PlanVersion,
)
from .selectors import gedragen_status


def _require_draft(plan_version: PlanVersion) -> None:
    if plan_version.state != VersionState.DRAFT:
        raise ValidationError(
            _("This version of the plan has been agreed and can no longer be changed. Start a review to make changes.")
        )


def _require_in_force_or_draft(plan_version: PlanVersion) -> None:
    if plan_version.state == VersionState.SUPERSEDED or plan_version.plan.status == PlanStatus.CLOSED:
        raise ValidationError(_("This version is no longer in force. Record progress on the current version."))


def _lock_version(plan_version: PlanVersion) -> PlanVersion:
    # Re-read the state under a row lock so two requests cannot agree and edit at the same time.
    return PlanVersion.objects.select_for_update().select_related("plan").get(pk=plan_version.pk)


# --- Plan -------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    household: Household,
    user: User | None,
    start_on: date | None = None,
    direction_support: str = "none",
    perspective: str = "",
) -> Plan:
    """Start a plan with a first draft version; the household's adults and children join the circle."""
    if Plan.objects.filter(household=household).exclude(status=PlanStatus.CLOSED).exists():
        raise ValidationError(_("This household already has a plan. Open it, or close it before you start a new one."))
    plan = model_create(
        Plan,
        household=household,
        start_on=start_on or timezone.localdate(),
        direction_support=direction_support,
        created_by=user,
    )
    plan_version = model_create(PlanVersion, plan=plan, number=1, perspective=perspective, created_by=user)
    position = 0
    for adult in AdultClient.objects.filter(household=household).order_by("pk"):
        relation = Relation.PARENT if adult.role == AdultRole.PARENT else Relation.OTHER_FAMILY
        participant_add(plan_version=plan_version, name=str(adult), relation=relation, adult=adult, position=position)
        position += 1
    for child in Child.objects.filter(household=household).order_by("date_of_birth"):
        participant_add(
            plan_version=plan_version, name=str(child), relation=Relation.CHILD, child=child, position=position
        )
        position += 1
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    expected_version: int,
    direction_support: str,
    perspective: str,
    strengths: str = "",
    worries: str = "",
    if_things_go_differently: str = "",
    next_review_on: date | None = None,
    safety_conditions: str | None = None,
) -> PlanVersion:
    """Change the plan's own texts in its draft version. ``safety_conditions=None`` leaves them as
    they are (the form of a user without access to the safety section does not carry them)."""
    plan_version = _lock_version(plan_draft_version(plan))
    _require_draft(plan_version)
    claim_version(plan, expected_version)
    model_update(instance=plan, fields=["direction_support"], data={"direction_support": direction_support})
    data = {
        "perspective": perspective,
        "strengths": strengths,
        "worries": worries,
        "if_things_go_differently": if_things_go_differently,
        "next_review_on": next_review_on,
    }
    if safety_conditions is not None:
        data["safety_conditions"] = safety_conditions
    plan_version, _updated = model_update(instance=plan_version, fields=data.keys(), data=data)
    return plan_version


def plan_draft_version(plan: Plan) -> PlanVersion:
    """The draft version of the plan, or a ValidationError when there is none."""
    plan_version = PlanVersion.objects.filter(plan=plan, state=VersionState.DRAFT).select_related("plan").first()
    if plan_version is None:
        raise ValidationError(
            _("This version of the plan has been agreed and can no longer be changed. Start a review to make changes.")
        )
    return plan_version


@transaction.atomic
def plan_agree(*, plan: Plan, agreed_on: date, user: User | None, next_review_on: date | None = None) -> PlanVersion:
    """Agree the draft version: freeze it, store whether it is gedragen, set the next review
    (3 months later unless given) and let it supersede the version agreed before."""
    plan_version = _lock_version(plan_draft_version(plan))
    if agreed_on < timezone.localtime(plan_version.created_at).date():
        raise ValidationError(
            {"agreed_on": _("The plan cannot be agreed before this version was made. Check the date.")}
        )
    if agreed_on > timezone.localdate():
        raise ValidationError({"agreed_on": _("The date lies in the future. Fill in the day the plan was agreed.")})
    if not plan_version.perspective.strip():
        raise ValidationError(_("Write down the family's perspective first: what do they want to have achieved?"))
    if not plan_version.goals.exists():
        raise ValidationError(_("Add at least one goal before the plan is agreed."))
    status = gedragen_status(plan_version, on=agreed_on)
    PlanVersion.objects.filter(plan=plan, state=VersionState.AGREED).update(state=VersionState.SUPERSEDED)
    plan_version.state = VersionState.AGREED
    plan_version.agreed_on = agreed_on
    plan_version.agreed_recorded_by = user
    plan_version.gedragen_at_agreement = status.is_gedragen
    plan_version.next_review_on = next_review_on or agreed_on + relativedelta(months=REVIEW_AFTER_MONTHS)
    plan_version.full_clean()
    plan_version.save()
    plan.status = PlanStatus.AGREED
    plan.full_clean()
    plan.save(update_fields=["status"])
    return plan_version


@transaction.atomic
def plan_review_start(*, plan: Plan, user: User | None, on: date | None = None) -> PlanVersion:
    """Start a review: copy the agreed version (circle, goals, actions; not the agreements)
    into a new draft version. The agreed version stays as it was."""
    if plan.status != PlanStatus.AGREED:
        raise ValidationError(_("Only an agreed plan can be reviewed."))
    agreed = PlanVersion.objects.select_for_update().get(plan=plan, state=VersionState.AGREED)
    agreed.reviewed_on = on or timezone.localdate()
    agreed.save(update_fields=["reviewed_on"])
    draft = model_create(
        PlanVersion,
        plan=plan,
        number=agreed.number + 1,
        perspective=agreed.perspective,
        strengths=agreed.strengths,
        worries=agreed.worries,
        if_things_go_differently=agreed.if_things_go_differently,
        safety_conditions=agreed.safety_conditions,
        created_by=user,
    )
    _copy_content(agreed, draft)
    plan.status = PlanStatus.UNDER_REVIEW
    plan.save(update_fields=["status"])
    return draft


def _copy_content(source: PlanVersion, target: PlanVersion) -> None:
    """Copy participants, goals and actions with their keys; bulk, a fixed number of queries."""
    participants = list(source.participants.all())
    new_participants = Participant.objects.bulk_create(
        [
            Participant(
                plan_version=target,
                key=p.key,
                name=p.name,
                relation=p.relation,
                kind=p.kind,
                adult_id=p.adult_id,
                child_id=p.child_id,
                user_id=p.user_id,
                organisation_id=p.organisation_id,
                role=p.role,
                contact_details=p.contact_details,
                position=p.position,
            )
            for p in participants
        ]
    )
    participant_by_old: dict[int | None, Participant] = {
        old.pk: new for old, new in zip(participants, new_participants, strict=True)
    }
    goals = list(source.goals.all())
    new_goals = Goal.objects.bulk_create(
        [
            Goal(
                plan_version=target,
                key=g.key,
                domain=g.domain,
                adult_id=g.adult_id,
                child_id=g.child_id,
                text=g.text,
                voice_id=g.voice_id,
                target_on=g.target_on,
                status=g.status,
                progress_notes=g.progress_notes,
                position=g.position,
            )
            for g in goals
        ]
    )
    goal_by_old = {old.pk: new for old, new in zip(goals, new_goals, strict=True)}
    Action.objects.bulk_create(
        [
            Action(
                plan_version=target,
                goal=goal_by_old[a.goal_id],
                key=a.key,
                what=a.what,
                owner=participant_by_old.get(a.owner_id),
                due_on=a.due_on,
                done_on=a.done_on,
                position=a.position,
            )
            for a in source.actions.all()
        ]
    )


@transaction.atomic
def plan_close(*, plan: Plan, closed_on: date | None = None) -> Plan:
    """Close the plan (the family left, or the plan is replaced). Its versions stay as they are."""
    if plan.status == PlanStatus.CLOSED:
        return plan
    plan.status = PlanStatus.CLOSED
    plan.closed_on = closed_on or timezone.localdate()
    plan.full_clean()
    plan.save(update_fields=["status", "closed_on"])
    return plan


@transaction.atomic
def plan_handover_continue(*, handover: Handover, stay: Stay, by: User) -> PlanVersion | None:
    """After a handover ends in an admission (cases.extensions.after_handover_admission): the plan
    and circle go along as a new version with the new mentor. An agreed plan gets a new draft
    version (a review, as of the admission day: circle, goals and actions copied); a plan that
    is still a draft keeps its draft. In that version the receiving professional is the shelter
    mentor: the sending side's mentor is replaced (their actions pass to the new mentor), or the
    new mentor joins the circle. None when the household has no open plan."""
    plan = (
        Plan.objects.select_for_update().filter(household_id=stay.household_id, status__in=OPEN_PLAN_STATUSES).first()
    )
    if plan is None:
        return None
    if plan.status == PlanStatus.AGREED:
        draft = plan_review_start(plan=plan, user=by, on=stay.admitted_on)
    else:
        draft = _lock_version(plan_draft_version(plan))
    mentor_name = by.get_full_name() or by.get_username()
    role = _("Shelter mentor at %(location)s") % {"location": stay.location.name}
    mentors = list(draft.participants.filter(relation=Relation.SHELTER_MENTOR).order_by("position", "pk"))
    if not mentors:
        participant_add(
            plan_version=draft,
            name=mentor_name,
            relation=Relation.SHELTER_MENTOR,
            kind=ParticipantKind.PROFESSIONAL,
            organisation=by.organisation,
            role=role,
        )
        return draft
    mentor, others = mentors[0], mentors[1:]
    participant_update(
        participant=mentor,
        name=mentor_name,
        relation=Relation.SHELTER_MENTOR,
        kind=ParticipantKind.PROFESSIONAL,
        role=role,
        organisation=by.organisation,
        contact_details="",
    )
    # A second mentor of the sending side leaves the circle; what they owned, the new mentor owns.
    Action.objects.filter(plan_version=draft, owner__in=others).update(owner=mentor)
    for other in others:
        participant_remove(participant=other)
    return draft


# --- Circle -----------------------------------------------------------------------------------


@transaction.atomic
def participant_add(
    *,
    plan_version: PlanVersion,
    name: str,
    relation: str,
    kind: str | None = None,
    adult: AdultClient | None = None,
    child: Child | None = None,
    user: User | None = None,
    organisation: Organisation | None = None,
    role: str = "",
    contact_details: str = "",
    position: int | None = None,
) -> Participant:
    """Add someone to the circle of a draft version."""
    _require_draft(plan_version)
    household_id = plan_version.plan.household_id
    for member in (adult, child):
        if member is not None and member.household_id != household_id:
            raise ValidationError(_("Only members of this household can be linked as family."))
    if kind is None:
        kind = ParticipantKind.PROFESSIONAL if relation in PROFESSIONAL_RELATIONS else ParticipantKind.NETWORK
    organisation = _check_partner_account(user, organisation)
    if position is None:
        position = plan_version.participants.count()
    participant = model_create(
        Participant,
        plan_version=plan_version,
        name=name,
        relation=relation,
        kind=kind,
        adult=adult,
        child=child,
        user=user,
        organisation=organisation,
        role=role,
        contact_details=contact_details,
        position=position,
    )
    return participant


@transaction.atomic
def participant_update(
    *,
    participant: Participant,
    name: str,
    relation: str,
    kind: str,
    role: str,
    organisation: Organisation | None = None,
    contact_details: str | None = None,
    user: User | None = None,
) -> Participant:
    """Change a participant of a draft version (``contact_details=None`` keeps them)."""
    _require_draft(_lock_version(participant.plan_version))
    organisation = _check_partner_account(user, organisation)
    data = {"name": name, "relation": relation, "kind": kind, "role": role, "organisation": organisation, "user": user}
    if contact_details is not None:
        data["contact_details"] = contact_details
    participant, _updated = model_update(instance=participant, fields=data.keys(), data=data)
    return participant


def _check_partner_account(user: User | None, organisation: Organisation | None) -> Organisation | None:
    """A participant linked to an account is a chain partner of that account's organisation: the
    link is what lets them read the plan (with consent), so it may not point at anyone else."""
    if user is None:
        return organisation
    if user.role != Role.CHAIN_PARTNER or not user.is_active or user.organisation is None:
        raise ValidationError({"user": _("Only an active chain partner's account can be linked.")})
    if organisation is not None and organisation.pk != user.organisation_id:
        raise ValidationError({"user": _("This account works for another organisation than the one chosen.")})
    return user.organisation


@transaction.atomic
def participant_remove(*, participant: Participant) -> None:
    """Remove someone from the circle of a draft version; their actions lose their owner."""
    _require_draft(_lock_version(participant.plan_version))
    participant.delete()


@transaction.atomic
def agreement_record(
    *,
    participant: Participant,
    decision: str,
    decided_on: date,
    method: str = "",
    declined_reason: str = "",
    recorded_by: User | None = None,
) -> Agreement:
    """Record a participant's agreement with the draft version, or their objection and why.
    A later answer replaces the earlier one."""
    plan_version = _lock_version(participant.plan_version)
    _require_draft(plan_version)
    if decided_on < timezone.localtime(plan_version.created_at).date():
        raise ValidationError(
            {"decided_on": _("This date lies before this version of the plan was made. Fill in the day they answered.")}
        )
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The date lies in the future. Fill in the day they answered.")})
    if decision == AgreementDecision.AGREED:
        declined_reason = ""
    agreement = Agreement.objects.filter(participant=participant).first() or Agreement(participant=participant)
    agreement.decision = decision
    agreement.decided_on = decided_on
    agreement.method = method
    agreement.declined_reason = declined_reason
    agreement.recorded_by = recorded_by
    try:
        agreement.full_clean()
    except ValidationError as error:
        raise ValidationError(_translate_agreement_errors(error)) from error
    agreement.save()
    return agreement


def _translate_agreement_errors(error: ValidationError) -> dict:
    # The check constraints carry English names; tell the user what to fill in instead.
    messages = {}
    text = str(error)
    if "agreement_agreed_has_method" in text:
        messages["method"] = _("Choose how they agreed: in the meeting, by phone or in writing.")
    if "agreement_declined_has_reason" in text:
        messages["declined_reason"] = _("Write down why they do not agree, in their own words.")
    return messages or error.message_dict


# --- Goals and actions --------------------------------------------------------------------------


def _check_goal_person(plan_version: PlanVersion, adult: AdultClient | None, child: Child | None) -> None:
    household_id = plan_version.plan.household_id
    if adult is not None and child is not None:
        raise ValidationError(_("A goal is for the household, for one adult or for one child. Choose one."))
    for member in (adult, child):
        if member is not None and member.household_id != household_id:
            raise ValidationError(_("This person is not a member of the household."))


def _check_goal_voice(plan_version: PlanVersion, child: Child | None, voice: ChildVoice | None) -> None:
    """The voice entry a goal came from is one of a child of this household; a child's own goal
    comes from that child's words, not another child's."""
    if voice is None:
        return
    voice_child = Child.objects.only("pk", "household_id").get(pk=voice.child_id)
    if voice_child.household_id != plan_version.plan.household_id:
        raise ValidationError({"voice": _("Choose what a child of this household said.")})
    if child is not None and child.pk != voice_child.pk:
        raise ValidationError({"voice": _("A child's goal comes from that child's own words.")})


@transaction.atomic
def goal_add(
    *,
    plan_version: PlanVersion,
    domain: str,
    text: str,
    adult: AdultClient | None = None,
    child: Child | None = None,
    target_on: date | None = None,
    voice: ChildVoice | None = None,
) -> Goal:
    """Add a goal, in the family's words, to a draft version. ``voice``: the child's words it
    came from (a goal for nobody in particular then becomes that child's goal)."""
    _require_draft(_lock_version(plan_version))
    _check_goal_person(plan_version, adult, child)
    _check_goal_voice(plan_version, child, voice)
    if voice is not None and adult is None and child is None:
        child = voice.child
    goal = model_create(
        Goal,
        plan_version=plan_version,
        domain=domain,
        text=text,
        adult=adult,
        child=child,
        voice=voice,
        target_on=target_on,
        position=plan_version.goals.count(),
    )
    return goal


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    domain: str,
    text: str,
    adult: AdultClient | None,
    child: Child | None,
    target_on: date | None,
    status: str,
    progress_notes: str,
    voice: ChildVoice | None = None,
) -> Goal:
    """Change a goal of a draft version (``voice``: the child's words it came from, or None)."""
    _require_draft(_lock_version(goal.plan_version))
    _check_goal_person(goal.plan_version, adult, child)
    _check_goal_voice(goal.plan_version, child, voice)
    if voice is not None and adult is None and child is None:
        child = voice.child
    data = {
        "domain": domain,
        "text": text,
        "adult": adult,
        "child": child,
        "voice": voice,
        "target_on": target_on,
        "status": status,
        "progress_notes": progress_notes,
    }
    goal, _updated = model_update(instance=goal, fields=data.keys(), data=data)
    return goal


@transaction.atomic
def goal_progress_record(*, goal: Goal, status: str, progress_notes: str) -> Goal:
    """Record progress on a goal of the version in force (or the draft)."""
    _require_in_force_or_draft(_lock_version(goal.plan_version))
    data = {"status": status, "progress_notes": progress_notes}
    goal, _updated = model_update(instance=goal, fields=data.keys(), data=data)
    return goal


@transaction.atomic
def goal_remove(*, goal: Goal) -> None:
    """Remove a goal and its actions from a draft version."""
    _require_draft(_lock_version(goal.plan_version))
    goal.delete()


def _check_owner(goal: Goal, owner: Participant | None) -> None:
    # The owner must be in the circle of this very version (a copy in another version does not count).
    if owner is not None and owner.plan_version_id != goal.plan_version_id:
        raise ValidationError({"owner": _("The person who does this must be in the circle. Add them to it first.")})


@transaction.atomic
def action_add(*, goal: Goal, what: str, owner: Participant | None = None, due_on: date | None = None) -> Action:
    """Add an action to a goal of a draft version; its owner must be in the circle."""
    _require_draft(_lock_version(goal.plan_version))
    _check_owner(goal, owner)
    action = model_create(
        Action,
        plan_version_id=goal.plan_version_id,
        goal=goal,
        what=what,
        owner=owner,
        due_on=due_on,
        position=goal.actions.count(),
    )
    return action


@transaction.atomic
def action_update(
    *, action: Action, what: str, owner: Participant | None, due_on: date | None, done_on: date | None
) -> Action:
    """Change an action of a draft version."""
    _require_draft(_lock_version(action.plan_version))
    _check_owner(action.goal, owner)
    data = {"what": what, "owner": owner, "due_on": due_on, "done_on": done_on}
    action, _updated = model_update(instance=action, fields=data.keys(), data=data)
    return action


@transaction.atomic
def action_mark_done(*, action: Action, done_on: date | None) -> Action:
    """Record that an action of the version in force (or the draft) is done, or not done after all."""
    _require_in_force_or_draft(_lock_version(action.plan_version))
    if done_on is not None and done_on > timezone.localdate():
        raise ValidationError({"done_on": _("The date lies in the future. Fill in the day it was done.")})
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    return action


@transaction.atomic
def action_remove(*, action: Action) -> None:
    """Remove an action from a draft version."""
    _require_draft(_lock_version(action.plan_version))
    action.delete()


# --- Meetings -------------------------------------------------------------------------------------


@transaction.atomic
def meeting_record(
    *,
    plan: Plan,
    held_on: date,
    decisions: str,
    attendees: Iterable[Participant] = (),
    other_attendees: str = "",
    recorded_by: User | None = None,
) -> CircleMeeting:
    """Record a circle meeting on the plan's current version (draft if there is one)."""
    if plan.status == PlanStatus.CLOSED:
        raise ValidationError(_("This plan is closed. Meetings can no longer be added."))
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The date lies in the future. Record the meeting after it took place.")})
    plan_version = PlanVersion.objects.filter(plan=plan).order_by("-number").first()
    assert plan_version is not None  # plan_create makes the first version with the plan
    attendees = list(attendees)
    if any(p.plan_version_id != plan_version.pk for p in attendees):
        raise ValidationError({"attendees": _("Only people in the circle of this version can be listed as present.")})
    meeting = model_create(
        CircleMeeting,
        plan=plan,
        plan_version=plan_version,
        held_on=held_on,
        decisions=decisions,
        other_attendees=other_attendees,
        recorded_by=recorded_by,
    )
    meeting.attendees.set(attendees)
    return meeting


# --- Chain partners: consent, their own answers and comments ---------------------------------------


@transaction.atomic
def plan_consent_give(
    *,
    household: Household,
    organisation: Organisation,
    given_on: date,
    adult: AdultClient | None = None,
    child: Child | None = None,
    recorded_by: User | None = None,
) -> PlanConsent:
    """Record that a parent (or a child, for their own part) consents to sharing the plan with a
    chain-partner organisation."""
    if (adult is None) == (child is None):
        raise ValidationError({"person": _("Choose the parent or the child who gives consent.")})
    member = adult or child
    assert member is not None  # exactly one of the two, checked above
    if member.household_id != household.pk:
        raise ValidationError({"person": _("Choose a member of this household.")})
    if organisation.kind not in CHAIN_PARTNER_KINDS:
        raise ValidationError({"organisation": _("Consent is asked for sharing with a chain partner only.")})
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("The date lies in the future. Fill in the day consent was given.")})
    active = PlanConsent.objects.filter(organisation=organisation, withdrawn_on__isnull=True)
    if active.filter(adult=adult, child=child).exists():
        raise ValidationError({"person": _("This consent has been recorded already.")})
    return model_create(
        PlanConsent,
        household=household,
        organisation=organisation,
        adult=adult,
        child=child,
        given_on=given_on,
        recorded_by=recorded_by,
    )


@transaction.atomic
def plan_consent_withdraw(
    *, consent: PlanConsent, withdrawn_on: date | None = None, recorded_by: User | None = None
) -> PlanConsent:
    """Record that consent is withdrawn: the organisation's access ends at once."""
    consent = PlanConsent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent has been withdrawn already."))
    withdrawn_on = withdrawn_on or timezone.localdate()
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("The date lies in the future.")})
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": _("Consent cannot be withdrawn before it was given.")})
    consent, _updated = model_update(
        instance=consent,
        fields=["withdrawn_on", "withdrawn_recorded_by"],
        data={"withdrawn_on": withdrawn_on, "withdrawn_recorded_by": recorded_by},
    )
    return consent


def partner_agreement_record(
    *, participant: Participant, user: User, decision: str, declined_reason: str = ""
) -> Agreement:
    """A chain partner answers for themselves, today, whether they agree with the draft version."""
    if participant.user_id != user.pk:
        raise ValidationError(_("You can only give your own answer."))
    return agreement_record(
        participant=participant,
        decision=decision,
        decided_on=timezone.localdate(),
        method=AgreementMethod.SELF if decision == AgreementDecision.AGREED else "",
        declined_reason=declined_reason,
        recorded_by=user,
    )


@transaction.atomic
def action_comment_add(*, action: Action, text: str, author: User | None = None) -> ActionComment:
    """A comment on an action, by whoever does it."""
    if not text.strip():
        raise ValidationError({"text": _("Write a comment.")})
    return model_create(ActionComment, action=action, text=text.strip(), author=author)
