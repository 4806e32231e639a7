"""The REST API: tokens, scoping, suppression, problems, version header, access log, throttle."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from administration.services import staff_deactivate
from api.constants import API_VERSION
from api.models import ApiToken
from api.services import api_token_revoke
from api.tests.factories import bearer, final_dossier, snapshot, token_for
from reports.constants import DossierStatus
from reports.indicators import INDICATORS
from reports.models import EvaluationDossier
from reports.presentation import format_value, is_suppressed

pytestmark = pytest.mark.django_db

# Stored values as the generator stores them: a count, a small count, a percentage on few cases.
VALUES = {
    "households_served": {"value": 42},
    "applications": {"value": 3},
    "plan_within_30": {"value": 75.0, "num": 3, "den": 4},
    "occupancy": {"value": 88.5, "num": 177, "den": 200},
}


def get(client, url: str, key: str, **params):
    return client.get(url, params, headers=bearer(key))


def test_a_call_without_token_is_a_401_problem_with_the_version_header(client, world) -> None:
    response = client.get(reverse("api:snapshot_list"))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == API_VERSION
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["status"] == 401 and body["title"] and body["detail"]


def test_session_login_does_not_open_the_api(client, world) -> None:
    client.force_login(world.policy_officer)
    assert client.get(reverse("api:indicator_list")).status_code == 401


def test_indicators_are_listed_with_code_name_definition_and_unit(client, world) -> None:
    key = token_for(world.policy_officer)
    response = get(client, reverse("api:indicator_list"), key, page_size=200)
    assert response.status_code == 200
    assert response["API-Version"] == API_VERSION
    body = response.json()
    assert body["count"] == len(INDICATORS)
    first = body["results"][0]
    assert set(first) >= {"code", "name", "definition", "unit"}
    assert first["code"] == INDICATORS[0].code


def test_values_are_suppressed_exactly_as_on_the_dashboard(client, world) -> None:
    key = token_for(world.policy_officer)
    stored = snapshot(location=world.loc_a1, values=VALUES)
    body = get(client, reverse("api:snapshot_detail", kwargs={"pk": stored.pk}), key).json()
    values = {row["indicator"]: row for row in body["values"]}
    assert len(values) == len(INDICATORS)
    for indicator in INDICATORS:
        row, raw = values[indicator.code], VALUES.get(indicator.code)
        assert row["display"] == format_value(indicator, raw)
        assert row["suppressed"] == is_suppressed(indicator, raw)
        if row["suppressed"]:
            assert row["value"] is None
    assert values["applications"] == {"indicator": "applications", "value": None, "display": "<5", "suppressed": True}
    assert values["plan_within_30"]["value"] is None
    assert values["households_served"]["value"] == 42
    assert values["occupancy"]["value"] == 88.5
    assert body["revision"] == 1 and body["is_current"] is True and body["is_provisional"] is False


def test_a_snapshot_made_before_its_period_ended_is_provisional(client, world) -> None:
    key = token_for(world.policy_officer)
    stored = snapshot(location=world.loc_a1)
    stored.generated_at = timezone.make_aware(datetime.datetime(2026, 3, 15, 12, 0))
    stored.save(update_fields=["generated_at"])
    body = get(client, reverse("api:snapshot_detail", kwargs={"pk": stored.pk}), key).json()
    assert body["is_provisional"] is True


def test_team_lead_sees_their_own_organisations_aggregates_only(client, world) -> None:
    own = snapshot(location=world.loc_a2)
    own_org = snapshot(organisation=world.org_a)
    other = snapshot(location=world.loc_b1)
    region = snapshot()
    key = token_for(world.team_lead)
    listed = {row["id"] for row in get(client, reverse("api:snapshot_list"), key).json()["results"]}
    assert listed == {own.pk, own_org.pk}
    assert get(client, reverse("api:snapshot_detail", kwargs={"pk": other.pk}), key).status_code == 404
    assert get(client, reverse("api:snapshot_detail", kwargs={"pk": region.pk}), key).status_code == 404
    locations = {row["id"] for row in get(client, reverse("api:location_list"), key).json()["results"]}
    assert locations == {world.loc_a1.pk, world.loc_a2.pk}
    municipal = token_for(world.contract_manager)
    listed = {row["id"] for row in get(client, reverse("api:snapshot_list"), municipal).json()["results"]}
    assert listed == {own.pk, own_org.pk, other.pk, region.pk}


def test_snapshot_filters(client, world) -> None:
    key = token_for(world.policy_officer)
    a1 = snapshot(location=world.loc_a1)
    org = snapshot(organisation=world.org_a)
    snapshot(location=world.loc_b1)
    old = snapshot(location=world.loc_a1, is_current=True)
    url = reverse("api:snapshot_list")
    ids = lambda **params: {row["id"] for row in get(client, url, key, **params).json()["results"]}  # noqa: E731
    assert ids(organisation=world.org_a.pk) == {a1.pk, org.pk, old.pk}
    assert ids(organisation=world.org_a.pk, current="true") == {org.pk, old.pk}
    assert ids(location=world.loc_a1.pk, scope_kind="location") == {a1.pk, old.pk}
    response = get(client, url, key, period_kind="decade", organisation="x")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert {p["name"] for p in response.json()["invalid_params"]} == {"period_kind", "organisation"}


def test_pagination_and_page_beyond_the_end(client, world) -> None:
    key = token_for(world.policy_officer)
    response = get(client, reverse("api:indicator_list"), key, page_size=5, page=2)
    body = response.json()
    assert len(body["results"]) == 5 and body["next"] and body["previous"]
    assert "/api/v1/indicators?" in body["next"]
    beyond = get(client, reverse("api:indicator_list"), key, page=999)
    assert beyond.status_code == 404 and beyond["Content-Type"] == "application/problem+json"


def test_no_trailing_slashes_and_unknown_paths_are_404_problems(client, world) -> None:
    key = token_for(world.policy_officer)
    assert reverse("api:location_list").endswith("/locations")
    response = client.get("/api/v1/locations/", headers=bearer(key))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == API_VERSION


def test_the_api_is_read_only(client, world) -> None:
    key = token_for(world.policy_officer)
    response = client.post(reverse("api:snapshot_list"), {}, headers=bearer(key))
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"


def test_a_secret_address_never_leaves_through_the_api(client, world) -> None:
    world.loc_a1.secret_address, world.loc_a1.address = True, "Geheime straat 1"
    world.loc_a1.save()
    world.loc_a2.address = "Open straat 2"
    world.loc_a2.save()
    for user in (world.team_lead, world.policy_officer):  # not even to the location's own team lead
        key = token_for(user)
        response = get(client, reverse("api:location_list"), key)
        assert "Geheime straat" not in response.content.decode()
        rows = {row["id"]: row for row in response.json()["results"]}
        assert rows[world.loc_a1.pk]["address"] is None and rows[world.loc_a1.pk]["secret_address"] is True
        assert rows[world.loc_a2.pk]["address"] == "Open straat 2"
        assert rows[world.loc_a1.pk]["capacity_places"] == world.loc_a1.capacity_places


def test_only_final_dossiers_are_published_without_names_or_notes(client, world) -> None:
    dossier = final_dossier(world.loc_a1)
    dossier.actions.create(what="Training plannen", owner="Marieke Teamleider", due_on=datetime.date(2026, 6, 1))
    draft = EvaluationDossier.objects.create(location=world.loc_a2, year=2025, status=DossierStatus.DRAFT)
    key = token_for(world.policy_officer)
    response = get(client, reverse("api:dossier_list"), key)
    text = response.content.decode()
    assert [row["id"] for row in response.json()["results"]] == [dossier.pk]
    for secret in ("Jan Jansen", "Piet de Vries", "Interne notitie", "Marieke"):
        assert secret not in text
    row = response.json()["results"][0]
    assert row["improvement_points"][0]["text"] == "Kindgesprek eerder"
    assert row["follow_up_actions"] == [{"what": "Training plannen", "due_on": "2026-06-01"}]
    assert get(client, reverse("api:dossier_detail", kwargs={"pk": draft.pk}), key).status_code == 404


def test_the_participation_council_reads_the_region_and_only_published_dossiers(client, world) -> None:
    region = snapshot(values=VALUES)
    published, unpublished = final_dossier(world.loc_a1), final_dossier(world.loc_a2)
    EvaluationDossier.objects.filter(pk=published.pk).update(is_public=True)
    key = token_for(world.participation_council)
    snapshots = get(client, reverse("api:snapshot_list"), key).json()["results"]
    assert region.pk in [row["id"] for row in snapshots]
    assert [row["id"] for row in get(client, reverse("api:dossier_list"), key).json()["results"]] == [published.pk]
    assert get(client, reverse("api:dossier_detail", kwargs={"pk": unpublished.pk}), key).status_code == 404
    # The policy officer reads both: publishing is for the council, not for the municipality.
    officer = token_for(world.policy_officer)
    assert len(get(client, reverse("api:dossier_list"), officer).json()["results"]) == 2


def test_no_personal_data_in_any_response(client, world) -> None:
    snapshot(location=world.loc_a1, values=VALUES)
    final_dossier(world.loc_a1)
    key = token_for(world.policy_officer)
    adult = world.household_a1.adults.get()
    names = ["HH-2026-0000", adult.last_name, world.policy_officer.username, world.caseworker.username, "@"]
    for name in ("indicator_list", "snapshot_list", "location_list", "dossier_list"):
        text = get(client, reverse(f"api:{name}"), key).content.decode()
        for personal in names:
            assert personal not in text, (name, personal)


def test_every_call_is_in_the_access_log_with_the_tokens_name(client, world) -> None:
    key = token_for(world.contract_manager, name="Power BI gemeente")
    assert get(client, reverse("api:location_list"), key).status_code == 200
    get(client, reverse("api:snapshot_detail", kwargs={"pk": 999999}), key)  # a 404 is logged too
    entries = list(LogEntry.objects.filter(additional_data__event="api_call").order_by("pk"))
    assert len(entries) == 2
    for entry, status in zip(entries, (200, 404), strict=True):
        assert entry.actor == world.contract_manager
        assert entry.additional_data["event"] == "api_call"
        assert entry.additional_data["token"] == "Power BI gemeente"
        assert entry.additional_data["status"] == status
        assert entry.additional_data["role"] == "contract_manager"
    assert entries[0].additional_data["path"] == "/api/v1/locations"
    assert ApiToken.objects.get(name="Power BI gemeente").last_used_at is not None


def test_a_deactivated_users_token_stops_at_once(client, world) -> None:
    key = token_for(world.policy_officer)
    assert get(client, reverse("api:indicator_list"), key).status_code == 200
    world.policy_officer.is_active = False
    world.policy_officer.save()
    assert get(client, reverse("api:indicator_list"), key).status_code == 401


def test_a_role_change_away_from_the_api_roles_is_a_403(client, world) -> None:
    key = token_for(world.policy_officer)
    world.policy_officer.role = "caseworker"
    world.policy_officer.save()
    assert get(client, reverse("api:indicator_list"), key).status_code == 403


def test_revoked_and_expired_tokens_are_refused(client, world) -> None:
    key = token_for(world.policy_officer, name="revoked")
    api_token_revoke(token=ApiToken.objects.get(name="revoked"))
    assert get(client, reverse("api:indicator_list"), key).status_code == 401
    expired = token_for(world.policy_officer, name="expired", days=-1)
    assert get(client, reverse("api:indicator_list"), expired).status_code == 401
    assert get(client, reverse("api:indicator_list"), "opv_not-a-token").status_code == 401


def test_calls_beyond_the_rate_get_429_with_retry_after(client, world, settings) -> None:
    settings.OPVANG_API_RATE = "2/minute"
    key = token_for(world.team_lead_b)
    statuses = [get(client, reverse("api:indicator_list"), key).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = get(client, reverse("api:indicator_list"), key)
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0


def test_a_quarterly_report_reads_the_same_through_the_api_and_the_csv_export(client, world) -> None:
    stored = snapshot(location=world.loc_a1, values=VALUES)
    client.force_login(world.policy_officer)
    export = client.get(reverse("reports:snapshot_csv", kwargs={"pk": stored.pk}))
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")), delimiter=";"))
    csv_values = {row[1]: row[3] for row in rows[4:] if len(row) == 5}
    key = token_for(world.policy_officer)
    body = get(client, reverse("api:snapshot_detail", kwargs={"pk": stored.pk}), key).json()
    api_values = {row["indicator"]: row["display"] for row in body["values"]}
    assert csv_values == api_values
    assert len(api_values) == len(INDICATORS)
    assert body["period_name"] == rows[1][1]


def test_deactivation_by_the_administrator_stops_the_token_at_once(client, world) -> None:
    key = token_for(world.team_lead)
    assert get(client, reverse("api:location_list"), key).status_code == 200
    staff_deactivate(actor=world.admin, user=world.team_lead, reason="Uit dienst")
    assert get(client, reverse("api:location_list"), key).status_code == 401
