"""Writes of the child's file. Every write goes through a function here.

Also the involvement of professionals with clients (adults and children): the source of the
"faces" count. Auditing is done by django-auditlog for every model written here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import may_see_safety
from cases.models import AdultClient, Handover, Household, Involvement, Stay
from cases.services import case_staff
from opvang.locking import claim_version
from opvang.models import User
from opvang.services import model_create, model_update

from .constants import (
    ADULT_AGE,
    ChildDomain,
    ConsentQuestion,
    ConversationPrompt,
    Custody,
    IntakePresence,
    IntakeStatus,
    IntakeVariant,
    MeldcodeStep,
    OtherParentContact,
    SupportNeed,
    VeerkrachtForm,
    VeerkrachtPhase,
    YouthCareKind,
    intake_variant,
)
from .models import Child, ChildIntake, ChildVoice, MeldcodeStepRecord, VeerkrachtTrack, YouthCareReferral, age_on

# Fields of the child's file that child_update may change (the restricted safety fields have
# their own service, so a form without the right can never touch them).
CHILD_EDITABLE_FIELDS = frozenset(
    {
        "first_name",
        "last_name",
        "date_of_birth",
        "bsn",
        "gender",
        "school_name",
        "school_continued",
        "school_contact",
        "support_needs",
        "support_notes",
    }
)
MENTOR_ROLE_LABEL = "vaste begeleider"


def _today() -> date:
    return timezone.localdate()


def _check_bsn_unique(bsn: str | None, *, child_pk: int | None = None) -> None:
    """A BSN belongs to one person: not to another child, nor to an adult client."""
    if not bsn:
        return
    other_children = Child.objects.filter(bsn=bsn)
    if child_pk is not None:
        other_children = other_children.exclude(pk=child_pk)
    if other_children.exists() or AdultClient.objects.filter(bsn=bsn).exists():
        raise ValidationError(
            {"bsn": _("This BSN is already registered for another client. Check the number or open the existing file.")}
        )


def _check_not_adult(date_of_birth: date, on: date) -> None:
    if age_on(date_of_birth, on) >= ADULT_AGE:
        raise ValidationError(
            {"date_of_birth": _("A person of 18 or older is registered as an adult, not as a child.")}
        )


def _check_not_future(field: str, value: date | None) -> None:
    if value and value > _today():
        raise ValidationError({field: _("This date lies in the future. Enter the date on which it happened.")})


def _stay_start(household: Household) -> date | None:
    return (
        Stay.objects.filter(household=household).order_by("-admitted_on").values_list("admitted_on", flat=True).first()
    )


@transaction.atomic
def child_register(
    *,
    household: Household,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    bsn: str | None = None,
    gender: str = "x",
    school_name: str = "",
    school_continued: bool | None = None,
    school_contact: str = "",
) -> Child:
    """Register a child as a client of its own. An 18+ person is an adult, not a child."""
    _check_not_future("date_of_birth", date_of_birth)
    _check_not_adult(date_of_birth, _today())
    _check_bsn_unique(bsn)
    child = model_create(
        Child,
        household=household,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        bsn=bsn or None,
        gender=gender,
        school_name=school_name,
        school_continued=school_continued,
        school_contact=school_contact,
    )
    return child


@transaction.atomic
def child_update(*, child: Child, expected_version: int, **changes: Any) -> Child:
    """Change the child's own file (not the restricted safety section).

    Raises StaleVersion when someone else saved the file after ``expected_version`` was read.
    """
    unknown = set(changes) - CHILD_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"child_update cannot change {sorted(unknown)}")
    if "bsn" in changes:
        changes["bsn"] = changes["bsn"] or None
        _check_bsn_unique(changes["bsn"], child_pk=child.pk)
    if "date_of_birth" in changes:
        _check_not_future("date_of_birth", changes["date_of_birth"])
        # The child must have been a child when the stay began (turning 18 during it is allowed).
        _check_not_adult(changes["date_of_birth"], _stay_start(child.household) or _today())
    if "support_needs" in changes:
        needs = list(changes["support_needs"] or [])
        if set(needs) - set(SupportNeed.values):
            raise ValidationError({"support_needs": _("Choose support needs from the list.")})
        changes["support_needs"] = needs
    claim_version(child, expected_version)
    child, _updated = model_update(instance=child, fields=changes.keys(), data=changes)
    return child


# The content of the child's own intake that child_intake_save may write; the restricted safety
# assessment only for a user who may see the safety section.
INTAKE_FIELDS = frozenset(
    {
        "held_on",
        "held_by",
        "present",
        "own_words",
        "observation",
        "answers",
        "consent",
        "needs",
        "school_name",
        "school_contact",
        "school_notes",
        "gp",
        "health",
        "custody",
        "custody_notes",
        "other_parent_contact",
        "other_parent_notes",
    }
)
INTAKE_SAFETY_FIELDS = frozenset({"safety_signals", "safety_assessment"})
_INTAKE_TEXT_FIELDS = frozenset(
    {"own_words", "observation", "school_name", "school_contact", "school_notes", "gp", "health"}
    | {"custody_notes", "other_parent_notes", "safety_assessment"}
)


def intake_variant_for(child: Child, on: date | None = None) -> IntakeVariant:
    """The form of the intake that fits the child's age on the day of the conversation (or today)."""
    return intake_variant(age_on(child.date_of_birth, on or _today()))


