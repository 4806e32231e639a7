"""The case file of a household: its members, applications, stays, beschikkingen, handovers,
suspensions, aftercare, involvement of professionals and ZRM assessments.

Rules the database can hold are constraints; the rest live in cases/services.py.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from opvang.models import HouseholdRecord, Location, Organisation
from opvang.validators import validate_bsn, validate_not_in_future

from .constants import (
    AdultRole,
    AftercareKind,
    ApplicationDecision,
    BeschikkingKind,
    ChildArrangement,
    Destination,
    ExtensionReason,
    HandoverKind,
    HandoverStatus,
    HearingChoice,
    HouseholdStatus,
    NoteKind,
    ObjectionKind,
    ObjectionOutcome,
    PsychSupportKind,
    PsychSupportOutcome,
    ShelterReason,
    SuspendedAdultWent,
    SuspensionOutcome,
    SuspensionReason,
    ZrmDomain,
    ZrmMoment,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from opvang.models import User


def age_on(born: date, on: date) -> int:
    """A person's age in whole years on a day."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class HouseholdQuerySet(models.QuerySet["Household"]):
    def visible_to(self, user: User | AnonymousUser) -> HouseholdQuerySet:
        """The households this user may open; the rules are in cases.access."""
        from .access import household_scope_q

        return self.filter(household_scope_q(user))


class Household(HouseholdRecord, models.Model):
    """A family or household (gezin/huishouden), the unit that stays at a shelter location."""

    household_path = "pk"

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="households", verbose_name=_("organisation")
    )
    # The location responsible for the household now (where it applied or stays).
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="households", verbose_name=_("location")
    )
    reason = models.CharField(_("reason for shelter"), max_length=32, choices=ShelterReason.choices)
    municipality_of_origin = models.CharField(_("municipality of origin"), max_length=100)
    status = models.CharField(
        _("status"), max_length=16, choices=HouseholdStatus.choices, default=HouseholdStatus.WAITING
    )
    # Restricted safety section: only the location's staff and team leads (cases.access).
    safety_threat = models.TextField(_("threat"), blank=True)
    secret_address_needed = models.BooleanField(_("secret address needed"), default=False)
    safety_notes = models.TextField(_("safety notes"), blank=True)
    # Optimistic locking: incremented on every change of the household file.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("household")
        verbose_name_plural = _("households")
        indexes = [
            models.Index(fields=["organisation", "location", "status"]),
            # The caseload's default scope (all but closed) at a location, in the caseload's order:
            # at 200 000 households the closed files are most of a location's rows (bench/RESULTS.md).
            models.Index(
                fields=["location", "status", "reference"],
                condition=~models.Q(status="closed"),
                name="household_open_caseload",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class AdultClient(HouseholdRecord, models.Model):
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="adults", verbose_name=_("household")
    )
    role = models.CharField(_("role in household"), max_length=16, choices=AdultRole.choices, default=AdultRole.PARENT)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"), validators=[validate_not_in_future])
    bsn = models.CharField(_("BSN"), max_length=9, unique=True, null=True, blank=True, validators=[validate_bsn])
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adult_clients",
        verbose_name=_("trajectory caseworker"),
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("adult client")
        verbose_name_plural = _("adult clients")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Application(HouseholdRecord, models.Model):
    """An aanmelding: measured for inflow and waiting time; may be a relapse after an earlier stay."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="applications", verbose_name=_("household")
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="applications", verbose_name=_("location applied for")
    )
    applied_on = models.DateField(_("applied on"), validators=[validate_not_in_future])
    referred_by = models.CharField(_("referred by"), max_length=200, blank=True)
    decision = models.CharField(
        _("decision"), max_length=16, choices=ApplicationDecision.choices, default=ApplicationDecision.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    # Relapse (terugval): set automatically when the household left a stay within 12 months before.
    relapse_of = models.ForeignKey(
        "Stay", on_delete=models.SET_NULL, null=True, blank=True, related_name="relapses", verbose_name=_("relapse of")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-applied_on"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("applied_on")),
                name="application_decided_after_applied",
            )
        ]

    def __str__(self) -> str:
        return f"{self.household} {self.applied_on}"


class Stay(HouseholdRecord, models.Model):
    """A verblijf of a household at a location; at most one open stay, stays never overlap."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="stays", verbose_name=_("household")
    )
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="stays", verbose_name=_("location"))
    application = models.OneToOneField(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stay",
        verbose_name=_("application"),
    )
    admitted_on = models.DateField(_("admitted on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    destination = models.CharField(_("destination"), max_length=32, choices=Destination.choices, blank=True)
    # Where the household went to live: the regional distribution of outflow agreed in the Pact.
    destination_municipality = models.CharField(_("destination municipality"), max_length=100, blank=True)
    # Outflow arranged ahead of departure: without it the caseload warns before the beschikking ends.
    planned_destination = models.CharField(
        _("planned destination"), max_length=32, choices=Destination.choices, blank=True
    )
    planned_left_on = models.DateField(_("planned departure"), null=True, blank=True)
    # Relapse guarantee (terugvalgarantie): a readmission within 12 months of the last departure,
    # with priority and no new waiting. Decided at admission (cases.services.household_admit).
    relapse_guarantee = models.BooleanField(_("readmitted under the relapse guarantee"), default=False)

    class Meta:
        ordering = ["-admitted_on"]
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("admitted_on")), name="stay_left_after_admitted"
            ),
            models.UniqueConstraint(
                fields=["household"], condition=Q(left_on=None), name="stay_one_open_per_household"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | ~Q(destination=""), name="stay_left_has_destination"
            ),
        ]
        indexes = [models.Index(fields=["location", "admitted_on", "left_on"])]

    def __str__(self) -> str:
        return f"{self.household} @ {self.location} ({self.admitted_on})"


