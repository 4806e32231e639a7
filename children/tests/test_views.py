import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cases.constants import HandoverStatus, NoteKind
from cases.models import Handover, Involvement
from cases.note_services import FollowUpData, note_add
from children import services
from children.models import Child, ChildVoice, MeldcodeStepRecord
from children.tests.factories import (
    ChildFactory,
    ChildVoiceFactory,
    InvolvementFactory,
    VeerkrachtTrackFactory,
    YouthCareReferralFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
SECRET = "Vader dreigt het kind mee te nemen"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, 0), tick=False):
        yield


@pytest.fixture
def child(world) -> Child:
    child = world.household_a1.children.get()
    services.child_safety_update(
        child=child, expected_version=1, protection_concerns=SECRET, safety_scale=3, veilig_thuis_report=False
    )
    services.meldcode_step_record(
        child=child, step=1, done_on=D(2026, 2, 1), notes="Signalen", recorded_by=world.caseworker
    )
    return child


def detail(client, user, child):
    client.force_login(user)
    return client.get(reverse("children:child_detail", args=[child.pk]))


def accept_handover_to_org_b(world) -> None:
    Handover.objects.create(
        household=world.household_a1,
        from_organisation=world.org_a,
        from_professional=world.caseworker,
        to_organisation=world.org_b,
        to_professional=world.outsider,
        planned_on=D(2026, 2, 20),
        status=HandoverStatus.ACCEPTED,
    )


# --- the child page and its restricted section ---------------------------------------------------


def test_caseworker_sees_the_whole_file_with_safety(client, world, child) -> None:
    response = detail(client, world.caseworker, child)
    assert response.status_code == 200
    assert SECRET in response.content.decode()
    assert "Signalen" in response.content.decode()


def test_colleague_at_the_same_location_sees_the_safety_section(client, world, child) -> None:
    assert SECRET in detail(client, world.colleague, child).content.decode()


@pytest.mark.parametrize("role", ["outsider", "caseworker_a2", "policy_officer", "contract_manager", "admin"])
def test_others_cannot_open_the_child_at_all(client, world, child, role) -> None:
    response = detail(client, getattr(world, role), child)
    assert response.status_code in (403, 404)
    assert SECRET not in response.content.decode()


def test_receiving_organisation_sees_the_child_but_not_the_safety_section(client, world, child) -> None:
    accept_handover_to_org_b(world)
    response = detail(client, world.outsider, child)
    html = response.content.decode()
    assert response.status_code == 200
    assert child.first_name in html
    assert SECRET not in html
    assert "Signalen" not in html
    assert reverse("children:meldcode_step_add", args=[child.pk]) not in html
    assert reverse("children:child_edit", args=[child.pk]) not in html


def test_receiving_organisation_cannot_open_restricted_or_write_pages(client, world, child) -> None:
    accept_handover_to_org_b(world)
    client.force_login(world.outsider)
    for name in ("meldcode_step_add", "safety_edit", "child_edit", "child_voice_add"):
        assert client.get(reverse(f"children:{name}", args=[child.pk])).status_code == 404


def test_child_page_shows_faces_and_warnings(client, world, child, settings) -> None:
    settings.OPVANG_FACES_THRESHOLD = 1
    InvolvementFactory(child=child, user=world.caseworker, external_name="", external_organisation="")
    InvolvementFactory(child=child, external_name="Dr. Jansen", external_organisation="Huisarts")
    html = detail(client, world.caseworker, child).content.decode()
    assert "Dr. Jansen" in html
    assert "alert-warning" in html  # above the threshold of 1
    assert "14" in html  # intake overdue


def test_child_page_has_empty_states(client, world) -> None:
    child = ChildFactory(household=world.household_a1)
    html = detail(client, world.caseworker, child).content.decode()
    assert html.count("text-body-secondary") >= 4


def test_opening_the_child_page_is_audited(client, world, child) -> None:
    from auditlog.models import LogEntry

    detail(client, world.caseworker, child)
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(child.pk)).exists()


def test_child_page_query_count_is_bounded(client, world, child, django_assert_max_num_queries) -> None:
    for n in range(5):
        ChildVoiceFactory(child=child, recorded_on=D(2026, 2, 1 + n), recorded_by=world.caseworker)
        YouthCareReferralFactory(child=child, referred_on=D(2026, 2, 1 + n))
        InvolvementFactory(
            child=child, user=world.colleague if n == 0 else None, external_name="" if n == 0 else f"E{n}"
        )
        services.meldcode_step_record(
            child=child, step=n + 2 if n < 4 else 1, done_on=D(2026, 2, 2 + n), recorded_by=world.caseworker
        )
    VeerkrachtTrackFactory(child=child)
    for n in range(8):
        note_add(
            household=child.household,
            kind=NoteKind.OBSERVATION,
            contact_at=timezone.now(),
            text=f"Observatie {n}",
            child=child,
            by=world.caseworker,
            follow_up=FollowUpData(what="Bellen", due_on=timezone.localdate(), owner=world.colleague),
        )
    client.force_login(world.caseworker)
    # 16, whatever the number of records: session, user, request savepoint, the child with its
    # signals (one query), the audit ACCESS entry, may_see_safety (user's locations), voices,
    # referrals, tracks, involvements, handovers, meldcode steps, release; session save (3);
    # + the user's organisation for the NEN 7513 origin of the access entry = 17;
    # + the latest notes (authors joined), their children, goals and follow-ups = 21;
    # + the child's own intakes (who held them joined) = 22.
    with django_assert_max_num_queries(22):
        response = client.get(reverse("children:child_detail", args=[child.pk]))
    assert response.status_code == 200


