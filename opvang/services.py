"""Writes of the shelter network. Idempotent 'ensure' functions serve the admin-free setup and seeds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from .models import Location, Organisation, TrainingRecord, User


@transaction.atomic
def organisation_ensure(*, name: str, kind: str) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
    return organisation


@transaction.atomic
def location_ensure(*, organisation: Organisation, name: str, **fields: Any) -> Location:
    location, created = Location.objects.get_or_create(organisation=organisation, name=name, defaults=fields)
    if not created:
        location.full_clean()
    return location


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
    return user


@transaction.atomic
def training_record(*, user: User, training: str, completed_on: date) -> TrainingRecord:
    record, _ = TrainingRecord.objects.get_or_create(user=user, training=training, completed_on=completed_on)
    return record
