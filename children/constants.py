"""Choices of the child's file (Veerkracht, meldcode, youth care)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Defined with the case file (its intake registers the children, its handovers ask their consent)
# and part of the child's vocabulary too.
from cases.constants import CONSENT_AGE, Gender  # noqa: F401


class SupportNeed(models.TextChoices):
    TRAUMA = "trauma", _("Trauma")
    DEVELOPMENT = "development", _("Development")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    SAFETY = "safety", _("Safety")
    PARENTING = "parenting", _("Parenting-related")
    OTHER = "other", _("Other")


class VoiceTheme(models.TextChoices):
    """What a child's words are about: a fixed list, so that reports can count themes (never the
    words themselves)."""

    SCHOOL = "school", _("School and learning")
    FRIENDS_PLAY = "friends_play", _("Friends, play and hobbies")
    FAMILY = "family", _("Family and contact with a parent")
    HOME = "home", _("A home of our own")
    FEELING_SAFE = "feeling_safe", _("Feeling safe")
    HEALTH_FEELINGS = "health_feelings", _("Health and feelings")
    OWN_SPACE = "own_space", _("Rest and a place of my own")
    OTHER = "other", _("Something else")


class YouthCareKind(models.TextChoices):
    TRAUMA_TREATMENT = "trauma_treatment", _("Trauma treatment")
    YOUTH_MENTAL_HEALTH = "youth_mental_health", _("Youth mental health care (jeugd-GGZ)")
    FAMILY_SUPPORT = "family_support", _("Ambulant family support")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    OTHER = "other", _("Other")


class VeerkrachtForm(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", _("Group")
    NOT_OFFERED = "not_offered", _("Not offered")


class VeerkrachtPhase(models.IntegerChoices):
    EXPLORATION = 1, _("1 – referral, admission and exploration")
    SUPPORT = 2, _("2 – support")
    CLOSURE = 3, _("3 – closure")


class MeldcodeStep(models.IntegerChoices):
    MAP_SIGNALS = 1, _("1 – map the signals")
    CONSULT = 2, _("2 – consult a colleague and, if needed, Veilig Thuis")
    TALK = 3, _("3 – talk with those involved")
    WEIGH = 4, _("4 – weigh the violence")
    DECIDE = 5, _("5 – decide: organise help or report to Veilig Thuis")


ADULT_AGE = 18
