"""Issue 13, scenario (1) through the browser: a CJG professional, in the circle of a plan with the
parent's consent, logs in, sees only that plan, marks their action done and answers for
themselves; the mentor withdraws the consent and the plan is gone for the partner at once. Every
page is checked for lang="nl" and by axe-core."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opvang.tests.factories import PASSWORD
from plans import services
from plans.models import Action, Agreement, PlanConsent
from plans.tests.partners import give_consent, link_partner, partner_user

from .conftest import login, url, visit
from .test_flows import follow, logout, submit

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]


def test_flow_chain_partner_in_the_plan(page, live_server, world) -> None:
    flow = "14-partner"
    household = world.household_a1
    partner = partner_user("partner")
    plan = services.plan_create(household=household, user=world.caseworker, perspective="Een eigen huis.")
    draft = plan.versions.get()
    me = link_partner(draft, partner, name="Karin (CJG)")
    goal = services.goal_add(plan_version=draft, domain="housing", text="Een huis met een tuin")
    mine = services.action_add(goal=goal, what="Opvoedondersteuning thuis", owner=me)
    # A plan of another family with the partner in its circle, without consent: never shown.
    other = services.plan_create(household=world.household_a2, user=None, perspective="Rust.")
    link_partner(other.versions.get(), partner)
    consent = give_consent(household, partner.organisation)

    login(page, live_server, partner.username, PASSWORD)
    assert page.url.endswith(reverse("plans:partner_home"))
    visit(page, flow, "01-my-plans")
    main = page.locator("main").inner_text()
    assert household.reference in main and world.household_a2.reference not in main
    follow(page, rf"^/plans/partner/{plan.pk}/$")
    visit(page, flow, "02-plan")
    with page.expect_navigation():
        page.locator(f"main form[action$='/partner/actions/{mine.pk}/done/'] button").click()
    assert Action.objects.get(pk=mine.pk).done_on is not None
    follow(page, rf"^/plans/partner/{plan.pk}/agreement/$")
    visit(page, flow, "03-my-answer")
    page.locator("input[name='decision'][value='agreed']").check()
    submit(page, "decision")
    assert Agreement.objects.get(participant=me).recorded_by == partner

    logout(page, live_server)
    login(page, live_server, world.caseworker.username, PASSWORD)
    page.goto(url(live_server, reverse("plans:consent_list", kwargs={"pk": plan.pk})))
    visit(page, flow, "04-consents")
    page.goto(url(live_server, reverse("plans:consent_withdraw", kwargs={"pk": consent.pk})))
    submit(page, "confirm")
    assert PlanConsent.objects.get(pk=consent.pk).withdrawn_on is not None

    logout(page, live_server)
    login(page, live_server, partner.username, PASSWORD)
    assert household.reference not in page.locator("main").inner_text()
    response = page.goto(url(live_server, reverse("plans:partner_plan", kwargs={"pk": plan.pk})))
    assert response is not None and response.status == 404
