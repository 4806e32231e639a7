"""Writes of the functional administrator: organisations, locations and staff accounts.

Every function validates (``full_clean``), writes and records what happened; auditlog logs the
model changes with the actor (AuditlogMiddleware), and :class:`AccountEvent` adds the reason
for actions that change no field of the user (second-factor reset, lockout lifted).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import date
from typing import Any

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import Stay
from opvang.constants import CASE_ROLES, CHAIN_PARTNER_KINDS, OrganisationKind, Role
from opvang.models import Location, LocationCapacity, Organisation, Qualification, TrainingRecord, User
from opvang.outbox import outbox_enqueue
from opvang.services import location_capacity_history_start, staff_assignments_sync

from .constants import INVITATION_VALID_FOR, AccountEventKind
from .models import AccountEvent, Invitation

# Roles that may only belong to a municipality (they see aggregates of all providers).
MUNICIPAL_ONLY = frozenset({Role.POLICY_OFFICER, Role.CONTRACT_MANAGER})


def _apply(instance: models.Model, data: dict[str, Any]) -> list[str]:
    """Set the given fields, validate, save only what changed; returns the changed field names."""
    changed = [name for name, value in data.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, data[name])
    if changed:
        instance.full_clean()
        instance.save(update_fields=changed)
    return changed


def _event(*, user: User, kind: str, actor: User | None, reason: str = "") -> AccountEvent:
    event = AccountEvent(user=user, kind=kind, actor=actor, reason=reason)
    event.full_clean()
    event.save()
    return event


def _end_sessions(user: User) -> None:
    """Every session of this user ends on its next request (see User._get_session_auth_hash)."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])


# --- Organisations ------------------------------------------------------------------------------


@transaction.atomic
def organisation_create(
    *, name: str, kind: str, contact_name: str = "", contact_email: str = "", contact_phone: str = ""
) -> Organisation:
    organisation = Organisation(
        name=name, kind=kind, contact_name=contact_name, contact_email=contact_email, contact_phone=contact_phone
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, **data: Any) -> Organisation:
    _apply(
        organisation,
        {k: data[k] for k in ("name", "kind", "contact_name", "contact_email", "contact_phone") if k in data},
    )
    return organisation


@transaction.atomic
def organisation_deactivate(*, organisation: Organisation) -> Organisation:
    """Deactivate an organisation; refused while any of its locations has an open stay."""
    open_files = Stay.objects.filter(location__organisation=organisation, left_on__isnull=True).count()
    if open_files:
        raise ValidationError(
            _(
                "%(name)s still has %(count)d open file(s) at its locations. Close or hand over those "
                "files before deactivating the organisation."
            )
            % {"name": organisation.name, "count": open_files},
            code="open_files",
        )
    _apply(organisation, {"is_active": False})
    return organisation


@transaction.atomic
def organisation_reactivate(*, organisation: Organisation) -> Organisation:
    _apply(organisation, {"is_active": True})
    return organisation


# --- Locations ----------------------------------------------------------------------------------


@transaction.atomic
def location_create(
    *,
    organisation: Organisation,
    name: str,
    kind: str,
    municipality: str,
    address: str = "",
    secret_address: bool = False,
    capacity_places: int = 0,
    capacity_units: int = 0,
    opened_on: date | None = None,
    closed_on: date | None = None,
) -> Location:
    """Open a location; its capacity is recorded as valid from the opening day (or today)."""
    if not organisation.is_active:
        raise ValidationError({"organisation": _("This organisation is inactive.")})
    location = Location(
        organisation=organisation,
        name=name,
        kind=kind,
        municipality=municipality,
        address=address,
        secret_address=secret_address,
        capacity_places=capacity_places,
        capacity_units=capacity_units,
        opened_on=opened_on,
        closed_on=closed_on,
    )
    location.full_clean()
    location.save()
    location_capacity_history_start(location=location, valid_from=opened_on or timezone.localdate())
    return location


@transaction.atomic
def location_update(*, location: Location, keep_address: bool = False, **data: Any) -> Location:
    """Change a location's details (capacity changes go through location_capacity_change).

    ``keep_address``: the editor may not see a secret address, so an empty address field means
    "leave it as it is" for them, not "erase it".
    """
    fields = ("name", "kind", "municipality", "address", "secret_address", "opened_on", "closed_on")
    values = {k: data[k] for k in fields if k in data}
    if keep_address and not values.get("address"):
        values.pop("address", None)
    _apply(location, values)
    return location


@transaction.atomic
def location_capacity_change(
    *, location: Location, valid_from: date, places: int, units: int, reason: str = ""
) -> LocationCapacity:
    """Record a dated capacity change; occupancy before ``valid_from`` keeps the earlier capacity.

    Changes cannot be dated in the future (the current capacity on the location would then be
    wrong until that day) nor before the location opened.
    """
    if valid_from > timezone.localdate():
        raise ValidationError({"valid_from": _("A capacity change cannot be dated in the future.")})
    if location.opened_on and valid_from < location.opened_on:
        raise ValidationError({"valid_from": _("A capacity change cannot be dated before the location opened.")})
    change = LocationCapacity(location=location, valid_from=valid_from, places=places, units=units, reason=reason)
    change.full_clean()
    change.save()
    # The location's own fields hold the capacity that applies today: the latest change.
    latest = location.capacities.order_by("-valid_from")[0]  # at least the change just saved
    _apply(location, {"capacity_places": latest.places, "capacity_units": latest.units})
    return change


