"""Agreed expectations (streefwaarden): recorded by the contract manager, shown beside the value
(met / not met / not measurable) on reports, PDFs, the dashboard and the evaluation dossier."""

from __future__ import annotations

import datetime
import decimal
import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from reports.constants import TargetDirection
from reports.models import EvaluationDossier, Target
from reports.periods import Period, Scope
from reports.services import snapshot_generate, target_record

pytestmark = pytest.mark.django_db


def body_of(response) -> bytes:
    """The bytes of a plain or a streaming (FileResponse) response."""
    return b"".join(response.streaming_content) if response.streaming else response.content


Q1 = Period.quarter(2026, 1)


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC), tick=False)


def record(world, indicator: str, direction: str, value: str, *, location=None, agreed_on=datetime.date(2026, 1, 15)):
    return target_record(
        organisation=world.org_a,
        location=location,
        year=2026,
        indicator=indicator,
        direction=direction,
        value=decimal.Decimal(value),
        agreed_on=agreed_on,
        source="Subsidiebeschikking 2026",
        by=world.contract_manager,
    )


def test_the_contract_manager_records_a_target_and_others_cannot(world, client) -> None:
    data = {
        "organisation": world.org_a.pk,
        "location": world.loc_a1.pk,
        "year": 2026,
        "indicator": "child_intake",
        "direction": "at_least",
        "value": "90",
        "agreed_on": "2026-01-15",
        "source": "Subsidiebeschikking 2026, artikel 4",
    }
    client.force_login(world.policy_officer)
    assert client.post(reverse("reports:target_add"), data).status_code == 403
    client.force_login(world.contract_manager)
    response = client.post(reverse("reports:target_add"), data)
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.location, target.value, target.recorded_by) == (world.loc_a1, 90, world.contract_manager)
    assert "Subsidiebeschikking 2026, artikel 4" in client.get(reverse("reports:target_list")).content.decode()


def test_a_target_for_another_providers_location_or_over_100_percent_is_refused_in_dutch(world, client) -> None:
    client.force_login(world.contract_manager)
    data = {
        "organisation": world.org_a.pk,
        "location": world.loc_b1.pk,
        "year": 2026,
        "indicator": "child_intake",
        "direction": "at_least",
        "value": "120",
        "agreed_on": "2026-01-15",
        "source": "Afspraak",
    }
    body = client.post(reverse("reports:target_add"), data).content.decode()
    assert "Deze locatie hoort niet bij de gekozen aanbieder." in body
    assert "Een percentage ligt tussen 0 en 100." in body
    assert not Target.objects.exists()


def test_report_and_pdf_show_each_target_as_met_not_met_or_not_measurable(world, client) -> None:
    # Occupancy of A1 in Q1 2026: one adult and one child from 10 January, 81 nights × 2 / (20 × 90) = 9,0 %.
    record(world, "occupancy", TargetDirection.AT_LEAST, "80")  # the provider's target …
    record(world, "occupancy", TargetDirection.AT_LEAST, "5", location=world.loc_a1)  # … A1's own wins: met
    record(world, "households_served", TargetDirection.AT_LEAST, "1")  # 1 household: "<5", not measurable
    record(world, "faces_median", TargetDirection.AT_MOST, "3")  # no faces recorded: 0, on 1 child: not measurable
    a2 = snapshot_generate(scope=Scope.for_location(world.loc_a2), period=Q1)
    a1 = snapshot_generate(scope=Scope.for_location(world.loc_a1), period=Q1)
    client.force_login(world.contract_manager)
    page = client.get(reverse("reports:snapshot_detail", args=[a1.pk])).content.decode()
    assert "≥ 5,0%" in page and "gehaald" in page and "niet meetbaar" in page and "≤ 3" in page
    pdf = PdfReader(io.BytesIO(body_of(client.get(reverse("reports:snapshot_pdf", args=[a1.pk])))))
    first = pdf.pages[0].extract_text()
    assert "Streefwaarde" in first and "≥ 5,0%" in first and "gehaald" in first
    # A2 has only the provider's target: 9,0 % is below 80 %.
    page = client.get(reverse("reports:snapshot_detail", args=[a2.pk])).content.decode()
    assert "≥ 80,0%" in page and "niet gehaald" in page


def test_a_past_report_keeps_the_target_that_applied_when_it_was_made(world, client) -> None:
    with at(datetime.date(2026, 4, 2)):
        old = snapshot_generate(scope=Scope.for_location(world.loc_a1), period=Q1)
    with at(datetime.date(2026, 5, 1)):
        record(
            world,
            "occupancy",
            TargetDirection.AT_LEAST,
            "5",
            location=world.loc_a1,
            agreed_on=datetime.date(2026, 5, 1),
        )
        new = snapshot_generate(scope=Scope.for_location(world.loc_a1), period=Q1)
    client.force_login(world.contract_manager)
    assert "Streefwaarde" not in client.get(reverse("reports:snapshot_detail", args=[old.pk])).content.decode()
    assert "≥ 5,0%" in client.get(reverse("reports:snapshot_detail", args=[new.pk])).content.decode()


def test_the_dossier_shows_targets_and_lists_those_not_met_on_its_agenda(world, client) -> None:
    record(world, "occupancy", TargetDirection.AT_LEAST, "80")
    snapshot_generate(scope=Scope.for_location(world.loc_a1), period=Period.year(2026))
    dossier = EvaluationDossier.objects.create(location=world.loc_a1, year=2026)
    client.force_login(world.contract_manager)
    page = client.get(reverse("reports:dossier_detail", args=[dossier.pk])).content.decode()
    agenda = page.split("Agenda")[1].split("Evaluatiegesprek")[0]
    assert "Streefwaarden niet gehaald" in agenda and "Bezetting" in agenda and "≥ 80,0%" in agenda
    pdf = body_of(client.get(reverse("reports:dossier_pdf", args=[dossier.pk])))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Streefwaarden niet gehaald" in text and "niet gehaald" in text


def test_the_dashboard_shows_the_target_beside_the_latest_value(world, client) -> None:
    record(world, "occupancy", TargetDirection.AT_LEAST, "80")
    client.force_login(world.policy_officer)
    with at(datetime.date(2026, 3, 10)):
        body = client.get(reverse("reports:dashboard"), {"organisation": world.org_a.pk}).content.decode()
    assert "≥ 80,0%" in body and "niet gehaald" in body
