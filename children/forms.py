"""Forms of the child's file. They validate input; the services in services.py save it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opvang.forms import declared_field
from opvang.locking import VersionedFormMixin
from opvang.validators import validate_bsn

from .constants import (
    ChildDomain,
    ConsentQuestion,
    ConversationPrompt,
    Custody,
    Gender,
    IntakePresence,
    IntakeVariant,
    MeldcodeStep,
    OtherParentContact,
    SupportNeed,
    VeerkrachtForm,
    VeerkrachtPhase,
    VoiceTheme,
    YouthCareKind,
)

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


def _text(label: StrOrPromise, *, rows: int = 3, help_text: StrOrPromise = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}), help_text=help_text
    )


def _choice(label: StrOrPromise, choices: list, *, help_text: StrOrPromise = "") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", "---------"), *choices], required=False, help_text=help_text)


class IntakeForm(forms.Form):
    """The child's own intake, in the form that fits its age (``variant``). Every field may stay
    empty in a draft; what a completed intake needs is the service's rule (child_intake_save).
    The restricted safety assessment is only part of the form with ``show_safety``."""

    held_on = date_field(_("Date of the conversation"), required=False)
    held_by: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Held by"), queryset=None, required=False, help_text=_("Empty: you.")
    )
    present = _choice(_("Present"), IntakePresence.choices)
    observation = _text(
        _("Observation"),
        rows=5,
        help_text=_("How does the child play, react to you and seek contact with the parent? Sleep, eating, mood."),
    )
    own_words = _text(
        _("What the child wants us to know"), rows=4, help_text=_("In the child's own words, as far as possible.")
    )
    school_name = forms.CharField(label=_("School or childcare"), max_length=200, required=False)
    school_contact = forms.CharField(
        label=_("Contact at school or childcare"),
        max_length=200,
        required=False,
        help_text=_("Name and phone number or e-mail."),
    )
    school_notes = _text(_("Notes on school or childcare"), help_text=_("Group or class, attendance, transport."))
    gp = forms.CharField(label=_("GP"), max_length=200, required=False, help_text=_("Name and practice."))
    health = _text(_("Health"), help_text=_("Illnesses, medication, allergies, vaccinations, youth health care."))
    custody = _choice(_("Custody (gezag)"), Custody.choices)
    custody_notes = _text(_("Notes on custody"))
    other_parent_contact = _choice(_("Contact with the other parent"), OtherParentContact.choices)
    other_parent_notes = _text(_("Notes on the contact with the other parent"))
    safety_signals = forms.TypedChoiceField(
        label=_("Are there signals of violence or neglect?"),
        choices=YES_NO_UNKNOWN,
        coerce=_to_bool,
        empty_value=None,
        required=False,
    )
    safety_assessment = _text(
        _("Safety assessment"), help_text=_("Short: what you saw or heard, and how safe the child is now.")
    )
    start_meldcode = forms.BooleanField(
        label=_("Start the meldcode (step 1: map the signals)"),
        required=False,
        help_text=_("Only with signals of violence or neglect. Recorded when the intake is completed."),
    )

    def __init__(
        self,
        *args,
        candidates,
        variant: str = IntakeVariant.CONVERSATION,
        show_safety: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        declared_field(self, "held_by", forms.ModelChoiceField).queryset = candidates
        self.variant = variant
        if variant == IntakeVariant.OBSERVATION:
            del self.fields["own_words"]
        else:
            del self.fields["observation"]
        if variant == IntakeVariant.CONVERSATION:
            for prompt in ConversationPrompt:
                self.fields[f"prompt_{prompt.value}"] = _text(prompt.label, rows=2)
        if variant == IntakeVariant.OWN_WORDS:
            for question in ConsentQuestion:
                self.fields[f"consent_{question.value}"] = forms.TypedChoiceField(
                    label=question.label,
                    choices=[("", _("Not asked yet")), ("true", _("Yes")), ("false", _("No"))],
                    coerce=_to_bool,
                    empty_value=None,
                    required=False,
                )
        for domain in ChildDomain:
            self.fields[f"need_{domain.value}"] = _text(domain.label, rows=2)
        if not show_safety:
            for name in ("safety_signals", "safety_assessment", "start_meldcode"):
                del self.fields[name]

    def sections(self) -> list[tuple[StrOrPromise, list[forms.BoundField]]]:
        """The form's fields grouped as the intake goes, for the template."""
        groups: list[tuple[StrOrPromise, list[str]]] = [
            (_("The conversation"), ["held_on", "held_by", "present"]),
            (
                _("The child's own words") if self.variant != IntakeVariant.OBSERVATION else _("Observation"),
                ["observation", *[f"prompt_{p.value}" for p in ConversationPrompt], "own_words"],
            ),
            (_("Consent of the child"), [f"consent_{q.value}" for q in ConsentQuestion]),
            (_("Needs per life domain"), [f"need_{d.value}" for d in ChildDomain]),
            (_("School or childcare"), ["school_name", "school_contact", "school_notes"]),
            (_("GP and health"), ["gp", "health"]),
            (
                _("Custody and the other parent"),
                ["custody", "custody_notes", "other_parent_contact", "other_parent_notes"],
            ),
            (_("Safety (restricted)"), ["safety_signals", "safety_assessment", "start_meldcode"]),
        ]
        return [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in groups
            if any(name in self.fields for name in names)
        ]

    @staticmethod
    def service_data(data: dict[str, Any]) -> dict[str, Any]:
        """The cleaned data as child_intake_save takes it: prompts, consent and needs as mappings."""
        data = dict(data)
        grouped: dict[str, dict[str, Any]] = {"answers": {}, "consent": {}, "needs": {}}
        for prefix, key in (("prompt_", "answers"), ("consent_", "consent"), ("need_", "needs")):
            for name in [name for name in data if name.startswith(prefix)]:
                grouped[key][name.removeprefix(prefix)] = data.pop(name)
        data |= {key: value for key, value in grouped.items() if key != "consent" or value}
        return data


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
