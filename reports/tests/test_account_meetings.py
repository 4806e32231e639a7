"""Account meetings (accountgesprekken) through the test client: a contract manager records
meetings with a provider and their agreements, the next meeting carries the open ones over, the
provider's team lead reads their own, and the yearly evaluation dossier shows the year's agreements."""

from __future__ import annotations

import datetime
import io

from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from reports.constants import AgreementKind, AgreementStatus
from reports.models import AccountAgreement, AccountMeeting, EvaluationDossier


def _meeting(world, held_on: datetime.date, organisation=None) -> AccountMeeting:
    return AccountMeeting.objects.create(
        organisation=organisation or world.org_a, held_on=held_on, contract_manager=world.contract_manager
    )


def _agreement(meeting: AccountMeeting, text: str, kind: str = AgreementKind.GENERAL) -> AccountAgreement:
    return AccountAgreement.objects.create(meeting=meeting, kind=kind, text=text, owner="Teamleider A")


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_contract_manager_records_a_meeting_and_a_training_agreement(world, client) -> None:
    client.force_login(world.contract_manager)
    response = client.post(
        reverse("reports:meeting_add"),
        {"organisation": world.org_a.pk, "held_on": _days(-1).isoformat(), "attendees": "Directeur A", "notes": "Goed"},
    )
    meeting = AccountMeeting.objects.get(organisation=world.org_a)
    assert response.status_code == 302 and response["Location"] == reverse("reports:meeting_detail", args=[meeting.pk])
    assert meeting.contract_manager == world.contract_manager
    response = client.post(
        reverse("reports:agreement_add", args=[meeting.pk]),
        {"kind": "training", "text": "Alle mentoren volgen Veerkracht", "owner": "Teamleider A", "due_on": ""},
    )
    assert response.status_code == 302
    agreement = AccountAgreement.objects.get(meeting=meeting)
    assert agreement.kind == AgreementKind.TRAINING and agreement.status == AgreementStatus.OPEN
    page = client.get(reverse("reports:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Alle mentoren volgen Veerkracht" in page and "Scholing" in page


def test_a_planned_meeting_takes_no_agreements_yet(world, client) -> None:
    client.force_login(world.contract_manager)
    client.post(
        reverse("reports:meeting_add"),
        {"organisation": world.org_a.pk, "held_on": _days(30).isoformat(), "attendees": "", "notes": ""},
    )
    meeting = AccountMeeting.objects.get(organisation=world.org_a)
    page = client.get(reverse("reports:meeting_detail", args=[meeting.pk])).content.decode()
    assert "gepland" in page
    assert reverse("reports:agreement_add", args=[meeting.pk]) not in page
    response = client.post(
        reverse("reports:agreement_add", args=[meeting.pk]),
        {"kind": "general", "text": "Te vroeg", "owner": "Iemand", "due_on": ""},
    )
    assert response.status_code == 200
    assert "Afspraken worden vastgelegd zodra het gesprek heeft plaatsgevonden" in response.content.decode()
    assert not AccountAgreement.objects.exists()


def test_a_meeting_more_than_a_year_ahead_is_refused(world, client) -> None:
    client.force_login(world.contract_manager)
    response = client.post(
        reverse("reports:meeting_add"),
        {"organisation": world.org_a.pk, "held_on": _days(400).isoformat(), "attendees": "", "notes": ""},
    )
    assert response.status_code == 200
    assert "hoogstens een jaar vooruit" in response.content.decode()
    assert not AccountMeeting.objects.exists()


def test_agreed_date_before_the_meeting_is_refused(world, client) -> None:
    meeting = _meeting(world, _days(-10))
    client.force_login(world.contract_manager)
    response = client.post(
        reverse("reports:agreement_add", args=[meeting.pk]),
        {"kind": "quality", "text": "Klachtenregeling", "owner": "Directeur", "due_on": _days(-20).isoformat()},
    )
    assert response.status_code == 200
    assert "kan niet vóór het gesprek liggen" in response.content.decode()


def test_next_meeting_carries_open_agreements_and_closes_them(world, client) -> None:
    first = _meeting(world, _days(-90))
    training = _agreement(first, "Meldcode-training voor nieuwe medewerkers", AgreementKind.TRAINING)
    capacity = _agreement(first, "Twee extra gezinsplekken", AgreementKind.CAPACITY)
    second = _meeting(world, _days(-2))
    other_provider = _meeting(world, _days(-2), organisation=world.org_b)
    _agreement(_meeting(world, _days(-95), organisation=world.org_b), "Afspraak met B")
    client.force_login(world.contract_manager)

    page = client.get(reverse("reports:meeting_detail", args=[second.pk]))
    assert {a.pk for a in page.context["carried_over"]} == {training.pk, capacity.pk}
    assert "Afspraak met B" not in page.content.decode()
    assert [
        a.text for a in client.get(reverse("reports:meeting_detail", args=[other_provider.pk])).context["carried_over"]
    ] == ["Afspraak met B"]

    done = client.post(
        reverse("reports:agreement_status", args=[second.pk, training.pk]), {"status": "done", "reason": ""}
    )
    assert done.status_code == 302
    training.refresh_from_db()
    assert training.status == AgreementStatus.DONE and training.closed_in == second
    # Dropping needs a reason, said in Dutch.
    refused = client.post(
        reverse("reports:agreement_status", args=[second.pk, capacity.pk]),
        {"status": "dropped", "reason": ""},
        follow=True,
    )
    assert "Zeg waarom de afspraak vervalt." in _messages(refused)
    capacity.refresh_from_db()
    assert capacity.status == AgreementStatus.OPEN
    client.post(
        reverse("reports:agreement_status", args=[second.pk, capacity.pk]),
        {"status": "dropped", "reason": "Geen ruimte in het pand"},
    )
    capacity.refresh_from_db()
    assert capacity.status == AgreementStatus.DROPPED and capacity.closed_in == second

    # The meeting where they were closed still shows them; a third meeting no longer does.
    assert len(client.get(reverse("reports:meeting_detail", args=[second.pk])).context["carried_over"]) == 2
    third = _meeting(world, _days(-1))
    assert client.get(reverse("reports:meeting_detail", args=[third.pk])).context["carried_over"] == []
    # Closed in the second meeting: the third cannot change it, nor can an earlier meeting an agreement made later.
    moved = client.post(
        reverse("reports:agreement_status", args=[third.pk, training.pk]), {"status": "open", "reason": ""}, follow=True
    )
    assert "Deze afspraak is in een ander gesprek afgesloten; wijzig de status daar." in _messages(moved)
    later = _agreement(third, "Nieuwe afspraak")
    early = client.post(
        reverse("reports:agreement_status", args=[first.pk, later.pk]), {"status": "done", "reason": ""}, follow=True
    )
    assert "Deze afspraak is na dit gesprek gemaakt; werk haar bij in een later gesprek." in _messages(early)


def test_agreement_of_another_provider_cannot_be_closed_in_this_meeting(world, client) -> None:
    meeting = _meeting(world, _days(-1))
    theirs = _agreement(_meeting(world, _days(-30), organisation=world.org_b), "Afspraak met B")
    client.force_login(world.contract_manager)
    response = client.post(
        reverse("reports:agreement_status", args=[meeting.pk, theirs.pk]), {"status": "done", "reason": ""}, follow=True
    )
    assert "Deze afspraak is met een andere aanbieder gemaakt." in _messages(response)
    theirs.refresh_from_db()
    assert theirs.status == AgreementStatus.OPEN


def test_a_meeting_with_agreements_cannot_move_into_the_future(world, client) -> None:
    meeting = _meeting(world, _days(-5))
    _agreement(meeting, "Iets")
    client.force_login(world.contract_manager)
    response = client.post(
        reverse("reports:meeting_edit", args=[meeting.pk]),
        {"held_on": _days(10).isoformat(), "attendees": "", "notes": ""},
    )
    assert response.status_code == 200
    assert "kan de datum niet in de toekomst liggen" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.held_on == _days(-5)


def test_team_lead_reads_own_organisations_meetings_only(world, client) -> None:
    own = _meeting(world, _days(-3))
    _agreement(own, "Scholing kindgesprek", AgreementKind.TRAINING)
    other = _meeting(world, _days(-3), organisation=world.org_b)
    client.force_login(world.team_lead)
    listed = client.get(reverse("reports:meeting_list"))
    assert [m.pk for m in listed.context["page"].object_list] == [own.pk]
    assert list(listed.context["filters"].fields["organisation"].queryset) == [world.org_a]
    page = client.get(reverse("reports:meeting_detail", args=[own.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Scholing kindgesprek" in html
    assert reverse("reports:agreement_add", args=[own.pk]) not in html
    assert reverse("reports:meeting_edit", args=[own.pk]) not in html
    assert client.get(reverse("reports:meeting_detail", args=[other.pk])).status_code == 404
    assert client.post(reverse("reports:agreement_add", args=[own.pk]), {"text": "x"}).status_code == 403
    urls = [url for _label, url, _active in listed.context["nav_items"]]
    assert reverse("reports:meeting_list") in urls


def test_policy_officer_reads_but_does_not_record(world, client) -> None:
    meeting = _meeting(world, _days(-3))
    client.force_login(world.policy_officer)
    assert client.get(reverse("reports:meeting_detail", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("reports:meeting_add")).status_code == 403
    client.force_login(world.caseworker)
    assert client.get(reverse("reports:meeting_list")).status_code == 403


def test_meetings_and_agreements_are_in_the_audit_log(world, client) -> None:
    client.force_login(world.contract_manager)
    client.post(
        reverse("reports:meeting_add"),
        {"organisation": world.org_a.pk, "held_on": _days(-1).isoformat(), "attendees": "", "notes": ""},
    )
    meeting = AccountMeeting.objects.get()
    client.post(
        reverse("reports:agreement_add", args=[meeting.pk]),
        {"kind": "training", "text": "Training", "owner": "Teamleider", "due_on": ""},
    )
    agreement = AccountAgreement.objects.get()
    client.post(reverse("reports:agreement_status", args=[meeting.pk, agreement.pk]), {"status": "done", "reason": ""})
    assert LogEntry.objects.get_for_object(meeting).filter(action=LogEntry.Action.CREATE).exists()
    assert LogEntry.objects.get_for_object(agreement).filter(action=LogEntry.Action.UPDATE).exists()
    assert LogEntry.objects.get_for_object(agreement).first().actor == world.contract_manager


def test_dossier_shows_the_providers_agreements_of_its_year(world, client) -> None:
    year = timezone.localdate().year
    this_year = _meeting(world, datetime.date(year, 1, 15))
    _agreement(this_year, "Iedere mentor volgt de training Veerkracht", AgreementKind.TRAINING)
    last_year = _meeting(world, datetime.date(year - 1, 10, 1))
    _agreement(last_year, "Wachtlijst per kwartaal melden")  # still open: carried over
    closed = _agreement(last_year, "Al afgehandeld vorig jaar")
    AccountAgreement.objects.filter(pk=closed.pk).update(status=AgreementStatus.DONE, closed_in=last_year)
    _agreement(_meeting(world, datetime.date(year, 2, 1), organisation=world.org_b), "Afspraak met aanbieder B")
    dossier = EvaluationDossier.objects.create(location=world.loc_a2, year=year)

    for user in (world.policy_officer, world.team_lead):
        client.force_login(user)
        html = client.get(reverse("reports:dossier_detail", args=[dossier.pk])).content.decode()
        assert "Afspraken uit de accountgesprekken" in html
        assert "Iedere mentor volgt de training Veerkracht" in html
        assert "Wachtlijst per kwartaal melden" in html
        assert "Al afgehandeld vorig jaar" not in html
        assert "Afspraak met aanbieder B" not in html

    response = client.get(reverse("reports:dossier_pdf", args=[dossier.pk]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.getvalue())).pages)
    assert "Iedere mentor volgt de training Veerkracht" in " ".join(text.split())


def test_meeting_list_query_count(world, client, django_assert_max_num_queries) -> None:
    for n in range(60):
        meeting = _meeting(world, _days(-n - 1), organisation=world.org_a if n % 2 else world.org_b)
        _agreement(meeting, f"Afspraak {n}")
    client.force_login(world.contract_manager)
    # session, user, OTP device, count, the page of meetings (provider and manager joined), filter choices
    with django_assert_max_num_queries(10):
        response = client.get(reverse("reports:meeting_list"))
    assert response.status_code == 200 and len(response.context["page"].object_list) == 25


def test_moving_a_meeting_keeps_the_order_of_closing(world, client) -> None:
    first = _meeting(world, _days(-60))
    agreement = _agreement(first, "Scholing meldcode", AgreementKind.TRAINING)
    second = _meeting(world, _days(-10))
    AccountAgreement.objects.filter(pk=agreement.pk).update(status=AgreementStatus.DONE, closed_in=second)
    client.force_login(world.contract_manager)
    for meeting, new_date in ((second, _days(-70)), (first, _days(-5))):
        response = client.post(
            reverse("reports:meeting_edit", args=[meeting.pk]),
            {"held_on": new_date.isoformat(), "attendees": "", "notes": ""},
        )
        assert response.status_code == 200
        assert "Controleer de datum." in response.content.decode()
    ok = client.post(
        reverse("reports:meeting_edit", args=[second.pk]),
        {"held_on": _days(-20).isoformat(), "attendees": "", "notes": ""},
    )
    assert ok.status_code == 302
