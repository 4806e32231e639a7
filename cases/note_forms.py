"""Forms and the list filter of case notes. They validate; the services in note_services save."""

from __future__ import annotations

import django_filters
from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opvang.models import User

from . import extensions
from .constants import NoteKind
from .forms import DateInput
from .models import AdultClient, CaseNote, Household
from .note_selectors import note_goal_choices, note_person_choices
from .note_services import follow_up_owner_candidates


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class GoalChoiceField(forms.ModelMultipleChoiceField):
    """Goals named by their text (the plans app's rows, offered through cases.extensions)."""

    def label_from_instance(self, obj: models.Model) -> str:
        text = str(getattr(obj, "text", obj))
        return text if len(text) <= 90 else text[:89] + "…"


class NoteForm(forms.Form):
    """A new note, a correction, or (same day, by its author) an edit of one."""

    contact_at = forms.DateTimeField(label=_("Date and time of the contact"), widget=DateTimeInput())
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=NoteKind.choices)
    person = forms.ChoiceField(label=_("About"), required=False)
    text = forms.CharField(label=_("What happened, in your words"), widget=forms.Textarea(attrs={"rows": 6}))
    goals = GoalChoiceField(
        label=_("Plan goals this note is about"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    restricted = forms.BooleanField(
        label=_("Restricted: safety content"),
        required=False,
        help_text=_("Only colleagues who may see the safety section can read a restricted note."),
    )
    follow_up_what = forms.CharField(label=_("Follow-up: what needs to happen"), max_length=300, required=False)
    follow_up_due_on = forms.DateField(label=_("Follow-up: due date"), required=False, widget=DateInput())
    follow_up_owner: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Follow-up: who"), queryset=None, required=False
    )

    def __init__(self, *args, household: Household, edit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        self.fields["contact_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        person = self.fields["person"]
        assert isinstance(person, forms.ChoiceField)
        person.choices = [("", _("The whole household")), *note_person_choices(household)]
        goals = self.fields["goals"]
        assert isinstance(goals, forms.ModelMultipleChoiceField)
        offered = extensions.goals_for_notes(household)
        if offered is None or edit:
            del self.fields["goals"]
        else:
            goals.queryset = offered
            if not offered.exists():
                del self.fields["goals"]
        owner = self.fields["follow_up_owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = follow_up_owner_candidates(household)
        if edit:
            # Who the note is about and its follow-ups stay as written; only the text and its
            # circumstances may be put right on the day itself.
            for name in ("person", "follow_up_what", "follow_up_due_on", "follow_up_owner"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean() or {}
        if "follow_up_what" in self.fields:
            parts = [cleaned.get("follow_up_what"), cleaned.get("follow_up_due_on"), cleaned.get("follow_up_owner")]
            if any(parts) and not all(parts):
                raise forms.ValidationError(_("A follow-up needs what, a due date and who."))
        return cleaned

    def person_objects(self) -> tuple[AdultClient | None, models.Model | None]:
        """(adult, child) the note is about, looked up in this household only."""
        value = self.cleaned_data.get("person") or ""
        kind, _sep, pk = value.partition(":")
        if kind == "adult":
            return self.household.adults.get(pk=pk), None
        if kind == "child":
            return None, self.household.children.get(pk=pk)
        return None, None


def _person_filter(queryset: QuerySet[CaseNote], name: str, value: str) -> QuerySet[CaseNote]:
    kind, _sep, pk = value.partition(":")
    if kind == "adult":
        return queryset.filter(adult_id=int(pk))
    if kind == "child":
        return queryset.filter(children__pk=int(pk))
    return queryset


class NoteFilter(django_filters.FilterSet):
    """The "more" list of notes: by person, kind and plan goal."""

    person = django_filters.ChoiceFilter(label=_("About"), method=_person_filter)
    kind = django_filters.ChoiceFilter(label=_("Kind of contact"), choices=NoteKind.choices)
    goal = django_filters.ChoiceFilter(label=_("Plan goal"), field_name="goals__key", distinct=True)

    class Meta:
        model = CaseNote
        fields = ["person", "kind", "goal"]

    def __init__(self, *args, household: Household, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["person"].extra["choices"] = note_person_choices(household)
        self.filters["goal"].extra["choices"] = note_goal_choices(household)

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():  # Bootstrap's select class, as the caseload's filters
            field.widget.attrs.setdefault("class", "form-select")
        return form
