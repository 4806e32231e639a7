"""The functional administrator's pages: organisations, locations, staff accounts."""

from __future__ import annotations

import datetime
import hashlib
import re

import pytest
import time_machine
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from administration.constants import AccountEventKind
from administration.models import AccountEvent, Invitation
from cases.models import Stay
from opvang.access import may_see_address
from opvang.constants import LocationKind, OrganisationKind, Role
from opvang.models import Location, LocationCapacity, Organisation, StaffAssignment, User
from opvang.tests.factories import PASSWORD, LocationFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Een-lang-en-sterk-wachtwoord-42"


@pytest.fixture
def admin_client(world, client):
    client.force_login(world.admin)
    return client


def logged_in(django_client_class, user):
    other = django_client_class()
    other.force_login(user)
    return other


def events(user, kind) -> int:
    return AccountEvent.objects.filter(user=user, kind=kind).count()


# --- Organisations ------------------------------------------------------------------------------


def test_deactivating_an_organisation_with_open_files_is_refused(world, admin_client) -> None:
    response = admin_client.post(reverse("administration:organisation_deactivate", args=[world.org_a.pk]))
    assert response.status_code == 200
    assert "heeft nog 2 open dossier(s)" in response.content.decode()
    world.org_a.refresh_from_db()
    assert world.org_a.is_active


def test_an_organisation_without_open_files_is_deactivated_and_can_return(world, admin_client) -> None:
    Stay.objects.filter(location__organisation=world.org_b).update(left_on=timezone.localdate(), destination="unknown")
    url = reverse("administration:organisation_deactivate", args=[world.org_b.pk])
    assert "Deactiveren" in admin_client.get(url).content.decode()  # a confirmation page first
    assert admin_client.post(url).status_code == 302
    world.org_b.refresh_from_db()
    assert not world.org_b.is_active
    admin_client.post(reverse("administration:organisation_reactivate", args=[world.org_b.pk]))
    world.org_b.refresh_from_db()
    assert world.org_b.is_active


