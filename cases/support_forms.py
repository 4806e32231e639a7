"""Forms of the adults' psychological support referrals (validate, never save)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opvang.forms import declared_field

from .constants import PsychSupportKind, PsychSupportOutcome
from .forms import date_field
from .models import AdultClient, Household


class PsychReferralForm(forms.Form):
    """Record or change a referral for psychological support; the client only when recording."""

    adult: forms.ModelChoiceField[AdultClient] = forms.ModelChoiceField(label=_("Client"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind of support"), choices=PsychSupportKind.choices)
    provider = forms.CharField(
        label=_("Practice or provider"),
        required=False,
        max_length=200,
        help_text=_("For example the GP practice or the GGZ provider."),
    )
    referred_on = date_field(_("Referred on"), past=True)
    reason = forms.CharField(label=_("Reason for the referral"), widget=forms.Textarea(attrs={"rows": 3}))
    started_on = date_field(_("Support started on"), required=False, past=True)
    ended_on = date_field(_("Support ended on"), required=False, past=True)
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("Still running")), *PsychSupportOutcome.choices]
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, household: Household, with_adult: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_adult:
            declared_field(self, "adult", forms.ModelChoiceField).queryset = household.adults.order_by("pk")
            self.fields["referred_on"].initial = timezone.localdate()
        else:
            del self.fields["adult"]