@transaction.atomic
def location_deactivate(*, location: Location) -> Location:
    """Deactivate a location; refused while it has open stays."""
    open_files = Stay.objects.filter(location=location, left_on__isnull=True).count()
    if open_files:
        raise ValidationError(
            _("%(name)s still has %(count)d open stay(s). End or move those stays before deactivating the location.")
            % {"name": location.name, "count": open_files},
            code="open_files",
        )
    _apply(location, {"is_active": False})
    return location


@transaction.atomic
def location_reactivate(*, location: Location) -> Location:
    _apply(location, {"is_active": True})
    return location


# --- Staff accounts -----------------------------------------------------------------------------


def _check_staff_fields(*, role: str, organisation: Organisation | None, locations: Iterable[Location]) -> None:
    errors: dict[str, str] = {}
    locations = list(locations)
    if organisation is None:
        errors["organisation"] = _("Choose the organisation this person works for.")
    elif not organisation.is_active:
        errors["organisation"] = _("This organisation is inactive.")
    else:
        if role in MUNICIPAL_ONLY and organisation.kind != OrganisationKind.MUNICIPALITY:
            errors["role"] = _("Policy officers and contract managers work for a municipality.")
        if role in CASE_ROLES and organisation.kind == OrganisationKind.MUNICIPALITY:
            errors["role"] = _("Caseworkers and team leads work for a provider, not for a municipality.")
        if role == Role.CHAIN_PARTNER and organisation.kind not in CHAIN_PARTNER_KINDS:
            errors["role"] = _("A chain partner works for a chain-partner organisation (SWT, CJG, youth care, GGD).")
        if any(location.organisation_id != organisation.pk for location in locations):
            errors["locations"] = _("Choose only locations of the person's own organisation.")
    if role in CASE_ROLES and not locations:
        errors["locations"] = _("Caseworkers and team leads need at least one location.")
    if role not in CASE_ROLES and locations:
        errors["locations"] = _("Only caseworkers and team leads work at locations.")
    if errors:
        raise ValidationError(errors)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _send_invitation_mail(*, user: User, link: str) -> None:
    with translation.override("nl"):
        hours = int(INVITATION_VALID_FOR.total_seconds() // 3600)
        body = render_to_string("administration/invitation_mail.txt", {"user": user, "link": link, "hours": hours})
        send_mail(_("Your account for Opvang"), body, settings.DEFAULT_FROM_EMAIL, [user.email])


SEND_INVITATION_TASK = "administration.tasks.send_invitation"


def invitation_outbox_key(invitation_id: int) -> str:
    return f"invitation:{invitation_id}"


@transaction.atomic
def invitation_issue(*, user: User, actor: User, site_url: str) -> Invitation:
    """Revoke open invitations of the user, issue a new one and queue its mail (the outbox).

    No link exists yet: the stored hash is of a random value nobody keeps, so the invitation
    cannot be used before :func:`invitation_mail_send` makes its token and mails the link. The
    outbox row holds only the invitation's id and ``site_url`` (where the link points), never
    the token: a broker or mail server that is down delays the mail but never loses it.
    """
    if not user.is_active:
        raise ValidationError(_("This account is deactivated; reactivate it before inviting."))
    if not user.email:
        raise ValidationError({"email": _("An invitation needs an e-mail address.")})
    now = timezone.now()
    Invitation.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    invitation = Invitation(
        user=user,
        token_hash=_token_hash(secrets.token_urlsafe(32)),  # a placeholder nobody knows
        created_by=actor,
        created_at=now,
        expires_at=now + INVITATION_VALID_FOR,
    )
    invitation.full_clean()
    invitation.save()
    _event(user=user, kind=AccountEventKind.INVITED, actor=actor)
    outbox_enqueue(
        task=SEND_INVITATION_TASK,
        kwargs={"invitation_id": invitation.pk, "site_url": site_url},
        key=invitation_outbox_key(invitation.pk),
    )
    return invitation


@transaction.atomic
def invitation_mail_send(*, invitation_id: int, site_url: str) -> str | None:
    """Make the invitation's token, store only its hash and mail the link; at most once.

    Runs in the worker (``administration.tasks.send_invitation``). The mail is sent inside the
    transaction: when the mail server refuses it nothing is stored and the task tries again
    later with a fresh token; once it is sent ``mailed_at`` is set and a second delivery of the
    task sends nothing. The link works for ``INVITATION_VALID_FOR`` from now, as the mail says.
    Returns the token (for tests), or None when there is nothing to send (already mailed,
    used, revoked by a newer invitation).
    """
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(pk=invitation_id, mailed_at=None, used_at=None, revoked_at=None)
        .first()
    )
    if invitation is None:
        return None
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = _token_hash(token)
    invitation.mailed_at = now
    invitation.expires_at = now + INVITATION_VALID_FOR
    invitation.save(update_fields=["token_hash", "mailed_at", "expires_at"])
    link = site_url.rstrip("/") + reverse("administration:invitation_accept", args=[token])
    _send_invitation_mail(user=invitation.user, link=link)
    return token


