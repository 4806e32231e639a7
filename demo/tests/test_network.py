from demo.network import DEMO_PASSWORD


def test_demo_password_is_long_enough_for_the_policy() -> None:
    assert len(DEMO_PASSWORD) >= 12


def test_the_demo_has_a_participation_council_member_who_reads_only_aggregates(db, client) -> None:
    from django.urls import reverse

    from demo.network import seed_network
    from opvang.constants import Role

    member = seed_network().users["raad"]
    assert member.role == Role.PARTICIPATION_COUNCIL
    client.force_login(member)
    assert client.get(reverse("reports:dashboard")).status_code == 200
    assert client.get(reverse("cases:caseload")).status_code in (403, 404)
