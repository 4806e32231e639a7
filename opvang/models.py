"""The shelter network: organisations, their locations, staff and their training."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import (
    CASE_ROLES,
    MUNICIPAL_ROLES,
    LocationKind,
    OrganisationKind,
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
    capacity_places = models.PositiveIntegerField(_("capacity in places"), default=0)
    capacity_units = models.PositiveIntegerField(_("capacity in family units"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="location_unique_name")]

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

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    if TYPE_CHECKING:
        # Set on request.user by django-otp's OTPMiddleware: has this session passed the second factor?
        def is_verified(self) -> bool: ...

    @property
    def initials(self) -> str:
        parts = [p for p in (self.first_name, self.last_name) if p]
        return "".join(p[0].upper() + "." for p in parts) or self.username[:2].upper()

    @property
    def works_with_cases(self) -> bool:
        return self.is_active and self.role in CASE_ROLES and self.organisation_id is not None

    @property
    def is_municipal(self) -> bool:
        return self.is_active and self.role in MUNICIPAL_ROLES

    @property
    def is_functional_admin(self) -> bool:
        return self.is_active and self.role == Role.ADMIN


class TrainingRecord(models.Model):
    """Which staff member completed which training, and when (counted in the staff indicator)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("staff member"))
    training = models.CharField(_("training"), max_length=32, choices=Training.choices)
    completed_on = models.DateField(_("completed on"))

    class Meta:
        ordering = ["-completed_on"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        constraints = [
            models.UniqueConstraint(fields=["user", "training", "completed_on"], name="training_record_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_training_display()} ({self.completed_on})"
