"""Invitations to new staff accounts and the account events an administrator causes."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import AccountEventKind


class Invitation(models.Model):
    """A single-use link to set a password and enrol the second factor.

    Only the SHA-256 of the token is stored: someone who reads the database (or a backup)
    cannot use an open invitation. A new invitation for the same user revokes the older ones.
    The mail goes out through the outbox (``administration.tasks.send_invitation``): the token is
    made when the mail is sent, so neither the outbox row nor the broker ever holds the link;
    until then ``mailed_at`` is empty and the staff page says the invitation waits to be mailed.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("staff member")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("sent by")
    )
    expires_at = models.DateTimeField(_("expires at"))
    mailed_at = models.DateTimeField(_("mailed at"), null=True, blank=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(used_at__isnull=True, revoked_at__isnull=True), name="invitation_one_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"

    def is_usable(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.revoked_at is None and self.expires_at > now


class AccountEvent(models.Model):
    """What an administrator did to an account (and the invitation's acceptance), with the reason.

    Registered with auditlog, so every event is also an entry in the audit log; kept here as
    well so the account page can show its own history in one query.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="account_events",
        verbose_name=_("staff member"),
    )
    kind = models.CharField(_("event"), max_length=32, choices=AccountEventKind.choices)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("account event")
        verbose_name_plural = _("account events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.user})"
