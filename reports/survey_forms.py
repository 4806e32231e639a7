"""Forms of the experience survey and the advice rounds: they validate, they never save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opvang.forms import BootstrapWidgetsMixin, declared_field
from opvang.models import Location

from .constants import AdviceStatus, RespondentType, SurveyMoment, TextReview
from .models import ImprovementPoint

WORDS = [
    (1, _("very bad")),
    (2, _("bad")),
    (3, _("so-so")),
    (4, _("good")),
    (5, _("very good")),
]
# For children from 8 to 12: faces, each with a word for screen readers.
SMILEYS = [(1, "😢"), (2, "🙁"), (3, "😐"), (4, "🙂"), (5, "😄")]

QUESTIONS = {
    RespondentType.PARENT: {
        "safety": _("Did you feel safe here?"),
        "respect": _("Were you treated with respect?"),
        "heard": _("Were you listened to when decisions were made?"),
        "children_help": _("Did your children get the help they needed?"),
        "housing": _("How was the help in finding a home?"),
    },
    RespondentType.YOUTH_12_PLUS: {
        "safety": _("Did you feel safe here?"),
        "respect": _("Were you treated with respect?"),
        "heard": _("Did people listen to what you had to say?"),
        "housing": _("How was the place where you lived here?"),
    },
    RespondentType.CHILD_8_12: {
        "safety": _("Did you feel safe here?"),
        "respect": _("Were people nice to you?"),
        "heard": _("Did people listen to you?"),
        "housing": _("Did you like your room?"),
    },
}


class SurveyForm(forms.Form):
    """The questions for one kind of respondent; every question may be skipped."""

    what_should_change = forms.CharField(
        label=_("What should change?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Do not write names. Your answer is read by the team lead of this shelter."),
    )

    def __init__(self, *args, respondent_type: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = SMILEYS if respondent_type == RespondentType.CHILD_8_12 else WORDS
        questions = QUESTIONS[RespondentType(respondent_type)]
        for theme, question in questions.items():
            self.fields[theme] = forms.TypedChoiceField(
                label=question, choices=choices, coerce=int, required=False, empty_value=None, widget=forms.RadioSelect
            )
        self.order_fields([*questions, "what_should_change"])
        self.themes = list(questions)


class KioskForm(BootstrapWidgetsMixin, forms.Form):
    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.none())
    name = forms.CharField(label=_("Name of the tablet"), max_length=100)

    def __init__(self, *args, locations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared_field(self, "location", forms.ModelChoiceField).queryset = locations


class LinkForm(BootstrapWidgetsMixin, forms.Form):
    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.none())
    respondent_type = forms.ChoiceField(label=_("For"), choices=RespondentType.choices)
    moment = forms.ChoiceField(label=_("Moment"), choices=SurveyMoment.choices)

    def __init__(self, *args, locations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        declared_field(self, "location", forms.ModelChoiceField).queryset = locations


class TextReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (TextReview.FOR_DOSSIER, TextReview.FOR_DOSSIER.label),
            (TextReview.NOT_FOR_DOSSIER, TextReview.NOT_FOR_DOSSIER.label),
        ]
    )


class PointChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ImprovementPoint) -> str:
        return f"{obj.location.name}: {obj.text[:80]}"


class AdviceRoundForm(BootstrapWidgetsMixin, forms.Form):
    panel = forms.CharField(label=_("Panel"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    question = forms.CharField(label=_("Question put to the panel"), widget=forms.Textarea(attrs={"rows": 2}))
    advice = forms.CharField(label=_("The youth's advice"), widget=forms.Textarea(attrs={"rows": 3}))
    response = forms.CharField(
        label=_("The municipality's response"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    improvement_points = PointChoiceField(
        label=_("Improvement points this advice leads to"),
        queryset=ImprovementPoint.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = declared_field(self, "improvement_points", PointChoiceField)
        field.queryset = ImprovementPoint.objects.select_related("location").order_by("location__name", "pk")


class AdviceFollowUpForm(BootstrapWidgetsMixin, forms.Form):
    what = forms.CharField(label=_("What"), max_length=300)
    owner = forms.CharField(label=_("Who"), max_length=200)
    due_on = forms.DateField(label=_("By when"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("Status"), choices=AdviceStatus.choices)
