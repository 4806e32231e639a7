"""opvang.views_helpers: the one shape of a page that changes something."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from opvang import views_helpers
from opvang.locking import StaleVersion
from opvang.views_helpers import apply_service_errors, form_page, post_action


class NameForm(forms.Form):
    name = forms.CharField()


def _request(method: str = "get", data: dict | None = None, *, htmx: bool = False):
    headers = {"HX-Request": "true"} if htmx else {}
    request = getattr(RequestFactory(), method)("/somewhere/", data or {}, headers=headers)
    request.session = {}
    request._messages = FallbackStorage(request)
    request.htmx = HtmxDetails(request)
    return request


@pytest.fixture
def rendered(monkeypatch):
    """What form_page rendered: (template, context)."""
    calls = []

    def fake_render(request, template, context):
        calls.append((template, context))
        return HttpResponse(template)

    monkeypatch.setattr(views_helpers, "render", fake_render)
    return calls


def _texts(request) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def test_get_renders_the_form_with_the_context_and_does_not_save(rendered):
    saved = []
    form = NameForm(None)

    form_page(_request(), form=form, save=saved.append, template="page.html", context={"title": "T"})

    assert saved == []
    assert rendered == [("page.html", {"form": form, "title": "T"})]


def test_htmx_get_renders_the_partial_but_an_htmx_post_renders_the_page(rendered):
    form_page(_request(htmx=True), form=NameForm(None), save=print, template="page.html", htmx_template="_form.html")
    form_page(
        _request("post", {}, htmx=True),
        form=NameForm({}),
        save=print,
        template="page.html",
        htmx_template="_form.html",
    )

    assert [template for template, _ in rendered] == ["_form.html", "page.html"]


def test_valid_post_saves_shows_the_message_and_redirects(rendered):
    request = _request("post", {"name": "Ada"})

    response = form_page(
        request,
        form=NameForm(request.POST),
        save=lambda data: data["name"].upper(),
        message=lambda result: f"Saved {result}",
        success_url=lambda result: f"/done/{result}/",
        template="page.html",
    )

    assert response.status_code == 302
    assert response["Location"] == "/done/ADA/"
    assert _texts(request) == [("success", "Saved ADA")]
    assert rendered == []


def test_invalid_post_does_not_save(rendered):
    saved = []
    request = _request("post", {"name": ""})
    form = NameForm(request.POST)

    response = form_page(request, form=form, save=saved.append, success_url="/done/", template="page.html")

    assert response.status_code == 200
    assert saved == []
    assert "name" in form.errors


def test_invalid_formset_blocks_the_save(rendered):
    saved = []
    request = _request("post", {"name": "Ada"})
    formset = forms.formset_factory(NameForm, min_num=1, validate_min=True)(
        {"f-TOTAL_FORMS": "1", "f-INITIAL_FORMS": "0", "f-0-name": ""}, prefix="f"
    )

    form_page(request, form=NameForm(request.POST), formsets=[formset], save=saved.append, template="page.html")

    assert saved == []
    assert len(rendered) == 1


def test_service_error_lands_on_its_field_and_the_form_is_shown_again(rendered):
    request = _request("post", {"name": "Ada"})
    form = NameForm(request.POST)

    def refuse(data):
        raise ValidationError({"name": "Taken.", "other": "Not a field here."})

    response = form_page(request, form=form, save=refuse, success_url="/done/", message="Saved", template="page.html")

    assert response.status_code == 200
    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Not a field here."]
    assert _texts(request) == []


def test_service_error_as_message_redirects(rendered):
    request = _request("post", {"name": "Ada"})

    def refuse(data):
        raise ValidationError("Already decided.")

    response = form_page(
        request,
        form=NameForm(request.POST),
        save=refuse,
        errors_as_messages=True,
        success_url="/back/",
        message="Saved",
        template="page.html",
    )

    assert response["Location"] == "/back/"
    assert _texts(request) == [("error", "Already decided.")]


def test_done_replaces_message_and_redirect(rendered):
    request = _request("post", {"name": "Ada"})

    response = form_page(
        request,
        form=NameForm(request.POST),
        save=lambda data: 7,
        done=lambda result: HttpResponse(f"partial {result}"),
        message="Never shown",
        template="page.html",
    )

    assert response.content == b"partial 7"
    assert _texts(request) == []


def test_render_form_replaces_the_template(rendered):
    response = form_page(_request(), form=NameForm(None), save=print, render_form=lambda: HttpResponse("own page"))

    assert response.content == b"own page"
    assert rendered == []


def test_stale_version_goes_to_the_conflict_page_or_propagates(rendered):
    def stale(data):
        raise StaleVersion

    request = _request("post", {"name": "Ada"})
    response = form_page(
        request, form=NameForm(request.POST), save=stale, on_stale=lambda: HttpResponse(status=409), template="p.html"
    )
    assert response.status_code == 409

    request = _request("post", {"name": "Ada"})
    with pytest.raises(StaleVersion):
        form_page(request, form=NameForm(request.POST), save=stale, template="p.html")


def test_post_action_success_and_refusal():
    request = _request("post")
    response = post_action(request, action=lambda: None, message="Closed.", success_url="/file/")
    assert response["Location"] == "/file/"
    assert _texts(request) == [("success", "Closed.")]

    def refuse():
        raise ValidationError(["Someone still stays.", "A handover is open."])

    request = _request("post")
    response = post_action(request, action=refuse, message="Closed.", success_url="/file/")
    assert response["Location"] == "/file/"
    assert _texts(request) == [("error", "Someone still stays. A handover is open.")]


def test_post_action_with_invalid_form_does_not_act():
    acted = []
    request = _request("post", {"name": ""})

    post_action(request, form=NameForm(request.POST), action=lambda: acted.append(1), success_url="/x/")

    assert acted == []
    assert _texts(request)[0][0] == "error"


def test_apply_service_errors_without_fields_goes_on_top():
    form = NameForm({"name": "Ada"})
    form.is_valid()

    apply_service_errors(form, ValidationError("Not now."))

    assert form.non_field_errors() == ["Not now."]
