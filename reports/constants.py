"""Choices of the monitoring app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScopeKind(models.TextChoices):
    REGION = "region", _("Whole region")
    ORGANISATION = "organisation", _("Organisation")
    LOCATION = "location", _("Location")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")
    CUSTOM = "custom", _("Custom range")


class SnapshotStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to start")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Unit(models.TextChoices):
    COUNT = "count", _("number")
    PERCENT = "percent", _("percentage")
    DAYS = "days", _("days")
    RATIO = "ratio", _("ratio")


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class PointStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_POINT_STATUSES = (PointStatus.OPEN, PointStatus.IN_PROGRESS)


class RunKind(models.TextChoices):
    MONTHLY_LOCATION = "monthly_location", _("Monthly snapshot per location")
    QUARTERLY = "quarterly", _("Quarterly monitoring report")
    EVALUATION = "evaluation", _("Yearly evaluation dossier")
    DIGEST = "digest", _("Daily caseload digest")


# Counts below this are shown as "<5" to municipal roles; percentages and medians resting on
# fewer cases are suppressed (DOMAIN.md "small-cell suppression").
SUPPRESSION_THRESHOLD = 5
