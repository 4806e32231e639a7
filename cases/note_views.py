"""Pages of case notes (rapportage) and follow-ups. Thin: access helper → form → service → redirect.

Reading the notes list is logged as an access to the file (opvang.audit.record_access); writes
are logged by django-auditlog.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opvang.audit import record_access
from opvang.http import AuthenticatedHttpRequest
from opvang.views_helpers import apply_service_errors

from . import note_selectors, note_services
from .access import follow_up_get_for_user, household_get_for_user, may_change_household, note_get_for_user
from .models import CaseNote, Household
from .note_forms import NoteFilter, NoteForm

NOTES_PAGE_SIZE = 20


def household_notes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """All notes of a household this user may read, filtered by person, kind and goal."""
    household = household_get_for_user(request.user, pk)
    record_access(household, request, event="notes_viewed")
    notes = NoteFilter(
        request.GET, queryset=note_selectors.notes_for_household(request.user, household), household=household
    )
    page = Paginator(notes.qs, NOTES_PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "household": household,
        "filter": notes,
        "page": page,
        "query_string": query_string.urlencode(),
        "may_change": may_change_household(request.user, household),
        "today_editable": {n.pk for n in page if note_services.note_editable_by(n, request.user)},
    }
    return render(request, "cases/note_list.html", context)


def notes_context(
    request: AuthenticatedHttpRequest, household: Household, *, child=None, safety: bool | None = None
) -> dict:
    """The "latest notes" card of the household page (and, with a child, of the child page).
    safety: whether the page may show the safety section, when it has asked already."""
    notes = note_selectors.latest_notes(request.user, household, child=child, safety=safety)
    return {
        "latest_notes": notes,
        "today_editable": {n.pk for n in notes if note_services.note_editable_by(n, request.user)},
        "notes_person": f"child:{child.pk}" if child is not None else "",
    }


def _note_page(
    request: AuthenticatedHttpRequest,
    *,
    household: Household,
    form: NoteForm | None,
    title: str,
    corrects: CaseNote | None,
    locked: CaseNote | None = None,
) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    context = {
        "household": household,
        "form": form,
        "title": title,
        "corrects": corrects,
        "locked": locked,
        "next": next_url,
    }
    return render(request, "cases/note_form.html", context)


def _back(request: AuthenticatedHttpRequest, household: Household):
    """Back to where the note was started from (the child page), else the household's notes."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("cases:household_notes", pk=household.pk)


def note_add(request: AuthenticatedHttpRequest, pk: int, corrects: CaseNote | None = None) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    data = request.POST if request.method == "POST" else None
    initial: dict[str, object] = {"person": request.GET.get("person", "")}
    if corrects is not None:
        initial |= {"kind": corrects.kind, "restricted": corrects.restricted, "text": corrects.text}
    form = NoteForm(data, household=household, initial=initial)
    if data is not None and form.is_valid():
        d = form.cleaned_data
        adult, child = form.person_objects()
        follow_up = None
        if d.get("follow_up_what"):
            follow_up = note_services.FollowUpData(
                what=d["follow_up_what"], due_on=d["follow_up_due_on"], owner=d["follow_up_owner"]
            )
        try:
            note_services.note_add(
                household=household,
                kind=d["kind"],
                contact_at=d["contact_at"],
                text=d["text"],
                restricted=d["restricted"],
                adult=adult,
                child=child,
                goals=d.get("goals") or (),
                corrects=corrects,
                follow_up=follow_up,
                by=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Note saved."))
            return _back(request, household)
    title = _("Correct a note") if corrects is not None else _("New note")
    return _note_page(request, household=household, form=form, title=title, corrects=corrects)


def note_correct(request: AuthenticatedHttpRequest, pk: int, note_pk: int) -> HttpResponse:
    """A correction is a new note that points to the one it corrects; the original stays."""
    note = note_get_for_user(request.user, note_pk, household_pk=pk, write=True)
    return note_add(request, pk, corrects=note)


def note_edit(request: AuthenticatedHttpRequest, pk: int, note_pk: int) -> HttpResponse:
    note = note_get_for_user(request.user, note_pk, household_pk=pk, write=True)
    household = note.household
    data = request.POST if request.method == "POST" else None
    initial = {"contact_at": note.contact_at, "kind": note.kind, "text": note.text, "restricted": note.restricted}
    locked = not note_services.note_editable_by(note, request.user)
    form = NoteForm(None if locked else data, household=household, edit=True, initial=initial)
    if locked:
        # The page says why and offers the correction instead; nothing is saved.
        return _note_page(request, household=household, form=None, title=_("Change a note"), corrects=None, locked=note)
    if data is not None and form.is_valid():
        d = form.cleaned_data
        try:
            note_services.note_edit(
                note=note,
                kind=d["kind"],
                contact_at=d["contact_at"],
                text=d["text"],
                restricted=d["restricted"],
                by=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Note changed."))
            return _back(request, household)
    return _note_page(request, household=household, form=form, title=_("Change a note"), corrects=None)


@require_POST
def follow_up_done(request: AuthenticatedHttpRequest, pk: int, follow_up_pk: int) -> HttpResponse:
    follow_up = follow_up_get_for_user(request.user, follow_up_pk, household_pk=pk, write=True)
    note_services.follow_up_done(follow_up=follow_up, by=request.user)
    messages.success(request, _("Follow-up marked as done."))
    return _back(request, follow_up.household)


@require_POST
def follow_up_reopen(request: AuthenticatedHttpRequest, pk: int, follow_up_pk: int) -> HttpResponse:
    follow_up = follow_up_get_for_user(request.user, follow_up_pk, household_pk=pk, write=True)
    note_services.follow_up_reopen(follow_up=follow_up, by=request.user)
    messages.success(request, _("Follow-up opened again."))
    return _back(request, follow_up.household)
