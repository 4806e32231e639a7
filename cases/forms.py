"""Forms of the case file. They validate input; the services in cases/services.py save it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opvang.constants import OrganisationKind
from opvang.forms import declared_field
from opvang.locking import VersionedFormMixin
from opvang.models import Location, Organisation
from opvang.validators import validate_bsn, validate_not_in_future

from .constants import (
    AdultRole,
    AftercareKind,
    ApplicationDecision,
    BeschikkingKind,
    ChildArrangement,
    Destination,
    ExtensionReason,
    Gender,
    HandoverKind,
    HearingChoice,
    ObjectionKind,
    ObjectionOutcome,
    ShelterReason,
    SuspendedAdultWent,
    SuspensionOutcome,
    SuspensionReason,
    ZrmDomain,
    ZrmMoment,
    ZrmScore,
    initial_beschikking_months,
)

if TYPE_CHECKING:
    from opvang.models import User

    from .models import AdultClient


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label, *, required: bool = True, past: bool = False, **kwargs) -> forms.DateField:
    validators = [validate_not_in_future] if past else []
    return forms.DateField(label=label, required=required, widget=DateInput(), validators=validators, **kwargs)


def own_locations(user):
    """The locations a user may choose: team leads all of their organisation's, others their own."""
    locations = Location.objects.filter(organisation_id=user.organisation_id, is_active=True)
    if user.role != "team_lead":
        locations = locations.filter(pk__in=user.locations.values("pk"))
    return locations.order_by("name")


class SearchForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=100)
    date_of_birth = date_field(_("Date of birth"), required=False)
    # The 11-proof: a mistyped BSN is pointed out instead of searching for it (and finding nobody).
    bsn = forms.CharField(label=_("BSN"), required=False, max_length=9, validators=[validate_bsn])

    def has_criteria(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())


class HouseholdRegisterForm(forms.Form):
    location = forms.ModelChoiceField(label=_("Location applied for"), queryset=Location.objects.none())
    applied_on = date_field(_("Applied on"), past=True)
    referred_by = forms.CharField(label=_("Referred by"), required=False, max_length=200)
    reason = forms.ChoiceField(label=_("Reason for shelter"), choices=ShelterReason.choices)
    municipality_of_origin = forms.CharField(
        label=_("Municipality of origin"),
        max_length=100,
        help_text=_("The municipality the household comes from (regiobinding)."),
    )
    safety_threat = forms.CharField(label=_("Threat"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    secret_address_needed = forms.BooleanField(label=_("Secret address needed"), required=False)
    safety_notes = forms.CharField(label=_("Safety notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        declared_field(self, "location", forms.ModelChoiceField).queryset = own_locations(user)
        self.fields["applied_on"].initial = timezone.localdate()


class PersonForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    date_of_birth = date_field(_("Date of birth"), past=True)
    bsn = forms.CharField(
        label=_("BSN"), required=False, max_length=9, validators=[validate_bsn], help_text=_("Only when needed.")
    )


class AdultForm(PersonForm):
    role = forms.ChoiceField(label=_("Role in household"), choices=AdultRole.choices, initial=AdultRole.PARENT)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    email = forms.EmailField(label=_("E-mail"), required=False)


class AdultEditForm(PersonForm):
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    email = forms.EmailField(label=_("E-mail"), required=False)
    caseworker: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Trajectory caseworker"), queryset=None, required=False
    )

    def __init__(self, *args, caseworkers, **kwargs):
        super().__init__(*args, **kwargs)
        declared_field(self, "caseworker", forms.ModelChoiceField).queryset = caseworkers


class ChildForm(PersonForm):
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.OTHER)


AdultFormSet = forms.formset_factory(AdultForm, extra=2, min_num=1, validate_min=True, max_num=4)
ChildFormSet = forms.formset_factory(ChildForm, extra=4, max_num=8)


class HouseholdEditForm(VersionedFormMixin, forms.Form):
    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.none())
    reason = forms.ChoiceField(label=_("Reason for shelter"), choices=ShelterReason.choices)
    municipality_of_origin = forms.CharField(label=_("Municipality of origin"), max_length=100)
    safety_threat = forms.CharField(label=_("Threat"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    secret_address_needed = forms.BooleanField(label=_("Secret address needed"), required=False)
    safety_notes = forms.CharField(label=_("Safety notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    SAFETY_FIELDS = ("safety_threat", "secret_address_needed", "safety_notes")

    def __init__(self, *args, user, household, show_safety: bool, **kwargs):
        super().__init__(*args, **kwargs)
        declared_field(self, "location", forms.ModelChoiceField).queryset = Location.objects.filter(
            organisation_id=household.organisation_id
        )
        if not show_safety:
            # Not rendered and not accepted: the restricted section does not exist for this user.
            for name in self.SAFETY_FIELDS:
                del self.fields[name]


class ApplicationForm(forms.Form):
    location = forms.ModelChoiceField(label=_("Location applied for"), queryset=Location.objects.none())
    applied_on = date_field(_("Applied on"), past=True)
    referred_by = forms.CharField(label=_("Referred by"), required=False, max_length=200)

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        declared_field(self, "location", forms.ModelChoiceField).queryset = Location.objects.filter(
            organisation_id=household.organisation_id
        )
        self.fields["location"].initial = household.location_id
        self.fields["applied_on"].initial = timezone.localdate()


class ApplicationDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ApplicationDecision.REJECTED, _("Rejected")), (ApplicationDecision.WITHDRAWN, _("Withdrawn"))],
    )
    decided_on = date_field(_("Decided on"), past=True)


class AdmitForm(forms.Form):
    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.none())
    admitted_on = date_field(_("Admitted on"), past=True)
    kind = forms.ChoiceField(label=_("Kind of beschikking"), choices=BeschikkingKind.choices)
    months = forms.TypedChoiceField(
        label=_("Duration of the beschikking"),
        coerce=int,
        choices=[(3, _("3 months")), (6, _("6 months"))],
        initial=3,
    )
    relapse_guarantee = forms.BooleanField(
        label=_("Readmission under the relapse guarantee"),
        required=False,
        help_text=_(
            "The household left within the past 12 months and returns with priority, without new waiting "
            "(terugvalgarantie)."
        ),
    )

    def __init__(self, *args, household, offer_guarantee: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Only offered when the household left a shelter within the past 12 months.
        if not offer_guarantee:
            del self.fields["relapse_guarantee"]
        declared_field(self, "location", forms.ModelChoiceField).queryset = Location.objects.filter(
            organisation_id=household.organisation_id
        )
        self.fields["location"].initial = household.location_id
        self.fields["admitted_on"].initial = timezone.localdate()
        self.fields["kind"].initial = BeschikkingKind.VO if household.location.kind == "vo" else BeschikkingKind.MO
        # Proposed: 6 months for the economically homeless (trajectory support needs the time), else 3.
        self.fields["months"].initial = initial_beschikking_months(household.reason)


class ExtendForm(forms.Form):
    new_end_on = date_field(_("New end"))
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "---------"), *ExtensionReason.choices])
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OutflowPlanForm(forms.Form):
    planned_destination = forms.ChoiceField(label=_("Planned destination"), choices=Destination.choices)
    planned_left_on = date_field(_("Planned departure"), required=False)