class Beschikking(HouseholdRecord, models.Model):
    """The authorisation decision for a stay: 3 or 6 months, extendable."""

    household_path = "stay.household_id"

    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="beschikkingen", verbose_name=_("stay"))
    kind = models.CharField(_("kind"), max_length=4, choices=BeschikkingKind.choices)
    start_on = models.DateField(_("start"))
    end_on = models.DateField(_("end"))
    # The end as first decided; end_on moves with each extension.
    original_end_on = models.DateField(_("original end"))

    class Meta:
        ordering = ["-start_on"]
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")
        constraints = [
            models.CheckConstraint(condition=Q(end_on__gt=F("start_on")), name="beschikking_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_on}–{self.end_on}"


class BeschikkingExtension(HouseholdRecord, models.Model):
    household_path = "beschikking.stay.household_id"
    beschikking = models.ForeignKey(
        Beschikking, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("beschikking")
    )
    extended_on = models.DateField(_("extended on"))
    previous_end_on = models.DateField(_("previous end"))
    new_end_on = models.DateField(_("new end"))
    reason = models.CharField(_("reason"), max_length=16, choices=ExtensionReason.choices)
    notes = models.TextField(_("notes"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["extended_on"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.CheckConstraint(condition=Q(new_end_on__gt=F("previous_end_on")), name="extension_moves_end_later"),
        ]


class Handover(HouseholdRecord, models.Model):
    """A (warm) handover of a household and/or some of its children to another organisation."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="handovers", verbose_name=_("household")
    )
    children = models.ManyToManyField(
        "children.Child", blank=True, related_name="handovers", verbose_name=_("children")
    )
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="handovers_sent", verbose_name=_("from organisation")
    )
    from_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="handovers_sent",
        verbose_name=_("from professional"),
    )
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="handovers_received", verbose_name=_("to organisation")
    )
    to_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handovers_received",
        verbose_name=_("to professional"),
    )
    to_professional_name = models.CharField(_("receiving professional (name)"), max_length=200, blank=True)
    planned_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=8, choices=HandoverKind.choices, default=HandoverKind.WARM)
    # Checklist
    consent_given = models.BooleanField(_("consent of the parent given"), default=False)
    child_consent_given = models.BooleanField(_("consent of children from 12 given"), default=False)
    consent_override_reason = models.TextField(_("reason to proceed without consent"), blank=True)
    consent_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    safety_info_passed = models.BooleanField(_("safety information passed on"), default=False)
    plan_passed = models.BooleanField(_("plan passed on"), default=False)
    met_each_child = models.BooleanField(_("receiving professional has met each child"), default=False)
    summary = models.TextField(_("what is passed on"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=HandoverStatus.choices, default=HandoverStatus.PROPOSED
    )
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rejected_reason = models.TextField(_("reason for rejection"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-planned_on"]
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        indexes = [models.Index(fields=["to_organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.household} → {self.to_organisation}"


class Involvement(HouseholdRecord, models.Model):
    """A professional involved with one client (adult or child) over a period: the source of 'faces'."""

    # The client's household, denormalised: per-household aggregates (organisations involved,
    # faces) then use an index instead of an OR over two joins (measured at 20 000 households).
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="involvements", verbose_name=_("household")
    )
    adult = models.ForeignKey(AdultClient, on_delete=models.CASCADE, null=True, blank=True, related_name="involvements")
    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, null=True, blank=True, related_name="involvements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="involvements",
        verbose_name=_("professional (user)"),
    )
    external_name = models.CharField(_("professional (name)"), max_length=200, blank=True)
    external_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=100)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["started_on"]
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        constraints = [
            models.CheckConstraint(
                condition=(Q(adult__isnull=False) & Q(child__isnull=True))
                | (Q(adult__isnull=True) & Q(child__isnull=False)),
                name="involvement_one_client",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(external_name=""), name="involvement_has_professional"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="involvement_ends_after_start",
            ),
        ]

    @property
    def professional_key(self) -> str:
        """One key per distinct face: the user, or the external name at its organisation."""
        if self.user_id:
            return f"u{self.user_id}"
        return f"x{self.external_name.strip().lower()}|{self.external_organisation.strip().lower()}"


class Suspension(HouseholdRecord, models.Model):
    """A schorsing from a location, and what it meant for the children."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="suspensions", verbose_name=_("household")
    )
    adult = models.ForeignKey(
        AdultClient, on_delete=models.CASCADE, related_name="suspensions", verbose_name=_("client")
    )
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+", verbose_name=_("location"))
    start_on = models.DateField(_("start"))
    end_on = models.DateField(_("end"), null=True, blank=True)
    # The reason category (the evaluation of the suspension policy counts by it).
    reason = models.CharField(_("reason"), max_length=16, choices=SuspensionReason.choices)
    notes = models.TextField(_("notes"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    # The duration decided, in days (end_on is the day it actually ended).
    duration_days = models.PositiveSmallIntegerField(_("duration decided (days)"), null=True, blank=True)
    # Hoor en wederhoor: was the client heard before the decision, and when. Blank: not recorded.
    heard = models.CharField(_("heard before the decision"), max_length=3, choices=HearingChoice.choices, blank=True)
    heard_on = models.DateField(_("heard on"), null=True, blank=True)
    objection = models.CharField(
        _("objection or appeal"), max_length=16, choices=ObjectionKind.choices, default=ObjectionKind.NONE
    )
    objection_on = models.DateField(_("objection lodged on"), null=True, blank=True)
    objection_outcome = models.CharField(
        _("outcome of the objection"), max_length=16, choices=ObjectionOutcome.choices, blank=True
    )
    adult_went = models.CharField(
        _("where the adult went"), max_length=16, choices=SuspendedAdultWent.choices, blank=True
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=SuspensionOutcome.choices, blank=True)

    class Meta:
        ordering = ["-start_on"]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=F("start_on")), name="suspension_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(heard_on__isnull=True) | Q(heard=HearingChoice.YES), name="suspension_heard_on_when_heard"
            ),
        ]

    @property
    def duration(self) -> int | None:
        """Days suspended: from start to end, both included; the decided duration while it runs."""
        if self.end_on is not None:
            return (self.end_on - self.start_on).days + 1
        return self.duration_days


class SuspendedChild(HouseholdRecord, models.Model):
    household_path = "suspension.household_id"
    suspension = models.ForeignKey(Suspension, on_delete=models.CASCADE, related_name="children_affected")
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="suspensions")
    stayed_at = models.CharField(_("where the child stayed"), max_length=200)
    arrangement = models.CharField(_("arrangement"), max_length=16, choices=ChildArrangement.choices, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["suspension", "child"], name="suspended_child_unique")]


