"""The benchmark's pages (bench/measure.py, issue 17) run the same number of SQL queries with 3 and
with 30 households per caseworker: caseload, household, child, plan, notes list, the partner's plan
view, the chain consultation, dashboard, report list and the API's snapshot list. Each household
has what the scale seed gives it: notes with a follow-up, a plan with a chain partner in the circle
and the parent's consent, a stuck mark brought into one consultation with a decision.
"""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api.services import api_token_create
from cases.constants import NoteKind
from cases.models import AdultClient, CaseNote, FollowUp
from chain.tests.factories import make_case, make_consultation, make_decision, make_mark
from conftest import make_household
from plans import services as plan_services
from plans.tests.partners import give_consent, link_partner, partner_user


def count(client, url: str, **headers: str) -> int:
    client.get(url, headers=headers)  # warm: first-request caches are not the page's cost
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries)


def grow(world, partner, consultation, first: int, last: int) -> list:
    households = []
    now = timezone.now()
    for i in range(first, last):
        household = make_household(world.loc_a1, f"HH-2026-8{i:04d}")
        AdultClient.objects.filter(household=household).update(caseworker=world.caseworker)
        for k in range(3):
            note = CaseNote.objects.create(
                household=household,
                kind=NoteKind.CONVERSATION,
                contact_at=now - datetime.timedelta(days=k),
                text=f"Gesprek {k}",
                author=world.caseworker,
            )
        FollowUp.objects.create(
            household=household,
            note=note,
            what="Terugbellen",
            due_on=timezone.localdate(),
            owner=world.caseworker,
            created_by=world.caseworker,
        )
        plan = plan_services.plan_create(household=household, user=world.caseworker, perspective="Een eigen huis")
        draft = plan.versions.get()
        link_partner(draft, partner)
        plan_services.goal_add(plan_version=draft, domain="housing", text="Een huis")
        give_consent(household, partner.organisation)
        make_mark(household)
        case = make_case(household, consultation)
        make_decision(household, owner=world.caseworker, case=case)
        households.append((household, plan))
    return households


def page_counts(client, world, partner, consultation, household, plan, key: str) -> dict[str, int]:
    counts = {}
    client.force_login(world.caseworker)
    child = household.children.first()
    counts["caseload"] = count(client, reverse("cases:caseload"))
    counts["household"] = count(client, reverse("cases:household_detail", args=[household.pk]))
    counts["child"] = count(client, reverse("children:child_detail", args=[child.pk]))
    counts["plan"] = count(client, reverse("plans:plan_detail", args=[plan.pk]))
    counts["notes"] = count(client, reverse("cases:household_notes", args=[household.pk]))
    counts["consultation"] = count(client, reverse("chain:consultation_detail", args=[consultation.pk]))
    client.force_login(partner)
    counts["partner_plan"] = count(client, reverse("plans:partner_plan", args=[plan.pk]))
    client.force_login(world.policy_officer)
    counts["dashboard"] = count(client, reverse("reports:dashboard"))
    counts["report_list"] = count(client, reverse("reports:report_list"))
    client.logout()
    counts["api_snapshots"] = count(client, reverse("api:snapshot_list"), Authorization=f"Bearer {key}")
    return counts


def test_bench_pages_query_counts_do_not_grow_with_the_caseload(world, client) -> None:
    partner = partner_user("partner")
    consultation = make_consultation(world.org_a, partner.organisation)
    _token, key = api_token_create(
        user=world.policy_officer, name="bench", expires_on=timezone.localdate() + datetime.timedelta(days=7)
    )
    households = grow(world, partner, consultation, 0, 3)
    household, plan = households[0]
    small = page_counts(client, world, partner, consultation, household, plan, key)
    grow(world, partner, consultation, 3, 30)
    large = page_counts(client, world, partner, consultation, household, plan, key)
    assert large == small
