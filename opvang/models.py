"""The shelter network: organisations, their locations, staff and their training."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .constants import (
    CASE_ROLES,
    LocationKind,
    OrganisationKind,
    QualificationKind,
    Role,
    Training,
)


class HouseholdRecord:
    """Mixin for records of a household's file: tags audit entries with the household's id,
    so "who has looked at my file" is one filter on the audit log."""

    household_path = "household_id"

    def __str__(self) -> str:
        record = cast(models.Model, self)  # only ever mixed into models
        return f"{record._meta.verbose_name} #{record.pk}"

    def get_additional_data(self) -> dict[str, Any] | None:
        value: object = self
        for part in self.household_path.split("."):
            value = getattr(value, part, None)
        return {"household": value} if value is not None else None


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    contact_phone = models.CharField(_("contact telephone number"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """An opvanglocatie of a provider organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="locations", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=LocationKind.choices)
    municipality = models.CharField(_("municipality"), max_length=100)
    address = models.CharField(_("address"), max_length=255, blank=True)
    # A secret address is shown only to the location's own staff (opvang.access.may_see_address).
    secret_address = models.BooleanField(_("secret address"), default=False)
    # The current capacity; its dated history (for occupancy over past periods) is LocationCapacity.
    capacity_places = models.PositiveIntegerField(_("capacity in places"), default=0)
    capacity_units = models.PositiveIntegerField(_("capacity in family units"), default=0)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="location_unique_name"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(opened_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="location_closes_after_opening",
                violation_error_message=_("A location cannot close before it opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member: works for one organisation, in one role, at one or more locations."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    locations = models.ManyToManyField(Location, blank=True, related_name="staff", verbose_name=_("locations"))
    # Raised to end every session of this user at once (demotion, deactivation, second-factor reset).
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    if TYPE_CHECKING:
        # Set on request.user by django-otp's OTPMiddleware: has this session passed the second factor?
        def is_verified(self) -> bool: ...

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's session hash (password-based), extended with ``session_epoch``.

        Every logged-in session stores this hash and AuthenticationMiddleware compares it on each
        request, so raising the epoch logs the user out everywhere on their next request. At epoch
        0 the hash is Django's own, so existing sessions survive the introduction of the epoch.
        """
        value = self.password if not self.session_epoch else f"{self.password}:{self.session_epoch}"
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    @property
    def initials(self) -> str:
        parts = [p for p in (self.first_name, self.last_name) if p]
        return "".join(p[0].upper() + "." for p in parts) or self.username[:2].upper()

    @property
    def works_with_cases(self) -> bool:
        return self.is_active and self.role in CASE_ROLES and self.organisation_id is not None


class TrainingRecord(models.Model):
    """Which staff member completed which training, and when (counted in the staff indicator)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("staff member"))
    training = models.CharField(_("training"), max_length=32, choices=Training.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    completed_on = models.DateField(_("completed on"))
    expires_on = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["-completed_on"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        constraints = [
            models.UniqueConstraint(fields=["user", "training", "completed_on"], name="training_record_unique"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("completed_on")),
                name="training_expires_after_completion",
                violation_error_message=_("A training cannot expire before it was completed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_training_display()} ({self.completed_on})"


class Qualification(models.Model):
    """A professional registration of a staff member (SKJ, BIG), with its number and expiry."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="qualifications", verbose_name=_("staff member")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=QualificationKind.choices)
    number = models.CharField(_("registration number"), max_length=64)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "expires_on"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints = [models.UniqueConstraint(fields=["user", "kind", "number"], name="qualification_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_kind_display()} {self.number}"


class LocationCapacity(models.Model):
    """The capacity of a location from a date on: occupancy over a past period uses the capacity
    that held on each of its days, not today's."""

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="capacities", verbose_name=_("location")
    )
    valid_from = models.DateField(_("valid from"))
    places = models.PositiveIntegerField(_("capacity in places"))
    units = models.PositiveIntegerField(_("capacity in family units"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["location", "-valid_from"]
        verbose_name = _("capacity change")
        verbose_name_plural = _("capacity changes")
        constraints = [
            models.UniqueConstraint(
                fields=["location", "valid_from"],
                name="location_capacity_one_per_day",
                violation_error_message=_("This location already has a capacity change on that date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.location} {self.valid_from}: {self.places}"


class StaffAssignment(models.Model):
    """Who worked where, in which role, from when until when.

    Kept by the staff services whenever a role or the locations change; the staff indicators
    count the caseworkers assigned during a period, so a past report recomputes the same.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("staff member"))
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("location")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("staff assignment")
        verbose_name_plural = _("staff assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "location"], condition=Q(ended_on__isnull=True), name="assignment_one_open"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="assignment_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.location} ({self.started_on}–{self.ended_on or ''})"


class OutboxMessage(models.Model):
    """Work for the Celery workers, written in the same transaction as the rows it is about.

    A publish to the broker can fail (Redis down) or be lost (the process dies after the commit):
    the row stays undispatched and the periodic sweep (opvang.tasks.outbox_sweep) publishes it
    when the broker answers again. Tasks are named by string, so any app can queue work here.
    """

    task_name = models.CharField(max_length=200)
    kwargs = models.JSONField(default=dict, blank=True)
    # What the work is about ("snapshot:12"), so a page can say that it is still queued.
    key = models.CharField(max_length=80, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["created_at"], condition=Q(dispatched_at=None), name="outbox_pending")]

    def __str__(self) -> str:
        return f"{self.task_name} {self.key}"
