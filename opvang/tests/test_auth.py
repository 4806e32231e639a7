import pytest
from django.urls import reverse

from .factories import PASSWORD

ROLE_HOMES = {
    "caseworker": "cases:caseload",
    "team_lead": "cases:caseload",
    "policy_officer": "reports:dashboard",
    "contract_manager": "reports:report_list",
    "admin": "network:management",
}


@pytest.mark.parametrize("role", sorted(ROLE_HOMES))
def test_each_role_lands_on_its_own_home_page(world, client, role) -> None:
    user = getattr(world, role)
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(ROLE_HOMES[role])
    assert response.status_code == 200


def test_wrong_password_gives_a_dutch_error(world, client) -> None:
    response = client.post(reverse("login"), {"username": "caseworker", "password": "wrong"})
    assert response.status_code == 200
    assert "Onjuiste gebruikersnaam of wachtwoord" in response.content.decode()


def test_overlong_user_name_gives_the_same_error_not_a_server_error(world, client) -> None:
    # Found by the form fuzzer: django-axes could not store a 300-character user name (500).
    response = client.post(reverse("login"), {"username": "a" * 300, "password": "wrong"})
    assert response.status_code == 200
    assert "Onjuiste gebruikersnaam of wachtwoord" in response.content.decode()


def test_inactive_user_cannot_log_in(world, client) -> None:
    response = client.post(reverse("login"), {"username": "inactive", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_pages_speak_dutch_by_default_and_english_on_request(world, client) -> None:
    client.force_login(world.admin)
    assert '<html lang="nl">' in client.get(reverse("network:management")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("network:management")).content.decode()
    assert '<html lang="en">' in page
    assert "Management of the shelter network" in page


def test_the_language_switch_works_on_the_login_page(db, client) -> None:
    # Found by the access matrix's valid POSTs: anonymous users were sent to the login page instead.
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response["Location"] == reverse("login")
    assert '<html lang="en">' in client.get(reverse("login")).content.decode()


def test_dutch_translation_is_compiled(world, client) -> None:
    client.force_login(world.admin)
    assert "Beheer van het opvangnetwerk" in client.get(reverse("network:management")).content.decode()