class DischargeForm(forms.Form):
    left_on = date_field(_("Left on"), past=True)
    destination = forms.ChoiceField(label=_("Destination"), choices=[("", "---------"), *Destination.choices])
    destination_municipality = forms.CharField(
        label=_("Destination municipality"),
        required=False,
        max_length=100,
        help_text=_("The municipality where the household goes to live, if known."),
    )


class HandoverForm(forms.Form):
    to_organisation = forms.ModelChoiceField(label=_("To organisation"), queryset=Organisation.objects.none())
    to_professional_name = forms.CharField(label=_("Receiving professional (name)"), required=False, max_length=200)
    planned_on = date_field(_("Date"))
    kind = forms.ChoiceField(label=_("Kind"), choices=HandoverKind.choices)
    children = forms.MultipleChoiceField(
        label=_("Children concerned"), required=False, widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(label=_("What is passed on"), widget=forms.Textarea(attrs={"rows": 3}))
    consent_given = forms.BooleanField(label=_("Consent of the parent given"), required=False)
    child_consent_given = forms.BooleanField(label=_("Consent of children from 12 given"), required=False)
    safety_info_passed = forms.BooleanField(label=_("Safety information passed on"), required=False)
    plan_passed = forms.BooleanField(label=_("Plan passed on"), required=False)
    met_each_child = forms.BooleanField(label=_("Receiving professional has met each child"), required=False)
    consent_override_reason = forms.CharField(
        label=_("Reason to proceed without consent (team lead)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, household, children, user, **kwargs):
        super().__init__(*args, **kwargs)
        declared_field(self, "to_organisation", forms.ModelChoiceField).queryset = Organisation.objects.exclude(
            pk=household.organisation_id
        ).exclude(kind=OrganisationKind.MUNICIPALITY)
        declared_field(self, "children", forms.ChoiceField).choices = [
            (str(c.pk), f"{c.first_name} {c.last_name} ({c.age()})") for c in children
        ]
        self.fields["planned_on"].initial = timezone.localdate()
        if user.role != "team_lead":
            del self.fields["consent_override_reason"]


class HandoverRejectForm(forms.Form):
    rejected_reason = forms.CharField(label=_("Reason for rejection"), widget=forms.Textarea(attrs={"rows": 3}))


class HandoverCompleteForm(forms.Form):
    safety_info_passed = forms.BooleanField(label=_("Safety information passed on"), required=False)
    plan_passed = forms.BooleanField(label=_("Plan passed on"), required=False)
    met_each_child = forms.BooleanField(label=_("Receiving professional has met each child"), required=False)


class SuspensionForm(forms.Form):
    adult: forms.ModelChoiceField[AdultClient] = forms.ModelChoiceField(label=_("Client"), queryset=None)
    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.none())
    start_on = date_field(_("Start"))
    end_on = date_field(_("End"), required=False)
    reason = forms.ChoiceField(label=_("Reason"), choices=SuspensionReason.choices)
    duration_days = forms.IntegerField(label=_("Duration decided (days)"), required=False, min_value=1, max_value=365)
    heard = forms.ChoiceField(
        label=_("Was the client heard before the decision?"), choices=[("", "---------"), *HearingChoice.choices]
    )
    heard_on = date_field(_("Heard on"), required=False, past=True)
    adult_went = forms.ChoiceField(
        label=_("Where did the client go?"), required=False, choices=[("", "---------"), *SuspendedAdultWent.choices]
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, household, children, **kwargs):
        super().__init__(*args, **kwargs)
        declared_field(self, "adult", forms.ModelChoiceField).queryset = household.adults.all()
        declared_field(self, "location", forms.ModelChoiceField).queryset = Location.objects.filter(
            organisation_id=household.organisation_id
        )
        self.fields["location"].initial = household.location_id
        self.fields["start_on"].initial = timezone.localdate()
        self.children = list(children)
        # One field per child: where it stayed. Left empty, the child was not affected.
        for child in self.children:
            self.fields[f"child_{child.pk}"] = forms.CharField(
                label=_("Where did %(name)s stay?") % {"name": child.first_name},
                required=False,
                max_length=200,
                help_text=_("Leave empty when this child was not affected."),
            )
            self.fields[f"arrangement_{child.pk}"] = forms.ChoiceField(
                label=_("What was arranged for %(name)s?") % {"name": child.first_name},
                required=False,
                choices=[("", "---------"), *ChildArrangement.choices],
            )

    def affected_children(self) -> list[tuple]:
        """(child, where it stayed, arrangement) for each child affected."""
        return [
            (c, self.cleaned_data[f"child_{c.pk}"], self.cleaned_data[f"arrangement_{c.pk}"])
            for c in self.children
            if self.cleaned_data[f"child_{c.pk}"]
        ]


class SuspensionUpdateForm(forms.Form):
    heard = forms.ChoiceField(
        label=_("Was the client heard before the decision?"),
        required=False,
        choices=[("", "---------"), *HearingChoice.choices],
    )
    heard_on = date_field(_("Heard on"), required=False, past=True)
    objection = forms.ChoiceField(label=_("Objection or appeal"), choices=ObjectionKind.choices)
    objection_on = date_field(_("Lodged on"), required=False, past=True)
    objection_outcome = forms.ChoiceField(
        label=_("Outcome of the objection"), required=False, choices=[("", "---------"), *ObjectionOutcome.choices]
    )
    adult_went = forms.ChoiceField(
        label=_("Where did the client go?"), required=False, choices=[("", "---------"), *SuspendedAdultWent.choices]
    )
    end_on = date_field(_("End"), required=False)
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("Still running")), *SuspensionOutcome.choices]
    )


