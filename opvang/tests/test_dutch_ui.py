"""The UI reads as one Dutch product: one date convention, a favicon, an error summary with links,
Dutch audit log labels, labelled fields, privacy actions apart from editing (issue 11)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from cases import services
from cases.constants import Destination, ExtensionReason
from reports.models import EvaluationDossier, ImprovementPoint

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 3)


def test_dates_in_text_and_in_tables():
    with translation.override("nl"):
        assert date_format(DAY) == "3 december 2026"
        assert date_format(DAY, "SHORT_DATE_FORMAT") == "03-12-2026"
        rendered = Template('{{ d|date }} · {{ d|date:"SHORT_DATE_FORMAT" }}').render(Context({"d": DAY}))
    assert rendered == "3 december 2026 · 03-12-2026"


def test_every_page_links_a_favicon_that_exists(client):
    html = client.get(reverse("login")).content.decode()
    match = re.search(r'<link rel="icon" href="([^"]+)"', html)
    assert match and match.group(1).endswith("favicon.svg")
    assert finders.find("favicon.svg")


def test_long_form_has_an_error_summary_linking_to_the_field(client, world):
    household = world.household_a1
    stay = household.stays.get()
    client.force_login(world.caseworker)
    html = client.post(
        reverse("cases:stay_plan_outflow", args=[household.pk, stay.pk]),
        {"planned_destination": Destination.SOCIAL_RENT, "planned_left_on": "2207-01-01"},
    ).content.decode()
    summary = html[html.index('id="error-summary"') : html.index("</div>", html.index('id="error-summary"'))]
    assert "Verbeter het volgende" in summary
    assert 'href="#id_planned_left_on"' in summary and "meer dan een jaar vooruit" in summary
    # The summary comes before the form.
    assert html.index('id="error-summary"') < html.index('name="planned_left_on"')


def test_audit_log_shows_dutch_actions_and_field_names(client, world):
    beschikking = world.household_a1.stays.get().beschikkingen.get()
    services.beschikking_extend(
        beschikking=beschikking,
        new_end_on=beschikking.end_on + datetime.timedelta(days=30),
        reason=ExtensionReason.CARE,
        by=world.team_lead,
    )
    client.force_login(world.admin)
    html = client.get(reverse("network:audit_log")).content.decode()
    rows = html[html.index("<tbody>") : html.index("</tbody>")]
    assert "gewijzigd" in rows and "aangemaakt" in rows
    assert "einde" in rows
    for raw in ("end_on", "Update", "Create", "changed", "created"):
        assert raw not in rows, raw


def test_destruction_request_stands_apart_from_edit_details(client, world):
    client.force_login(world.caseworker)
    html = client.get(reverse("cases:household_detail", args=[world.household_a1.pk])).content.decode()
    privacy = html.index('id="privacy-actions"')
    edit = html.index(reverse("cases:household_edit", args=[world.household_a1.pk]))
    destruction = html.index(reverse("privacy:destruction_request_record", args=[world.household_a1.pk]))
    assert edit < privacy < destruction
    group = html[privacy : html.index("</div>", privacy)]
    assert reverse("cases:household_edit", args=[world.household_a1.pk]) not in group


def test_improvement_point_status_note_has_a_visible_label(client, world):
    location = world.household_a1.location
    dossier = EvaluationDossier.objects.create(location=location, year=2026)
    point = ImprovementPoint.objects.create(location=location, year_raised=2026, text="Kindgesprek eerder")
    client.force_login(world.policy_officer)
    html = client.get(reverse("reports:dossier_detail", args=[dossier.pk])).content.decode()
    label = re.search(rf'<label class="([^"]*)" for="note-{point.pk}">([^<]*)</label>', html)
    assert label, "no label for the status note"
    assert "visually-hidden" not in label.group(1) and label.group(2) == "Toelichting"
