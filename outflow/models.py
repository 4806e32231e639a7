"""Housing outflow: a household ready to move (woonklaar), its housing applications, and the
housing corporations' yearly quota (contingent) of homes for shelter leavers per municipality.

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

from .constants import HousingApplicationKind, HousingDecision, HousingOutcome


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
