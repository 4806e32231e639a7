"""Choices of the gedragen plan."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.constants import ZrmDomain


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")
    UNDER_REVIEW = "under_review", _("Under review")
    CLOSED = "closed", _("Closed")


# From this age a child gets its own one-page "my plan" (plans.views.child_plan_pdf).
CHILD_PLAN_AGE = 8
# So that "my plan" stays one page in big type: its first goals, and their first actions.
CHILD_PLAN_GOALS = 4
CHILD_PLAN_ACTIONS = 3

# How many of a child's voice entries the plan page shows beside the child's goals.
PLAN_PAGE_VOICES = 3

# A plan in these states is the household's plan "now"; at most one per household.
OPEN_PLAN_STATUSES = (PlanStatus.DRAFT, PlanStatus.AGREED, PlanStatus.UNDER_REVIEW)


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")
    SUPERSEDED = "superseded", _("Superseded")


class DirectionSupport(models.TextChoices):
    """Who supports the family's own direction (regie-ondersteuning)."""

    SWT = "swt", _("Sociaal Wijkteam")
    CJG = "cjg", _("CJG")
    SHELTER_MENTOR = "shelter_mentor", _("Shelter mentor")
    NONE = "none", _("No one")


class Relation(models.TextChoices):
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    OTHER_FAMILY = "other_family", _("Other family")
    FRIEND = "friend", _("Friend")
    NEIGHBOUR = "neighbour", _("Neighbour")
    SCHOOL = "school", _("School")
    SWT = "swt", _("Sociaal Wijkteam")
    CJG = "cjg", _("CJG")
    SHELTER_MENTOR = "shelter_mentor", _("Shelter mentor")
    YOUTH_CARE = "youth_care", _("Youth care")
    GP = "gp", _("GP or practice nurse")
    HOUSING = "housing", _("Housing corporation")
    OTHER = "other", _("Other")


class ParticipantKind(models.TextChoices):
    NETWORK = "network", _("Network")
    PROFESSIONAL = "professional", _("Professional")


# The relation suggests the kind; the form uses this as its default.
PROFESSIONAL_RELATIONS = frozenset(
    {
        Relation.SCHOOL,
        Relation.SWT,
        Relation.CJG,
        Relation.SHELTER_MENTOR,
        Relation.YOUTH_CARE,
        Relation.GP,
        Relation.HOUSING,
    }
)


class AgreementDecision(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    DECLINED = "declined", _("Declined")


class AgreementMethod(models.TextChoices):
    MEETING = "meeting", _("In the circle meeting")
    PHONE = "phone", _("By phone")
    WRITING = "writing", _("In writing")
    # A chain partner who answers on their own partner page.
    SELF = "self", _("Recorded by themselves")


class ChildDomain(models.TextChoices):
    """Life domains of a child's goal (the adults use the ZRM domains)."""

    SAFETY = "child_safety", _("Safety")
    SCHOOL = "child_school", _("School")
    DEVELOPMENT = "child_development", _("Development")
    WELLBEING = "child_wellbeing", _("Wellbeing")
    CONTACT_PARENTS = "child_contact_parents", _("Contact with parents")
    LEISURE = "child_leisure", _("Leisure")


# Grouped choices for Goal.domain: one column, two vocabularies.
GOAL_DOMAIN_CHOICES = [
    (_("Adults (ZRM)"), ZrmDomain.choices),
    (_("Children"), ChildDomain.choices),
]
GOAL_DOMAIN_LABELS = dict(ZrmDomain.choices) | dict(ChildDomain.choices)


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ON_TRACK = "on_track", _("On track")
    REACHED = "reached", _("Reached")
    STOPPED = "stopped", _("Stopped")


# A review is due this many months after agreement unless the circle agrees otherwise.
REVIEW_AFTER_MONTHS = 3
