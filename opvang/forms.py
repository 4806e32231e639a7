"""Forms of the opvang app: login and the second factor."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, TypeVar

import django_otp
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_otp.models import Device

from .models import User

# Django's own Dutch for its required-field message is "Dit veld is verplicht."; the REST framework's
# catalogue (a later app) says "vereist". Naming the message here keeps it in the project catalogue,
# which outranks every app, so every form says the same thing.
REQUIRED_MESSAGE = gettext_noop("This field is required.")

logger = logging.getLogger("opvang.security")

_FieldT = TypeVar("_FieldT", bound=forms.Field)


def declared_field(form: forms.BaseForm, name: str, kind: type[_FieldT]) -> _FieldT:
    """This form instance's copy of a declared field, as the class it was declared with.

    ``form.fields`` holds plain ``Field``s to the type checker; forms that narrow a queryset or
    the choices per user (in ``__init__``) reach the field through here instead of a cast.
    """
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


def apply_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the fields it names when the form has
    them, everything else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class LoginForm(AuthenticationForm):
    # One answer for an unknown user, a wrong password and an inactive account: no enumeration.
    error_messages = {
        "invalid_login": _("Incorrect user name or password. Note that both fields are case-sensitive."),
        "inactive": _("Incorrect user name or password. Note that both fields are case-sensitive."),
    }

    def clean(self) -> dict:
        # AuthenticationForm sets max_length on the user name after the field is built, so it is
        # never validated: a longer name would reach django-axes, whose failure record cannot hold
        # it (a server error). No user has such a name: the same neutral answer as for a typo.
        username = self.cleaned_data.get("username") or ""
        if len(username) > (self.username_field.max_length or 254):  # 254: AuthenticationForm's default
            raise self.get_invalid_login_error()
        return super().clean()


class TokenForm(forms.Form):
    """A code from the authenticator app or a backup code, checked against the given devices.

    Validation consumes the code (TOTP codes cannot be replayed, backup codes are single-use);
    the view only logs the accepted device into the session.
    """

    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}
        ),
    )

    error_messages = {"invalid": _("This code is not correct or has already been used. Try again.")}

    def __init__(self, *args, user: User, devices: Sequence[Device], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.devices = devices
        self.device: Device | None = None

    def clean_token(self) -> str:
        # People copy codes with spaces ("123 456") from their app or the backup list.
        return "".join(self.cleaned_data["token"].split())

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        token = cleaned.get("token")
        if token:
            for device in self.devices:
                # verify_token locks the device row, so a code cannot be used twice concurrently;
                # each device also throttles after failures (django-otp's ThrottlingMixin).
                self.device = django_otp.verify_token(self.user, device.persistent_id, token)
                if self.device is not None:
                    break
            if self.device is None:
                logger.warning("Second-factor code rejected for user %s", self.user.pk)
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return cleaned


class BootstrapWidgetsMixin:
    """For forms rendered field by field (filter bars) rather than through crispy: give each
    widget Bootstrap's class so it sizes to its column instead of its longest option."""

    fields: dict[str, forms.Field]  # set by the form class this is mixed into

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if getattr(widget, "input_type", "") == "checkbox":
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class FilterForm(BootstrapWidgetsMixin, forms.Form):
    """The base form of the FilterSets (``<app>/filters.py``): a filter bar, field by field."""
