"""The evaluation dossier as a meeting: participants and the four parties, the fixed agenda,
comments before the meeting, follow-up actions with an owner, their digest and carry-over."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from opvang.constants import OrganisationKind, Role
from opvang.tests.factories import OrganisationFactory, UserFactory
from reports import access, dossier_selectors, services, tasks
from reports.constants import ActionStatus, DossierStatus, PartyKind, PeriodKind, ScopeKind, SnapshotStatus
from reports.models import DossierComment, DossierParticipant, EvaluationDossier, FollowUpAction, ReportSnapshot


def _partner(name: str = "cjg_partner", org: str = "CJG Kennemerland"):
    organisation = OrganisationFactory(name=org, kind=OrganisationKind.CJG)
    return UserFactory(username=name, organisation=organisation, role=Role.CHAIN_PARTNER, first_name="Carla")


def _dossier(world, year: int = 2026, location=None) -> EvaluationDossier:
    return EvaluationDossier.objects.create(location=location or world.loc_a1, year=year)


def _all_four_present(world, dossier: EvaluationDossier, partner) -> None:
    for user in (world.team_lead, partner, world.policy_officer, world.contract_manager):
        services.participant_invite(dossier=dossier, user=user)
    services.attendance_record(
        dossier=dossier, present_ids=set(dossier.meeting_participants.values_list("pk", flat=True))
    )


def _pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.getvalue())).pages)


# --- Participants and the four parties ---------------------------------------------------------
def test_an_accounts_party_follows_from_its_role_and_organisation(world) -> None:
    dossier = _dossier(world)
    party = dossier_selectors.party_for_account
    assert party(world.policy_officer, dossier) == PartyKind.POLICY_OFFICER
    assert party(world.contract_manager, dossier) == PartyKind.CONTRACT_MANAGER
    assert party(world.team_lead, dossier) == PartyKind.PROVIDER
    assert party(world.caseworker, dossier) == PartyKind.PROVIDER
    assert party(_partner(), dossier) == PartyKind.PARTNER
    assert party(world.participation_council, dossier) == PartyKind.CLIENT_REPRESENTATIVE


def test_invitations_accounts_once_guests_named_no_other_providers_staff(world) -> None:
    dossier = _dossier(world)
    invited = services.participant_invite(dossier=dossier, user=world.team_lead)
    assert invited.party == PartyKind.PROVIDER and invited.present is None
    with pytest.raises(ValidationError):
        services.participant_invite(dossier=dossier, user=world.team_lead)  # already on the list
    with pytest.raises(ValidationError):
        services.participant_invite(dossier=dossier, user=world.team_lead_b)  # another provider
    with pytest.raises(ValidationError):
        services.participant_invite(dossier=dossier, name="", party=PartyKind.PARTNER)
    guest = services.participant_invite(
        dossier=dossier, name="Petra de Wit", organisation="Sociaal Wijkteam", role="Wijkcoach", party="partner"
    )
    assert (guest.display_name, guest.display_organisation) == ("Petra de Wit", "Sociaal Wijkteam")


def test_the_page_and_pdf_warn_for_each_missing_party(world, client) -> None:
    dossier = _dossier(world)
    services.participant_invite(dossier=dossier, user=world.policy_officer)
    services.participant_invite(dossier=dossier, name="Petra de Wit", party=PartyKind.PARTNER)
    present = dossier.meeting_participants.get(user=world.policy_officer).pk
    services.attendance_record(dossier=dossier, present_ids={present})
    missing = [p.party for p in dossier_selectors.missing_parties(dossier_selectors.dossier_participants(dossier))]
    assert missing == [PartyKind.PROVIDER, PartyKind.PARTNER, PartyKind.CONTRACT_MANAGER]
    client.force_login(world.contract_manager)
    page = client.get(reverse("reports:dossier_detail", args=[dossier.pk])).content.decode()
    assert page.count("party-missing") == 3
    assert "Niet aanwezig bij het evaluatiegesprek: Aanbieder." in page
    text = _pdf_text(client.get(reverse("reports:dossier_pdf", args=[dossier.pk])))
    assert "Niet aanwezig bij het evaluatiegesprek: Contractmanager (gemeente)." in text
    assert "Petra de Wit" in text


def test_marking_final_with_a_party_missing_needs_the_confirmation(world, client) -> None:
    dossier = _dossier(world)
    services.participant_invite(dossier=dossier, user=world.policy_officer)
    services.attendance_record(
        dossier=dossier, present_ids=set(dossier.meeting_participants.values_list("pk", flat=True))
    )
    with pytest.raises(services.MissingParties):
        services.dossier_finalise(dossier=dossier, user=world.policy_officer)
    client.force_login(world.policy_officer)
    url = reverse("reports:dossier_finalise", args=[dossier.pk])
    client.post(url)
    assert EvaluationDossier.objects.get(pk=dossier.pk).status == DossierStatus.DRAFT
    client.post(url, {"accept_missing": "on"})
    assert EvaluationDossier.objects.get(pk=dossier.pk).status == DossierStatus.FINAL


def test_with_all_four_parties_present_it_is_final_without_warning(world, client) -> None:
    dossier = _dossier(world)
    _all_four_present(world, dossier, _partner())
    services.dossier_finalise(dossier=dossier, user=world.contract_manager)
    client.force_login(world.contract_manager)
    page = client.get(reverse("reports:dossier_detail", args=[dossier.pk])).content.decode()
    assert "party-missing" not in page and "parties-complete" in page


def test_a_dossier_without_anybody_present_is_not_final_even_confirmed(world) -> None:
    dossier = _dossier(world)
    services.participant_invite(dossier=dossier, user=world.policy_officer)
    with pytest.raises(ValidationError):
        services.dossier_finalise(dossier=dossier, user=world.policy_officer, accept_missing=True)


def test_the_old_free_text_participants_stay_readable(world, client) -> None:
    dossier = EvaluationDossier.objects.create(location=world.loc_a1, year=2025, participants="Wethouder Jansen")
    client.force_login(world.policy_officer)
    page = client.get(reverse("reports:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Wethouder Jansen" in page
    # A dossier from before the participants list may still be marked final on that text.
    services.dossier_finalise(dossier=dossier, user=world.policy_officer, accept_missing=True)


# --- The agenda --------------------------------------------------------------------------------
def test_the_agenda_is_fixed_children_first_with_the_locations_numbers(world, client) -> None:
    dossier = _dossier(world, year=2025)
    ReportSnapshot.objects.create(
        scope_kind=ScopeKind.LOCATION,
        scope_key=f"location:{world.loc_a1.pk}",
        organisation=world.org_a,
        location=world.loc_a1,
        period_kind=PeriodKind.YEAR,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        revision=1,
        is_current=True,
        status=SnapshotStatus.DONE,
        values={"child_intake": {"value": 87.5, "num": 7, "den": 8}, "exits": {"value": 12}},
    )
    client.force_login(world.policy_officer)
    response = client.get(reverse("reports:dossier_detail", args=[dossier.pk]))
    agenda = response.context["agenda"]
    assert [item.code for item in agenda] == [
        "intake", "mentor", "faces", "voice", "veerkracht", "youth_care", "school",
        "plan", "outflow", "stuck", "suspensions", "training", "last_year",
    ]  # fmt: skip
    assert agenda[0].rows[0].value == "87,5%"
    assert [row.value for row in agenda[8].rows if row.indicator.code == "exits"] == ["12"]
    text = _pdf_text(client.get(reverse("reports:dossier_pdf", args=[dossier.pk])))
    assert text.index("Kinderen: eigen intake") < text.index("Het gedragen plan") < text.index("Scholing van")
    assert "87,5%" in text


# --- Comments before the meeting ---------------------------------------------------------------
def test_the_providers_team_lead_and_invited_partners_comment_on_the_draft(world, client) -> None:
    dossier = _dossier(world)
    partner, stranger = _partner(), _partner("swt_partner", "SWT Noord")
    services.participant_invite(dossier=dossier, user=partner)
    url = reverse("reports:dossier_comment_add", args=[dossier.pk])
    for user in (world.team_lead, partner):
        client.force_login(user)
        assert client.get(reverse("reports:dossier_detail", args=[dossier.pk])).status_code == 200
        assert client.post(url, {"text": f"Opmerking van {user.username}"}).status_code == 302
    for user in (world.team_lead_b, stranger, world.caseworker_a2):
        client.force_login(user)
        assert client.get(reverse("reports:dossier_detail", args=[dossier.pk])).status_code == 404
        assert client.post(url, {"text": "Mag niet"}).status_code == 404
    assert list(DossierComment.objects.values_list("text", flat=True)) == [
        "Opmerking van team_lead",
        "Opmerking van cjg_partner",
    ]
    # They cannot change or finalise the dossier.
    client.force_login(world.team_lead)
    assert (
        client.post(reverse("reports:dossier_finalise", args=[dossier.pk]), {"accept_missing": "on"}).status_code == 403
    )
    assert client.get(reverse("reports:dossier_edit", args=[dossier.pk])).status_code == 403


def test_comments_close_when_the_dossier_is_final(world, client) -> None:
    dossier = _dossier(world)
    _all_four_present(world, dossier, _partner())
    services.dossier_comment_add(dossier=dossier, author=world.team_lead, text="Vooraf")
    services.dossier_finalise(dossier=dossier, user=world.policy_officer)
    dossier.refresh_from_db()
    assert not access.may_comment_dossier(world.team_lead, dossier)
    client.force_login(world.team_lead)
    assert (
        client.post(reverse("reports:dossier_comment_add", args=[dossier.pk]), {"text": "Te laat"}).status_code == 403
    )
    with pytest.raises(ValidationError):
        services.dossier_comment_add(dossier=dossier, author=world.policy_officer, text="Te laat")
    page = client.get(reverse("reports:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Vooraf" in page and "Te laat" not in page


def test_the_participation_council_reads_a_published_dossier_without_the_comments(world, client) -> None:
    dossier = _dossier(world)
    _all_four_present(world, dossier, _partner())
    services.dossier_comment_add(dossier=dossier, author=world.team_lead, text="Alleen voor de partijen")
    services.dossier_finalise(dossier=dossier, user=world.policy_officer)
    services.dossier_publish(dossier=dossier)
    client.force_login(world.participation_council)
    page = client.get(reverse("reports:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Alleen voor de partijen" not in page and "parties-complete" in page
    assert "Alleen voor de partijen" not in _pdf_text(client.get(reverse("reports:dossier_pdf", args=[dossier.pk])))
    client.force_login(world.contract_manager)
    assert "Alleen voor de partijen" in _pdf_text(client.get(reverse("reports:dossier_pdf", args=[dossier.pk])))


# --- Follow-up actions -------------------------------------------------------------------------
def test_an_action_owner_must_be_able_to_open_the_dossier(world) -> None:
    dossier = _dossier(world)
    with pytest.raises(ValidationError):
        services.follow_up_action_add(
            dossier=dossier, what="X", owner_user=world.caseworker, due_on=datetime.date(2026, 6, 1)
        )
    with pytest.raises(ValidationError):
        services.follow_up_action_add(dossier=dossier, what="X", due_on=datetime.date(2026, 6, 1))
    action = services.follow_up_action_add(
        dossier=dossier, what="Scholing", owner_user=world.team_lead, due_on=datetime.date(2026, 6, 1)
    )
    assert action.owner_name == world.team_lead.get_full_name() or world.team_lead.username


def test_the_owner_marks_done_or_drops_with_a_reason(world, client) -> None:
    dossier = _dossier(world)
    _all_four_present(world, dossier, _partner())
    due = datetime.date(2026, 6, 1)
    done = services.follow_up_action_add(dossier=dossier, what="Scholing", owner_user=world.team_lead, due_on=due)
    dropped = services.follow_up_action_add(
        dossier=dossier, what="Nieuwe tablet", owner_user=world.team_lead, due_on=due
    )
    others = services.follow_up_action_add(dossier=dossier, what="Budget", owner_user=world.policy_officer, due_on=due)
    services.dossier_finalise(dossier=dossier, user=world.policy_officer)
    client.force_login(world.team_lead)
    status_url = lambda action: reverse("reports:follow_up_action_status", args=[dossier.pk, action.pk])  # noqa: E731
    assert client.post(status_url(done), {"status": "done"}).status_code == 302
    client.post(status_url(dropped), {"status": "dropped", "reason": ""})
    assert FollowUpAction.objects.get(pk=dropped.pk).status == ActionStatus.OPEN  # a reason is needed
    client.post(status_url(dropped), {"status": "dropped", "reason": "Niet meer nodig"})
    assert client.post(status_url(others), {"status": "done"}).status_code == 404  # not theirs
    statuses = dict(FollowUpAction.objects.values_list("what", "status"))
    assert statuses == {"Scholing": "done", "Nieuwe tablet": "dropped", "Budget": "open"}
    assert FollowUpAction.objects.get(pk=done.pk).closed_by == world.team_lead


def test_open_actions_carry_over_into_next_years_dossier(world, client) -> None:
    last = _dossier(world, year=2025)
    due = datetime.date(2026, 3, 1)
    services.follow_up_action_add(dossier=last, what="Nog open", owner_user=world.team_lead, due_on=due)
    closed_late = services.follow_up_action_add(dossier=last, what="Klaar in 2026", owner="Gast", due_on=due)
    closed_early = services.follow_up_action_add(dossier=last, what="Klaar in 2025", owner="Gast", due_on=due)
    services.follow_up_action_set_status(
        action=closed_late, status="done", by=world.policy_officer, today=datetime.date(2026, 2, 1)
    )
    services.follow_up_action_set_status(
        action=closed_early, status="done", by=world.policy_officer, today=datetime.date(2025, 12, 1)
    )
    _dossier(world, year=2025, location=world.loc_a2)  # another location: never carried
    FollowUpAction.objects.create(
        dossier=EvaluationDossier.objects.get(location=world.loc_a2), what="Elders", owner="X", due_on=due
    )
    this = _dossier(world, year=2026)
    whats = [a.what for a in dossier_selectors.dossier_actions(this)]
    assert whats == ["Nog open", "Klaar in 2026"]
    client.force_login(world.contract_manager)
    page = client.get(reverse("reports:dossier_detail", args=[this.pk])).content.decode()
    assert "overgenomen uit 2025" in page and "Elders" not in page
    text = _pdf_text(client.get(reverse("reports:dossier_pdf", args=[this.pk])))
    assert "Nog open" in text and "overgenomen uit 2025" in text
    # The owner can close the carried action from this year's dossier, and reads that dossier.
    client.force_login(world.team_lead)
    action = FollowUpAction.objects.get(what="Nog open")
    client.post(reverse("reports:follow_up_action_status", args=[this.pk, action.pk]), {"status": "done"})
    assert FollowUpAction.objects.get(pk=action.pk).status == ActionStatus.DONE


def test_the_digest_reminds_the_owner_of_due_and_overdue_actions_whatever_their_role(
    world, django_capture_on_commit_callbacks
) -> None:
    dossier = _dossier(world, year=2025)
    world.policy_officer.email = "beleid@example.org"
    world.policy_officer.save()
    for what, due in (("Te laat", "2026-04-01"), ("Bijna", "2026-04-20"), ("Later", "2026-06-01")):
        services.follow_up_action_add(
            dossier=dossier, what=what, owner_user=world.policy_officer, due_on=datetime.date.fromisoformat(due)
        )
    closed = services.follow_up_action_add(
        dossier=dossier, what="Al klaar", owner_user=world.policy_officer, due_on=datetime.date(2026, 4, 2)
    )
    services.follow_up_action_set_status(action=closed, status="done", by=world.policy_officer)
    with django_capture_on_commit_callbacks(execute=True):
        sent = tasks.daily_caseload_digest.delay(day="2026-04-10").get()
    assert sent == 1
    assert mail.outbox[0].to == ["beleid@example.org"]
    body = mail.outbox[0].body
    assert body.count("A1 2025") == 2  # overdue and due within 14 days; not the later or closed one
    assert "Te laat" not in body and "Bijna" not in body


def test_new_models_are_in_the_audit_log(world) -> None:
    from auditlog.registry import auditlog

    assert auditlog.contains(DossierParticipant) and auditlog.contains(DossierComment)
    assert auditlog.contains(FollowUpAction)
