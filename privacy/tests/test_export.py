"""AVG export: the household's own data, third parties left out or marked, the refusal path."""

from __future__ import annotations

import datetime
import io
import json

import pytest
import time_machine
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from cases.models import Involvement
from cases.tests.factories import HandoverFactory
from children.tests.factories import ChildFactory, ChildVoiceFactory, YouthCareReferralFactory
from opvang.tests.factories import OrganisationFactory
from plans.constants import ParticipantKind, Relation
from plans.tests.factories import ActionFactory, GoalFactory, ParticipantFactory, PlanVersionFactory
from privacy import export, selectors

NEIGHBOUR_NAME = "Els van Buren"
NEIGHBOUR_PHONE = "06-98765432"
OTHER_PARENT = "Kees Dader"
RECEIVER_NAME = "Petra Ontvanger"
EXTERNAL_NAME = "Dr. Willemijn Extern"
SECRET_STREET = "Geheimstraat 12"


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def file(world):
    """Household A1 with a full file, including data about third parties."""
    household = world.household_a1
    household.safety_threat = f"Ex-partner {OTHER_PARENT} zoekt het gezin"
    household.safety_notes = "Niet doorverbinden"
    household.save()
    world.loc_a1.secret_address = True
    world.loc_a1.address = SECRET_STREET
    world.loc_a1.save()
    adult = household.adults.get()
    adult.phone = "0611111111"
    adult.email = "ouder@example.org"
    adult.save()
    child = household.children.get()
    child.school_contact = "Meester Jan, 023-5551234"
    child.protection_concerns = "Zorgen over contact met vader"
    child.save()
    ChildVoiceFactory(child=child, wishes="Een hond", worries="Dat papa ons vindt")
    YouthCareReferralFactory(child=child)
    Involvement.objects.create(
        household=child.household,
        child=child,
        external_name=EXTERNAL_NAME,
        external_organisation="GGZ Kind",
        role="therapeut",
        started_on=datetime.date(2026, 2, 1),
    )
    HandoverFactory(
        household=household,
        from_professional=world.caseworker,
        to_organisation=OrganisationFactory(name="Wijkteam Noord"),
        to_professional_name=RECEIVER_NAME,
    )
    version = PlanVersionFactory(plan__household=household, perspective="Rust en een eigen huis")
    own = ParticipantFactory(plan_version=version, name="Ouder HH", relation=Relation.PARENT, adult=adult)
    neighbour = ParticipantFactory(
        plan_version=version,
        name=NEIGHBOUR_NAME,
        relation=Relation.NEIGHBOUR,
        kind=ParticipantKind.NETWORK,
        role="Past op de kinderen",
        contact_details=NEIGHBOUR_PHONE,
    )
    version.safety_conditions = f"Geen contact met {OTHER_PARENT}"
    version.save()
    goal = GoalFactory(plan_version=version, text="Een eigen huis vinden")
    ActionFactory(goal=goal, what="Oppassen op dinsdag", owner=neighbour)
    ActionFactory(goal=goal, what="Inschrijven", owner=own)
    return household


FORBIDDEN = (NEIGHBOUR_NAME, NEIGHBOUR_PHONE, OTHER_PARENT, RECEIVER_NAME, EXTERNAL_NAME, SECRET_STREET, "Meester Jan")


def test_export_holds_the_households_own_data(world, file) -> None:
    data = export.household_export_data(file)
    text = json.dumps(data, ensure_ascii=False)  # JSON-serialisable as it stands
    assert data["household"]["reference"] == file.reference
    adult = data["adults"][0]
    assert (adult["phone"], adult["email"]) == ("0611111111", "ouder@example.org")
    assert data["stays"][0]["beschikkingen"][0]["end_on"]
    child = data["children"][0]
    assert child["voices"][0]["wishes"] == "Een hond"
    assert child["youth_care_referrals"][0]["provider"] == "Jeugdhulp Kennemerland"
    assert "Een eigen huis vinden" in text
    assert "Rust en een eigen huis" in text
    assert "Inschrijven" in text


def test_export_leaves_out_third_parties_and_restricted_sections(world, file) -> None:
    data = export.household_export_data(file)
    text = json.dumps(data, ensure_ascii=False)
    for forbidden in FORBIDDEN:
        assert forbidden not in text, forbidden
    assert "Niet doorverbinden" not in text
    assert "Zorgen over contact met vader" not in text
    # The neighbour is marked as a third party, by relation and role.
    circle = data["plans"][0]["versions"][0]["circle"]
    neighbour = next(p for p in circle if p.get("third_party"))
    assert set(neighbour) == {"third_party", "relation", "role", "agreed"}
    assert neighbour["role"] == "Past op de kinderen"
    assert any(p.get("name") == "Ouder HH" for p in circle)
    owner = data["plans"][0]["versions"][0]["goals"][0]["actions"][0]["who"]
    assert owner["third_party"] is True
    # The receiving professional: organisation and role only.
    assert data["handovers"][0]["to"]["organisation"] == "Wijkteam Noord"
    # A secret location is left out.
    assert data["stays"][0]["location"] == {"withheld": True, "reason": str(export.WITHHELD_SECRET_LOCATION)}
    assert data["children"][0]["school_contact"]["third_party"] is True