def child_intake_open(child: Child) -> ChildIntake | None:
    """The child's intake in progress (a draft), if any."""
    return ChildIntake.objects.filter(child=child, status=IntakeStatus.DRAFT).first()


def intake_done_for_stay(child: Child) -> bool:
    """The child's own intake of the household's last stay has been completed (one intake per
    stay): its date (Child.intake_on, set on completion) lies on or after the stay's start."""
    if child.intake_on is None:
        return False
    start = _stay_start(child.household)
    return start is None or child.intake_on >= start


def _clean_mapping(value: Any, keys: list[str], field: str) -> dict:
    """A mapping of known keys (prompts, domains, consent questions) without empty answers."""
    value = value or {}
    if not isinstance(value, dict) or set(value) - set(keys):
        raise ValidationError({field: _("Choose from the list.")})
    cleaned: dict = {}
    for key in keys:
        answer = value.get(key)
        if isinstance(answer, str):
            answer = answer.strip()
        if answer not in (None, ""):
            cleaned[key] = answer
    return cleaned


def _check_intake_content(intake: ChildIntake, *, complete: bool, safety: bool, start_meldcode: bool) -> None:
    """The rules of an intake: the draft's (dates, the age-appropriate form) and, on completion,
    what a completed intake must hold. Every message names the field it is about."""
    child = intake.child
    errors: dict[str, str] = {}
    if intake.held_on:
        if intake.held_on > _today():
            errors["held_on"] = _("This date lies in the future. Enter the date on which it happened.")
        elif intake.held_on < child.date_of_birth:
            errors["held_on"] = _("The intake cannot be before the child's date of birth.")
    if intake.variant == IntakeVariant.OBSERVATION and (intake.own_words or intake.answers):
        errors["own_words"] = _(
            "A child under 4 is observed together with a parent, not interviewed: write down what you saw."
        )
    if intake.variant != IntakeVariant.OWN_WORDS and intake.consent:
        errors["consent"] = _("The consent questions are asked from the age of 12.")
    if intake.variant == IntakeVariant.OWN_WORDS and intake.answers:
        errors["own_words"] = _("From 12 the child tells in its own words; the prompts are for younger children.")
    if complete:
        if not intake.held_on:
            errors.setdefault("held_on", _("Enter the date of the conversation."))
        if intake.held_by_id is None:
            errors["held_by"] = _("Choose who held the conversation.")
        if not intake.present:
            errors["present"] = _("Choose who was present.")
        elif intake.variant == IntakeVariant.OBSERVATION and intake.present != IntakePresence.PARENT:
            errors["present"] = _("A child under 4 is observed together with a parent.")
        if intake.variant == IntakeVariant.OBSERVATION and not intake.observation:
            errors["observation"] = _("Write down what you observed: how the child plays, reacts and seeks contact.")
        if intake.variant == IntakeVariant.CONVERSATION and not (intake.own_words or intake.answers):
            errors.setdefault(
                "own_words", _("Write down what the child told you: its answer to at least one prompt, or its words.")
            )
        if intake.variant == IntakeVariant.OWN_WORDS:
            if not intake.own_words:
                errors.setdefault("own_words", _("Write down, in the child's own words, what it wants us to know."))
            for question in ConsentQuestion:
                if intake.consent.get(question.value) is None:
                    errors[f"consent_{question.value}"] = _("Ask the child this question and write down its answer.")
        if not intake.needs:
            errors["needs"] = _("Write down the child's needs in at least one life domain.")
        if not intake.custody:
            errors["custody"] = _("Choose who has custody, or 'Not known yet'.")
        if not intake.other_parent_contact:
            errors["other_parent_contact"] = _("Choose how the child is in contact with the other parent.")
        if safety and intake.safety_signals is None:
            errors["safety_signals"] = _("Answer whether there are signals of violence or neglect.")
    if start_meldcode and not intake.safety_signals:
        errors["start_meldcode"] = _(
            "Start the meldcode from the intake only when there are signals of violence or neglect."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def child_intake_save(
    *, child: Child, by: User, complete: bool = False, start_meldcode: bool = False, **fields: Any
) -> ChildIntake:
    """Save the child's own intake as a draft, or complete it (``complete``).

    A completed intake can no longer be changed, sets the child's intake date (the 14-day signal
    and the child_intake indicator count only completed intakes) and, when the safety assessment
    found signals and ``start_meldcode`` is asked, records step 1 of the meldcode. The safety
    assessment may only be written by a user who may see the safety section."""
    unknown = set(fields) - INTAKE_FIELDS - INTAKE_SAFETY_FIELDS
    if unknown:
        raise TypeError(f"child_intake_save cannot change {sorted(unknown)}")
    safety = may_see_safety(by, child.household)
    if (set(fields) & INTAKE_SAFETY_FIELDS or start_meldcode) and not safety:
        raise ValidationError(_("Only staff who may see the safety section can write the safety assessment."))
    intake = child_intake_open(child)
    if intake is None:
        if intake_done_for_stay(child):
            raise ValidationError(_("The own intake of this child has been completed; it can no longer be changed."))
        intake = ChildIntake(child=child)
    for name in _INTAKE_TEXT_FIELDS & set(fields):
        fields[name] = (fields[name] or "").strip()
    if "answers" in fields:
        fields["answers"] = _clean_mapping(fields["answers"], ConversationPrompt.values, "answers")
    if "needs" in fields:
        fields["needs"] = _clean_mapping(fields["needs"], ChildDomain.values, "needs")
    if "consent" in fields:
        consent = _clean_mapping(fields["consent"], ConsentQuestion.values, "consent")
        if any(not isinstance(answer, bool) for answer in consent.values()):
            raise ValidationError({"consent": _("Answer the consent questions with yes or no.")})
        fields["consent"] = consent
    if fields.get("present") and fields["present"] not in IntakePresence.values:
        raise ValidationError({"present": _("Choose who was present from the list.")})
    if fields.get("custody") and fields["custody"] not in Custody.values:
        raise ValidationError({"custody": _("Choose who has custody from the list.")})
    if fields.get("other_parent_contact") and fields["other_parent_contact"] not in OtherParentContact.values:
        raise ValidationError({"other_parent_contact": _("Choose the contact with the other parent from the list.")})
    if (
        fields.get("held_by") is not None
        and not mentor_candidates(child.household).filter(pk=fields["held_by"].pk).exists()
    ):
        raise ValidationError(
            {"held_by": _("Choose a caseworker or team lead of the organisation that shelters this household.")}
        )
    for name, value in fields.items():
        setattr(intake, name, value)
    intake.variant = intake_variant_for(child, intake.held_on)
    if complete and intake.held_by_id is None:
        intake.held_by = by
    _check_intake_content(intake, complete=complete, safety=safety, start_meldcode=start_meldcode)
    if complete:
        intake.status = IntakeStatus.COMPLETED
        intake.completed_at = timezone.now()
        intake.completed_by = by
    intake.full_clean()
    intake.save()
    if complete:
        assert intake.held_on is not None  # checked by _check_intake_content
        child.intake_on = intake.held_on
        child.save(update_fields=["intake_on"])
        if start_meldcode and _meldcode_round_open(child) is False:
            meldcode_step_record(
                child=child,
                step=MeldcodeStep.MAP_SIGNALS,
                done_on=intake.held_on,
                notes=_("Signals from the child's own intake: %(assessment)s")
                % {"assessment": intake.safety_assessment}
                if intake.safety_assessment
                else _("Signals from the child's own intake."),
                recorded_by=by,
            )
            intake.meldcode_started = True
            intake.save(update_fields=["meldcode_started"])
    return intake


def _meldcode_round_open(child: Child) -> bool:
    """A meldcode round is under way (steps recorded, the decision of step 5 not yet taken)."""
    last = MeldcodeStepRecord.objects.filter(child=child).order_by("-done_on", "-pk").values_list("step", flat=True)
    step = last.first()
    return step is not None and step != MeldcodeStep.DECIDE


def mentor_candidates(household: Household) -> QuerySet[User]:
    """Who may be a child's own mentor: the household's case staff (also its adults' caseworkers)."""
    return case_staff(household)


@transaction.atomic
def child_assign_mentor(*, child: Child, mentor: User, on: date | None = None) -> Child:
    """Give the child its own mentor (vaste begeleider), and open the mentor's involvement.

    The previous mentor's open involvement as mentor ends on the same day: both have been
    a face for the child, so both stay in the faces count of the stay.
    """
    on = on or _today()
    _check_not_future("on", on)
    if not mentor_candidates(child.household).filter(pk=mentor.pk).exists():
        raise ValidationError(
            {"mentor": _("Choose a caseworker or team lead of the organisation that shelters this household.")}
        )
    if child.mentor_id == mentor.pk:
        return child
    if child.mentor_id:
        Involvement.objects.filter(
            child=child, user_id=child.mentor_id, role=MENTOR_ROLE_LABEL, ended_on__isnull=True
        ).update(ended_on=on)
    child.mentor = mentor
    child.full_clean()
    child.save(update_fields=["mentor"])
    if not Involvement.objects.filter(child=child, user=mentor, ended_on__isnull=True).exists():
        involvement_add(child=child, user=mentor, role=MENTOR_ROLE_LABEL, started_on=on)
    return child


@transaction.atomic
def child_voice_add(
    *, child: Child, recorded_on: date, wishes: str = "", worries: str = "", theme: str = "", recorded_by: User
) -> ChildVoice:
    """Record what the child says it wants and worries about, in its own words."""
    if not (wishes.strip() or worries.strip()):
        raise ValidationError(_("Write down what the child wants or what it worries about (or both)."))
    _check_not_future("recorded_on", recorded_on)
    voice = model_create(
        ChildVoice,
        child=child,
        recorded_on=recorded_on,
        wishes=wishes.strip(),
        worries=worries.strip(),
        theme=theme,
        recorded_by=recorded_by,
    )
    return voice


@transaction.atomic
def youth_care_refer(*, child: Child, provider: str, kind: str, referred_on: date) -> YouthCareReferral:
    """Refer the child to specialised youth care."""
    _check_not_future("referred_on", referred_on)
    if kind not in YouthCareKind.values:
        raise ValidationError({"kind": _("Choose the kind of youth care from the list.")})
    referral = model_create(
        YouthCareReferral, child=child, provider=provider.strip(), kind=kind, referred_on=referred_on
    )
    return referral


@transaction.atomic
def youth_care_start(*, referral: YouthCareReferral, started_on: date) -> YouthCareReferral:
    """Record that the youth care has started."""
    _check_not_future("started_on", started_on)
    if started_on < referral.referred_on:
        raise ValidationError({"started_on": _("The care cannot start before the referral. Check the date.")})
    if referral.ended_on and started_on > referral.ended_on:
        raise ValidationError({"started_on": _("The care cannot start after it ended. Check the date.")})
    referral.started_on = started_on
    referral.full_clean()
    referral.save(update_fields=["started_on"])
    return referral


@transaction.atomic
def youth_care_end(*, referral: YouthCareReferral, ended_on: date) -> YouthCareReferral:
    """Record that the youth care has ended."""
    _check_not_future("ended_on", ended_on)
    if referral.started_on is None:
        raise ValidationError({"ended_on": _("Record first when the care started, then when it ended.")})
    if ended_on < referral.started_on:
        raise ValidationError({"ended_on": _("The care cannot end before it started. Check the date.")})
    referral.ended_on = ended_on
    referral.full_clean()
    referral.save(update_fields=["ended_on"])
    return referral


def _open_track_exists(child: Child) -> bool:
    return (
        VeerkrachtTrack.objects.filter(child=child, ended_on__isnull=True)
        .exclude(form=VeerkrachtForm.NOT_OFFERED)
        .exists()
    )


@transaction.atomic
def veerkracht_start(
    *, child: Child, form: str, started_on: date, phase: int = VeerkrachtPhase.EXPLORATION
) -> VeerkrachtTrack:
    """Start the child's participation in Veerkracht, individually or in a group."""
    if form not in (VeerkrachtForm.INDIVIDUAL, VeerkrachtForm.GROUP):
        raise ValidationError({"form": _("Choose individual or group.")})
    _check_not_future("started_on", started_on)
    if _open_track_exists(child):
        raise ValidationError(
            _("This child already takes part in Veerkracht. End that track before starting a new one.")
        )
    track = model_create(VeerkrachtTrack, child=child, form=form, phase=phase, started_on=started_on)
    return track


@transaction.atomic
def veerkracht_update(
    *, track: VeerkrachtTrack, phase: int, sessions_attended: int, ended_on: date | None = None
) -> VeerkrachtTrack:
    """Move a Veerkracht track on: its phase, the sessions attended and, at the close, its end."""
    if track.form == VeerkrachtForm.NOT_OFFERED:
        raise ValidationError(_("Veerkracht was not offered to this child; start a track instead."))
    _check_not_future("ended_on", ended_on)
    if ended_on and track.started_on and ended_on < track.started_on:
        raise ValidationError({"ended_on": _("The track cannot end before it started. Check the date.")})
    data = {"phase": phase, "sessions_attended": sessions_attended, "ended_on": ended_on}
    track, _updated = model_update(instance=track, fields=data.keys(), data=data)
    return track


@transaction.atomic
def veerkracht_not_offered(*, child: Child, reason: str) -> VeerkrachtTrack:
    """Record that Veerkracht is not offered to this child, and why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Write down why Veerkracht is not offered to this child.")})
    if _open_track_exists(child):
        raise ValidationError(_("This child takes part in Veerkracht now. End that track first."))
    track = model_create(
        VeerkrachtTrack, child=child, form=VeerkrachtForm.NOT_OFFERED, not_offered_reason=reason.strip()
    )
    return track


@transaction.atomic
def meldcode_step_record(
    *,
    child: Child,
    step: int,
    done_on: date,
    notes: str = "",
    recorded_by: User,
    veilig_thuis_report: bool | None = None,
) -> MeldcodeStepRecord:
    """Record a step of the meldcode. Steps go in order (1 to 5); after step 5 a new round
    starts at step 1. Only step 5 (the decision) may record a report to Veilig Thuis."""
    _check_not_future("done_on", done_on)
    last = MeldcodeStepRecord.objects.filter(child=child).order_by("-done_on", "-pk").first()
    expected = 1 if last is None or last.step == MeldcodeStep.DECIDE else last.step + 1
    if step != expected:
        raise ValidationError(
            {
                "step": _("The meldcode steps go in order. The next step for this child is step %(step)d.")
                % {"step": expected}
            }
        )
    if last is not None and done_on < last.done_on:
        raise ValidationError({"done_on": _("This step cannot be earlier than the previous step. Check the date.")})
    if veilig_thuis_report is not None and step != MeldcodeStep.DECIDE:
        raise ValidationError(
            {"veilig_thuis_report": _("A report to Veilig Thuis is recorded at step 5, the decision.")}
        )
    record = model_create(
        MeldcodeStepRecord, child=child, step=step, done_on=done_on, notes=notes.strip(), recorded_by=recorded_by
    )
    if veilig_thuis_report is not None:
        child.veilig_thuis_report = veilig_thuis_report
        child.save(update_fields=["veilig_thuis_report"])
    return record


@transaction.atomic
def child_safety_update(
    *,
    child: Child,
    expected_version: int,
    protection_concerns: str,
    safety_scale: int | None,
    veilig_thuis_report: bool,
) -> Child:
    """Change the restricted safety section of the child's file (callers check may_see_safety)."""
    if safety_scale is not None and not 0 <= safety_scale <= 10:
        raise ValidationError({"safety_scale": _("Choose a number from 0 (not safe at all) to 10 (completely safe).")})
    claim_version(child, expected_version)
    data = {
        "protection_concerns": protection_concerns.strip(),
        "safety_scale": safety_scale,
        "veilig_thuis_report": veilig_thuis_report,
    }
    child, _updated = model_update(instance=child, fields=data.keys(), data=data)
    return child


@transaction.atomic
def involvement_add(
    *,
    role: str,
    started_on: date,
    adult: AdultClient | None = None,
    child: Child | None = None,
    user: User | None = None,
    external_name: str = "",
    external_organisation: str = "",
    ended_on: date | None = None,
) -> Involvement:
    """Record that a professional (a user, or a named external person) is involved with one client."""
    if (adult is None) == (child is None):
        raise ValidationError(_("An involvement is about one client: an adult or a child."))
    external_name = external_name.strip()
    external_organisation = external_organisation.strip()
    if user is None and not external_name:
        raise ValidationError(
            {"external_name": _("Choose a colleague, or write down the name of the external professional.")}
        )
    if user is not None and external_name:
        raise ValidationError({"external_name": _("Choose a colleague or write down an external name, not both.")})
    if user is None and not external_organisation:
        raise ValidationError(
            {"external_organisation": _("Write down the organisation the external professional works for.")}
        )
    if not role.strip():
        raise ValidationError({"role": _("Write down the role of this professional, e.g. school social worker.")})
    if ended_on and ended_on < started_on:
        raise ValidationError({"ended_on": _("The involvement cannot end before it started. Check the dates.")})
    client = adult or child
    assert client is not None  # exactly one of the two, checked above
    involvement = model_create(
        Involvement,
        household_id=client.household_id,
        adult=adult,
        child=child,
        user=user,
        external_name=external_name,
        external_organisation=external_organisation if user is None else "",
        role=role.strip(),
        started_on=started_on,
        ended_on=ended_on,
    )
    return involvement


def handover_involvements(*, handover: Handover, stay: Stay, by: User) -> list[Involvement]:
    """After a handover ends in an admission (cases.extensions.after_handover_admission): the
    receiving professional is involved with each child of the household from the admission day,
    so they count as a face for each child they meet. A child they are already involved with on
    that day keeps that one involvement."""
    already = set(
        Involvement.objects.filter(household_id=stay.household_id, child__isnull=False, user=by)
        .filter(started_on__lte=stay.admitted_on)
        .exclude(ended_on__lt=stay.admitted_on)
        .values_list("child_id", flat=True)
    )
    return [
        involvement_add(role=_("Shelter mentor"), started_on=stay.admitted_on, child=child, user=by)
        for child in Child.objects.filter(household_id=stay.household_id).order_by("date_of_birth", "pk")
        if child.pk not in already
    ]


@transaction.atomic
def involvement_end(*, involvement: Involvement, ended_on: date | None = None) -> Involvement:
    """End a professional's involvement with a client."""
    ended_on = ended_on or _today()
    if involvement.ended_on is not None:
        raise ValidationError(_("This involvement has already ended."))
    if ended_on < involvement.started_on:
        raise ValidationError({"ended_on": _("The involvement cannot end before it started. Check the date.")})
    involvement.ended_on = ended_on
    involvement.full_clean()
    involvement.save(update_fields=["ended_on"])
    return involvement
