"""Writes of the shelter network. Idempotent 'ensure' functions serve the admin-free setup and seeds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, TypeVar

from django.db import models, transaction

from .constants import HISTORY_START
from .models import Location, LocationCapacity, Organisation, Qualification, StaffAssignment, TrainingRecord, User

M = TypeVar("M", bound=models.Model)


def model_create(model: type[M], /, **fields: Any) -> M:
    """A new row of ``model``: constructed, validated with ``full_clean()``, then saved."""
    instance = model(**fields)
    instance.full_clean()
    instance.save()
    return instance


def model_update(*, instance: M, fields: Iterable[str], data: Mapping) -> tuple[M, bool]:
    """Set those of ``fields`` that ``data`` holds on ``instance``; validate and save only what changed.

    Returns ``(instance, has_updated)``. Fields missing from ``data`` are left alone; many-to-many
    fields are set through their manager. ``full_clean()`` runs before saving, and the save writes
    only the changed columns (plus ``auto_now`` timestamps), so a concurrent change to another
    column is not overwritten. HackSoft Styleguide-Example, ``common/services.py``.
    """
    model_fields = {field.name: field for field in instance._meta.get_fields()}
    changed: list[str] = []
    m2m: dict = {}
    for name in fields:
        if name not in data:
            continue
        field = model_fields.get(name)
        if field is None:
            raise ValueError(f"{type(instance).__name__} has no field {name!r}")
        if isinstance(field, models.ManyToManyField):
            m2m[name] = data[name]
            continue
        if _current(instance, field) != _comparable(field, data[name]):
            setattr(instance, name, data[name])
            changed.append(name)
    if changed:
        changed += [f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)]
        instance.full_clean()
        instance.save(update_fields=changed)
    for name, value in m2m.items():
        getattr(instance, name).set(value)
    return instance, bool(changed or m2m)


def _current(instance: models.Model, field: Any) -> object:
    # A foreign key is compared by its id, so an unloaded relation costs no query.
    return getattr(instance, field.attname if field.is_relation else field.name)


def _comparable(field: Any, value: object) -> object:
    if field.is_relation and isinstance(value, models.Model):
        return value.pk
    return value


@transaction.atomic
def organisation_ensure(*, name: str, kind: str) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
    return organisation


@transaction.atomic
def location_ensure(*, organisation: Organisation, name: str, **fields: Any) -> Location:
    location, created = Location.objects.get_or_create(organisation=organisation, name=name, defaults=fields)
    if not created:
        location.full_clean()
    location_capacity_history_start(location=location)
    return location


def location_capacity_history_start(*, location: Location, valid_from: date = HISTORY_START) -> None:
    """Give a location without dated capacity its first entry: the capacity it has now."""
    if not location.capacities.exists():
        LocationCapacity.objects.create(
            location=location,
            valid_from=location.opened_on or valid_from,
            places=location.capacity_places,
            units=location.capacity_units,
        )


@transaction.atomic
def staff_assignments_sync(*, user: User, on: date) -> None:
    """Bring the dated assignment history in line with the user's current role, locations and
    activity, as of the day ``on``: assignments that no longer hold end the day before, new ones
    start that day. An assignment that started on ``on`` itself never took effect and is removed.
    """
    wanted = set(user.locations.values_list("pk", flat=True)) if (user.is_active and user.role) else set()
    keep: set[int] = set()
    for assignment in StaffAssignment.objects.filter(user=user, ended_on__isnull=True):
        if assignment.location_id in wanted and assignment.role == user.role:
            keep.add(assignment.location_id)
        elif assignment.started_on >= on:
            assignment.delete()
        else:
            assignment.ended_on = on - timedelta(days=1)
            assignment.full_clean()
            assignment.save(update_fields=["ended_on"])
    for location_id in sorted(wanted - keep):
        assignment = StaffAssignment(user=user, location_id=location_id, role=user.role, started_on=on)
        assignment.full_clean()
        assignment.save()


@transaction.atomic
def staff_ensure(
    *,
    username: str,
    password: str,
    organisation: Organisation | None,
    role: str,
    locations: Iterable[Location] = (),
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_active: bool = True,
    since: date = HISTORY_START,
) -> User:
    """Create a staff member, or leave an existing one as it is (a demo login keeps its password)."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            organisation=organisation,
            role=role,
            first_name=first_name,
            last_name=last_name,
            email=email,
            is_active=is_active,
        )
        user.set_password(password)
        user.full_clean()
        user.save()
        user.locations.set(list(locations))
        staff_assignments_sync(user=user, on=since)
    return user


@transaction.atomic
def training_record(*, user: User, training: str, completed_on: date, expires_on: date | None = None) -> TrainingRecord:
    record, _ = TrainingRecord.objects.get_or_create(
        user=user, training=training, completed_on=completed_on, defaults={"expires_on": expires_on}
    )
    return record


@transaction.atomic
def qualification_ensure(*, user: User, kind: str, number: str, expires_on: date | None = None) -> Qualification:
    qualification, _ = Qualification.objects.get_or_create(
        user=user, kind=kind, number=number, defaults={"expires_on": expires_on}
    )
    return qualification
