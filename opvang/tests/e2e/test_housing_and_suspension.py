"""Issue 14 through the browser: a household from ready to move through a housing application,
an offer and departure to a destination municipality (seen by the policy officer per
municipality), then its aftercare plan, aftercare contacts and the safety checks 1 and 3 months
after the departure ('Veilig na opvang'); a second household's adult suspended, heard, objecting
and returning (seen in the suspension policy evaluation and its PDF). Every page is checked for
lang="nl" and by axe-core. The departure lies 100 days back, so both safety checks are due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AftercareContact, Stay, Suspension
from opvang.tests.factories import PASSWORD
from outflow.models import AftercarePlan, HousingApplication, SafetyCheck
from outflow.tests.factories import CorporationFactory

from .conftest import login, url, visit
from .test_flows import caseload_signals, fill, follow, iso, logout, submit

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

TODAY = timezone.localdate()  # the app's day (Europe/Amsterdam), not the machine's (UTC)
READY_WITHOUT_OFFER = "Langer dan 60 dagen woonklaar, geen aanbod"
AFTERCARE_OVERDUE = "Langer geen nazorgcontact dan het plan zegt"
SAFETY_CHECK_DUE = "Veiligheidscheck na de opvang nodig"
LEFT = TODAY - timedelta(days=100)


def test_flow_housing_outflow_and_suspension(page, live_server, world) -> None:
    flow = "14-outflow"
    corporation = CorporationFactory(name="Pré Wonen")
    household = world.household_a1
    detail = reverse("cases:household_detail", args=[household.pk])

    login(page, live_server, world.caseworker.username, PASSWORD)
    page.goto(url(live_server, detail))
    follow(page, r"/outflow/households/\d+/ready/$")
    visit(page, flow, "01-ready-to-move")
    fill(page, {"ready_on": iso(TODAY - timedelta(days=200)), "notes": "Kan zelfstandig wonen."})
    submit(page, "ready_on")
    assert READY_WITHOUT_OFFER in caseload_signals(page, live_server, detail)

    page.goto(url(live_server, detail))
    follow(page, r"/outflow/households/\d+/applications/new/$")
    visit(page, flow, "02-housing-application")
    fill(
        page,
        {
            "kind": "urgency",
            "municipality": "Heemstede",
            "corporation": corporation.pk,
            "applied_on": iso(TODAY - timedelta(days=195)),
        },
    )
    submit(page, "kind")
    visit(page, flow, "03-household-with-application")
    follow(page, r"/outflow/households/\d+/applications/\d+/$")
    visit(page, flow, "04-offer-and-outcome")
    fill(
        page,
        {
            "decision": "granted",
            "decided_on": iso(TODAY - timedelta(days=170)),
            "offer": "Driekamerwoning",
            "offered_on": iso(TODAY - timedelta(days=160)),
            "outcome": "housed",
            "outcome_on": iso(TODAY - timedelta(days=150)),
        },
    )
    submit(page, "decision")
    assert READY_WITHOUT_OFFER not in caseload_signals(page, live_server, detail)
    assert HousingApplication.objects.get(household=household).outcome == "housed"

    page.goto(url(live_server, detail))
    follow(page, r"/cases/households/\d+/stays/\d+/end/$")
    visit(page, flow, "05-departure")
    fill(
        page,
        {
            "left_on": iso(LEFT),
            "destination": "own_rental_urgency",
            "destination_municipality": "Heemstede",
        },
    )
    submit(page, "destination")
    assert Stay.objects.get(household=household).destination_municipality == "Heemstede"

    # Aftercare: the plan (the caseworker keeps in touch every two weeks), then two contacts.
    assert SAFETY_CHECK_DUE in caseload_signals(page, live_server, detail)
    page.goto(url(live_server, detail))
    follow(page, r"/outflow/households/\d+/aftercare/plan/$")
    visit(page, flow, "05a-aftercare-plan")
    fill(
        page,
        {
            "owner_user": world.caseworker.pk,
            "frequency_weeks": "2",
            "made_on": iso(LEFT),
            "planned_end_on": iso(TODAY + timedelta(days=90)),
        },
    )
    submit(page, "frequency_weeks")
    assert AFTERCARE_OVERDUE in caseload_signals(page, live_server, detail)
    for day, kind, notes in (
        (TODAY - timedelta(days=60), "visit", "Huisbezoek, gaat goed."),
        (TODAY - timedelta(days=5), "phone", ""),
    ):
        page.goto(url(live_server, detail))
        follow(page, r"/outflow/households/\d+/aftercare/contacts/new/$")
        fill(page, {"contact_on": iso(day), "kind": kind, "notes": notes})
        submit(page, "contact_on")
    visit(page, flow, "05b-aftercare-contacts")
    plan = AftercarePlan.objects.get(household=household)
    assert AftercareContact.objects.filter(plan=plan).count() == 2
    assert AFTERCARE_OVERDUE not in caseload_signals(page, live_server, detail)

    # Veilig na opvang: the checks 1 and 3 months after the departure (restricted section).
    child = household.children.get()
    for months, done_on, values in (
        (1, LEFT + timedelta(days=31), {"risk_level": "medium", f"child_{child.pk}": "safe"}),
        (
            3,
            TODAY - timedelta(days=2),
            {
                "risk_level": "low",
                "incidents": True,
                "incidents_notes": "Ex-partner belde één keer.",
                "follow_up": "Contactverbod besproken met de wijkagent.",
                f"child_{child.pk}": "concerns",
            },
        ),
    ):
        page.goto(url(live_server, detail))
        follow(page, rf"/outflow/households/\d+/safety-checks/{months}/$")
        visit(page, flow, f"05c-safety-check-{months}")
        fill(page, {"done_on": iso(done_on), **values})
        submit(page, "risk_level")
    assert sorted(SafetyCheck.objects.filter(household=household).values_list("months", flat=True)) == [1, 3]
    assert "Ex-partner belde één keer." in page.locator("#safety-checks").inner_text()
    visit(page, flow, "05d-household-after-checks")
    assert SAFETY_CHECK_DUE not in caseload_signals(page, live_server, detail)

    # A second household (A2), by the team lead: suspended without a hearing, objects, returns.
    logout(page, live_server)
    other = world.household_a2
    other_detail = reverse("cases:household_detail", args=[other.pk])
    login(page, live_server, world.team_lead.username, PASSWORD)
    page.goto(url(live_server, other_detail))
    follow(page, r"/cases/households/\d+/suspensions/new/$")
    visit(page, flow, "06-suspension")
    child = other.children.get()
    fill(
        page,
        {
            "adult": other.adults.get().pk,
            "start_on": iso(TODAY - timedelta(days=10)),
            "reason": "violence",
            "duration_days": "7",
            "heard": "yes",
            "heard_on": iso(TODAY - timedelta(days=10)),
            "adult_went": "network",
            f"child_{child.pk}": "Bij oma",
            f"arrangement_{child.pk}": "network",
        },
    )
    submit(page, "reason")
    follow(page, r"/cases/households/\d+/suspensions/\d+/$")
    visit(page, flow, "07-suspension-outcome")
    fill(
        page,
        {
            "heard": "yes",
            "heard_on": iso(TODAY - timedelta(days=10)),
            "objection": "objection",
            "objection_on": iso(TODAY - timedelta(days=9)),
            "objection_outcome": "shortened",
            "adult_went": "network",
            "end_on": iso(TODAY - timedelta(days=6)),
            "outcome": "returned",
        },
    )
    submit(page, "objection")
    suspension = Suspension.objects.get(household=other)
    assert (suspension.objection_outcome, suspension.outcome) == ("shortened", "returned")

    # The policy officer: outflow per municipality and the suspension policy, aggregates only.
    logout(page, live_server)
    login(page, live_server, world.policy_officer.username, PASSWORD)
    page.goto(url(live_server, reverse("reports:outflow_overview")))
    visit(page, flow, "08-outflow-overview")
    assert "Heemstede" in page.locator("main").inner_text()
    page.goto(url(live_server, reverse("reports:suspension_evaluation") + f"?year={TODAY.year}"))
    visit(page, flow, "09-suspension-evaluation")
    main = page.locator("main").inner_text()
    assert "Evaluatie schorsingsbeleid" in main and "<5" in main
    assert household.reference not in main and other.reference not in main
    with page.expect_download() as download:
        page.locator("main a[href*='/reports/suspensions/pdf/']").click()
    assert download.value.suggested_filename.startswith("schorsingsbeleid-")
