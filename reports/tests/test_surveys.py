"""Experience surveys without a way back to the person, advice rounds in the dossier, and the
participation council that reads only published aggregates (issue 15)."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from auditlog.models import LogEntry
from django.urls import reverse

from reports import surveys, tasks
from reports.constants import DossierStatus, TextReview
from reports.models import AdviceRound, EvaluationDossier, ImprovementPoint, ReportSnapshot, SurveyLink, SurveyResponse

pytestmark = pytest.mark.django_db


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC), tick=False)


def kiosk_address(world, client) -> str:
    client.force_login(world.team_lead)
    body = client.post(reverse("reports:survey_kiosks"), {"location": world.loc_a1.pk, "name": "Tablet hal"})
    client.logout()
    return re.search(r"<code>http://testserver(/ervaring/tablet/[^<]+)</code>", body.content.decode()).group(1)


def fill_on_kiosk(client, address: str, *, safety: int, text: str = "") -> None:
    response = client.post(
        address + "?voor=parent", {"safety": str(safety), "respect": "4", "what_should_change": text}
    )
    assert response.status_code == 200 and "Bedankt" in response.content.decode()


def test_a_kiosk_survey_appears_in_next_months_snapshot_without_a_way_back(world, client) -> None:
    address = kiosk_address(world, client)
    entries_before = LogEntry.objects.count()
    with at(datetime.date(2026, 2, 10)):
        start = client.get(address)
        assert start.status_code == 200 and "Wie vult dit in?" in start.content.decode()
        for safety in (5, 4, 4, 3, 5):
            fill_on_kiosk(client, address, safety=safety, text="Meer rust op de gang" if safety == 3 else "")
    # Stored with only location, month, moment and respondent type: no user, no household, no time.
    response = SurveyResponse.objects.first()
    fields = {f.name for f in SurveyResponse._meta.get_fields()}
    assert fields == {
        "id",
        "location",
        "period_start",
        "respondent_type",
        "moment",
        "safety",
        "respect",
        "heard",
        "children_help",
        "housing",
        "what_should_change",
        "text_review",
    }
    assert response.period_start == datetime.date(2026, 2, 1)
    assert LogEntry.objects.count() == entries_before  # nothing in the audit log either

    tasks.monthly_location_snapshots.delay(day="2026-03-01")
    snapshot = ReportSnapshot.objects.get(location=world.loc_a1, period_start=datetime.date(2026, 2, 1))
    assert snapshot.values["survey_responses"]["value"] == 5
    assert snapshot.values["survey_safety"] == {"value": 4.2, "num": None, "den": 5}  # (5+4+4+3+5) / 5
    client.force_login(world.contract_manager)
    page = client.get(reverse("reports:snapshot_detail", args=[snapshot.pk])).content.decode()
    assert "Ervaring: veiligheid" in page and "4,20" in page


def test_results_on_fewer_than_5_responses_are_suppressed(world, client) -> None:
    address = kiosk_address(world, client)
    with at(datetime.date(2026, 2, 10)):
        for safety in (5, 4, 4, 3):
            fill_on_kiosk(client, address, safety=safety)
    tasks.monthly_location_snapshots.delay(day="2026-03-01")
    snapshot = ReportSnapshot.objects.get(location=world.loc_a1, period_start=datetime.date(2026, 2, 1))
    client.force_login(world.contract_manager)
    page = client.get(reverse("reports:snapshot_detail", args=[snapshot.pk])).content.decode()
    row = page.split("Ervaring: veiligheid")[1].split("</tr>")[0]
    assert "n&lt;5" in row and "4,00" not in row


def test_a_survey_link_works_once_and_expires(world, client) -> None:
    client.force_login(world.caseworker)
    body = client.post(
        reverse("reports:survey_link_create"),
        {"location": world.loc_a1.pk, "respondent_type": "child_8_12", "moment": "aftercare"},
    ).content.decode()
    address = re.search(r"<code>http://testserver(/ervaring/link/[^<]+)</code>", body).group(1)
    client.logout()
    form = client.get(address).content.decode()
    assert "😄" in form and "Waren mensen aardig voor je?" in form
    assert client.post(address, {"safety": "5"}).status_code == 200
    assert client.get(address).status_code == 410
    assert client.post(address, {"safety": "1"}).status_code == 410
    assert SurveyResponse.objects.get().respondent_type == "child_8_12"

    _link, token = surveys.link_create(
        location=world.loc_a1, respondent_type="parent", moment="departure", by=world.caseworker
    )
    with at(datetime.date.today() + datetime.timedelta(days=31)):
        assert client.get(reverse("survey:link", args=[token])).status_code == 410
    assert SurveyLink.objects.filter(is_used=False).count() == 1


def test_free_text_reaches_only_the_providers_team_lead_and_after_review_the_dossier(world, client) -> None:
    for n in range(5):
        surveys.survey_submit(
            location=world.loc_a1,
            respondent_type="parent",
            moment="departure",
            answers={"safety": 4},
            what_should_change="Meer privacy in de badkamer" if n == 0 else "",
        )
    year = SurveyResponse.objects.first().period_start.year
    dossier = EvaluationDossier.objects.create(location=world.loc_a1, year=year)
    client.force_login(world.contract_manager)
    assert "Meer privacy" not in client.get(reverse("reports:dossier_detail", args=[dossier.pk])).content.decode()
    client.force_login(world.team_lead_b)
    assert "Meer privacy" not in client.get(reverse("reports:survey_texts")).content.decode()
    client.force_login(world.caseworker)
    assert client.get(reverse("reports:survey_texts")).status_code == 403
    client.force_login(world.team_lead)
    assert "Meer privacy in de badkamer" in client.get(reverse("reports:survey_texts")).content.decode()
    text = SurveyResponse.objects.exclude(what_should_change="").get()
    client.post(reverse("reports:survey_text_review", args=[text.pk]), {"decision": TextReview.FOR_DOSSIER})
    client.force_login(world.contract_manager)
    assert (
        "Meer privacy in de badkamer"
        in client.get(reverse("reports:dossier_detail", args=[dossier.pk])).content.decode()
    )


def test_an_advice_round_links_to_an_improvement_point_in_the_dossier(world, client) -> None:
    point = ImprovementPoint.objects.create(
        location=world.loc_a1, year_raised=2026, text="Eigen plek om huiswerk te maken"
    )
    client.force_login(world.policy_officer)
    response = client.post(
        reverse("reports:advice_add"),
        {
            "panel": "Jongerenpanel Haarlem",
            "held_on": "2026-03-04",
            "question": "Wat heb je nodig om je thuis te voelen?",
            "advice": "Een rustige plek voor huiswerk",
            "response": "We richten per locatie een studieplek in.",
            "improvement_points": [point.pk],
        },
    )
    advice_round = AdviceRound.objects.get()
    assert response.status_code == 302 and list(advice_round.improvement_points.all()) == [point]
    client.post(
        reverse("reports:advice_follow_up_add", args=[advice_round.pk]),
        {"what": "Studieplek inrichten", "owner": "Teamleider A1", "status": "in_progress"},
    )
    dossier = EvaluationDossier.objects.create(location=world.loc_a1, year=2026)
    client.force_login(world.contract_manager)
    page = client.get(reverse("reports:dossier_detail", args=[dossier.pk])).content.decode()
    section = page.split("Advies van ervaringsdeskundige jongeren")[1]
    assert "Een rustige plek voor huiswerk" in section and "Eigen plek om huiswerk te maken" in section
    assert "Studieplek inrichten" in section


def test_the_participation_council_reads_only_published_aggregates(world, client) -> None:
    draft = EvaluationDossier.objects.create(location=world.loc_a1, year=2026)
    final = EvaluationDossier.objects.create(
        location=world.loc_a2, year=2026, status=DossierStatus.FINAL, finalised_at=datetime.datetime.now(datetime.UTC)
    )
    client.force_login(world.contract_manager)
    client.post(reverse("reports:dossier_publish", args=[draft.pk]))  # a draft cannot be published
    client.post(reverse("reports:dossier_publish", args=[final.pk]))
    draft.refresh_from_db()
    final.refresh_from_db()
    assert (draft.is_public, final.is_public) == (False, True)

    client.force_login(world.participation_council)
    assert client.get(reverse("reports:dashboard")).status_code == 200
    listing = client.get(reverse("reports:dossier_list")).content.decode()
    assert reverse("reports:dossier_detail", args=[final.pk]) in listing
    assert reverse("reports:dossier_detail", args=[draft.pk]) not in listing
    assert client.get(reverse("reports:dossier_detail", args=[final.pk])).status_code == 200
    assert client.get(reverse("reports:dossier_pdf", args=[final.pk])).status_code == 200
    assert client.get(reverse("reports:dossier_detail", args=[draft.pk])).status_code == 404
    for name in ("reports:report_list", "reports:target_list", "reports:advice_list", "cases:caseload"):
        assert client.get(reverse(name)).status_code == 403, name
    assert client.get(reverse("cases:household_detail", args=[world.household_a1.pk])).status_code in (403, 404)
