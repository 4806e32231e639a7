"""Forms of housing outflow and aftercare. They validate input; outflow/services.py saves it."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import ShelterReason
from cases.forms import date_field
from cases.models import AdultClient
from cases.services import case_staff
from opvang.constants import CHAIN_PARTNER_KINDS, Role
from opvang.forms import declared_field
from opvang.models import Organisation, User

from .constants import (
    ChildSafety,
    HousingApplicationKind,
    HousingDecision,
    HousingOutcome,
    RiskLevel,
    TrajectoryActionStatus,
    TrajectoryGoalStatus,
    TrajectoryResult,
)
from .models import Pilot, TrajectoryGoal
from .selectors import housing_corporations, open_pilots, trajectory_holders


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


class AftercarePlanForm(forms.Form):
    owner_user = forms.ModelChoiceField(
        label=_("Owner at the shelter"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Or choose a chain partner below."),
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Chain partner"), queryset=Organisation.objects.none(), required=False
    )
    owner_professional = forms.CharField(label=_("Professional at the chain partner"), required=False, max_length=200)
    frequency_weeks = forms.IntegerField(label=_("Contact every (weeks)"), min_value=1, max_value=52, initial=2)
    made_on = date_field(_("Plan made on"), past=True)
    planned_end_on = date_field(_("Planned end"))
    contact_lost_on = date_field(
        _("Contact lost on"),
        required=False,
        past=True,
        help_text=_("Verlies van contact: fill in when the household can no longer be reached."),
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        declared_field(self, "owner_user", forms.ModelChoiceField).queryset = case_staff(household)
        declared_field(self, "owner_organisation", forms.ModelChoiceField).queryset = Organisation.objects.filter(
            kind__in=CHAIN_PARTNER_KINDS, is_active=True
        ).order_by("name")
        today = timezone.localdate()
        self.fields["made_on"].initial = today
        self.fields["planned_end_on"].initial = today + relativedelta(months=6)


class SafetyCheckForm(forms.Form):
    done_on = date_field(_("Done on"), past=True)
    risk_level = forms.ChoiceField(label=_("Risk reassessed"), choices=RiskLevel.choices)
    incidents = forms.BooleanField(label=_("Incidents since the departure"), required=False)
    incidents_notes = forms.CharField(
        label=_("What happened"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    follow_up = forms.CharField(label=_("Follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()
        self.child_fields = []
        for child in household.children.order_by("date_of_birth", "pk"):
            name = f"child_{child.pk}"
            self.fields[name] = forms.ChoiceField(
                label=_("Safety of %(name)s") % {"name": child.first_name}, choices=ChildSafety.choices
            )
            self.child_fields.append((child.pk, name))

    def cleaned(self) -> dict:
        """The service's arguments: the children's safety by child pk."""
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("child_")}
        data["children"] = {pk: self.cleaned_data[name] for pk, name in self.child_fields}
        return data


class HolderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.organisation.name})"


class TrajectoryForm(forms.Form):
    """Start (with ``adults``) or change a trajectory. The consent fields follow the handover form."""

    adult = forms.ModelChoiceField(label=_("Client"), queryset=AdultClient.objects.none())
    holder = HolderChoiceField(label=_("Trajectory holder"), queryset=User.objects.none())
    started_on = date_field(_("Start"), past=True)
    goal = forms.CharField(label=_("Goal of the trajectory"), widget=forms.Textarea(attrs={"rows": 2}))
    waiting_list_since = date_field(
        _("On the waiting list since"),
        required=False,
        past=True,
        help_text=_("When the client was put on the waiting list for trajectory support, if they were."),
    )
    consent_given = forms.BooleanField(
        label=_("Consent of the client given"),
        required=False,
        help_text=_("Needed when the trajectory holder works at another organisation."),
    )
    consent_override_reason = forms.CharField(
        label=_("Reason to proceed without consent (team lead)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, adults=None, **kwargs):
        super().__init__(*args, **kwargs)
        if adults is None:
            del self.fields["adult"]
        else:
            declared_field(self, "adult", forms.ModelChoiceField).queryset = adults
        declared_field(self, "holder", forms.ModelChoiceField).queryset = trajectory_holders()
        self.fields["started_on"].initial = timezone.localdate()
        if user.role != Role.TEAM_LEAD:
            del self.fields["consent_override_reason"]


class TrajectoryEndForm(forms.Form):
    ended_on = date_field(_("End"), past=True)
    result = forms.ChoiceField(label=_("Result"), choices=TrajectoryResult.choices)
    result_notes = forms.CharField(
        label=_("About the result"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].initial = timezone.localdate()


class TrajectoryGoalForm(forms.Form):
    text = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))


class TrajectoryActionForm(forms.Form):
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=TrajectoryGoal.objects.none())
    what = forms.CharField(label=_("What"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label=_("Who"), max_length=200, help_text=_("Who does it: the client, the holder, …"))
    due_on = date_field(_("By when"), required=False)

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        declared_field(self, "goal", forms.ModelChoiceField).queryset = goals


class TrajectoryGoalStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TrajectoryGoalStatus.choices)


class TrajectoryActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TrajectoryActionStatus.choices)


class PilotForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    target_group = forms.ChoiceField(
        label=_("Target group"), choices=[("", _("Any shelter reason")), *ShelterReason.choices], required=False
    )
    started_on = date_field(_("Start"))
    evaluation_on = date_field(
        _("Evaluation date"), required=False, help_text=_("Left empty: 18 months after the start.")
    )


class PilotMemberForm(forms.Form):
    pilot = forms.ModelChoiceField(label=_("Pilot"), queryset=Pilot.objects.none())
    joined_on = date_field(_("Joined on"), past=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        declared_field(self, "pilot", forms.ModelChoiceField).queryset = open_pilots(today)
        self.fields["joined_on"].initial = today