class AftercareContact(HouseholdRecord, models.Model):
    """A nazorg contact after leaving."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="aftercare_contacts", verbose_name=_("household")
    )
    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="aftercare_contacts", verbose_name=_("stay"))
    contact_on = models.DateField(_("date"), validators=[validate_not_in_future])
    kind = models.CharField(_("kind"), max_length=16, choices=AftercareKind.choices)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # The aftercare plan it was recorded against (the outflow app's plan of this stay), if any.
    plan = models.ForeignKey(
        "outflow.AftercarePlan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("aftercare plan"),
    )

    class Meta:
        ordering = ["-contact_on"]
        verbose_name = _("aftercare contact")
        verbose_name_plural = _("aftercare contacts")


class ZrmAssessment(HouseholdRecord, models.Model):
    """A self-sufficiency matrix assessment of an adult; one ZrmScore row per domain."""

    household_path = "adult.household_id"

    adult = models.ForeignKey(
        AdultClient, on_delete=models.CASCADE, related_name="zrm_assessments", verbose_name=_("client")
    )
    assessed_on = models.DateField(_("date"), validators=[validate_not_in_future])
    moment = models.CharField(_("moment"), max_length=16, choices=ZrmMoment.choices)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["assessed_on"]
        verbose_name = _("ZRM assessment")
        verbose_name_plural = _("ZRM assessments")


class ZrmScore(HouseholdRecord, models.Model):
    household_path = "assessment.adult.household_id"
    assessment = models.ForeignKey(ZrmAssessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.CharField(_("domain"), max_length=32, choices=ZrmDomain.choices)
    # Null means "not discussed".
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="zrm_score_one_per_domain"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5), name="zrm_score_range"
            ),
        ]


class CaseNote(HouseholdRecord, models.Model):
    """A case note (rapportage): one contact with or about the household, one adult or one child.

    Append-only: its author may edit it on the day it was written (cases.notes_services); after
    that a correction is a new note that points to the note it corrects. The child a note is about
    and the plan goals it concerns are linked from the children and plans apps (Child.case_notes,
    Goal.case_notes), so that this app does not depend on them.
    """

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="notes", verbose_name=_("household")
    )
    adult = models.ForeignKey(
        AdultClient,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("adult"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NoteKind.choices)
    contact_at = models.DateTimeField(_("date and time of the contact"))
    text = models.TextField(_("note"))
    # Safety content: shown only to those who may see the safety section (cases.access).
    restricted = models.BooleanField(_("restricted (safety)"), default=False)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects note"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-contact_at", "-pk"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        indexes = [models.Index(fields=["household", "-contact_at"])]


class FollowUp(HouseholdRecord, models.Model):
    """A follow-up a case note raises: something a colleague at the location does by a date."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("household")
    )
    note = models.ForeignKey(CaseNote, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("note"))
    what = models.CharField(_("what needs to happen"), max_length=300)
    due_on = models.DateField(_("due date"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("owner")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Done and undone each say who and when; the audit log keeps every earlier state.
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["owner", "done_at", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | Q(done_by__isnull=False), name="follow_up_done_by_whom"
            )
        ]


class PsychSupportReferral(HouseholdRecord, models.Model):
    """A referral of an adult for psychological support (POH-GGZ, GGZ), during or after the stay:
    the adults' counterpart of the children's youth-care referrals. Care information: only the
    household's own caseworkers and team lead see it, never partners or the municipality."""

    household_path = "adult.household_id"

    adult = models.ForeignKey(
        AdultClient, on_delete=models.CASCADE, related_name="psych_referrals", verbose_name=_("client")
    )
    kind = models.CharField(_("kind of support"), max_length=32, choices=PsychSupportKind.choices)
    provider = models.CharField(_("practice or provider"), max_length=200, blank=True)
    referred_on = models.DateField(_("referred on"), validators=[validate_not_in_future])
    reason = models.TextField(_("reason for the referral"))
    started_on = models.DateField(_("support started on"), null=True, blank=True, validators=[validate_not_in_future])
    ended_on = models.DateField(_("support ended on"), null=True, blank=True, validators=[validate_not_in_future])
    outcome = models.CharField(_("outcome"), max_length=16, choices=PsychSupportOutcome.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-referred_on", "-pk"]
        verbose_name = _("psychological support referral")
        verbose_name_plural = _("psychological support referrals")
        indexes = [models.Index(fields=["referred_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(started_on__isnull=True) | Q(started_on__gte=F("referred_on")),
                name="psych_referral_start_after_referral",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | (Q(started_on__isnull=False) & Q(ended_on__gte=F("started_on"))),
                name="psych_referral_end_after_start",
            ),
        ]
