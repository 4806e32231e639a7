"""Housing outflow: a household ready to move (woonklaar), its housing applications, and the
housing corporations' yearly quota (contingent) of homes for shelter leavers per municipality.

Aftercare after the departure: the aftercare plan, and the safety checks after the shelter.

Built on the case file (cases), which does not know about it: the household page's card and
the caseload's "ready to move without an offer" signal are registered through cases.extensions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cases.constants import ShelterReason
from cases.models import AdultClient, Household, Stay
from opvang.constants import OrganisationKind
from opvang.models import HouseholdRecord, Organisation
from opvang.validators import validate_not_in_future

from .constants import (
    ChildSafety,
    HousingApplicationKind,
    HousingDecision,
    HousingOutcome,
    RiskLevel,
    SafetyCheckMoment,
    TrajectoryActionStatus,
    TrajectoryGoalStatus,
    TrajectoryResult,
)


class ReadyToMove(HouseholdRecord, models.Model):
    """A household marked ready to move (woonklaar) during a stay: from when, and who decided."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="ready_to_move", verbose_name=_("household")
    )
    # One mark per stay: a correction changes the date, it does not add a second mark.
    stay = models.OneToOneField(Stay, on_delete=models.CASCADE, related_name="ready_to_move", verbose_name=_("stay"))
    ready_on = models.DateField(_("ready to move from"), validators=[validate_not_in_future])
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ready_on"]
        verbose_name = _("ready to move")
        verbose_name_plural = _("ready to move")


