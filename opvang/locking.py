"""Optimistic locking: two people editing the same version never silently overwrite each other.

Models with a ``version`` field (household, child, plan, evaluation dossier) carry it through
their edit form as a hidden field. The service calls :func:`claim_version` inside its
transaction before saving; when someone else saved in between, StaleVersion is raised and the
view shows the conflict page (:func:`render_conflict`) with both versions side by side.
"""

from __future__ import annotations

from typing import Protocol, cast

from django import forms
from django.db import models
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


class StaleVersion(Exception):
    """The record was changed by someone else after the form was opened."""


class _Versioned(Protocol):
    version: int


def claim_version(instance: models.Model, expected: int) -> None:
    """Atomically move ``instance.version`` from ``expected`` to the next number, or raise."""
    manager = type(instance)._default_manager
    updated = manager.filter(pk=instance.pk, version=expected).update(version=F("version") + 1)
    if not updated:
        raise StaleVersion
    # Only models with a ``version`` field are passed here (household, child, plan, dossier).
    cast(_Versioned, instance).version = expected + 1


class VersionedFormMixin(forms.Form):
    """Adds the hidden version field; the view passes ``initial={"version": obj.version}``."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def render_conflict(request: HttpRequest, *, form: forms.Form, current: models.Model, back_url: str) -> HttpResponse:
    """The conflict page: what you submitted beside what is stored now; nothing is saved."""
    rows = []
    for name, field in form.fields.items():
        if name == "version" or name not in form.cleaned_data:
            continue
        stored = getattr(current, name, None)
        if hasattr(current, f"get_{name}_display"):
            stored = getattr(current, f"get_{name}_display")()
        rows.append({"label": field.label or name, "mine": form.cleaned_data.get(name), "stored": stored})
    return render(
        request,
        "conflict.html",
        {"rows": rows, "back_url": back_url, "title": _("Someone else changed this in the meantime")},
        status=409,
    )
