"""Forms of the gedragen plan. They validate; the services in plans/services.py save.

Restricted fields (contact details, safety conditions) are removed from a form for users who may
not see them (``restricted=False``), never hidden with CSS.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import AdultClient
from children.models import Child, ChildVoice
from opvang.constants import CHAIN_PARTNER_KINDS, Role
from opvang.forms import declared_field
from opvang.locking import VersionedFormMixin
from opvang.models import Organisation, User

from .constants import (
    GOAL_DOMAIN_CHOICES,
    AgreementDecision,
    AgreementMethod,
    DirectionSupport,
    GoalStatus,
    ParticipantKind,
    Relation,
)
from .models import Participant, PlanVersion

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _member_choices(household_id: int) -> list[tuple[str, StrOrPromise]]:
    choices: list[tuple[str, StrOrPromise]] = [("", _("The whole household"))]
    choices += [(f"a:{a.pk}", str(a)) for a in AdultClient.objects.filter(household_id=household_id)]
    choices += [(f"c:{c.pk}", str(c)) for c in Child.objects.filter(household_id=household_id)]
    return choices


def _member(value: str, household_id: int) -> tuple[AdultClient | None, Child | None]:
    """Turn "a:12" / "c:7" back into the adult or child of this household."""
    if not value:
        return None, None
    kind, _sep, pk = value.partition(":")
    model = AdultClient if kind == "a" else Child
    member: AdultClient | Child | None = model.objects.filter(household_id=household_id, pk=pk).first()
    if member is None:
        raise ValidationError(_("Choose a member of this household."))
    return (member, None) if isinstance(member, AdultClient) else (None, member)


class PlanStartForm(forms.Form):
    start_on = forms.DateField(label=_("Start"), widget=DateInput, initial=timezone.localdate)
    direction_support = forms.ChoiceField(
        label=_("Who supports the family's direction?"), choices=DirectionSupport.choices
    )
    perspective = forms.CharField(
        label=_("What do we want to have achieved when we leave the shelter?"),
        help_text=_("In the family's own words. You can fill this in later."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class PlanEditForm(VersionedFormMixin, forms.Form):
    direction_support = forms.ChoiceField(
        label=_("Who supports the family's direction?"), choices=DirectionSupport.choices
    )
    perspective = forms.CharField(
        label=_("What do we want to have achieved when we leave the shelter?"),
        help_text=_("In the family's own words."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    strengths = forms.CharField(label=_("What goes well"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    worries = forms.CharField(label=_("Worries"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    if_things_go_differently = forms.CharField(
        label=_("What we do if things go differently"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    next_review_on = forms.DateField(
        label=_("Next review"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty: three months after the plan is agreed."),
    )
    safety_conditions = forms.CharField(
        label=_("Safety conditions"),
        help_text=_("Restricted: only for the location's staff. Never printed."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, restricted: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not restricted:
            del self.fields["safety_conditions"]


class PartnerAccountField(forms.ModelChoiceField):
    """A chain partner's account, shown with its organisation."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.organisation})"


