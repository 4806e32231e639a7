"""The child as a client in its own right: own file, intake, mentor, voice, care and safety."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.access import household_scope_q
from cases.models import CaseNote, Household, age_on
from opvang.models import HouseholdRecord
from opvang.validators import validate_bsn, validate_not_in_future

from .constants import (
    ChildDomain,
    ConsentQuestion,
    ConversationPrompt,
    Custody,
    Gender,
    IntakePresence,
    IntakeStatus,
    IntakeVariant,
    MeldcodeStep,
    OtherParentContact,
    VeerkrachtForm,
    VeerkrachtPhase,
    VoiceTheme,
    YouthCareKind,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from opvang.models import User


class ChildQuerySet(models.QuerySet["Child"]):
    def visible_to(self, user: User | AnonymousUser) -> ChildQuerySet:
        return self.filter(household__in=Household.objects.filter(household_scope_q(user)))


class Child(HouseholdRecord, models.Model):
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="children", verbose_name=_("household")
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"), validators=[validate_not_in_future])
    bsn = models.CharField(_("BSN"), max_length=9, unique=True, null=True, blank=True, validators=[validate_bsn])
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, default=Gender.OTHER)
    # School
    school_name = models.CharField(_("school"), max_length=200, blank=True)
    school_continued = models.BooleanField(_("school attendance continued during the stay"), null=True, blank=True)
    school_contact = models.CharField(_("school contact"), max_length=200, blank=True)
    # The one consistent face (vaste begeleider) and the child's own intake conversation.
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_children",
        verbose_name=_("own mentor"),
    )
    # The date of the child's *completed* own intake (ChildIntake): written only when an intake is
    # completed (a draft leaves it empty), read by the 14-day signal and the child_intake indicator.
    intake_on = models.DateField(_("own intake on"), null=True, blank=True, validators=[validate_not_in_future])
    support_needs = models.JSONField(_("support needs"), default=list, blank=True)
    support_notes = models.TextField(_("notes on support needs"), blank=True)
    # Restricted safety section (cases.access.may_see_safety).
    protection_concerns = models.TextField(_("child-protection concerns"), blank=True)
    veilig_thuis_report = models.BooleanField(_("reported to Veilig Thuis"), default=False)
    safety_scale = models.PositiveSmallIntegerField(_("safety scale (0–10)"), null=True, blank=True)
    # Case notes about this child (rapportage); the note itself belongs to the household (cases).
    case_notes = models.ManyToManyField(CaseNote, blank=True, related_name="children", verbose_name=_("case notes"))
    # Optimistic locking of the child file.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["date_of_birth"]
        verbose_name = _("child")
        verbose_name_plural = _("children")
        constraints = [
            models.CheckConstraint(
                condition=Q(safety_scale__isnull=True) | Q(safety_scale__lte=10), name="child_safety_scale_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age(self, on: date | None = None) -> int:
        return age_on(self.date_of_birth, on or timezone.localdate())


class ChildVoice(HouseholdRecord, models.Model):
    """What the child says it wants and worries about, in its own words."""

    household_path = "child.household_id"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="voices", verbose_name=_("child"))
    recorded_on = models.DateField(_("date"), validators=[validate_not_in_future])
    wishes = models.TextField(_("what the child wants"), blank=True)
    worries = models.TextField(_("what the child worries about"), blank=True)
    # What the words are about (a fixed list): reports count themes, never the words.
    theme = models.CharField(_("theme"), max_length=32, choices=VoiceTheme.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        ordering = ["-recorded_on", "-pk"]
        verbose_name = _("child's voice")
        verbose_name_plural = _("child's voice entries")
        constraints = [models.CheckConstraint(condition=~Q(wishes="") | ~Q(worries=""), name="child_voice_not_empty")]


class YouthCareReferral(HouseholdRecord, models.Model):
    household_path = "child.household_id"
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("child"))
    provider = models.CharField(_("provider"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=YouthCareKind.choices)
    referred_on = models.DateField(_("referred on"))
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["-referred_on"]
        verbose_name = _("youth-care referral")
        verbose_name_plural = _("youth-care referrals")
        constraints = [
            models.CheckConstraint(
                condition=Q(started_on__isnull=True) | Q(started_on__gte=F("referred_on")),
                name="referral_start_after_referral",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | (Q(started_on__isnull=False) & Q(ended_on__gte=F("started_on"))),
                name="referral_end_after_start",
            ),
        ]


class VeerkrachtTrack(HouseholdRecord, models.Model):
    """Participation in Veerkracht, the national method for children in shelters."""

    household_path = "child.household_id"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="veerkracht", verbose_name=_("child"))
    form = models.CharField(_("form"), max_length=16, choices=VeerkrachtForm.choices)
    phase = models.PositiveSmallIntegerField(
        _("phase"), choices=VeerkrachtPhase.choices, default=VeerkrachtPhase.EXPLORATION
    )
    started_on = models.DateField(_("start"), null=True, blank=True)
    sessions_attended = models.PositiveSmallIntegerField(_("sessions attended"), default=0)
    ended_on = models.DateField(_("end"), null=True, blank=True)
    not_offered_reason = models.TextField(_("reason not offered"), blank=True)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("Veerkracht track")
        verbose_name_plural = _("Veerkracht tracks")
        constraints = [
            models.CheckConstraint(
                condition=~Q(form=VeerkrachtForm.NOT_OFFERED) | ~Q(not_offered_reason=""),
                name="veerkracht_not_offered_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="veerkracht_end_after_start",
            ),
        ]


class MeldcodeStepRecord(HouseholdRecord, models.Model):
    """A step of the meldcode huiselijk geweld en kindermishandeling (restricted)."""

    household_path = "child.household_id"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="meldcode_steps", verbose_name=_("child"))
    step = models.PositiveSmallIntegerField(_("step"), choices=MeldcodeStep.choices)
    done_on = models.DateField(_("date"), validators=[validate_not_in_future])
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["done_on", "step"]
        verbose_name = _("meldcode step")
        verbose_name_plural = _("meldcode steps")


class ChildIntake(HouseholdRecord, models.Model):
    """The child's own intake conversation, in the form that fits its age (IntakeVariant).

    Saved as a draft and completed later; only a completed intake counts (it sets
    Child.intake_on). The safety assessment is restricted (cases.access.may_see_safety)."""

    household_path = "child.household_id"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="intakes", verbose_name=_("child"))
    status = models.CharField(_("status"), max_length=16, choices=IntakeStatus.choices, default=IntakeStatus.DRAFT)
    variant = models.CharField(_("form of the intake"), max_length=16, choices=IntakeVariant.choices)
    held_on = models.DateField(_("held on"), null=True, blank=True, validators=[validate_not_in_future])
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("held by"),
    )
    present = models.CharField(_("present"), max_length=16, choices=IntakePresence.choices, blank=True)
    # The child's own words (4 and older) or, under 4, what the caseworker saw.
    own_words = models.TextField(_("what the child wants us to know"), blank=True)
    observation = models.TextField(_("observation"), blank=True)
    answers = models.JSONField(_("answers to the prompts"), default=dict, blank=True)
    consent = models.JSONField(_("consent of the child"), default=dict, blank=True)
    needs = models.JSONField(_("needs per life domain"), default=dict, blank=True)
    # School or childcare, GP and health, custody and the other parent.
    school_name = models.CharField(_("school or childcare"), max_length=200, blank=True)
    school_contact = models.CharField(_("contact at school or childcare"), max_length=200, blank=True)
    school_notes = models.TextField(_("notes on school or childcare"), blank=True)
    gp = models.CharField(_("GP"), max_length=200, blank=True)
    health = models.TextField(_("health"), blank=True)
    custody = models.CharField(_("custody (gezag)"), max_length=16, choices=Custody.choices, blank=True)
    custody_notes = models.TextField(_("notes on custody"), blank=True)
    other_parent_contact = models.CharField(
        _("contact with the other parent"), max_length=16, choices=OtherParentContact.choices, blank=True
    )
    other_parent_notes = models.TextField(_("notes on the contact with the other parent"), blank=True)
    # Restricted: the short safety assessment (may_see_safety).
    safety_signals = models.BooleanField(_("signals of violence or neglect"), null=True, blank=True)
    safety_assessment = models.TextField(_("safety assessment"), blank=True)
    meldcode_started = models.BooleanField(_("meldcode started from this intake"), default=False)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("child's own intake")
        verbose_name_plural = _("children's own intakes")
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=Q(status=IntakeStatus.DRAFT), name="child_intake_one_draft"
            ),
            models.CheckConstraint(
                condition=Q(status=IntakeStatus.DRAFT) | Q(held_on__isnull=False, completed_at__isnull=False),
                name="child_intake_completed_has_date",
            ),
        ]

    @property
    def is_completed(self) -> bool:
        return self.status == IntakeStatus.COMPLETED

    def needs_shown(self) -> list[tuple[str, str]]:
        """(life domain, needs) in the order of the domains, for the page and the export."""
        return [(str(domain.label), self.needs[domain.value]) for domain in ChildDomain if self.needs.get(domain.value)]

    def answers_shown(self) -> list[tuple[str, str]]:
        """(prompt, the child's answer) of the conversation with prompts."""
        return [
            (str(prompt.label), self.answers[prompt.value])
            for prompt in ConversationPrompt
            if self.answers.get(prompt.value)
        ]

    def consent_shown(self) -> list[tuple[str, bool]]:
        """(consent question, the child's answer) of a child from 12."""
        return [
            (str(question.label), self.consent[question.value])
            for question in ConsentQuestion
            if question.value in self.consent
        ]
