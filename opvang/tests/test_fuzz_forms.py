"""Fuzzing the forms and a few key pages with Hypothesis.

Every CharField of every form of the project's apps (opvang, cases, children, plans, reports,
privacy, ...) gets generated text (unicode, very long, HTML/script payloads, SQL fragments, null
bytes): validation may refuse it
but must never raise. Then such payloads are posted through three pages as the caseworker: no
server error, and a stored <script> comes back escaped on the detail page.

Examples: FORM_EXAMPLES per form class, VIEW_EXAMPLES per page (see the settings below).
The form modules are found on disk (every project app's forms.py and *_forms.py): one that fails
to import fails the test, as does a page that no longer reverses. Only a form without text fields
is skipped, saying so; a constructor argument this file cannot provide is a failure (add a provider).
"""

from __future__ import annotations

import datetime
import inspect
from importlib import import_module
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.contrib.auth.forms import AuthenticationForm
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opvang.models import Location, User

FORM_EXAMPLES = 40
VIEW_EXAMPLES = 15
PROJECT_ROOT = Path(__file__).resolve().parents[2]

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "'; DROP TABLE cases_household; --",
    "1 OR 1=1",
    "\x00",
    "a\x00b",
    "{{ request.user.password }}",
    "{% debug %}",
    "\u202eevil\u202c",
    "👩‍👧‍👦 Zoë Ærø Ŝ",
    "\r\n\t",
    "%s%s%n",
    "../../../../etc/passwd",
]

TEXT = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=60),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=8), st.integers(min_value=100, max_value=3000)),
    st.builds(lambda a, p, b: a + p + b, st.text(max_size=10), st.sampled_from(PAYLOADS), st.text(max_size=10)),
)

FUZZ_SETTINGS = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def form_modules() -> list[str]:
    """forms.py and *_forms.py of every project app (a forms/ package counts too), by module name."""
    found = []
    for app_config in apps.get_app_configs():
        app_path = Path(app_config.path).resolve()
        if not app_path.is_relative_to(PROJECT_ROOT) or ".venv" in app_path.parts:
            continue
        candidates = [*app_path.glob("forms.py"), *app_path.glob("*_forms.py"), *app_path.glob("forms/__init__.py")]
        for path in candidates:
            stem = path.parent.name if path.name == "__init__.py" else path.stem
            found.append(f"{app_config.name}.{stem}")
    return sorted(found)


def form_classes(module_names: list[str]) -> list[tuple[str, type[forms.Form]]]:
    """Every concrete form class defined in these modules; an import error is raised, not skipped."""
    found = []
    for module_name in module_names:
        module = import_module(module_name)
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__ == module_name
                and not inspect.isabstract(obj)
            ):
                found.append((f"{module_name}.{name}", obj))
    return sorted(found, key=lambda pair: pair[0])


def plan_version_for(household):
    from plans.tests.factories import PlanVersionFactory

    return PlanVersionFactory(plan__household=household)


def constructor_kwargs(form_class, world) -> dict | None:
    """Keyword arguments the form's constructor asks for, or None if one is unknown here."""
    household = world.household_a1
    providers = {
        "user": lambda: world.caseworker,
        "signals": lambda: [],
        "household": lambda: household,
        "household_id": lambda: household.pk,
        "show_safety": lambda: True,
        "show_address": lambda: False,
        "restricted": lambda: False,
        "editing": lambda: False,
        "children": lambda: household.children.all(),
        "candidates": lambda: User.objects.filter(organisation=world.org_a),
        "colleagues": lambda: User.objects.filter(organisation=world.org_a),
        "caseworkers": lambda: User.objects.filter(organisation=world.org_a),
        "devices": lambda: [],
        "plan_version": lambda: plan_version_for(household),
        "locations": lambda: Location.objects.filter(organisation=world.org_a),
        "goals": lambda: apps.get_model("outflow", "TrajectoryGoal").objects.all(),
        # The child's survey: smileys instead of words, the widest variant of the form.
        "respondent_type": lambda: "child_8_12",
    }
    kwargs = {}
    if issubclass(form_class, AuthenticationForm):
        # The login form authenticates, and django-axes wants the request for that.
        kwargs["request"] = RequestFactory().post("/login/")
    for klass in form_class.__mro__:
        init = vars(klass).get("__init__")
        if init is None:
            continue
        for parameter in inspect.signature(init).parameters.values():
            named = parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD)
            if not named or parameter.name in ("self", *kwargs):
                continue
            if parameter.name in providers:
                kwargs[parameter.name] = providers[parameter.name]()
            elif parameter.default is parameter.empty:
                return None
    return kwargs


