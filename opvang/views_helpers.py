"""The one shape of a page that changes something: bind form → call service → show the
service's ValidationError on the form → message → redirect.

Views stay thin: they look the object up through their app's access helper, bind the form and
hand the rest to :func:`form_page` (a page with a form) or :func:`post_action` (a button that
posts without a page of its own). Services raise ValidationError for rules the form cannot
know; both helpers show it to the user instead of a 500.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.formsets import BaseFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .forms import apply_service_errors
from .locking import StaleVersion

__all__ = ["apply_service_errors", "form_page", "post_action"]

Text = str | Callable[[Any], str]


def _resolve(value: Text, result: Any) -> str:
    return value(result) if callable(value) else str(value)


def form_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    save: Callable[[dict], Any],
    formsets: Sequence[BaseFormSet] = (),
    template: str = "",
    context: dict | None = None,
    success_url: Text = "",
    message: Text = "",
    htmx_template: str = "",
    done: Callable[[Any], HttpResponse] | None = None,
    render_form: Callable[[], HttpResponse] | None = None,
    errors_as_messages: bool = False,
    on_stale: Callable[[], HttpResponse] | None = None,
) -> HttpResponse:
    """A page with a form that calls a service.

    On a POST with valid data (in the form and in the ``formsets`` shown with it),
    ``save(form.cleaned_data)`` calls the service. When it succeeds, ``message`` (text, or a
    function of save's result) is shown and the user goes to ``success_url`` (a URL or a
    function of the result); ``done(result)`` replaces both for pages that answer differently
    (an HTMX partial, a warning instead of a success).
    A ValidationError from the service lands on the form, which is shown again with it;
    ``errors_as_messages`` shows it as an error message after the redirect instead (pages whose
    outcome is shown elsewhere). StaleVersion goes to ``on_stale`` (the conflict page).

    Otherwise (GET, invalid data, refused change) the form is rendered: ``template`` with
    ``context`` plus the form, ``htmx_template`` for an HTMX GET (the form alone, loaded into
    a page), or ``render_form()`` for pages that build their own response.
    """
    if request.method == "POST" and form.is_valid() and all(formset.is_valid() for formset in formsets):
        try:
            result = save(form.cleaned_data)
        except StaleVersion:
            if on_stale is None:
                raise
            return on_stale()
        except ValidationError as error:
            if not errors_as_messages:
                apply_service_errors(form, error)
            else:
                messages.error(request, " ".join(error.messages))
                return done(None) if done else redirect(_resolve(success_url, None))
        else:
            if done is not None:
                return done(result)
            if message:
                messages.success(request, _resolve(message, result))
            return redirect(_resolve(success_url, result))
    if render_form is not None:
        return render_form()
    # django-htmx's middleware sets request.htmx (falsy for ordinary requests).
    htmx = getattr(request, "htmx", False)
    chosen = htmx_template if htmx_template and htmx and request.method == "GET" else template
    return render(request, chosen, {"form": form, **(context or {})})


def post_action(
    request: HttpRequest,
    *,
    action: Callable[[], Any],
    success_url: str,
    message: str = "",
    form: forms.Form | None = None,
    done: Callable[[], HttpResponse] | None = None,
) -> HttpResponse:
    """A button that posts without a page of its own (close, accept, revoke, mark done).

    Calls ``action()``; a ValidationError from the service (or invalid data in ``form``, if the
    button posts some) is shown as an error message, success as ``message``; then the user goes
    to ``success_url``, or gets ``done()`` (an HTMX partial).
    """
    try:
        if form is not None and not form.is_valid():
            raise ValidationError([error for errors in form.errors.values() for error in errors])
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if message:
            messages.success(request, message)
    return done() if done is not None else redirect(success_url)
