"""The gedragen plan: a plan of the family itself, carried by its circle.

Shape
-----
``Plan`` (one open plan per household) has numbered ``PlanVersion`` rows. A version holds the
content that the circle agrees to: the perspective in the family's own words, ``Participant``
rows (the circle), ``Goal`` rows with their ``Action`` rows, and one ``Agreement`` per
participant. Agreeing a version freezes it (``state = agreed``); a review copies its rows into
a new draft version, so what was agreed never changes. Rows keep a ``key`` (uuid) across
versions: the difference between two versions compares rows by key. ``CircleMeeting`` records
meetings of the circle; it is a record of what happened, not part of the agreed content.

Fields the reports app may rely on (stable names)
-------------------------------------------------
- ``Plan.household_id``, ``Plan.status`` (PlanStatus), ``Plan.start_on``, ``Plan.created_at``.
- ``PlanVersion.plan_id``, ``number``, ``state`` (VersionState: draft/agreed/superseded),
  ``created_at``, ``agreed_on`` (date the version was agreed, null for a draft),
  ``gedragen_at_agreement`` (bool, stored at the moment of agreement, null for a draft),
  ``next_review_on`` (date), ``reviewed_on`` (date the review of this version started, i.e.
  the next version was created).
  * "% agreed plans that are gedragen":
    ``PlanVersion.objects.filter(agreed_on__range=...).aggregate(n=Count("pk"),
    g=Count("pk", filter=Q(gedragen_at_agreement=True)))``.
  * "agreed plan within 30 days": first ``agreed_on`` of the household's plans vs. the stay.
  * "review on time": a version with ``next_review_on`` whose ``reviewed_on`` is not later.
- ``Participant.plan_version_id``, ``kind`` (ParticipantKind: network/professional),
  ``relation`` (Relation), ``adult_id``, ``child_id``.
- ``Goal.plan_version_id``, ``child_id`` (a child's own goal), ``adult_id``, ``domain``, ``status``,
  ``voice_id`` (the child's-voice entry the goal came from; a review copies it).
- ``Action.plan_version_id``, ``goal_id``, ``owner_id``, ``due_on``, ``done_on``.
- ``Agreement.participant_id`` (one-to-one), ``decision``, ``decided_on``, ``method``.
Restricted fields (never in reports, exports or the PDF): ``Participant.contact_details``,
``PlanVersion.safety_conditions``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import AdultClient, CaseNote, Household
from children.models import Child, ChildVoice
from opvang.models import HouseholdRecord, Organisation

from .constants import (
    GOAL_DOMAIN_CHOICES,
    GOAL_DOMAIN_LABELS,
    AgreementDecision,
    AgreementMethod,
    DirectionSupport,
    GoalStatus,
    ParticipantKind,
    PlanStatus,
    Relation,
    VersionState,
)


class Plan(HouseholdRecord, models.Model):
    """The gedragen plan of a household."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="plans", verbose_name=_("household")
    )
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    direction_support = models.CharField(
        _("who supports the family's direction"),
        max_length=16,
        choices=DirectionSupport.choices,
        default=DirectionSupport.NONE,
    )
    start_on = models.DateField(_("start"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # Optimistic locking (opvang.locking): raised on every change of the plan's content.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("gedragen plan")
        verbose_name_plural = _("gedragen plans")
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=~Q(status=PlanStatus.CLOSED), name="plan_one_open_per_household"
            ),
            models.CheckConstraint(
                condition=Q(status=PlanStatus.CLOSED) | Q(closed_on__isnull=True), name="plan_closed_on_only_closed"
            ),
        ]