def test_organisation_kinds_include_every_chain_partner(world, admin_client) -> None:
    response = admin_client.post(
        reverse("administration:organisation_create"),
        {"name": "GGD Kennemerland", "kind": OrganisationKind.GGD, "contact_email": "info@ggd.example"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="GGD Kennemerland").kind == "ggd"
    assert {"chain_partner", "cjg", "youth_care", "ggd", "housing", "municipality"} <= set(OrganisationKind.values)


def test_organisation_form_shows_dutch_errors(world, admin_client) -> None:
    response = admin_client.post(reverse("administration:organisation_create"), {"name": world.org_a.name})
    page = response.content.decode()
    assert re.search(r"Dit veld is verplicht", page)  # kind missing
    assert "bestaat al" in page  # duplicate name


# --- Locations ----------------------------------------------------------------------------------


def test_a_new_location_records_its_capacity_from_the_opening_day(world, admin_client) -> None:
    response = admin_client.post(
        reverse("administration:location_create"),
        {
            "organisation": world.org_a.pk,
            "name": "De Haven",
            "kind": LocationKind.VO,
            "municipality": "Haarlem",
            "address": "Geheimstraat 1",
            "secret_address": "on",
            "capacity_places": "12",
            "capacity_units": "4",
            "opened_on": "2026-01-05",
        },
    )
    location = Location.objects.get(name="De Haven")
    assert response.status_code == 302
    assert list(location.capacities.values_list("valid_from", "places", "units")) == [
        (datetime.date(2026, 1, 5), 12, 4)
    ]


def test_capacity_changes_are_dated_and_update_the_current_capacity(world, admin_client) -> None:
    url = reverse("administration:location_capacity", args=[world.loc_a1.pk])
    response = admin_client.post(url, {"valid_from": "2026-03-01", "places": "30", "units": "8", "reason": "Verbouwd"})
    assert response.status_code == 302
    world.loc_a1.refresh_from_db()
    assert (world.loc_a1.capacity_places, world.loc_a1.capacity_units) == (30, 8)
    assert LocationCapacity.objects.filter(location=world.loc_a1).count() == 2  # the history keeps the old one
    future = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    response = admin_client.post(url, {"valid_from": future, "places": "40", "units": "9"})
    assert "kan niet in de toekomst ingaan" in response.content.decode()


def test_a_location_with_open_stays_cannot_be_deactivated(world, admin_client) -> None:
    url = reverse("administration:location_deactivate", args=[world.loc_a1.pk])
    assert "lopend(e) verblijf" in admin_client.post(url).content.decode()
    empty = LocationFactory(organisation=world.org_a, name="Leeg")
    admin_client.post(reverse("administration:location_deactivate", args=[empty.pk]))
    empty.refresh_from_db()
    assert not empty.is_active


def test_a_secret_address_is_hidden_except_from_own_staff_and_team_leads(world, admin_client) -> None:
    world.loc_a1.address = "Schuilplaats 7"
    world.loc_a1.secret_address = True
    world.loc_a1.save()
    assert may_see_address(world.caseworker, world.loc_a1)
    assert may_see_address(world.team_lead, world.loc_a1)
    assert not may_see_address(world.caseworker_a2, world.loc_a1)
    assert not may_see_address(world.outsider, world.loc_a1)
    assert not may_see_address(world.team_lead_b, world.loc_a1)
    assert not may_see_address(world.policy_officer, world.loc_a1)
    assert not may_see_address(world.admin, world.loc_a1)
    for url in (
        reverse("administration:location_list"),
        reverse("administration:location_edit", args=[world.loc_a1.pk]),
    ):
        assert "Schuilplaats" not in admin_client.get(url).content.decode()
    # Saving the form with the (empty) address field keeps the address the editor cannot see.
    admin_client.post(
        reverse("administration:location_edit", args=[world.loc_a1.pk]),
        {"name": "A1", "kind": "mo", "municipality": "Haarlem", "address": "", "secret_address": "on"},
    )
    world.loc_a1.refresh_from_db()
    assert world.loc_a1.address == "Schuilplaats 7"


def test_location_list_has_a_query_bound(world, admin_client, django_assert_max_num_queries) -> None:
    for i in range(55):
        LocationFactory(organisation=world.org_b, name=f"Locatie {i:02d}")
    # session, user, savepoint, count, page of locations (organisation joined, open-stay Exists),
    # the filter form's organisation choices, release, and saving the session (3)
    with django_assert_max_num_queries(11):
        response = admin_client.get(reverse("administration:location_list"), {"organisation": world.org_b.pk})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 56


# --- Staff accounts -----------------------------------------------------------------------------


def invite(admin_client, world, **overrides):
    data = {
        "username": "nieuwe.collega",
        "first_name": "Nina",
        "last_name": "Nieuw",
        "email": "nina@example.org",
        "role": Role.CASEWORKER,
        "organisation": world.org_a.pk,
        "locations": [world.loc_a1.pk],
        **overrides,
    }
    return admin_client.post(reverse("administration:staff_invite"), data)


def link_from_mail(message) -> str:
    return re.search(r"http://testserver(/administration/invitation/[^/\s]+/)", message.body).group(1)


def test_an_invitation_creates_an_account_and_mails_a_dutch_single_use_link(
    world, admin_client, client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(admin_client, world)
    user = User.objects.get(username="nieuwe.collega")
    assert response.status_code == 302
    assert not user.has_usable_password()
    assert list(user.locations.all()) == [world.loc_a1]
    assert StaffAssignment.objects.filter(user=user, location=world.loc_a1, ended_on=None).exists()
    (message,) = mail.outbox
    assert message.to == ["nina@example.org"]
    assert message.subject == "Je account voor Opvang"
    assert "Je gebruikersnaam is: nieuwe.collega" in message.body
    path = link_from_mail(message)
    token = path.rstrip("/").rsplit("/", 1)[1]
    # Only the hash is stored.
    invitation = Invitation.objects.get(user=user)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not Invitation.objects.filter(token_hash=token).exists()

    client.logout()
    response = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert events(user, AccountEventKind.INVITATION_ACCEPTED) == 1
    # The second factor is enrolled next, in the same session.
    setup = client.get(response["Location"])
    assert setup.status_code == 200 and "totp-qr" in setup.content.decode()

    # Used once: the link now gives a clear page, not an error, and changes nothing.
    other = type(client)()
    response = other.post(path, {"new_password1": "Iets-anders-123456", "new_password2": "Iets-anders-123456"})
    assert response.status_code == 200
    assert "Deze uitnodiging is al gebruikt" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_an_expired_invitation_gives_a_clear_page(
    world, admin_client, client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin_client, world)
    path = link_from_mail(mail.outbox[0])
    client.logout()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=73)):
        response = client.get(path)
    assert response.status_code == 200
    assert "Deze uitnodiging is verlopen" in response.content.decode()
    unknown = client.get(reverse("administration:invitation_accept", args=["nope"]))
    assert "Deze uitnodigingslink is onbekend" in unknown.content.decode()


