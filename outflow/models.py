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

from cases.models import Household, Stay
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
