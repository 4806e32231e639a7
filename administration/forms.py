"""Forms of the administration pages: they validate; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from opvang.constants import Role
from opvang.forms import declared_field
from opvang.models import Location, Organisation, Qualification, TrainingRecord, User


def date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "contact_name", "contact_email", "contact_phone"]


class LocationForm(forms.ModelForm):
    """A new location; the capacity given here holds from the opening day."""

    class Meta:
        model = Location
        fields = [
            "organisation",
            "name",
            "kind",
            "municipality",
            "address",
            "secret_address",
            "capacity_places",
            "capacity_units",
            "opened_on",
            "closed_on",
        ]
        widgets = {"opened_on": date_widget(), "closed_on": date_widget()}
        help_texts = {
            "secret_address": _("The address is then shown only to the location's own staff and its team leads."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisation = declared_field(self, "organisation", forms.ModelChoiceField)
        organisation.queryset = Organisation.objects.filter(is_active=True).order_by("name")


class LocationEditForm(forms.ModelForm):
    """A location's details; the capacity changes on its own dated form."""

    class Meta:
        model = Location
        fields = ["name", "kind", "municipality", "address", "secret_address", "opened_on", "closed_on"]
        widgets = {"opened_on": date_widget(), "closed_on": date_widget()}

    def __init__(self, *args, show_address: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not show_address:
            # The editor may not read this secret address: an empty field keeps it.
            self.initial["address"] = ""
            self.fields["address"].help_text = _(
                "This is a secret address and is not shown to you. Leave the field empty to keep it, "
                "or type a new address to replace it."
            )


class CapacityForm(forms.Form):
    valid_from = forms.DateField(label=_("Valid from"), widget=date_widget())
    places = forms.IntegerField(label=_("Capacity in places"), min_value=0)
    units = forms.IntegerField(label=_("Capacity in family units"), min_value=0)
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class LocationsField(forms.ModelMultipleChoiceField):
    """Locations labelled with their organisation: names repeat across providers."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.organisation.name} – {obj.name}"


ROLE_CHOICES = [("", "---------"), *Role.choices]


class StaffForm(forms.ModelForm):
    """A staff account: who, in which role, for which organisation and at which locations."""

    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)
    email = forms.EmailField(label=_("E-mail address"))
    locations = LocationsField(
        label=_("Locations"), queryset=Location.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "role", "organisation", "locations"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["organisation"].required = True
        declared_field(self, "organisation", forms.ModelChoiceField).queryset = Organisation.objects.filter(
            is_active=True
        ).order_by("name")
        locations = declared_field(self, "locations", forms.ModelMultipleChoiceField)
        locations.queryset = (
            Location.objects.filter(is_active=True)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )
        self.fields["locations"].help_text = _("Only for caseworkers and team leads: the locations they work at.")


class StaffEditForm(StaffForm):
    class Meta(StaffForm.Meta):
        fields = ["first_name", "last_name", "email", "role", "organisation", "locations"]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, required=False
    )


class InvitationAcceptForm(SetPasswordForm):
    """Django's set-password form (with the password validators); the service saves."""

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)


class TrainingForm(forms.ModelForm):
    class Meta:
        model = TrainingRecord
        fields = ["training", "description", "completed_on", "expires_on"]
        widgets = {"completed_on": date_widget(), "expires_on": date_widget()}
        help_texts = {"description": _("Required for another training: which one.")}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("training") == "other" and not cleaned.get("description"):
            self.add_error("description", _("Describe the training."))
        return cleaned


class QualificationForm(forms.ModelForm):
    class Meta:
        model = Qualification
        fields = ["kind", "number", "registered_on", "expires_on"]
        widgets = {"registered_on": date_widget(), "expires_on": date_widget()}
