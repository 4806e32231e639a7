"""Fuzzing the forms and a few key pages with Hypothesis.

Every CharField of every form in cases, children, plans, reports and privacy gets generated text
(unicode, very long, HTML/script payloads, SQL fragments, null bytes): validation may refuse it
but must never raise. Then such payloads are posted through three pages as the caseworker: no
server error, and a stored <script> comes back escaped on the detail page.

Examples: FORM_EXAMPLES per form class, VIEW_EXAMPLES per page (see the settings below).
Forms whose constructor needs an argument this file cannot provide are skipped by name.
"""

from __future__ import annotations

import datetime
import inspect
from importlib import import_module

import pytest
from django import forms
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opvang.models import User

FORM_EXAMPLES = 40
VIEW_EXAMPLES = 15
FORM_MODULES = ["cases.forms", "children.forms", "plans.forms", "reports.forms", "privacy.forms"]

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


def form_classes() -> list[tuple[str, type[forms.Form]]]:
    found = []
    for module_name in FORM_MODULES:
        try:
            module = import_module(module_name)
        except ImportError:
            continue
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
        "restricted": lambda: False,
        "editing": lambda: False,
        "children": lambda: household.children.all(),
        "candidates": lambda: User.objects.filter(organisation=world.org_a),
        "colleagues": lambda: User.objects.filter(organisation=world.org_a),
        "plan_version": lambda: plan_version_for(household),
    }
    kwargs = {}
    for klass in form_class.__mro__:
        init = vars(klass).get("__init__")
        if init is None:
            continue
        for parameter in inspect.signature(init).parameters.values():
            if parameter.kind != parameter.KEYWORD_ONLY or parameter.name in kwargs:
                continue
            if parameter.name in providers:
                kwargs[parameter.name] = providers[parameter.name]()
            elif parameter.default is parameter.empty:
                return None
    return kwargs


FORMS = form_classes()


@pytest.mark.parametrize("name, form_class", FORMS, ids=[name for name, _ in FORMS])
def test_form_validation_never_raises_on_hostile_text(name, form_class, world) -> None:
    kwargs = constructor_kwargs(form_class, world)
    if kwargs is None:
        pytest.skip(f"{name}: constructor needs an argument this test cannot provide")
    text_fields = [field for field, spec in form_class(**kwargs).fields.items() if isinstance(spec, forms.CharField)]
    if not text_fields:
        pytest.skip(f"{name} has no text fields")

    @settings(FUZZ_SETTINGS, max_examples=FORM_EXAMPLES)
    @given(values=st.fixed_dictionaries({field: TEXT for field in text_fields}))
    def check(values):
        form = form_class(data=values, **kwargs)
        form.is_valid()  # may be False; must not raise
        for errors in form.errors.values():
            assert all(isinstance(str(error), str) for error in errors)

    check()


def test_forms_were_found() -> None:
    assert len(FORMS) >= 10


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
    name, url_kwargs, data, detail = _pages(world)[key]
    try:
        return reverse(name, kwargs=url_kwargs), data, detail
    except NoReverseMatch:
        pytest.skip(f"{name} does not exist (yet)")


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
