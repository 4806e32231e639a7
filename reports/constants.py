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


class TargetDirection(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")


class TargetVerdict(models.TextChoices):
    MET = "met", _("met")
    NOT_MET = "not_met", _("not met")
    NOT_MEASURABLE = "not_measurable", _("not measurable")


class RespondentType(models.TextChoices):
    PARENT = "parent", _("Parent")
    CHILD_8_12 = "child_8_12", _("Child (8 to 12 years)")
    YOUTH_12_PLUS = "youth_12_plus", _("Young person (12 years or older)")


class SurveyMoment(models.TextChoices):
    DEPARTURE = "departure", _("At departure")
    AFTERCARE = "aftercare", _("During aftercare")


class TextReview(models.TextChoices):
    NEW = "new", _("Not yet reviewed")
    FOR_DOSSIER = "for_dossier", _("Reviewed: may go into the evaluation dossier")
    NOT_FOR_DOSSIER = "not_for_dossier", _("Reviewed: stays with the team")


class AdviceStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


# The themes of the experience survey (DOMAIN.md "Ervaringsonderzoek"); answers are 1 (bad) to 5 (good).
SURVEY_THEMES = ("safety", "respect", "heard", "children_help", "housing")
SURVEY_LINK_DAYS = 30

OPEN_POINT_STATUSES = (PointStatus.OPEN, PointStatus.IN_PROGRESS)


class RunKind(models.TextChoices):
    MONTHLY_LOCATION = "monthly_location", _("Monthly snapshot per location")
    QUARTERLY = "quarterly", _("Quarterly monitoring report")
    EVALUATION = "evaluation", _("Yearly evaluation dossier")
    DIGEST = "digest", _("Daily caseload digest")


# Counts below this are shown as "<5" to municipal roles; percentages and medians resting on
# fewer cases are suppressed (DOMAIN.md "small-cell suppression").
SUPPRESSION_THRESHOLD = 5


# --- Account meetings (accountgesprekken) ---------------------------------------------------------
class AgreementKind(models.TextChoices):
    GENERAL = "general", _("General")
    TRAINING = "training", _("Training")
    CAPACITY = "capacity", _("Capacity")
    QUALITY = "quality", _("Quality")
    OTHER = "other", _("Other")


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# A meeting may be planned ahead with its date, but not further than this.
MEETING_PLAN_AHEAD_DAYS = 366


# --- The evaluation meeting -------------------------------------------------------------------------
class PartyKind(models.TextChoices):
    """Which party a participant of the evaluation meeting represents."""

    PROVIDER = "provider", _("Provider")
    PARTNER = "partner", _("Partner on site")
    POLICY_OFFICER = "policy_officer", _("Policy officer (municipality)")
    CONTRACT_MANAGER = "contract_manager", _("Contract manager (municipality)")
    CLIENT_REPRESENTATIVE = "client_representative", _("Client representative")
    OTHER = "other", _("Other")


# The four parties the seed names for the yearly evaluative conversation (Haarlem 2019 §4): the
# dossier warns for each of them that took no part in the meeting.
REQUIRED_PARTIES = (PartyKind.PROVIDER, PartyKind.PARTNER, PartyKind.POLICY_OFFICER, PartyKind.CONTRACT_MANAGER)


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# Follow-up actions of evaluations due within this many days are in their owner's daily digest.
ACTION_WARNING_DAYS = 14
