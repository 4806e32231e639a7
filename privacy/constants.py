"""Choices of the AVG requests and of anonymisation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DestructionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    EXECUTED = "executed", _("Executed")


class RequesterRelation(models.TextChoices):
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child (12 or older)")
    CLIENT = "client", _("Adult client")


class AnonymisationReason(models.TextChoices):
    RETENTION = "retention", _("Retention period ended")
    EARLY_DESTRUCTION = "early_destruction", _("Early destruction on request")
