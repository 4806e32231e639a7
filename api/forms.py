"""The form to create a personal API token (validates only; api.services creates it)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import DEFAULT_TOKEN_DAYS
from .services import token_expiry_limit


def _default_expiry() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=DEFAULT_TOKEN_DAYS)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “Power BI municipality”.")
    )
    expires_on = forms.DateField(
        label=_("Valid until"),
        initial=_default_expiry,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("At most one year from today."),
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the token a name."))
        return name

    def clean_expires_on(self) -> datetime.date:
        expires_on = self.cleaned_data["expires_on"]
        if expires_on <= timezone.localdate():
            raise forms.ValidationError(_("The expiry date must lie in the future."))
        if expires_on > token_expiry_limit():
            raise forms.ValidationError(_("A token is valid for one year at most."))
        return expires_on
