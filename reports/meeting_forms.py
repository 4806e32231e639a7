"""Forms of the account meetings (accountgesprekken): they validate, they never save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opvang.forms import declared_field
from opvang.models import Organisation

from .constants import AgreementKind, AgreementStatus
from .selectors import shelter_organisations

DATE = forms.DateInput(attrs={"type": "date"})


class MeetingEditForm(forms.Form):
    """The date, who took part and the notes of a meeting (a date ahead: planned)."""

    held_on = forms.DateField(
        label=_("Date of the meeting"),
        widget=DATE,
        help_text=_("A date ahead makes it a planned meeting; agreements are recorded once it has taken place."),
    )
    attendees = forms.CharField(
        label=_("Who took part"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Names and roles, of the municipality and of the provider."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )


class MeetingForm(MeetingEditForm):
    """A new account meeting with a provider."""

    organisation = forms.ModelChoiceField(label=_("Provider"), queryset=Organisation.objects.none())
    field_order = ["organisation", "held_on", "attendees", "notes"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared_field(self, "organisation", forms.ModelChoiceField).queryset = shelter_organisations()


class AgreementForm(forms.Form):
    """An agreement made in a meeting: what kind, what, who and by when."""

    kind = forms.ChoiceField(label=_("Kind"), choices=AgreementKind.choices, initial=AgreementKind.GENERAL)
    text = forms.CharField(label=_("Agreement"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label=_("Who"), max_length=200)
    due_on = forms.DateField(label=_("By when"), required=False, widget=DATE)


class AgreementStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AgreementStatus.choices)
    reason = forms.CharField(label=_("Explanation"), max_length=300, required=False)
