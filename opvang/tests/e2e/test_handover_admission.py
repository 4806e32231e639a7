"""Issue 13, scenario (2) through the browser: a family handed over from Velserpoort (organisation
A) to a VO location of another provider is accepted there, admitted by the receiving caseworker,
and its plan continues: the plan page on the receiving side shows the new version with the new
mentor, the goals kept. The sending side can no longer open the file. Every page is checked for
lang="nl" and by axe-core."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.constants import HandoverStatus
from cases.models import Handover, Household
from cases.tests.factories import HandoverFactory
from opvang.constants import LocationKind
from opvang.tests.factories import PASSWORD, LocationFactory, UserFactory
from plans import services
from plans.constants import AgreementDecision, AgreementMethod, Relation, VersionState
from plans.models import PlanVersion

from .conftest import login, url, visit
from .test_flows import follow, logout, submit

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]


def agreed_plan(household, mentor_name: str, organisation, by):
    """The family's agreed plan: the family and the Velserpoort mentor in the circle, one goal."""
    plan = services.plan_create(household=household, user=by, perspective="Veilig wonen met de kinderen.")
    draft = plan.versions.get()
    PlanVersion.objects.filter(pk=draft.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    mentor = services.participant_add(
        plan_version=draft, name=mentor_name, relation=Relation.SHELTER_MENTOR, organisation=organisation
    )
    goal = services.goal_add(plan_version=draft, domain="housing", text="Een veilige woning in de regio")
    services.action_add(goal=goal, what="Urgentie aanvragen", owner=mentor)
    agreed_on = timezone.localdate() - datetime.timedelta(days=20)
    for participant in draft.participants.all():
        services.agreement_record(
            participant=participant,
            decision=AgreementDecision.AGREED,
            decided_on=agreed_on,
            method=AgreementMethod.MEETING,
        )
    services.plan_agree(plan=plan, agreed_on=agreed_on, user=by)
    return plan


def test_flow_handover_ends_in_an_admission_and_the_plan_continues(page, live_server, world) -> None:
    flow = "15-handover-admission"
    velserpoort = world.loc_a1
    velserpoort.name = "Velserpoort"
    velserpoort.save(update_fields=["name"])
    vo = LocationFactory(organisation=world.org_b, name="Blijf Groep VO", kind=LocationKind.VO)
    receiver = UserFactory(
        username="ontvanger", first_name="Sanne", last_name="de Vries", organisation=world.org_b, locations=[vo]
    )
    household = world.household_a1
    plan = agreed_plan(household, "Mentor Velserpoort", world.org_a, world.caseworker)
    handover = HandoverFactory(
        household=household,
        from_professional=world.caseworker,
        to_organisation=world.org_b,
        to_professional=receiver,
        planned_on=timezone.localdate(),
    )

    login(page, live_server, receiver.username, PASSWORD)
    page.goto(url(live_server, reverse("cases:handover_detail", args=[handover.pk])))
    visit(page, flow, "01-proposed")
    with page.expect_navigation():
        page.locator(f"main form[action$='/handovers/{handover.pk}/accept/'] button").click()
    assert Handover.objects.get(pk=handover.pk).status == HandoverStatus.ACCEPTED
    visit(page, flow, "02-accepted")
    follow(page, rf"/handovers/{handover.pk}/admit/$")
    visit(page, flow, "03-admit-form")
    page.locator("select[name='location']").select_option(str(vo.pk))
    page.locator("input[name='beschikking'][value='new']").check()
    page.locator("select[name='kind']").select_option("vo")
    submit(page, "admitted_on")
    assert Handover.objects.get(pk=handover.pk).status == HandoverStatus.COMPLETED
    assert Household.objects.get(pk=household.pk).location == vo
    visit(page, flow, "04-completed")

    follow(page, rf"^{reverse('cases:household_detail', args=[household.pk])}$")
    visit(page, flow, "05-household")
    follow(page, rf"^{reverse('plans:plan_detail', args=[plan.pk])}$")
    visit(page, flow, "06-plan")
    main = page.locator("main").inner_text()
    assert "Versie 2" in main
    assert "Sanne de Vries" in main and "Begeleider van de opvang bij Blijf Groep VO" in main
    assert "Een veilige woning in de regio" in main and "Urgentie aanvragen" in main
    assert "Mentor Velserpoort" not in main
    current = plan.versions.get(number=2)
    assert current.state == VersionState.DRAFT
    assert current.participants.get(relation=Relation.SHELTER_MENTOR).name == "Sanne de Vries"

    # The sending side no longer opens the file or the plan.
    logout(page, live_server)
    login(page, live_server, world.caseworker.username, PASSWORD)
    response = page.goto(url(live_server, reverse("plans:plan_detail", args=[plan.pk])))
    assert response is not None and response.status == 404
    page.goto(url(live_server, reverse("cases:handover_detail", args=[handover.pk])))
    visit(page, flow, "07-sender-completed")
    assert "Afgerond: het gezin is opgenomen bij" in page.locator("main").inner_text()
