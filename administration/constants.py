"""Choices of the administration app."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

# How long an invitation link works.
INVITATION_VALID_FOR = timedelta(hours=72)


class AccountEventKind(models.TextChoices):
    INVITED = "invited", _("Invitation sent")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted, password set")
    ROLE_CHANGED = "role_changed", _("Role, organisation or locations changed; sessions ended")
    DEACTIVATED = "deactivated", _("Account deactivated; sessions ended")
    REACTIVATED = "reactivated", _("Account reactivated")
    SECOND_FACTOR_RESET = "second_factor_reset", _("Second factor reset")
    LOCKOUT_LIFTED = "lockout_lifted", _("Lockout lifted")