class PlanVersion(HouseholdRecord, models.Model):
    """One version of the plan's content. Only a draft version can be changed."""

    household_path = "plan.household_id"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("plan"))
    number = models.PositiveIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=16, choices=VersionState.choices, default=VersionState.DRAFT)
    perspective = models.TextField(
        _("what do we want to have achieved when we leave the shelter?"),
        blank=True,
        help_text=_("In the family's own words."),
    )
    strengths = models.TextField(_("what goes well"), blank=True)
    worries = models.TextField(_("worries"), blank=True)
    if_things_go_differently = models.TextField(_("what we do if things go differently"), blank=True)
    # Restricted (cases.access.may_see_safety): never in the PDF.
    safety_conditions = models.TextField(_("safety conditions"), blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    agreed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Stored when the version is agreed, so reports can aggregate it without recomputing.
    gedragen_at_agreement = models.BooleanField(_("gedragen when agreed"), null=True, blank=True)
    # Set when a review starts (the next version is created from this one).
    reviewed_on = models.DateField(_("review started on"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique_number"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(state=VersionState.DRAFT), name="plan_version_one_draft"
            ),
            models.CheckConstraint(
                condition=Q(state=VersionState.DRAFT)
                | (Q(agreed_on__isnull=False) & Q(gedragen_at_agreement__isnull=False)),
                name="plan_version_agreed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["state", "next_review_on"])]

    @property
    def is_draft(self) -> bool:
        return self.state == VersionState.DRAFT


class Participant(HouseholdRecord, models.Model):
    """A member of the circle around the family, in one version of the plan."""

    household_path = "plan_version.plan.household_id"

    plan_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="participants", verbose_name=_("plan version")
    )
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    kind = models.CharField(_("network or professional"), max_length=16, choices=ParticipantKind.choices)
    # Links: a member of the household (this is how "belongs to the household" is known),
    # or a staff member / organisation.
    adult = models.ForeignKey(
        AdultClient, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("adult")
    )
    child = models.ForeignKey(
        Child, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("child")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    role = models.TextField(_("role in the plan"), blank=True)
    # Restricted (may_see_safety): never in the PDF.
    contact_details = models.TextField(_("contact details"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["plan_version", "key"], name="participant_unique_key"),
            models.UniqueConstraint(fields=["plan_version", "adult"], name="participant_adult_once"),
            models.UniqueConstraint(fields=["plan_version", "child"], name="participant_child_once"),
            models.CheckConstraint(
                condition=Q(adult__isnull=True) | Q(child__isnull=True), name="participant_adult_or_child"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def belongs_to_household(self) -> bool:
        return self.adult_id is not None or self.child_id is not None


class Agreement(HouseholdRecord, models.Model):
    """A participant's agreement with (or objection to) one version of the plan."""

    household_path = "participant.plan_version.plan.household_id"

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="agreement", verbose_name=_("participant")
    )
    decision = models.CharField(_("decision"), max_length=16, choices=AgreementDecision.choices)
    decided_on = models.DateField(_("date"))
    method = models.CharField(_("how"), max_length=16, choices=AgreementMethod.choices, blank=True)
    declined_reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision=AgreementDecision.AGREED) | ~Q(method=""), name="agreement_agreed_has_method"
            ),
            models.CheckConstraint(
                condition=~Q(decision=AgreementDecision.DECLINED) | ~Q(declined_reason=""),
                name="agreement_declined_has_reason",
            ),
        ]


class Goal(HouseholdRecord, models.Model):
    """A goal in the family's words, for the household, one adult or one child."""

    household_path = "plan_version.plan.household_id"

    plan_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan version")
    )
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    domain = models.CharField(_("life domain"), max_length=32, choices=GOAL_DOMAIN_CHOICES)
    # Neither set: a goal of the whole household.
    adult = models.ForeignKey(
        AdultClient, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("adult")
    )
    child = models.ForeignKey(
        Child, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("child")
    )
    text = models.TextField(_("the goal, in the family's words"))
    # The child's words this goal came from (a voice entry of a child of the same household).
    voice = models.ForeignKey(
        ChildVoice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("comes from what the child said"),
    )
    target_on = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    progress_notes = models.TextField(_("progress"), blank=True)
    position = models.PositiveIntegerField(default=0)
    # Case notes about this goal; linked from here so that the case file does not depend on plans.
    case_notes = models.ManyToManyField(CaseNote, blank=True, related_name="goals", verbose_name=_("case notes"))

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(fields=["plan_version", "key"], name="goal_unique_key"),
            models.CheckConstraint(condition=Q(adult__isnull=True) | Q(child__isnull=True), name="goal_one_person"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def domain_label(self) -> str:
        return str(GOAL_DOMAIN_LABELS.get(self.domain, self.domain))


class Action(HouseholdRecord, models.Model):
    """Who does what, by when, for a goal. The owner is a participant of the same version."""

    household_path = "plan_version.plan.household_id"

    # Denormalised from goal so that version-wide queries (overdue, diff) need no join.
    plan_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan version")
    )
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions", verbose_name=_("goal"))
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    what = models.TextField(_("what"))
    owner = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("who"),
    )
    due_on = models.DateField(_("by when"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [models.UniqueConstraint(fields=["plan_version", "key"], name="action_unique_key")]
        indexes = [models.Index(fields=["due_on", "done_on"])]

    def __str__(self) -> str:
        return self.what[:60]


class CircleMeeting(HouseholdRecord, models.Model):
    """A meeting of the circle: when, who attended, what was decided."""

    household_path = "plan.household_id"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("plan"))
    plan_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("plan version")
    )
    held_on = models.DateField(_("date"))
    attendees = models.ManyToManyField(Participant, blank=True, related_name="meetings", verbose_name=_("attended"))
    other_attendees = models.CharField(_("others present"), max_length=300, blank=True)
    decisions = models.TextField(_("what was decided"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("circle meeting")
        verbose_name_plural = _("circle meetings")


class PlanConsent(HouseholdRecord, models.Model):
    """Consent of a member of the household for sharing the plan with a chain-partner organisation.

    A parent's consent opens the plan to the organisation's professionals who are in the circle;
    a child from the consent age gives (or withholds) consent for their own part of the plan.
    Withdrawing sets ``withdrawn_on``: the partner's access ends at once (plans.access).
    """

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="plan_consents", verbose_name=_("household")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    adult = models.ForeignKey(
        AdultClient, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("parent")
    )
    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("child")
    )
    given_on = models.DateField(_("given on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent for sharing the plan")
        verbose_name_plural = _("consents for sharing the plan")
        constraints = [
            models.CheckConstraint(
                condition=(Q(adult__isnull=False) & Q(child__isnull=True))
                | (Q(adult__isnull=True) & Q(child__isnull=False)),
                name="plan_consent_adult_or_child",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="plan_consent_withdrawn_after_given",
            ),
            models.UniqueConstraint(
                fields=["organisation", "adult"],
                condition=Q(withdrawn_on__isnull=True, adult__isnull=False),
                name="plan_consent_one_active_per_adult",
            ),
            models.UniqueConstraint(
                fields=["organisation", "child"],
                condition=Q(withdrawn_on__isnull=True, child__isnull=False),
                name="plan_consent_one_active_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.adult or self.child} → {self.organisation}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class ActionComment(HouseholdRecord, models.Model):
    """A short comment on an action by whoever does it (a chain partner, say), or by the mentor."""

    household_path = "action.plan_version.plan.household_id"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="comments", verbose_name=_("action"))
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on an action")
        verbose_name_plural = _("comments on actions")
