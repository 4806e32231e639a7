"""Early destruction requests and the record of each anonymisation.

The tables were created by the opvang app (migration opvang 0003) and keep their names: the
models moved here in state only (privacy 0001, opvang 0004), not a row was copied.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import AnonymisationReason, DestructionStatus, RequesterRelation


class DestructionRequest(models.Model):
    """An AVG request for early destruction of a household's (or one child's) file.

    Requested by a parent, an adult client or a child of 12 or older; approved or refused
    (with reasons) by a team lead; executed by anonymisation. Every step is audited.
    """

    household = models.ForeignKey(
        "cases.Household", on_delete=models.PROTECT, related_name="destruction_requests", verbose_name=_("household")
    )
    child = models.ForeignKey(
        "children.Child",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="destruction_requests",
        verbose_name=_("only this child"),
    )
    requested_on = models.DateField(_("requested on"))
    requester_relation = models.CharField(_("requested by"), max_length=16, choices=RequesterRelation.choices)
    reason = models.TextField(_("reason given"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DestructionStatus.choices, default=DestructionStatus.REQUESTED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    executed_on = models.DateField(_("executed on"), null=True, blank=True)

    class Meta:
        db_table = "opvang_destructionrequest"
        ordering = ["-requested_on"]
        verbose_name = _("destruction request")
        verbose_name_plural = _("destruction requests")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


class Anonymisation(models.Model):
    """Records that a household's (or a child's) file was anonymised, when and why."""

    household = models.ForeignKey(
        "cases.Household", on_delete=models.PROTECT, related_name="anonymisations", verbose_name=_("household")
    )
    child = models.ForeignKey(
        "children.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("child")
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=24, choices=AnonymisationReason.choices)
    request = models.OneToOneField(
        DestructionRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="anonymisation"
    )

    class Meta:
        db_table = "opvang_anonymisation"
        ordering = ["-anonymised_at"]
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=models.Q(child__isnull=True), name="anonymisation_once_per_household"
            ),
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(child__isnull=False), name="anonymisation_once_per_child"
            ),
        ]
