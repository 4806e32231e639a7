"""Forms of the monitoring app: they validate, they never save."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opvang.forms import BootstrapWidgetsMixin, FilterForm, declared_field
from opvang.locking import VersionedFormMixin
from opvang.models import Location, Organisation, User

from .constants import ActionStatus, PartyKind, PeriodKind, PointStatus, ScopeKind, TargetDirection
from .dossier_selectors import action_owner_accounts, invitable_accounts
from .indicators import INDICATORS
from .periods import Period, Scope
from .selectors import KEY_INDICATORS, shelter_locations, shelter_organisations


def _year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(y, y) for y in range(this_year, this_year - 6, -1)]


class ReportRequestForm(forms.Form):
    """Which scope and period to generate a report for."""

    scope_kind = forms.ChoiceField(label=_("Scope"), choices=ScopeKind.choices)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(), required=False)
    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.none(), required=False)
    period_kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices, initial=PeriodKind.QUARTER)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=_year_choices)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, required=False, choices=[(q, f"Q{q}") for q in range(1, 5)]
    )
    month = forms.TypedChoiceField(label=_("Month"), coerce=int, required=False, choices=[(m, m) for m in range(1, 13)])
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared_field(self, "organisation", forms.ModelChoiceField).queryset = shelter_organisations()
        declared_field(self, "location", forms.ModelChoiceField).queryset = shelter_locations()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind = data.get("scope_kind")
        if kind == ScopeKind.ORGANISATION and not data.get("organisation"):
            self.add_error("organisation", _("Choose the organisation the report is about."))
        if kind == ScopeKind.LOCATION and not data.get("location"):
            self.add_error("location", _("Choose the location the report is about."))
        period_kind = data.get("period_kind")
        if period_kind == PeriodKind.QUARTER and not data.get("quarter"):
            self.add_error("quarter", _("Choose a quarter."))
        if period_kind == PeriodKind.MONTH and not data.get("month"):
            self.add_error("month", _("Choose a month."))
        if period_kind == PeriodKind.CUSTOM:
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                self.add_error("start", _("Fill in both the first and the last day of the period."))
            elif end < start:
                self.add_error("end", _("The last day must be on or after the first day."))
            elif end - start > datetime.timedelta(days=3 * 366):
                self.add_error("end", _("Choose a period of at most three years."))
        return data

    def scope(self) -> Scope:
        data = self.cleaned_data
        if data["scope_kind"] == ScopeKind.LOCATION:
            return Scope.for_location(data["location"])
        if data["scope_kind"] == ScopeKind.ORGANISATION:
            return Scope.for_organisation(data["organisation"])
        return Scope.region()

    def period(self) -> Period:
        data = self.cleaned_data
        if data["period_kind"] == PeriodKind.QUARTER:
            return Period.quarter(data["year"], data["quarter"])
        if data["period_kind"] == PeriodKind.MONTH:
            return Period.month(data["year"], data["month"])
        if data["period_kind"] == PeriodKind.YEAR:
            return Period.year(data["year"])
        return Period.custom(data["start"], data["end"])


class ReportFilterForm(FilterForm):
    """The form of reports.filters.SnapshotFilter. Its own id prefix: the "make a report" form
    on the same page uses the same field names."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)