# --- forms ---------------------------------------------------------------------------------------


def test_edit_saves_the_childs_details(client, world, child) -> None:
    client.force_login(world.caseworker)
    url = reverse("children:child_edit", args=[child.pk])
    data = {
        "version": Child.objects.get(pk=child.pk).version,
        "first_name": "Noor",
        "last_name": "Bakker",
        "date_of_birth": "2016-03-01",
        "bsn": "",
        "gender": "f",
        "school_name": "De Regenboog",
        "school_continued": "true",
        "school_contact": "Juf Els",
        "support_needs": ["trauma", "education"],
        "support_notes": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    child.refresh_from_db()
    assert (child.first_name, child.school_continued, child.support_needs) == ("Noor", True, ["trauma", "education"])


def test_edit_with_an_old_version_shows_the_conflict_page(client, world, child) -> None:
    client.force_login(world.caseworker)
    url = reverse("children:child_edit", args=[child.pk])
    data = {"version": 1, "first_name": "Noor", "last_name": "B", "date_of_birth": "2016-03-01", "gender": "x"}
    response = client.post(url, data)
    assert response.status_code == 409
    assert Child.objects.get(pk=child.pk).first_name == "Kind"


def test_edit_shows_the_service_error_on_the_field(client, world, child) -> None:
    client.force_login(world.caseworker)
    data = {
        "version": Child.objects.get(pk=child.pk).version,
        "first_name": "Noor",
        "last_name": "B",
        "date_of_birth": "2000-01-01",
        "gender": "x",
    }
    response = client.post(reverse("children:child_edit", args=[child.pk]), data)
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()


def test_htmx_get_returns_only_the_form(client, world, child) -> None:
    client.force_login(world.caseworker)
    response = client.get(reverse("children:child_voice_add", args=[child.pk]), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<form" in html and "<html" not in html


def test_voice_is_added_through_the_form(client, world, child) -> None:
    client.force_login(world.caseworker)
    url = reverse("children:child_voice_add", args=[child.pk])
    response = client.post(url, {"recorded_on": "2026-02-20", "wishes": "Mijn eigen kamer", "worries": ""})
    assert response.status_code == 302
    voice = ChildVoice.objects.get(child=child)
    assert (voice.wishes, voice.recorded_by) == ("Mijn eigen kamer", world.caseworker)


def test_empty_voice_is_refused_with_a_message(client, world, child) -> None:
    client.force_login(world.caseworker)
    response = client.post(reverse("children:child_voice_add", args=[child.pk]), {"recorded_on": "2026-02-20"})
    assert response.status_code == 200
    assert not ChildVoice.objects.exists()


def test_mentor_form_offers_only_staff_of_the_organisation(client, world, child) -> None:
    client.force_login(world.caseworker)
    url = reverse("children:child_mentor", args=[child.pk])
    html = client.get(url).content.decode()
    assert world.outsider.get_full_name() not in html
    response = client.post(url, {"mentor": world.colleague.pk, "on": "2026-02-01"})
    assert response.status_code == 302
    assert Child.objects.get(pk=child.pk).mentor == world.colleague
    assert Involvement.objects.filter(child=child, user=world.colleague).exists()


def test_referral_is_added_and_started(client, world, child) -> None:
    client.force_login(world.caseworker)
    client.post(
        reverse("children:referral_add", args=[child.pk]),
        {"provider": "Jeugdhulp", "kind": "trauma_treatment", "referred_on": "2026-02-01"},
    )
    referral = child.referrals.get()
    response = client.post(reverse("children:referral_update", args=[referral.pk]), {"started_on": "2026-02-10"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.started_on == D(2026, 2, 10)


def test_veerkracht_start_and_update(client, world, child) -> None:
    client.force_login(world.caseworker)
    client.post(
        reverse("children:veerkracht_start", args=[child.pk]),
        {"form": "group", "started_on": "2026-02-01", "phase": "1"},
    )
    track = child.veerkracht.get()
    client.post(
        reverse("children:veerkracht_update", args=[track.pk]),
        {"phase": "2", "sessions_attended": "4", "ended_on": ""},
    )
    track.refresh_from_db()
    assert (track.phase, track.sessions_attended) == (2, 4)


def test_meldcode_step_out_of_order_is_refused(client, world, child) -> None:
    client.force_login(world.caseworker)
    url = reverse("children:meldcode_step_add", args=[child.pk])
    response = client.post(url, {"step": "4", "done_on": "2026-02-20"})
    assert response.status_code == 200
    assert MeldcodeStepRecord.objects.count() == 1
    response = client.post(url, {"step": "2", "done_on": "2026-02-20"})
    assert response.status_code == 302
    assert MeldcodeStepRecord.objects.count() == 2


def test_involvement_added_and_ended_for_a_child(client, world, child) -> None:
    client.force_login(world.caseworker)
    client.post(
        reverse("children:involvement_add", args=[child.pk]),
        {"external_name": "Dr. Jansen", "external_organisation": "Huisarts", "role": "GP", "started_on": "2026-02-01"},
    )
    involvement = Involvement.objects.get(child=child)
    response = client.post(reverse("children:involvement_end", args=[involvement.pk]))
    assert response.status_code == 302
    involvement.refresh_from_db()
    assert involvement.ended_on == D(2026, 3, 1)


def test_involvement_of_an_adult(client, world) -> None:
    adult = world.household_a1.adults.get()
    client.force_login(world.caseworker)
    url = reverse("children:adult_involvements", args=[adult.pk])
    response = client.post(url, {"user": world.colleague.pk, "role": "trajectbegeleider", "started_on": "2026-02-01"})
    assert response.status_code == 302
    assert world.colleague.get_full_name() in client.get(url).content.decode()


def test_involvement_end_of_another_organisation_is_404(client, world) -> None:
    involvement = InvolvementFactory(child=world.household_b1.children.get())
    client.force_login(world.caseworker)
    assert client.post(reverse("children:involvement_end", args=[involvement.pk])).status_code == 404
    assert Involvement.objects.get(pk=involvement.pk).ended_on is None


# --- adding a child to an existing household ------------------------------------------------------


def child_add_url(household) -> str:
    return reverse("children:child_add", args=[household.pk])


def new_child_data(**overrides) -> dict:
    return {
        "first_name": "Fenna",
        "last_name": "Visser",
        "date_of_birth": "2026-02-14",
        "bsn": "",
        "gender": "f",
        "school_name": "",
        "school_continued": "",
        "school_contact": "",
    } | overrides


def test_caseworker_adds_a_baby_born_during_the_stay(client, world) -> None:
    household = world.household_a1
    client.force_login(world.caseworker)
    assert client.get(child_add_url(household)).status_code == 200
    response = client.post(child_add_url(household), new_child_data(bsn="111222333"), follow=True)
    child = household.children.get(first_name="Fenna")
    assert response.redirect_chain[-1][0] == reverse("children:child_detail", args=[child.pk])
    assert "Fenna Visser is aan het huishouden toegevoegd." in response.content.decode()
    assert (child.date_of_birth, child.bsn, child.gender) == (D(2026, 2, 14), "111222333", "f")


def test_child_add_keeps_the_school_fields(client, world) -> None:
    client.force_login(world.team_lead)
    data = new_child_data(
        date_of_birth="2015-09-01", school_name="De Regenboog", school_continued="true", school_contact="Juf Anna"
    )
    assert client.post(child_add_url(world.household_a2), data).status_code == 302
    child = world.household_a2.children.get(first_name="Fenna")
    assert (child.school_name, child.school_continued, child.school_contact) == ("De Regenboog", True, "Juf Anna")


def test_child_add_refuses_a_person_of_18_with_a_dutch_message(client, world) -> None:
    client.force_login(world.caseworker)
    response = client.post(child_add_url(world.household_a1), new_child_data(date_of_birth="2008-03-01"))
    assert response.status_code == 200
    assert "Iemand van 18 jaar of ouder wordt als volwassene geregistreerd" in response.content.decode()
    assert not Child.objects.filter(first_name="Fenna").exists()


def test_child_add_refuses_a_birth_date_in_the_future(client, world) -> None:
    client.force_login(world.caseworker)
    response = client.post(child_add_url(world.household_a1), new_child_data(date_of_birth="2026-03-02"))
    assert response.status_code == 200
    assert not Child.objects.filter(first_name="Fenna").exists()


@pytest.mark.parametrize("role", ["outsider", "caseworker_a2", "policy_officer", "contract_manager", "admin"])
def test_others_cannot_add_a_child(client, world, role) -> None:
    client.force_login(getattr(world, role))
    assert client.get(child_add_url(world.household_a1)).status_code in (403, 404)
    assert client.post(child_add_url(world.household_a1), new_child_data()).status_code in (403, 404)
    assert not Child.objects.filter(first_name="Fenna").exists()


def test_outsider_gets_404_on_child_add(client, world) -> None:
    client.force_login(world.outsider)
    assert client.get(child_add_url(world.household_a1)).status_code == 404


def test_receiving_organisation_cannot_add_a_child(client, world) -> None:
    accept_handover_to_org_b(world)
    client.force_login(world.outsider)
    assert client.post(child_add_url(world.household_a1), new_child_data()).status_code == 404
    assert not Child.objects.filter(first_name="Fenna").exists()
