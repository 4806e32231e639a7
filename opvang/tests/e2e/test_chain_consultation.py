"""Issue 13, scenario (3) through the browser: a stuck family goes to a chain consultation, a
decision is recorded for a colleague and shows on that owner's caseload, who marks it done; the
policy officer sees the region's stuck figures without a name. Every page is checked for
lang="nl" and by axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from chain.models import Decision
from opvang.tests.factories import PASSWORD

from .conftest import login, url, visit
from .test_flows import caseload_signals, fill, follow, iso, logout, submit

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

TODAY = timezone.localdate()  # the app's day (Europe/Amsterdam), not the machine's (UTC)


def test_flow_stuck_family_to_chain_consultation(page, live_server, world) -> None:
    flow = "13-chain"
    household = world.household_a1
    detail = reverse("cases:household_detail", args=[household.pk])

    login(page, live_server, world.caseworker.username, PASSWORD)
    page.goto(url(live_server, detail))
    follow(page, rf"^/chain/household/{household.pk}/stuck/$")
    visit(page, flow, "01-mark-stuck")
    fill(page, {"reason": "no_housing", "since": iso(TODAY - timedelta(days=40)), "explanation": "Geen woning."})
    submit(page, "reason")
    assert "Vastgelopen" in caseload_signals(page, live_server, detail)

    follow(page, r"^/chain/$")
    visit(page, flow, "02-consultations")
    follow(page, r"^/chain/new/$")
    fill(page, {"held_on": iso(TODAY), "attendees": "Anna de Wit, Sociaal Wijkteam Haarlem"})
    submit(page, "held_on")
    visit(page, flow, "03-consultation")

    page.goto(url(live_server, detail))
    follow(page, rf"^/chain/household/{household.pk}/bring-in/$")
    page.locator("[name='consultation']").select_option(index=1)
    fill(page, {"question": "Wat is nodig voor uitstroom?"})
    submit(page, "consultation")
    visit(page, flow, "04-household-on-the-agenda")
    follow(page, r"^/chain/cases/\d+/decisions/add/$")
    fill(page, {"text": "Urgentie aanvragen", "owner": world.colleague.pk, "due_on": iso(TODAY + timedelta(days=7))})
    submit(page, "text")
    assert "Urgentie aanvragen" in page.locator("main").inner_text()

    logout(page, live_server)
    login(page, live_server, world.colleague.username, PASSWORD)
    page.goto(url(live_server, reverse("cases:caseload")))
    visit(page, flow, "05-owners-caseload")
    decisions = page.locator("#chain-decisions-title").locator("xpath=..")
    assert "Urgentie aanvragen" in decisions.inner_text()
    with page.expect_navigation():
        decisions.locator("button[type=submit]").first.click()
    assert Decision.objects.get().done_by == world.colleague
    assert page.locator("#chain-decisions-title").count() == 0

    logout(page, live_server)
    # The policy officer's home page is the dashboard, which computes its snapshots on the first
    # visit: give that one navigation more time than the fail-fast default.
    page.set_default_timeout(60_000)
    login(page, live_server, world.policy_officer.username, PASSWORD)
    page.goto(url(live_server, reverse("reports:stuck_region")))
    visit(page, flow, "06-region")
    text = page.locator("main").inner_text()
    assert "<5" in text and household.reference not in text