class DashboardFilterForm(BootstrapWidgetsMixin, forms.Form):
    period_kind = forms.ChoiceField(
        label=_("Period"),
        choices=[(k, label) for k, label in PeriodKind.choices if k != PeriodKind.CUSTOM],
        initial=PeriodKind.QUARTER,
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False, empty_label=_("Whole region")
    )
    location = forms.ModelChoiceField(
        label=_("Location"), queryset=Location.objects.none(), required=False, empty_label=_("All locations")
    )
    indicator = forms.ChoiceField(
        label=_("Indicator"), choices=[(i.code, i.name) for i in INDICATORS], required=False, initial=KEY_INDICATORS[0]
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared_field(self, "organisation", forms.ModelChoiceField).queryset = shelter_organisations()
        declared_field(self, "location", forms.ModelChoiceField).queryset = shelter_locations()

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

    def scope(self) -> Scope:
        data = self.cleaned_data
        if data.get("location"):
            return Scope.for_location(data["location"])
        if data.get("organisation"):
            return Scope.for_organisation(data["organisation"])
        return Scope.region()


class DossierForm(VersionedFormMixin, forms.Form):
    meeting_on = forms.DateField(
        label=_("Date of the evaluation meeting"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    participants = forms.CharField(
        label=_("Other notes on who took part"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Invite and record the participants in the list on the dossier page; this is for anything else."),
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 6}))


class ImprovementPointForm(forms.Form):
    text = forms.CharField(label=_("New improvement point"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class PointStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PointStatus.choices)
    note = forms.CharField(label=_("Explanation"), max_length=300, required=False)


class AccountChoiceField(forms.ModelChoiceField):
    """An account shown with its organisation and role, so namesakes can be told apart."""

    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name() or obj.username
        organisation = obj.organisation.name if obj.organisation else ""
        return f"{name} ({', '.join(part for part in (organisation, obj.get_role_display()) if part)})"


class FollowUpActionForm(BootstrapWidgetsMixin, forms.Form):
    what = forms.CharField(label=_("What"), max_length=300)
    owner_user = AccountChoiceField(
        label=_("Who (account)"), queryset=User.objects.none(), required=False, empty_label=_("No account")
    )
    owner = forms.CharField(label=_("Or: who, without an account"), max_length=200, required=False)
    due_on = forms.DateField(label=_("By when"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, dossier: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if dossier is not None:
            declared_field(self, "owner_user", AccountChoiceField).queryset = action_owner_accounts(dossier)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("owner_user") and not (data.get("owner") or "").strip():
            self.add_error("owner_user", _("Choose who does it, or name them if they have no account."))
        return data


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("How did it end"),
        choices=[(ActionStatus.DONE, ActionStatus.DONE.label), (ActionStatus.DROPPED, ActionStatus.DROPPED.label)],
    )
    reason = forms.CharField(label=_("Reason (when dropped)"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == ActionStatus.DROPPED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the action is dropped."))
        return data


class ParticipantForm(BootstrapWidgetsMixin, forms.Form):
    """Invite an account, or a guest by name with organisation, role and party."""

    user = AccountChoiceField(
        label=_("Account"), queryset=User.objects.none(), required=False, empty_label=_("A guest without an account")
    )
    name = forms.CharField(label=_("Name of the guest"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    party = forms.ChoiceField(
        label=_("Party (for a guest)"), choices=[("", "---------"), *PartyKind.choices], required=False
    )

    def __init__(self, *args: Any, dossier: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if dossier is not None:
            declared_field(self, "user", AccountChoiceField).queryset = invitable_accounts(dossier)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("user"):
            if not (data.get("name") or "").strip():
                self.add_error("name", _("Fill in the guest's name, or choose an account."))
            if not data.get("party"):
                self.add_error("party", _("Choose which party the guest represents."))
        return data


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Present at the meeting"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, dossier: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if dossier is not None:
            declared_field(
                self, "present", forms.ModelMultipleChoiceField
            ).queryset = dossier.meeting_participants.all()


class DossierCommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class FinaliseForm(forms.Form):
    accept_missing = forms.BooleanField(
        label=_("Mark final even though not all four parties were present"), required=False
    )


def _target_year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(y, y) for y in range(this_year + 1, this_year - 5, -1)]


class TargetForm(BootstrapWidgetsMixin, forms.Form):
    """A target agreed with a provider (optionally one location) for a year."""

    organisation = forms.ModelChoiceField(label=_("Provider"), queryset=Organisation.objects.none())
    location = forms.ModelChoiceField(
        label=_("Location"),
        queryset=Location.objects.none(),
        required=False,
        empty_label=_("All locations of the provider"),
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=_target_year_choices)
    indicator = forms.ChoiceField(label=_("Indicator"), choices=[(i.code, i.name) for i in INDICATORS])
    direction = forms.ChoiceField(label=_("The value must be"), choices=TargetDirection.choices)
    value = forms.DecimalField(label=_("Target value"), max_digits=8, decimal_places=2, min_value=0)
    agreed_on = forms.DateField(label=_("Date of the agreement"), widget=forms.DateInput(attrs={"type": "date"}))
    source = forms.CharField(
        label=_("Source of the agreement"),
        max_length=300,
        help_text=_("For example the subsidy decision or the minutes of the account meeting, with its date."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared_field(self, "organisation", forms.ModelChoiceField).queryset = shelter_organisations()
        declared_field(self, "location", forms.ModelChoiceField).queryset = shelter_locations()
