"""Forms of housing outflow. They validate input; outflow/services.py saves it."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import date_field
from opvang.forms import declared_field
from opvang.models import Organisation

from .constants import HousingApplicationKind, HousingDecision, HousingOutcome
from .selectors import housing_corporations


class ReadyToMoveForm(forms.Form):
    ready_on = date_field(_("Ready to move from"), past=True)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ready_on"].initial = timezone.localdate()


class HousingApplicationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=HousingApplicationKind.choices)
    municipality = forms.CharField(label=_("Municipality"), max_length=100)
    corporation = forms.ModelChoiceField(
        label=_("Housing corporation"), queryset=Organisation.objects.none(), required=False
    )
    applied_on = date_field(_("Applied on"), past=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        declared_field(self, "corporation", forms.ModelChoiceField).queryset = housing_corporations()
        self.fields["applied_on"].initial = timezone.localdate()


class HousingApplicationUpdateForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=HousingDecision.choices)
    decided_on = date_field(_("Decided on"), required=False, past=True)
    offer = forms.CharField(
        label=_("Offer"),
        required=False,
        max_length=200,
        help_text=_("What was offered (e.g. the district and kind of home), not the address."),
    )
    offered_on = date_field(_("Offer made on"), required=False, past=True)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=HousingOutcome.choices)
    outcome_on = date_field(_("Outcome on"), required=False, past=True)


class HousingQuotaForm(forms.Form):
    corporation = forms.ModelChoiceField(label=_("Housing corporation"), queryset=Organisation.objects.none())
    municipality = forms.CharField(label=_("Municipality"), max_length=100)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    homes = forms.IntegerField(label=_("Homes"), min_value=0, max_value=100000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        declared_field(self, "corporation", forms.ModelChoiceField).queryset = housing_corporations()
        self.fields["year"].initial = timezone.localdate().year