def test_a_new_invitation_revokes_the_old_link(world, admin_client, client, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin_client, world)
    user = User.objects.get(username="nieuwe.collega")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("administration:staff_reinvite", args=[user.pk]))
    first, second = (link_from_mail(m) for m in mail.outbox)
    client.logout()
    assert "nieuwere uitnodiging" in client.get(first).content.decode()
    assert client.get(second).status_code == 200
    assert "Wachtwoord instellen" in client.get(second).content.decode()


def test_invitation_password_is_validated_in_dutch(
    world, admin_client, client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin_client, world)
    client.logout()
    response = client.post(link_from_mail(mail.outbox[0]), {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort" in response.content.decode()
    assert not User.objects.get(username="nieuwe.collega").has_usable_password()


def test_staff_rules_are_checked_with_dutch_messages(world, admin_client) -> None:
    page = invite(admin_client, world, locations=[world.loc_b1.pk]).content.decode()
    assert "Kies alleen locaties van de eigen organisatie" in page
    page = invite(admin_client, world, locations=[]).content.decode()
    assert "minstens één locatie" in page
    page = invite(admin_client, world, role=Role.POLICY_OFFICER, locations=[]).content.decode()
    assert "werken voor een gemeente" in page
    assert not User.objects.filter(username="nieuwe.collega").exists()


def test_a_demoted_user_is_logged_out_and_the_new_role_applies_at_once(world, admin_client, client) -> None:
    member = logged_in(type(client), world.colleague)
    assert member.get(reverse("cases:caseload")).status_code == 200
    response = admin_client.post(
        reverse("administration:staff_edit", args=[world.colleague.pk]),
        {
            "first_name": "Col",
            "last_name": "Lega",
            "email": "c@example.org",
            "role": Role.POLICY_OFFICER,
            "organisation": world.municipality.pk,
        },
    )
    assert response.status_code == 302
    response = member.get(reverse("cases:caseload"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert events(world.colleague, AccountEventKind.ROLE_CHANGED) == 1
    # The assignment history keeps the caseworker period, ended.
    assert not StaffAssignment.objects.filter(user=world.colleague, ended_on=None).exists()


def test_adding_a_location_keeps_the_session(world, admin_client, client) -> None:
    member = logged_in(type(client), world.colleague)
    admin_client.post(
        reverse("administration:staff_edit", args=[world.colleague.pk]),
        {
            "first_name": "Col",
            "last_name": "Lega",
            "email": "c@example.org",
            "role": Role.CASEWORKER,
            "organisation": world.org_a.pk,
            "locations": [world.loc_a1.pk, world.loc_a2.pk],
        },
    )
    assert member.get(reverse("cases:caseload")).status_code == 200
    assert set(world.colleague.locations.all()) == {world.loc_a1, world.loc_a2}


def test_an_administrator_cannot_change_their_own_role(world, admin_client) -> None:
    response = admin_client.post(
        reverse("administration:staff_edit", args=[world.admin.pk]),
        {
            "first_name": "A",
            "last_name": "B",
            "email": "a@example.org",
            "role": Role.TEAM_LEAD,
            "organisation": world.org_a.pk,
            "locations": [world.loc_a1.pk],
        },
    )
    assert "Je kunt je eigen rol, organisatie of locaties niet wijzigen." in response.content.decode()
    world.admin.refresh_from_db()
    assert world.admin.role == Role.ADMIN


def test_a_deactivated_user_is_logged_out_and_cannot_log_in(world, admin_client, client) -> None:
    member = type(client)()
    assert member.post(reverse("login"), {"username": "colleague", "password": PASSWORD}).status_code == 302
    session_key = member.session.session_key
    assert member.get(reverse("cases:caseload")).status_code == 200
    url = reverse("administration:staff_deactivate", args=[world.colleague.pk])
    assert "Deactiveren" in admin_client.get(url).content.decode()  # confirmation first
    assert admin_client.post(url, {"reason": "Uit dienst"}).status_code == 302
    response = member.get(reverse("cases:caseload"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert not Session.objects.filter(session_key=session_key).exists()
    again = type(client)().post(reverse("login"), {"username": "colleague", "password": PASSWORD})
    assert again.status_code == 200  # the login form again, with the neutral error
    world.colleague.refresh_from_db()
    assert not world.colleague.is_active
    assert StaffAssignment.objects.filter(user=world.colleague).exclude(ended_on=None).exists()
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_pk=str(world.colleague.pk)
    ).first()
    assert entry is not None and "is_active" in entry.changes_dict and entry.actor == world.admin


def test_an_administrator_cannot_deactivate_themselves(world, admin_client) -> None:
    response = admin_client.post(reverse("administration:staff_deactivate", args=[world.admin.pk]))
    assert "Je kunt je eigen account niet deactiveren." in response.content.decode()


def test_second_factor_reset_needs_a_reason_and_is_recorded(world, admin_client, client) -> None:
    TOTPDevice.objects.create(user=world.colleague, name="phone", confirmed=True)
    StaticDevice.objects.create(user=world.colleague, name="backup", confirmed=True)
    member = logged_in(type(client), world.colleague)
    url = reverse("administration:staff_second_factor_reset", args=[world.colleague.pk])
    assert re.search(r"Dit veld is verplicht", admin_client.post(url, {"reason": ""}).content.decode())
    assert TOTPDevice.objects.filter(user=world.colleague).exists()
    assert admin_client.post(url, {"reason": "Telefoon gestolen"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=world.colleague).exists()
    assert not StaticDevice.objects.filter(user=world.colleague).exists()
    event = AccountEvent.objects.get(user=world.colleague, kind=AccountEventKind.SECOND_FACTOR_RESET)
    assert (event.reason, event.actor) == ("Telefoon gestolen", world.admin)
    assert LogEntry.objects.get_for_object(event).filter(actor=world.admin).exists()
    assert member.get(reverse("cases:caseload")).status_code == 302  # logged out


def test_a_reset_user_enrols_again_at_the_next_login(world, admin_client, client, settings) -> None:
    TOTPDevice.objects.create(user=world.colleague, name="phone", confirmed=True)
    admin_client.post(
        reverse("administration:staff_second_factor_reset", args=[world.colleague.pk]), {"reason": "Nieuwe telefoon"}
    )
    settings.OPVANG_REQUIRE_2FA = True
    member = type(client)()
    member.post(reverse("login"), {"username": "colleague", "password": PASSWORD})
    response = member.get(reverse("two_factor_verify"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("two_factor_setup"))


def test_lifting_a_lockout_resets_axes_for_that_user(world, admin_client, client) -> None:
    for _ in range(5):
        client.post(reverse("login"), {"username": "colleague", "password": "fout"}, REMOTE_ADDR="10.0.0.9")
    assert (
        client.post(
            reverse("login"), {"username": "colleague", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
        ).status_code
        == 429
    )
    detail = admin_client.get(reverse("administration:staff_detail", args=[world.colleague.pk])).content.decode()
    assert "Geblokkeerd na te veel mislukte inlogpogingen" in detail
    admin_client.post(reverse("administration:staff_lockout_lift", args=[world.colleague.pk]))
    response = client.post(reverse("login"), {"username": "colleague", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 302
    assert events(world.colleague, AccountEventKind.LOCKOUT_LIFTED) == 1


def test_staff_list_searches_and_filters(world, admin_client) -> None:
    url = reverse("administration:staff_list")
    names = lambda response: {u.username for u in response.context["page"]}  # noqa: E731
    assert names(admin_client.get(url, {"q": "outsid"})) == {"outsider"}
    assert names(admin_client.get(url, {"role": Role.TEAM_LEAD})) == {"team_lead", "team_lead_b"}
    assert names(admin_client.get(url, {"location": world.loc_a2.pk})) == {"caseworker_a2", "team_lead"}
    assert names(admin_client.get(url, {"status": "inactive"})) == {"inactive"}
    assert "outsider" in names(admin_client.get(url, {"organisation": world.org_b.pk}))


def test_staff_list_has_a_query_bound(world, admin_client, django_assert_max_num_queries) -> None:
    for i in range(60):
        UserFactory(username=f"extra{i:02d}", organisation=world.org_a, locations=[world.loc_a1, world.loc_a2])
    # session, user, savepoint, count, page (organisation joined; locked-out, second-factor and
    # invitation Exists), locations prefetch, the filter's organisation and location choice
    # lists, release, saving the session (3)
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("administration:staff_list"), {"status": "active"})
    assert response.status_code == 200
    assert len(response.context["page"]) == 25


# --- Only administrators ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["caseworker", "team_lead", "policy_officer", "contract_manager"])
def test_only_administrators_reach_the_pages(world, client, role) -> None:
    client.force_login(world.user(role))
    assert client.get(reverse("administration:staff_list")).status_code == 403
    assert client.post(reverse("administration:staff_deactivate", args=[world.colleague.pk])).status_code == 403


def test_the_management_link_leads_to_the_administration_pages(world, admin_client) -> None:
    page = admin_client.get(reverse("network:management")).content.decode()
    assert reverse("administration:organisation_list") in page
    assert reverse("admin:index") not in page


def test_organisation_list_has_a_query_bound(world, admin_client, django_assert_max_num_queries) -> None:
    for i in range(55):
        OrganisationFactory(name=f"Org {i:02d}")
    # session, user, savepoint, count, page with counts annotated, release, saving the session (3)
    with django_assert_max_num_queries(9):
        response = admin_client.get(reverse("administration:organisation_list"))
    assert response.status_code == 200


def test_the_django_admin_is_for_technical_superusers_only(world, client) -> None:
    world.admin.is_staff = True
    world.admin.save()
    client.force_login(world.admin)
    response = client.get("/admin/")
    assert response.status_code == 302 and "login" in response["Location"]
    superuser = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200


def test_the_audit_log_never_holds_an_address_in_clear_text(world, admin_client) -> None:
    admin_client.post(
        reverse("administration:location_edit", args=[world.loc_a2.pk]),
        {"name": "A2", "kind": "vo", "municipality": "Haarlem", "address": "Schuilhof 3", "secret_address": "on"},
    )
    entry = LogEntry.objects.get_for_object(world.loc_a2).filter(actor=world.admin).latest("timestamp")
    assert "address" in entry.changes_dict
    assert "Schuilhof" not in str(entry.changes)