def invitation_find(token: str) -> Invitation | None:
    """The invitation with this token, whatever its state (the page explains an old one)."""
    return Invitation.objects.select_related("user").filter(token_hash=_token_hash(token)).first()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """Set the invited user's password and use the invitation up; the second factor follows."""
    invitation = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
    if not invitation.is_usable():
        raise ValidationError(_("This invitation can no longer be used."), code="unusable")
    user = invitation.user
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    _event(user=user, kind=AccountEventKind.INVITATION_ACCEPTED, actor=None)
    return user


@transaction.atomic
def staff_invite(
    *,
    actor: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    organisation: Organisation | None,
    locations: Iterable[Location],
    site_url: str,
) -> User:
    """Create an account without a usable password and send its invitation."""
    locations = list(locations)
    _check_staff_fields(role=role, organisation=organisation, locations=locations)
    if not email:
        raise ValidationError({"email": _("An invitation needs an e-mail address.")})
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=role,
        organisation=organisation,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    user.locations.set(locations)
    staff_assignments_sync(user=user, on=timezone.localdate())
    invitation_issue(user=user, actor=actor, site_url=site_url)
    return user


@transaction.atomic
def staff_update(
    *,
    actor: User,
    user: User,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    organisation: Organisation | None,
    locations: Iterable[Location],
) -> User:
    """Change an account; a changed role or organisation, or a location taken away, ends the
    user's sessions (they log in again with their new rights). The new role applies on the
    next request in any case: every page reads the role from the database.

    Administrators cannot change their own role, organisation or locations: that would let
    them hand themselves access to case files.
    """
    locations = list(locations)
    new_ids = {location.pk for location in locations}
    old_ids = set(user.locations.values_list("pk", flat=True))
    access_changed = role != user.role or organisation != user.organisation or new_ids != old_ids
    if user.pk == actor.pk and access_changed:
        raise ValidationError(_("You cannot change your own role, organisation or locations."))
    _check_staff_fields(role=role, organisation=organisation, locations=locations)
    reduced = role != user.role or organisation != user.organisation or bool(old_ids - new_ids)
    _apply(
        user,
        {"first_name": first_name, "last_name": last_name, "email": email, "role": role, "organisation": organisation},
    )
    if new_ids != old_ids:
        user.locations.set(locations)
    if access_changed:
        staff_assignments_sync(user=user, on=timezone.localdate())
    if reduced:
        _end_sessions(user)
        _event(user=user, kind=AccountEventKind.ROLE_CHANGED, actor=actor)
    return user


@transaction.atomic
def staff_deactivate(*, actor: User, user: User, reason: str = "") -> User:
    """Deactivate an account: it cannot log in, its sessions end, its history stays."""
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not user.is_active:
        return user
    _apply(user, {"is_active": False})
    Invitation.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    staff_assignments_sync(user=user, on=timezone.localdate())
    _end_sessions(user)
    _event(user=user, kind=AccountEventKind.DEACTIVATED, actor=actor, reason=reason)
    return user


@transaction.atomic
def staff_reactivate(*, actor: User, user: User) -> User:
    if user.is_active:
        return user
    _apply(user, {"is_active": True})
    staff_assignments_sync(user=user, on=timezone.localdate())
    _event(user=user, kind=AccountEventKind.REACTIVATED, actor=actor)
    return user


@transaction.atomic
def staff_second_factor_reset(*, actor: User, user: User, reason: str) -> User:
    """Remove the user's authenticator and backup codes; they enrol again at their next login.

    Their sessions end too: a session verified with the lost phone must not outlive it.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the reset.")})
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _end_sessions(user)
    _event(user=user, kind=AccountEventKind.SECOND_FACTOR_RESET, actor=actor, reason=reason.strip())
    return user


@transaction.atomic
def staff_lockout_lift(*, actor: User, user: User) -> int:
    """Lift django-axes' lockout of this user name (from every address); returns attempts removed."""
    removed = axes_reset(username=user.username)
    _event(user=user, kind=AccountEventKind.LOCKOUT_LIFTED, actor=actor)
    return removed


# --- Team lead: trainings and qualifications ----------------------------------------------------


@transaction.atomic
def training_record_add(
    *, user: User, training: str, completed_on: date, expires_on: date | None = None, description: str = ""
) -> TrainingRecord:
    record = TrainingRecord(
        user=user, training=training, completed_on=completed_on, expires_on=expires_on, description=description
    )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def qualification_add(
    *, user: User, kind: str, number: str, registered_on: date | None = None, expires_on: date | None = None
) -> Qualification:
    qualification = Qualification(
        user=user, kind=kind, number=number, registered_on=registered_on, expires_on=expires_on
    )
    qualification.full_clean()
    qualification.save()
    return qualification
