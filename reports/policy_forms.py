"""The filter of the yearly policy pages (housing outflow, suspension policy): a year and a scope."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opvang.forms import BootstrapWidgetsMixin, declared_field
from opvang.models import Location, Organisation

from .periods import Period, Scope
from .selectors import shelter_locations, shelter_organisations


class ScopeYearForm(BootstrapWidgetsMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False, empty_label=_("Whole region")
    )
    location = forms.ModelChoiceField(
        label=_("Location"), queryset=Location.objects.none(), required=False, empty_label=_("All locations")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared_field(self, "organisation", forms.ModelChoiceField).queryset = shelter_organisations()
        declared_field(self, "location", forms.ModelChoiceField).queryset = shelter_locations()
        self.fields["year"].initial = timezone.localdate().year

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        organisation, location = data.get("organisation"), data.get("location")
        if organisation and location and location.organisation_id != organisation.pk:
            self.add_error(
                "location",
                _("%(location)s is not a location of %(organisation)s. Choose one of its locations, or all locations.")
                % {"location": location.name, "organisation": organisation.name},
            )
        return data

    def chosen(self) -> tuple[Scope, Period] | None:
        """The scope and year asked for (the region and this year when nothing was asked), or
        None when the combination does not validate."""
        if self.is_bound and not self.is_valid():
            return None
        data = self.cleaned_data if self.is_bound else {}
        year = data.get("year") or timezone.localdate().year
        if data.get("location"):
            scope = Scope.for_location(data["location"])
        elif data.get("organisation"):
            scope = Scope.for_organisation(data["organisation"])
        else:
            scope = Scope.region()
        return scope, Period.year(year)
