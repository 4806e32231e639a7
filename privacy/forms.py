"""Forms of the privacy pages: searching the access log, exports, requests for destruction.

Forms validate; the services in services.py write.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from children.models import Child
from opvang.forms import declared_field

from .constants import RequesterRelation

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("no", _("No")), ("yes", _("Yes"))]


class AccessLogSearchForm(forms.Form):
    """The form of privacy.filters.AccessLogFilter (which declares the fields)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date lies before the start date."))
        return cleaned


def _child_choices(children: list[Child]) -> list[tuple[str, str]]:
    return [(str(child.pk), f"{child.first_name} {child.last_name}") for child in children]


class ExportForm(forms.Form):
    """What to export for whom, and the question that leads to the refusal path."""

    subject = forms.ChoiceField(label=_("Whose data"))
    format = forms.ChoiceField(label=_("Format"), choices=[("pdf", _("Readable PDF")), ("json", _("JSON (data file)"))])
    requested_by = forms.ChoiceField(label=_("Requested by"), choices=RequesterRelation.choices)
    endangers = forms.ChoiceField(
        label=_(
            "Could handing over these data endanger someone, for example by revealing the address or "
            "details of the other parent?"
        ),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    refusal_reason = forms.CharField(
        label=_("Reason for refusing"),
        help_text=_("Describe the danger without writing down the address or names."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, children: list[Child], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.children = {str(child.pk): child for child in children}
        declared_field(self, "subject", forms.ChoiceField).choices = [
            ("household", _("The whole household")),
            *_child_choices(children),
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        cleaned["child"] = self.children.get(cleaned.get("subject", ""))
        cleaned["refuse"] = cleaned.get("endangers") == "yes"
        if cleaned["refuse"] and not cleaned.get("refusal_reason", "").strip():
            self.add_error("refusal_reason", _("Give the reason for refusing."))
        return cleaned


class DestructionRequestForm(forms.Form):
    requester_relation = forms.ChoiceField(label=_("Requested by"), choices=RequesterRelation.choices)
    child = forms.ChoiceField(
        label=_("Only the file of this child"),
        help_text=_("Leave empty for the whole household. A child asks for its own file, from the age of 12."),
        required=False,
    )
    requested_on = forms.DateField(label=_("Requested on"), widget=DATE_INPUT)
    reason = forms.CharField(
        label=_("Reason given"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )

    def __init__(self, *args, children: list[Child], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.children = {str(child.pk): child for child in children}
        declared_field(self, "child", forms.ChoiceField).choices = [("", "—"), *_child_choices(children)]
        self.fields["requested_on"].initial = timezone.localdate()

    def clean_child(self) -> Child | None:
        return self.children.get(self.cleaned_data.get("child") or "")


class DestructionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve: the file will be anonymised")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for the decision"),
        help_text=_("Refuse when a legal duty to keep the file or the protection of a child outweighs the request."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