class HousingApplication(HouseholdRecord, models.Model):
    """An application for a home (urgency, social rent, supported housing, intermediate facility)."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="housing_applications", verbose_name=_("household")
    )
    # The stay during which it was made: its location puts the application in a report's scope.
    stay = models.ForeignKey(
        Stay, on_delete=models.CASCADE, related_name="housing_applications", verbose_name=_("stay")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=HousingApplicationKind.choices)
    municipality = models.CharField(_("municipality"), max_length=100)
    corporation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="housing_applications",
        verbose_name=_("housing corporation"),
        limit_choices_to={"kind": OrganisationKind.HOUSING},
        null=True,
        blank=True,
    )
    applied_on = models.DateField(_("applied on"), validators=[validate_not_in_future])
    decision = models.CharField(
        _("decision"), max_length=16, choices=HousingDecision.choices, default=HousingDecision.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    offered_on = models.DateField(_("offer made on"), null=True, blank=True)
    offer = models.CharField(_("offer"), max_length=200, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=HousingOutcome.choices, default=HousingOutcome.OPEN)
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-applied_on", "-pk"]
        verbose_name = _("housing application")
        verbose_name_plural = _("housing applications")
        indexes = [models.Index(fields=["corporation", "municipality", "outcome", "outcome_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("applied_on")),
                name="housing_decided_after_applied",
            ),
            models.CheckConstraint(
                condition=Q(offered_on__isnull=True) | Q(offered_on__gte=F("applied_on")),
                name="housing_offer_after_applied",
            ),
            models.CheckConstraint(
                condition=(Q(outcome=HousingOutcome.OPEN) & Q(outcome_on__isnull=True))
                | (~Q(outcome=HousingOutcome.OPEN) & Q(outcome_on__gte=F("applied_on"))),
                name="housing_outcome_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household} {self.get_kind_display()} {self.applied_on}"


class HousingQuota(models.Model):
    """A corporation's yearly quota (contingent) of homes for shelter leavers in one municipality."""

    corporation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="housing_quotas",
        verbose_name=_("housing corporation"),
        limit_choices_to={"kind": OrganisationKind.HOUSING},
    )
    municipality = models.CharField(_("municipality"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    homes = models.PositiveIntegerField(_("homes"))

    class Meta:
        ordering = ["-year", "municipality", "corporation__name"]
        verbose_name = _("housing quota")
        verbose_name_plural = _("housing quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["corporation", "municipality", "year"],
                name="housing_quota_one_per_year",
                violation_error_message=_("This corporation already has a quota for this municipality and year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.corporation} {self.municipality} {self.year}: {self.homes}"


class AftercarePlan(HouseholdRecord, models.Model):
    """The aftercare (nazorg) plan of a departure: who keeps contact, how often, until when.

    The owner is an account of the shelter (``owner_user``) or a chain partner organisation with,
    where known, its professional (``owner_organisation``, ``owner_professional``). The aftercare
    contacts of the stay (cases.AftercareContact) are recorded against it.
    """

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="aftercare_plans", verbose_name=_("household")
    )
    # One plan per departure: a change edits it.
    stay = models.OneToOneField(Stay, on_delete=models.CASCADE, related_name="aftercare_plan", verbose_name=_("stay"))
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aftercare_plans",
        verbose_name=_("owner at the shelter"),
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aftercare_plans",
        verbose_name=_("chain partner"),
    )
    owner_professional = models.CharField(_("professional at the chain partner"), max_length=200, blank=True)
    frequency_weeks = models.PositiveSmallIntegerField(_("contact every (weeks)"))
    made_on = models.DateField(_("made on"), validators=[validate_not_in_future])
    planned_end_on = models.DateField(_("planned end"))
    # Verlies van contact, marked by hand (it also follows from attempts that reached nobody).
    contact_lost_on = models.DateField(_("contact lost on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-made_on", "-pk"]
        verbose_name = _("aftercare plan")
        verbose_name_plural = _("aftercare plans")
        constraints = [
            models.CheckConstraint(
                condition=(Q(owner_user__isnull=False) & Q(owner_organisation__isnull=True))
                | (Q(owner_user__isnull=True) & Q(owner_organisation__isnull=False)),
                name="aftercare_plan_one_owner",
                violation_error_message=_("Choose either an owner at the shelter or a chain partner."),
            ),
            models.CheckConstraint(
                condition=Q(frequency_weeks__gte=1, frequency_weeks__lte=52), name="aftercare_plan_frequency"
            ),
            models.CheckConstraint(condition=Q(planned_end_on__gt=F("made_on")), name="aftercare_plan_end_after_made"),
        ]

    def __str__(self) -> str:
        return f"{self.household} {self.made_on}"

    @property
    def owner_display(self) -> str:
        if self.owner_user_id:
            return str(self.owner_user)
        name = str(self.owner_organisation)
        return f"{self.owner_professional} ({name})" if self.owner_professional else name


class SafetyCheck(HouseholdRecord, models.Model):
    """'Veilig na opvang': the safety check 1 or 3 months after a departure (VO stays and
    households that came for domestic violence). Restricted like the household's safety section."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="safety_checks", verbose_name=_("household")
    )
    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="safety_checks", verbose_name=_("stay"))
    months = models.PositiveSmallIntegerField(_("moment"), choices=SafetyCheckMoment.choices)
    done_on = models.DateField(_("done on"), validators=[validate_not_in_future])
    risk_level = models.CharField(_("risk reassessed"), max_length=8, choices=RiskLevel.choices)
    incidents = models.BooleanField(_("incidents since departure"), default=False)
    incidents_notes = models.TextField(_("what happened"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["months"]
        verbose_name = _("safety check after the shelter")
        verbose_name_plural = _("safety checks after the shelter")
        constraints = [
            models.UniqueConstraint(
                fields=["stay", "months"],
                name="safety_check_one_per_moment",
                violation_error_message=_("This check has already been recorded."),
            )
        ]


class SafetyCheckChild(HouseholdRecord, models.Model):
    """A child's safety at a safety check: safe, concerns or unknown."""

    household_path = "safety_check.household_id"

    safety_check = models.ForeignKey(
        SafetyCheck, on_delete=models.CASCADE, related_name="children", verbose_name=_("safety check")
    )
    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="safety_checks", verbose_name=_("child")
    )
    safety = models.CharField(_("child's safety"), max_length=8, choices=ChildSafety.choices)

    class Meta:
        verbose_name = _("child's safety")
        verbose_name_plural = _("children's safety")
        constraints = [models.UniqueConstraint(fields=["safety_check", "child"], name="safety_check_child_unique")]


class Trajectory(HouseholdRecord, models.Model):
    """Trajectory support (trajectbegeleiding) for one adult: who holds it, from when, towards what.

    The holder may work at another organisation (e.g. the provider that runs a pilot): as for a
    handover, the adult's consent is recorded first, or a team lead records why they proceed
    without it. Such a holder sees this trajectory only, never the rest of the file.
    """

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="trajectories", verbose_name=_("household")
    )
    adult = models.ForeignKey(
        AdultClient, on_delete=models.CASCADE, related_name="trajectories", verbose_name=_("client")
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="trajectories_held",
        verbose_name=_("trajectory holder"),
    )
    consent_given = models.BooleanField(_("consent of the client given"), default=False)
    consent_override_reason = models.TextField(_("reason to proceed without consent"), blank=True)
    consent_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField(_("start"), validators=[validate_not_in_future])
    goal = models.TextField(_("goal of the trajectory"))
    waiting_list_since = models.DateField(_("on the waiting list since"), null=True, blank=True)
    ended_on = models.DateField(_("end"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=16, choices=TrajectoryResult.choices, blank=True)
    result_notes = models.TextField(_("about the result"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="trajectory_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(ended_on__isnull=True) & Q(result="")) | (Q(ended_on__isnull=False) & ~Q(result="")),
                name="trajectory_result_with_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.adult} {self.started_on}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class TrajectoryGoal(HouseholdRecord, models.Model):
    """A goal of the trajectory plan."""

    household_path = "trajectory.household_id"

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="goals", verbose_name=_("trajectory")
    )
    text = models.TextField(_("goal"))
    status = models.CharField(
        _("status"), max_length=16, choices=TrajectoryGoalStatus.choices, default=TrajectoryGoalStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("trajectory goal")
        verbose_name_plural = _("trajectory goals")


class TrajectoryAction(HouseholdRecord, models.Model):
    """An action towards a goal of the trajectory plan: what, who does it, by when, and its status."""

    household_path = "goal.trajectory.household_id"

    goal = models.ForeignKey(TrajectoryGoal, on_delete=models.CASCADE, related_name="actions", verbose_name=_("goal"))
    what = models.TextField(_("what"))
    owner = models.CharField(_("who"), max_length=200)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=TrajectoryActionStatus.choices, default=TrajectoryActionStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("trajectory action")
        verbose_name_plural = _("trajectory actions")


class Pilot(models.Model):
    """A named pilot (e.g. trajectory support for the economically homeless) whose households
    are followed as a cohort until the evaluation date."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    target_group = models.CharField(_("target group"), max_length=32, choices=ShelterReason.choices, blank=True)
    started_on = models.DateField(_("start"))
    evaluation_on = models.DateField(_("evaluation date"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "name"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        constraints = [
            models.CheckConstraint(condition=Q(evaluation_on__gt=F("started_on")), name="pilot_evaluation_after_start"),
        ]

    def __str__(self) -> str:
        return self.name


class PilotMember(HouseholdRecord, models.Model):
    """A household taking part in a pilot, from the day it joined."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="members", verbose_name=_("pilot"))
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="pilot_memberships", verbose_name=_("household")
    )
    joined_on = models.DateField(_("joined on"), validators=[validate_not_in_future])
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pilot", "joined_on"]
        verbose_name = _("pilot household")
        verbose_name_plural = _("pilot households")
        constraints = [
            models.UniqueConstraint(
                fields=["pilot", "household"],
                name="pilot_member_once",
                violation_error_message=_("This household already takes part in this pilot."),
            )
        ]