def test_export_runs_a_fixed_number_of_queries(world, file, django_assert_max_num_queries) -> None:
    ChildFactory(household=file)
    # household + 26 prefetches (adults, ZRM, scores, involvements, applications, stays, ...)
    with django_assert_max_num_queries(32):
        export.household_export_data(file)


def test_child_export_holds_only_that_child(world, file) -> None:
    sibling = ChildFactory(household=file, first_name="Zus", last_name="Anders")
    child = file.children.exclude(pk=sibling.pk).get()
    data = export.child_export_data(child)
    text = json.dumps(data, ensure_ascii=False)
    assert data["child"]["first_name"] == child.first_name
    assert "Zus" not in text
    assert "Een hond" in text
    assert "adults" not in data
    for forbidden in FORBIDDEN:
        assert forbidden not in text


def post_export(client, household, **data):
    payload = {"subject": "household", "format": "json", "requested_by": "client", "endangers": "no"} | data
    return client.post(reverse("privacy:household_export", args=[household.pk]), payload)


def test_team_lead_downloads_json_and_the_export_is_audited(world, file, client) -> None:
    client.force_login(world.team_lead)
    response = post_export(client, file)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.getvalue())
    assert data["adults"][0]["first_name"] == "Ouder"
    assert NEIGHBOUR_PHONE not in response.getvalue().decode()
    entry = LogEntry.objects.get(additional_data__event="export")
    assert entry.actor == world.team_lead
    assert entry.additional_data["format"] == "json"
    assert entry.additional_data["household"] == file.pk


def test_pdf_export_is_readable_with_headings_and_without_third_parties(world, file, client) -> None:
    client.force_login(world.team_lead)
    response = post_export(client, file, format="pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.getvalue())
    with translation.override("nl"):
        headings = [gettext(h) for h in ("Household", "Adults", "Stays", "Children", "Plans", "Handovers")]
    for heading in headings:
        assert heading in text, heading
    assert "Een eigen huis vinden" in text
    for forbidden in FORBIDDEN:
        assert forbidden not in text, forbidden


def test_child_export_through_the_page(world, file, client) -> None:
    child = file.children.get()
    client.force_login(world.team_lead)
    response = post_export(client, file, subject=str(child.pk))
    assert json.loads(response.getvalue())["child"]["first_name"] == child.first_name
    assert LogEntry.objects.get(additional_data__event="export").additional_data["child"] == child.pk


def test_refusal_is_recorded_with_reason_and_nothing_is_exported(world, file, client) -> None:
    client.force_login(world.team_lead)
    response = post_export(client, file, endangers="yes", refusal_reason="Vader vraagt op; adres zou uitlekken.")
    assert response.status_code == 302
    assert "attachment" not in response.get("Content-Disposition", "")
    entry = LogEntry.objects.get(additional_data__event="export_refused")
    assert entry.action == LogEntry.Action.ACCESS
    assert entry.additional_data["reason"] == "Vader vraagt op; adres zou uitlekken."
    assert entry.additional_data["household"] == file.pk
    assert not LogEntry.objects.filter(additional_data__event="export").exists()
    # The refusal shows in the client's history.
    assert "export_refused" in {row.event for row in selectors.history_rows(selectors.access_history(file))}


def test_refusal_needs_a_reason(world, file, client) -> None:
    client.force_login(world.team_lead)
    response = post_export(client, file, endangers="yes", refusal_reason="  ")
    assert response.status_code == 200
    assert response.context["form"].errors["refusal_reason"]
    assert not LogEntry.objects.filter(additional_data__event__in=["export", "export_refused"]).exists()


@pytest.mark.parametrize("role, status", [("caseworker", 403), ("policy_officer", 403), ("admin", 403)])
def test_export_is_for_team_leads_only(world, file, client, role, status) -> None:
    client.force_login(getattr(world, role))
    assert client.get(reverse("privacy:household_export", args=[file.pk])).status_code == status
    assert post_export(client, file).status_code == status


def test_team_lead_of_another_organisation_gets_404(world, file, client) -> None:
    client.force_login(world.team_lead_b)
    assert post_export(client, file).status_code == 404
    assert not LogEntry.objects.filter(additional_data__event="export").exists()


def test_export_holds_the_childs_own_intake_field_by_field_without_its_safety_assessment(world, file) -> None:
    from children.tests.factories import complete_intake

    child = file.children.get()
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, 0), tick=False):
        complete_intake(
            child,
            datetime.date(2026, 1, 15),
            by=world.caseworker,
            gp="Dr. Huisarts Geheim",
            safety_signals=True,
            safety_assessment="Vader slaat als hij drinkt",
            custody_notes="Gezag bij beide ouders",
        )
    data = export.household_export_data(file)
    text = json.dumps(data, ensure_ascii=False)
    intake = data["children"][0]["own_intakes"][0]
    assert intake["held_on"] == "2026-01-15"
    assert intake["answers"][0]["answer"] == "Een eigen kamer."
    assert intake["needs"] == [{"life_domain": "School of kinderopvang", "need": "Weer naar school."}] or (
        intake["needs"][0]["need"] == "Weer naar school."
    )
    assert intake["custody_notes"] == "Gezag bij beide ouders"
    assert intake["gp"] == {"third_party": True, "relation": gettext("GP")}
    assert "Dr. Huisarts Geheim" not in text
    assert "Vader slaat" not in text