FORM_MODULES = form_modules()
FORMS = form_classes(FORM_MODULES)


@pytest.mark.parametrize("name, form_class", FORMS, ids=[name for name, _ in FORMS])
def test_form_validation_never_raises_on_hostile_text(name, form_class, world) -> None:
    kwargs = constructor_kwargs(form_class, world)
    assert kwargs is not None, f"{name}: its constructor needs an argument constructor_kwargs() cannot provide"
    text_fields = [field for field, spec in form_class(**kwargs).fields.items() if isinstance(spec, forms.CharField)]
    if not text_fields:
        pytest.skip(f"{name} has no free-text field (choices, dates and numbers only): nothing to fuzz")

    @settings(FUZZ_SETTINGS, max_examples=FORM_EXAMPLES)
    @given(values=st.fixed_dictionaries({field: TEXT for field in text_fields}))
    def check(values):
        form = form_class(data=values, **kwargs)
        form.is_valid()  # may be False; must not raise
        for errors in form.errors.values():
            assert all(isinstance(str(error), str) for error in errors)

    check()


def test_forms_were_found() -> None:
    assert {"opvang.forms", "cases.forms", "children.forms", "plans.forms", "reports.forms", "privacy.forms"} <= set(
        FORM_MODULES
    )
    assert len(FORMS) >= 10


def test_control_a_form_module_that_fails_to_import_fails() -> None:
    with pytest.raises(ImportError):
        form_classes([*FORM_MODULES, "cases.no_such_forms"])


# --- Pages -----------------------------------------------------------------------------------

TODAY = datetime.date(2026, 3, 1)


def _pages(world):
    """(url name, url kwargs, post data builder, detail url) for three key pages."""
    household = world.household_a1
    child = household.children.get()
    return {
        "voice": (
            "children:child_voice_add",
            {"pk": child.pk},
            lambda text: {"recorded_on": TODAY.isoformat(), "wishes": text, "worries": ""},
            reverse("children:child_detail", args=[child.pk]),
        ),
        "referral": (
            "children:referral_add",
            {"pk": child.pk},
            lambda text: {"provider": text, "kind": "other", "referred_on": TODAY.isoformat()},
            reverse("children:child_detail", args=[child.pk]),
        ),
        "application": (
            "cases:application_add",
            {"pk": household.pk},
            lambda text: {"location": str(household.location_id), "applied_on": TODAY.isoformat(), "referred_by": text},
            reverse("cases:household_detail", args=[household.pk]),
        ),
    }


def _page(world, key):
    """The page's URL (a page that no longer reverses raises NoReverseMatch: a failure)."""
    name, url_kwargs, data, detail = _pages(world)[key]
    return reverse(name, kwargs=url_kwargs), data, detail


PAGE_KEYS = ["voice", "referral", "application"]


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_hostile_posts_never_cause_a_server_error(key, world, client) -> None:
    client.force_login(world.caseworker)
    url, data, detail = _page(world, key)

    @settings(FUZZ_SETTINGS, max_examples=VIEW_EXAMPLES)
    @given(text=TEXT)
    def check(text):
        # The test client re-raises any exception in the view: a 500 fails here.
        response = client.post(url, data(text))
        assert response.status_code in (200, 302)

    check()
    assert client.get(detail).status_code == 200


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_a_stored_script_comes_back_escaped(key, world, client) -> None:
    client.force_login(world.caseworker)
    url, data, detail = _page(world, key)
    payload = "<script>alert('opvang')</script>"
    response = client.post(url, data(payload))
    assert response.status_code == 302, getattr(response, "context", {}) and response.context.get("form").errors
    body = client.get(detail).content.decode()
    assert payload not in body
    assert "&lt;script&gt;alert(&#x27;opvang&#x27;)&lt;/script&gt;" in body


def test_control_a_page_that_no_longer_reverses_fails(world, monkeypatch) -> None:
    renamed = {"voice": ("children:child_voice_renamed", {"pk": 1}, None, None)}
    monkeypatch.setattr(f"{__name__}._pages", lambda world: renamed)
    with pytest.raises(NoReverseMatch):
        _page(world, "voice")
