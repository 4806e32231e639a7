"""Forms of the chain consultation. They validate; the services in chain/services.py save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opvang.constants import OrganisationKind
from opvang.forms import declared_field
from opvang.models import Organisation, User

from . import selectors
from .constants import StuckReason
from .models import ChainConsultation


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StuckMarkForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=StuckReason.choices)
    since = forms.DateField(label=_("Stuck since"), widget=DateInput, initial=timezone.localdate)
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What blocks the way out, in a few words. Stays inside your organisation."),
    )


class StuckResolveForm(forms.Form):
    resolved_on = forms.DateField(label=_("Resolved on"), widget=DateInput, initial=timezone.localdate)


class ConsultationForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations present"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your own organisation is always recorded as present."),
    )
    attendees = forms.CharField(
        label=_("People present"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: name, organisation and role."),
    )
    next_meeting_on = forms.DateField(label=_("Next meeting"), widget=DateInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [k for k in OrganisationKind.values if k != OrganisationKind.MUNICIPALITY]
        declared_field(self, "organisations", forms.ModelMultipleChoiceField).queryset = Organisation.objects.filter(
            is_active=True, kind__in=kinds
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        held_on, next_on = data.get("held_on"), data.get("next_meeting_on")
        if held_on and next_on and next_on <= held_on:
            self.add_error("next_meeting_on", _("The next meeting must come after this one."))
        return data


class BringInForm(forms.Form):
    consultation = forms.ModelChoiceField(label=_("Chain consultation"), queryset=ChainConsultation.objects.none())
    question = forms.CharField(
        label=_("Question for the consultation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = declared_field(self, "consultation", forms.ModelChoiceField)
        field.queryset = selectors.consultations_for_agenda(user)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Due date"), widget=DateInput)

    def __init__(self, *args: Any, candidates: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = declared_field(self, "owner", forms.ModelChoiceField)
        field.queryset = candidates
