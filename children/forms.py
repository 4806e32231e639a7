"""Forms of the child's file. They validate input; the services in services.py save it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opvang.forms import declared_field
from opvang.locking import VersionedFormMixin
from opvang.validators import validate_bsn

from .constants import Gender, MeldcodeStep, SupportNeed, VeerkrachtForm, VeerkrachtPhase, VoiceTheme, YouthCareKind

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from opvang.models import User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: StrOrPromise, *, required: bool = True, help_text: StrOrPromise = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


YES_NO_UNKNOWN = [("", _("Not known")), ("true", _("Yes")), ("false", _("No"))]


def _to_bool(value: str) -> bool | None:
    return {"true": True, "false": False}.get(value)


class ChildAddForm(forms.Form):
    """A child joining a household that is already registered (e.g. a baby born during the stay).
    The rules (under 18, not born in the future, a unique BSN) are the service's: child_register."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    date_of_birth = date_field(_("Date of birth"))
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=9,
        required=False,
        validators=[validate_bsn],
        help_text=_("Only when needed for care or school. Nine digits."),
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    school_name = forms.CharField(label=_("School"), max_length=200, required=False)
    school_continued = forms.TypedChoiceField(
        label=_("Did the child keep going to school during the stay?"),
        choices=YES_NO_UNKNOWN,
        coerce=_to_bool,
        empty_value=None,
        required=False,
    )
    school_contact = forms.CharField(
        label=_("School contact"), max_length=200, required=False, help_text=_("Name and phone number or e-mail.")
    )


class ChildForm(VersionedFormMixin, ChildAddForm):
    support_needs = forms.MultipleChoiceField(
        label=_("Support needs"), choices=SupportNeed.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    support_notes = forms.CharField(
        label=_("Notes on support needs"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class IntakeForm(forms.Form):
    intake_on = date_field(
        _("Date of the child's own intake conversation"),
        help_text=_("A conversation with the child itself, within 14 days of admission."),
    )


class MentorForm(forms.Form):
    mentor: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Own mentor (vaste begeleider)"), queryset=None
    )
    on = date_field(_("Mentor from"))

    def __init__(self, *args, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared_field(self, "mentor", forms.ModelChoiceField).queryset = candidates


class VoiceForm(forms.Form):
    recorded_on = date_field(_("Date"))
    wishes = forms.CharField(
        label=_("What the child wants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In the child's own words, as far as possible."),
    )
    worries = forms.CharField(
        label=_("What the child worries about"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    theme = forms.ChoiceField(
        label=_("What is it mostly about?"),
        choices=[("", _("Choose a theme (optional)")), *VoiceTheme.choices],
        required=False,
        help_text=_("Reports count the themes children raise, never their words."),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not (data.get("wishes", "").strip() or data.get("worries", "").strip()):
            raise forms.ValidationError(_("Write down what the child wants or what it worries about (or both)."))
        return data


class ReferralForm(forms.Form):
    provider = forms.CharField(label=_("Provider"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of care"), choices=YouthCareKind.choices)
    referred_on = date_field(_("Referred on"))


class ReferralUpdateForm(forms.Form):
    started_on = date_field(_("Care started on"), required=False)
    ended_on = date_field(_("Care ended on"), required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not (data.get("started_on") or data.get("ended_on")):
            raise forms.ValidationError(_("Enter the date the care started, or the date it ended."))
        return data


class VeerkrachtStartForm(forms.Form):
    form = forms.ChoiceField(
        label=_("Form"),
        choices=[
            (VeerkrachtForm.INDIVIDUAL, VeerkrachtForm.INDIVIDUAL.label),
            (VeerkrachtForm.GROUP, VeerkrachtForm.GROUP.label),
        ],
    )
    started_on = date_field(_("Start"))
    phase = forms.TypedChoiceField(label=_("Phase"), choices=VeerkrachtPhase.choices, coerce=int)


class VeerkrachtUpdateForm(forms.Form):
    phase = forms.TypedChoiceField(label=_("Phase"), choices=VeerkrachtPhase.choices, coerce=int)
    sessions_attended = forms.IntegerField(label=_("Sessions attended"), min_value=0, max_value=200)
    ended_on = date_field(_("End"), required=False, help_text=_("Leave empty while the track goes on."))


class VeerkrachtNotOfferedForm(forms.Form):
    reason = forms.CharField(label=_("Why is Veerkracht not offered?"), widget=forms.Textarea(attrs={"rows": 3}))


class MeldcodeStepForm(forms.Form):
    step = forms.TypedChoiceField(label=_("Step"), choices=MeldcodeStep.choices, coerce=int)
    done_on = date_field(_("Date"))
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    veilig_thuis_report = forms.TypedChoiceField(
        label=_("Reported to Veilig Thuis? (step 5 only)"),
        choices=YES_NO_UNKNOWN,
        coerce=_to_bool,
        empty_value=None,
        required=False,
    )


class SafetyForm(VersionedFormMixin, forms.Form):
    protection_concerns = forms.CharField(
        label=_("Child-protection concerns"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    safety_scale = forms.IntegerField(
        label=_("Safety scale (0–10)"),
        min_value=0,
        max_value=10,
        required=False,
        help_text=_("0: not safe at all, 10: completely safe (as in Signs of Safety)."),
    )
    veilig_thuis_report = forms.BooleanField(label=_("Reported to Veilig Thuis"), required=False)


class InvolvementForm(forms.Form):
    user: forms.ModelChoiceField[User] = forms.ModelChoiceField(label=_("Colleague"), queryset=None, required=False)
    external_name = forms.CharField(label=_("Or: name of an external professional"), max_length=200, required=False)
    external_organisation = forms.CharField(
        label=_("Organisation of the external professional"), max_length=200, required=False
    )
    role = forms.CharField(label=_("Role"), max_length=100, help_text=_("For example: school social worker, GP."))
    started_on = date_field(_("From"))
    ended_on = date_field(_("Until"), required=False)

    def __init__(self, *args, colleagues, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared_field(self, "user", forms.ModelChoiceField).queryset = colleagues
