"""Stuck households and the chain consultation (ketenoverleg) that discusses them.

A household is marked stuck with a reason and since when; the mark is resolved on a date. A
chain consultation is a meeting of organisations about stuck households: each household is
brought in by its own provider (ConsultationCase), and per household the meeting takes
decisions with an owner and a due date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cases.models import Household
from opvang.models import HouseholdRecord, Location, Organisation

from .constants import StuckReason


class StuckMark(HouseholdRecord, models.Model):
    """A household is stuck (vastgelopen) from ``since`` until ``resolved_on``; at most one open mark."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="stuck_marks", verbose_name=_("household")
    )
    # Where the household was when it was marked: the region view counts per location, and a later
    # move of the household does not move its history.
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="stuck_marks", verbose_name=_("location")
    )
    reason = models.CharField(_("reason"), max_length=32, choices=StuckReason.choices)
    explanation = models.TextField(_("explanation"), blank=True)
    since = models.DateField(_("stuck since"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-since", "-pk"]
        verbose_name = _("stuck mark")
        verbose_name_plural = _("stuck marks")
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(resolved_on=None),
                name="stuck_mark_one_open_per_household",
                violation_error_message=_("This household is already marked as stuck."),
            ),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("since")),
                name="stuck_mark_resolved_after_since",
                violation_error_message=_("A household cannot be unstuck before it got stuck."),
            ),
        ]
        indexes = [models.Index(fields=["location", "since", "resolved_on"])]


class ChainConsultation(models.Model):
    """A ketenoverleg: a meeting of chain partners about stuck households."""

    held_on = models.DateField(_("date"))
    organisations = models.ManyToManyField(
        Organisation, related_name="chain_consultations", verbose_name=_("organisations present")
    )
    # Partners without an account are named here, with their organisation ("Anna de Vries, SWT").
    attendees = models.TextField(_("people present"), blank=True)
    next_meeting_on = models.DateField(_("next meeting"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("chain consultation")
        verbose_name_plural = _("chain consultations")
        constraints = [
            models.CheckConstraint(
                condition=Q(next_meeting_on__isnull=True) | Q(next_meeting_on__gt=F("held_on")),
                name="consultation_next_after_date",
                violation_error_message=_("The next meeting must come after this one."),
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.held_on:%d-%m-%Y}"


class ConsultationCase(HouseholdRecord, models.Model):
    """A household discussed at a consultation, brought in by its own provider."""

    consultation = models.ForeignKey(
        ChainConsultation, on_delete=models.CASCADE, related_name="cases", verbose_name=_("chain consultation")
    )
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="consultation_cases", verbose_name=_("household")
    )
    # The question the provider brings in; free text that stays inside the provider's scope.
    question = models.TextField(_("question for the consultation"), blank=True)
    brought_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("household discussed")
        verbose_name_plural = _("households discussed")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "household"],
                name="consultation_case_once",
                violation_error_message=_("This household is already on the consultation's agenda."),
            )
        ]


class Decision(HouseholdRecord, models.Model):
    """What the consultation decided about a household: who does it, by when."""

    household_path = "case.household_id"

    case = models.ForeignKey(
        ConsultationCase, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("household discussed")
    )
    text = models.CharField(_("decision"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="chain_decisions", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [models.Index(fields=["owner", "done_at", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | Q(done_by__isnull=False), name="decision_done_by_whom"
            )
        ]
