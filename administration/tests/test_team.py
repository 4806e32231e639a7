"""The team lead's staff page: trainings and qualifications with expiry warnings (and the digest)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import opvang.tasks  # noqa: F401  registers the mail task the outbox dispatches
from opvang.constants import QualificationKind, Training
from opvang.models import Qualification, TrainingRecord
from opvang.selectors import expiring_credentials
from reports.tasks import daily_caseload_digest

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def lead_client(world, client):
    client.force_login(world.team_lead)
    return client


def test_a_team_lead_sees_only_their_own_organisations_staff(world, lead_client, django_assert_max_num_queries) -> None:
    TrainingRecord.objects.create(user=world.caseworker, training=Training.MELDCODE, completed_on=days(-400))
    Qualification.objects.create(user=world.caseworker_a2, kind=QualificationKind.SKJ, number="SKJ-1")
    # session, user, savepoint, count, page, locations, trainings, qualifications, release, session (3)
    with django_assert_max_num_queries(12):
        response = lead_client.get(reverse("administration:team_staff"))
    names = {member.username for member in response.context["page"]}
    assert {"caseworker", "colleague", "caseworker_a2", "team_lead"} <= names
    assert not names & {"outsider", "team_lead_b", "policy_officer"}
    assert "SKJ-1" in response.content.decode()
    other = lead_client.get(reverse("administration:training_add", args=[world.outsider.pk]))
    assert other.status_code == 404


def test_a_team_lead_records_trainings_and_qualifications(world, lead_client) -> None:
    url = reverse("administration:training_add", args=[world.colleague.pk])
    response = lead_client.post(
        url, {"training": "trauma_informed", "completed_on": "2026-01-10", "expires_on": "2025-01-01"}
    )
    assert "Een training kan niet verlopen voordat zij is afgerond." in response.content.decode()
    response = lead_client.post(url, {"training": "other", "completed_on": "2026-01-10"})
    assert "Beschrijf de training." in response.content.decode()
    assert lead_client.post(url, {"training": "trauma_informed", "completed_on": "2026-01-10"}).status_code == 302
    lead_client.post(
        reverse("administration:qualification_add", args=[world.colleague.pk]),
        {"kind": "big", "number": "BIG-9", "expires_on": "2030-01-01"},
    )
    assert world.colleague.trainings.get().training == Training.TRAUMA_INFORMED
    assert world.colleague.qualifications.get().number == "BIG-9"


def test_expiry_within_60_days_is_marked(world, lead_client) -> None:
    TrainingRecord.objects.create(
        user=world.caseworker, training=Training.VEERKRACHT, completed_on=days(-700), expires_on=days(59)
    )
    TrainingRecord.objects.create(
        user=world.colleague, training=Training.VEERKRACHT, completed_on=days(-700), expires_on=days(61)
    )
    page = lead_client.get(reverse("administration:team_staff")).content.decode()
    assert page.count("verloopt binnenkort") == 1


def test_expiring_credentials_reach_the_team_leads_digest(world, django_capture_on_commit_callbacks) -> None:
    world.team_lead.email = "lead@example.org"
    world.team_lead.save()
    world.team_lead_b.email = "lead-b@example.org"
    world.team_lead_b.save()
    TrainingRecord.objects.create(
        user=world.caseworker, training=Training.MELDCODE, completed_on=days(-700), expires_on=days(30)
    )
    Qualification.objects.create(user=world.colleague, kind=QualificationKind.SKJ, number="SKJ-7", expires_on=days(10))
    # Renewed: a newer meldcode training of the caseworker_a2 silences the old one.
    TrainingRecord.objects.create(
        user=world.caseworker_a2, training=Training.MELDCODE, completed_on=days(-700), expires_on=days(20)
    )
    TrainingRecord.objects.create(user=world.caseworker_a2, training=Training.MELDCODE, completed_on=days(-5))
    rows = expiring_credentials(timezone.localdate())
    assert set(rows) == {world.team_lead.pk}
    assert len(rows[world.team_lead.pk]) == 2

    # The mail leaves through the outbox, after the claim's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        daily_caseload_digest.apply(args=[timezone.localdate().isoformat()])
    (message,) = [m for m in mail.outbox if m.to == ["lead@example.org"]]
    assert "Trainingen en registraties van je medewerkers die binnen 60 dagen verlopen:" in message.body
    assert "Meldcode huiselijk geweld en kindermishandeling" in message.body or "Meldcode" in message.body
    assert "SKJ-registratie" in message.body
    assert not [m for m in mail.outbox if m.to == ["lead-b@example.org"]]