class AftercareForm(forms.Form):
    contact_on = date_field(_("Date"), past=True)
    kind = forms.ChoiceField(label=_("Kind"), choices=AftercareKind.choices)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_on"].initial = timezone.localdate()


class ZrmForm(forms.Form):
    adult: forms.ModelChoiceField[AdultClient] = forms.ModelChoiceField(label=_("Client"), queryset=None)
    assessed_on = date_field(_("Date"), past=True)
    moment = forms.ChoiceField(label=_("Moment"), choices=ZrmMoment.choices)

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        declared_field(self, "adult", forms.ModelChoiceField).queryset = household.adults.all()
        self.fields["assessed_on"].initial = timezone.localdate()
        for domain, label in ZrmDomain.choices:
            self.fields[f"score_{domain}"] = forms.TypedChoiceField(
                label=label,
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", _("Not discussed")), *ZrmScore.choices],
            )

    def scores(self) -> dict[str, int | None]:
        return {domain: self.cleaned_data.get(f"score_{domain}") for domain in ZrmDomain.values}


class HandoverAdmitForm(forms.Form):
    """Admit a handed-over household at a location of the receiving organisation."""

    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.none())
    admitted_on = date_field(_("Admitted on"), past=True)
    beschikking = forms.ChoiceField(
        label=_("Beschikking"),
        widget=forms.RadioSelect,
        choices=[
            ("continue", _("The current beschikking continues (its end date is kept)")),
            ("new", _("A new beschikking starts")),
        ],
        initial="continue",
    )
    kind = forms.ChoiceField(label=_("Kind of the new beschikking"), choices=BeschikkingKind.choices, required=False)
    months = forms.TypedChoiceField(
        label=_("Duration of the new beschikking"),
        coerce=int,
        choices=[(3, _("3 months")), (6, _("6 months"))],
        initial=3,
    )

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        declared_field(self, "location", forms.ModelChoiceField).queryset = locations
        self.fields["admitted_on"].initial = timezone.localdate()