class ParticipantForm(forms.Form):
    member = forms.ChoiceField(label=_("Member of the household"), required=False)
    name = forms.CharField(
        label=_("Name"), max_length=200, required=False, help_text=_("Not needed for a member of the household.")
    )
    relation = forms.ChoiceField(label=_("Relation to the family"), choices=Relation.choices)
    kind = forms.ChoiceField(
        label=_("Network or professional"), choices=[("", _("Decide from the relation")), *ParticipantKind.choices]
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(), required=False)
    user = PartnerAccountField(
        label=_("Chain partner's account"),
        queryset=User.objects.none(),
        required=False,
        help_text=_(
            "Links this professional to their account: with the family's consent for their organisation "
            "they can read the plan and mark their own actions done."
        ),
    )
    role = forms.CharField(
        label=_("Role in the plan, in plain words"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    contact_details = forms.CharField(
        label=_("Contact details"),
        help_text=_("Restricted: only for the location's staff. Never printed."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, household_id: int, restricted: bool, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.household_id = household_id
        self.fields["kind"].required = False
        declared_field(self, "organisation", forms.ModelChoiceField).queryset = Organisation.objects.exclude(
            kind="municipality"
        )
        declared_field(self, "user", forms.ModelChoiceField).queryset = User.objects.filter(
            role=Role.CHAIN_PARTNER, is_active=True, organisation__isnull=False
        ).select_related("organisation")
        if editing:
            del self.fields["member"]
        else:
            declared_field(self, "member", forms.ChoiceField).choices = [
                ("", _("Not a member of the household")),
                *_member_choices(household_id)[1:],
            ]
        if not restricted:
            del self.fields["contact_details"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "member" in self.fields:
            data["adult"], data["child"] = _member(data.get("member") or "", self.household_id)
            member = data["adult"] or data["child"]
            if member is not None and not data.get("name"):
                data["name"] = str(member)
        if not data.get("name"):
            self.add_error("name", _("Fill in a name, or choose a member of the household."))
        return data


class AgreementForm(forms.Form):
    decision = forms.ChoiceField(label=_("Answer"), choices=AgreementDecision.choices, widget=forms.RadioSelect)
    decided_on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)
    method = forms.ChoiceField(label=_("How"), choices=[("", "—"), *AgreementMethod.choices], required=False)
    declined_reason = forms.CharField(
        label=_("Why not (in their own words)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("decision") == AgreementDecision.AGREED and not data.get("method"):
            self.add_error("method", _("Choose how they agreed: in the meeting, by phone or in writing."))
        if data.get("decision") == AgreementDecision.DECLINED and not data.get("declined_reason", "").strip():
            self.add_error("declined_reason", _("Write down why they do not agree, in their own words."))
        return data


class VoiceChoiceField(forms.ModelChoiceField):
    """A child's-voice entry, shown as "Sara, 3 november 2026: Naar mijn eigen school"."""

    def label_from_instance(self, obj: ChildVoice) -> str:
        words = obj.wishes or obj.worries
        short = words if len(words) <= 60 else words[:57] + "…"
        return f"{obj.child.first_name}, {obj.recorded_on:%d-%m-%Y}: {short}"


class GoalForm(forms.Form):
    domain = forms.ChoiceField(label=_("Life domain"), choices=GOAL_DOMAIN_CHOICES)
    for_whom = forms.ChoiceField(label=_("For whom"), required=False)
    text = forms.CharField(label=_("The goal, in the family's words"), widget=forms.Textarea(attrs={"rows": 2}))
    voice = VoiceChoiceField(
        label=_("Comes from what a child said"),
        queryset=ChildVoice.objects.none(),
        required=False,
        empty_label=_("No (not from a child's words)"),
    )
    target_on = forms.DateField(label=_("Target date"), widget=DateInput, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices, initial=GoalStatus.OPEN)
    progress_notes = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, household_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.household_id = household_id
        declared_field(self, "for_whom", forms.ChoiceField).choices = _member_choices(household_id)
        # Only the words of this household's children (the service checks it again).
        declared_field(self, "voice", forms.ModelChoiceField).queryset = ChildVoice.objects.filter(
            child__household_id=household_id
        ).select_related("child")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        data["adult"], data["child"] = _member(data.get("for_whom") or "", self.household_id)
        return data


class GoalProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    progress_notes = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ActionForm(forms.Form):
    what = forms.CharField(label=_("What"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(
        label=_("Who does it"), queryset=Participant.objects.none(), required=False, empty_label=_("No one yet")
    )
    due_on = forms.DateField(label=_("By when"), widget=DateInput, required=False)
    done_on = forms.DateField(label=_("Done on"), widget=DateInput, required=False)

    def __init__(self, *args, plan_version: PlanVersion, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the circle of this version: the rule "the owner is in the circle" starts here.
        declared_field(self, "owner", forms.ModelChoiceField).queryset = Participant.objects.filter(
            plan_version=plan_version
        )


class AgreeForm(forms.Form):
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DateInput, initial=timezone.localdate)
    next_review_on = forms.DateField(
        label=_("Next review"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty: three months after the agreement."),
    )


class ConfirmForm(forms.Form):
    """A POST that changes much (review, close, delete) carries confirm=1 from its button."""

    confirm = forms.BooleanField(widget=forms.HiddenInput, initial=True)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who was there"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_attendees = forms.CharField(label=_("Others present"), max_length=300, required=False)
    decisions = forms.CharField(label=_("What was decided"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, plan_version: PlanVersion, **kwargs):
        super().__init__(*args, **kwargs)
        declared_field(self, "attendees", forms.ModelChoiceField).queryset = Participant.objects.filter(
            plan_version=plan_version
        )


class PlanConsentForm(forms.Form):
    """Consent of a parent, or of a child for their own part, to share the plan with a chain partner."""

    person = forms.ChoiceField(label=_("Who gives consent"))
    organisation = forms.ModelChoiceField(label=_("Shared with"), queryset=Organisation.objects.none())
    given_on = forms.DateField(label=_("Given on"), widget=DateInput, initial=timezone.localdate)

    def __init__(self, *args, household_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.household_id = household_id
        declared_field(self, "person", forms.ChoiceField).choices = _member_choices(household_id)[1:]
        declared_field(self, "organisation", forms.ModelChoiceField).queryset = Organisation.objects.filter(
            kind__in=CHAIN_PARTNER_KINDS, is_active=True
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        try:
            data["adult"], data["child"] = _member(data.get("person") or "", self.household_id)
        except ValidationError as error:
            self.add_error("person", error)
        return data


class PartnerAgreementForm(forms.Form):
    """A chain partner's own answer to the draft version."""

    decision = forms.ChoiceField(label=_("Your answer"), choices=AgreementDecision.choices, widget=forms.RadioSelect)
    declined_reason = forms.CharField(label=_("Why not"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("decision") == AgreementDecision.DECLINED and not data.get("declined_reason", "").strip():
            self.add_error("declined_reason", _("Write down why you do not agree."))
        return data


class ActionCommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
