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


# --- The child's own intake conversation ------------------------------------------------------

# Under this age the intake is an observation together with a parent; from CONSENT_AGE the child
# speaks for itself and is asked for its consent; in between it is a conversation with prompts.
OBSERVATION_AGE = 4


class IntakeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMPLETED = "completed", _("Completed")


class IntakeVariant(models.TextChoices):
    OBSERVATION = "observation", _("Observation with the parent (0–4 years)")
    CONVERSATION = "conversation", _("Conversation with prompts (4–12 years)")
    OWN_WORDS = "own_words", _("In the child's own words, with consent questions (12 years and older)")


def intake_variant(age: int) -> IntakeVariant:
    """The age-appropriate form of the intake for a child of this age."""
    if age < OBSERVATION_AGE:
        return IntakeVariant.OBSERVATION
    if age < CONSENT_AGE:
        return IntakeVariant.CONVERSATION
    return IntakeVariant.OWN_WORDS


class IntakePresence(models.TextChoices):
    ALONE = "alone", _("The child alone")
    PARENT = "parent", _("With a parent")
    MENTOR = "mentor", _("With the own mentor")


class ChildDomain(models.TextChoices):
    """The child's life domains: the needs of the intake are written down per domain."""

    SAFETY = "safety", _("Safety")
    HEALTH = "health", _("Health")
    DEVELOPMENT = "development", _("Development")
    SCHOOL = "school", _("School or childcare")
    FRIENDS = "friends", _("Friends and leisure")
    FAMILY = "family", _("Family relations")
    PARENTING = "parenting", _("Parenting support the parent needs")


class Custody(models.TextChoices):
    BOTH_PARENTS = "both_parents", _("Both parents")
    ONE_PARENT = "one_parent", _("One parent")
    GUARDIAN = "guardian", _("A guardian (voogd)")
    UNKNOWN = "unknown", _("Not known yet")


class OtherParentContact(models.TextChoices):
    REGULAR = "regular", _("Regular contact")
    SUPERVISED = "supervised", _("Supervised contact")
    NONE = "none", _("No contact")
    NOT_ALLOWED = "not_allowed", _("No contact allowed (court order or safety)")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ConversationPrompt(models.TextChoices):
    """Prompts for the conversation with a child of 4 to 12 (the answers in the child's words)."""

    HERE = "here", _("What is it like for you to live here?")
    LIKES = "likes", _("What do you like doing, and what makes you happy?")
    HARD = "hard", _("What is hard or scary for you right now?")
    MISSES = "misses", _("Who or what do you miss?")
    WISH = "wish", _("If you could wish for one thing, what would it be?")


class ConsentQuestion(models.TextChoices):
    """What a child from CONSENT_AGE decides itself (WGBO: from 12 its own consent counts)."""

    SCHOOL = "school", _("May we talk with your school about how you are doing?")
    HEALTH = "health", _("May we talk with your GP or youth doctor?")
    PARENT_READS = "parent_reads", _("May your parent read what you told us in this intake?")
