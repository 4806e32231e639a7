"""The main flows of the issue, each in one test, through the UI only.

The ORM only sets up the starting state (the ``world`` fixture); every step after that is a
click, a key press or a typed address. Every page visited is checked for lang="nl" and by
axe-core, and screenshotted into test-results/screenshots/<flow>/.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from opvang.tests.factories import PASSWORD

from .conftest import login, url, visit
from .test_access import has_visible_focus

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

TODAY = timezone.localdate()  # the app's day (Europe/Amsterdam), not the machine's (UTC)


def iso(day: date) -> str:
    return day.isoformat()


# --- helpers ---------------------------------------------------------------------------------


def fill(page, values: dict[str, object], *, within=None) -> None:
    """Fill fields by their name: text, textarea, date, select (by value or label), checkbox, radio."""
    scope = within or page
    for name, value in values.items():
        field = scope.locator(f"[name='{name}']")
        first = field.first
        tag = first.evaluate("el => el.tagName.toLowerCase()")
        kind = first.get_attribute("type") or ""
        if tag == "select":
            options = first.locator("option")
            values_ = [options.nth(i).get_attribute("value") for i in range(options.count())]
            if str(value) in values_:
                first.select_option(value=str(value))
            else:
                first.select_option(label=re.compile(str(value)))
        elif kind == "checkbox":
            if isinstance(value, bool):
                first.set_checked(value)
            else:
                scope.locator(f"[name='{name}'][value='{value}']").check()
        elif kind == "radio":
            scope.locator(f"[name='{name}'][value='{value}']").check()
        else:
            first.fill(str(value))


def submit(page, field_name: str | None = None) -> None:
    """Submit the form that holds ``field_name`` (or the main form) and wait for the next page."""
    form = page.locator(f"main form:has([name='{field_name}'])").first if field_name else page.locator("main form").last
    button = form.locator("button[type=submit], input[type=submit]").last
    with page.expect_navigation():
        click_confirmed(page, button)
    errors = page.locator(".invalid-feedback, .alert-danger")
    assert errors.count() == 0 or not errors.first.is_visible(), (
        f"form errors on {page.url}: {errors.first.inner_text()}"
    )


def click_confirmed(page, button) -> None:
    """Click a button; when it asks first (``data-confirm`` → ``window.confirm`` in opvang.js),
    check the question is the one on the button and answer OK, as the user would."""
    question = button.get_attribute("data-confirm")
    if question is None:
        button.click()
        return
    asked: list[str] = []

    def answer(dialog) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.once("dialog", answer)
    button.click()
    assert asked == [question], f"expected the confirm dialog {question!r}, got {asked}"


def follow(page, href_pattern: str) -> str:
    """Click the first link whose href matches the pattern (the link must be on the page)."""
    links = page.locator("a[href]")
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href") or ""
        if re.search(href_pattern, href):
            with page.expect_navigation():
                links.nth(i).click()
            return href
    raise AssertionError(f"no link matching {href_pattern!r} on {page.url}")


def hrefs(page, pattern: str) -> list[str]:
    found = []
    links = page.locator("a[href]")
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href") or ""
        if re.search(pattern, href) and href not in found:
            found.append(href)
    return found


def logout(page, live_server) -> None:
    page.context.clear_cookies()
    page.goto(url(live_server, "/login/"))


def complete_intake(page, child_path: str, day: date, *, flow=None) -> None:
    """From the child's page, open its own intake (a page of its own: it is long), fill it in the
    form that fits the child's age and complete it."""
    follow(page, rf"^{child_path}intake/$")
    if flow is not None:
        visit(page, flow, "06b-child-intake-form")
    values: dict[str, object] = {
        "held_on": iso(day),
        "present": "alone",
        "need_school": "Weer naar de eigen school.",
        "custody": "both_parents",
        "other_parent_contact": "none",
    }
    if page.locator("main [name=observation]").count():
        values |= {"present": "parent", "observation": "Speelt rustig en zoekt de ouder op."}
    elif page.locator("main [name=consent_school]").count():
        values |= {"own_words": "Ik wil mijn vrienden blijven zien."}
        values |= {"consent_school": "true", "consent_health": "true", "consent_parent_reads": "false"}
    else:
        values["prompt_wish"] = "Een eigen kamer."
    if page.locator("main [name=safety_signals]").count():
        values["safety_signals"] = "false"
    fill(page, values)
    submit(page, "held_on")  # the last button: "Intake afronden"


def open_inline_form(page, href: str):
    """Click a link that HTMX turns into an in-page form (``hx-get``, with ``href`` as the fallback
    without JavaScript) and wait until the form has been swapped into the page; return the form.

    The page must not navigate: that would mean HTMX did not take the click (the fallback page
    would work too, but then this test would no longer cover the in-page form).
    """
    page.wait_for_load_state("load")  # htmx.js is loaded and has processed the hx-* attributes
    before = page.url
    link = page.locator(f"main a[href='{href}'][hx-get]").first
    target = link.get_attribute("hx-target")
    link.click()
    form = page.locator(f"{target} form[action='{href}']")
    expect(form).to_be_visible()
    expect(form.locator("button[type=submit]")).to_be_visible()
    assert page.url == before, f"the HTMX link {href} navigated to {page.url}"
    return form


def caseload_signals(page, live_server, household_path: str) -> list[str]:
    """The signal badges in the caseload row of one household."""
    page.goto(url(live_server, reverse("cases:caseload")))
    row = page.locator(f"#caseload-table tbody tr:has(a[href='{household_path}'])")
    expect(row).to_have_count(1)
    return [text.strip() for text in row.locator(".badge").all_inner_texts()]


WITHOUT_INTAKE = "Kind zonder eigen intake na 14 dagen"
WITHOUT_MENTOR = "Kind zonder eigen mentor"
OPEN_HANDOVER = "Openstaande overdracht"


# --- flow 1: the family's path ---------------------------------------------------------------


def test_flow_1_family_path_from_application_to_aftercare(page, live_server, world) -> None:
    flow = "01-family"
    login(page, live_server, world.caseworker.username, PASSWORD)
    visit(page, flow, "01-caseload")

    # A new application: first search whether the family is known, then register it.
    follow(page, r"/cases/households/search/")
    visit(page, flow, "02a-search")
    page.locator("main form [name=name]").fill("Noor Bakker")
    page.locator("main form [name=name]").press("Enter")
    page.wait_for_selector("a[href*='/cases/households/new/']")
    visit(page, flow, "02b-search-results")
    follow(page, r"/cases/households/new/")
    visit(page, flow, "02-register-form")
    fill(
        page,
        {
            "location": world.loc_a1.pk,
            "applied_on": iso(TODAY - timedelta(days=60)),
            "referred_by": "Veilig Thuis",
            "reason": "domestic_violence",
            "municipality_of_origin": "Haarlem",
        },
    )
    adults = [("Noor", "Bakker", "1988-04-02"), ("Daan", "Bakker", "1986-09-15")]
    for i, (first, last, born) in enumerate(adults):
        fill(page, {f"adults-{i}-first_name": first, f"adults-{i}-last_name": last, f"adults-{i}-date_of_birth": born})
    children = [("Mila", "2012-05-01"), ("Sem", "2016-02-11"), ("Finn", "2020-08-30")]
    for i, (first, born) in enumerate(children):
        fill(
            page,
            {
                f"children-{i}-first_name": first,
                f"children-{i}-last_name": "Bakker",
                f"children-{i}-date_of_birth": born,
            },
        )
    submit(page, "municipality_of_origin")
    household_path = re.search(r"/cases/households/\d+/", page.url).group(0)
    visit(page, flow, "03-household-registered")
    assert page.get_by_text("Mila").count() > 0

    # Registered, not admitted: no stay yet, so neither child signal.
    signals = caseload_signals(page, live_server, household_path)
    visit(page, flow, "03b-caseload-registered")
    assert WITHOUT_INTAKE not in signals and WITHOUT_MENTOR not in signals, signals

    # Admit: tab through the admission form with the keyboard alone, and submit with Enter.
    page.goto(url(live_server, household_path))
    follow(page, r"/admit/$")
    visit(page, flow, "04-admit-form")
    page.locator("main form [name=location]").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "admitted_on"
    assert has_visible_focus(page)
    # Admitted 55 days ago: past the 14 days in which each child has its own intake.
    fill(page, {"admitted_on": iso(TODAY - timedelta(days=55))})
    reached = []
    for _ in range(6):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.name || document.activeElement.type"))
        assert has_visible_focus(page), f"no visible focus on {reached[-1]}"
        if reached[-1] == "submit":
            break
    assert {"kind", "months"} <= set(reached) and reached[-1] == "submit", reached
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visit(page, flow, "05-admitted")
    child_paths = hrefs(page, r"^/children/\d+/$")
    assert len(child_paths) == 3, child_paths

    # Admitted 55 days ago, three children without intake or mentor: both signals.
    signals = caseload_signals(page, live_server, household_path)
    visit(page, flow, "05b-caseload-admitted")
    assert WITHOUT_INTAKE in signals and WITHOUT_MENTOR in signals, signals

    # The first child: own intake, the child's voice and an own mentor. The forms open in the
    # child's page (HTMX) and post as ordinary forms back to it.
    child_path = child_paths[0]
    page.goto(url(live_server, child_path))
    visit(page, flow, "06-child")
    expect(page.locator(".alert-danger[role=status]")).to_have_count(1)  # intake overdue

    complete_intake(page, child_path, TODAY - timedelta(days=50), flow=flow)
    assert page.url.endswith(f"{child_path}#mentor-intake"), page.url
    expect(page.locator("#mentor-intake")).not_to_contain_text("Nog niet")
    visit(page, flow, "06c-child-intake-recorded")

    form = open_inline_form(page, f"{child_path}voices/add/")
    visit(page, flow, "07-child-voice-form")
    fill(page, {"recorded_on": iso(TODAY - timedelta(days=49)), "wishes": "Weer naar mijn eigen school."}, within=form)
    submit(page, "wishes")
    expect(page.locator("#voice")).to_contain_text("Weer naar mijn eigen school.")

    form = open_inline_form(page, f"{child_path}mentor/")
    visit(page, flow, "07b-child-mentor-form")
    fill(page, {"mentor": world.colleague.pk, "on": iso(TODAY - timedelta(days=49))}, within=form)
    submit(page, "mentor")
    expect(page.locator("#mentor-intake")).to_contain_text(str(world.colleague))
    expect(page.locator(".alert-danger[role=status]")).to_have_count(0)
    visit(page, flow, "08-child-with-intake-voice-mentor")

    # One child done, two to go: the signals stay until every child has an intake and a mentor.
    signals = caseload_signals(page, live_server, household_path)
    assert WITHOUT_INTAKE in signals and WITHOUT_MENTOR in signals, signals
    for n, path in enumerate(child_paths[1:], start=2):
        page.goto(url(live_server, path))
        visit(page, flow, f"08-{n}a-child-{n}")
        complete_intake(page, path, TODAY - timedelta(days=48))
        form = open_inline_form(page, f"{path}mentor/")
        fill(page, {"mentor": world.colleague.pk, "on": iso(TODAY - timedelta(days=48))}, within=form)
        submit(page, "mentor")
        visit(page, flow, f"08-{n}b-child-{n}-intake-mentor")
    signals = caseload_signals(page, live_server, household_path)
    visit(page, flow, "08z-caseload-children-done")
    assert WITHOUT_INTAKE not in signals and WITHOUT_MENTOR not in signals, signals

    # A warm handover to organisation B, confirmed by its caseworker.
    page.goto(url(live_server, household_path))
    follow(page, r"/handovers/new/$")
    visit(page, flow, "09-handover-form")
    fill(
        page,
        {
            "to_organisation": world.org_b.pk,
            "to_professional_name": str(world.outsider),
            "planned_on": iso(TODAY - timedelta(days=10)),
            "kind": "warm",
            "summary": "Gezin met drie kinderen; plan en veiligheidsafspraken gaan mee.",
            "consent_given": True,
            "child_consent_given": True,
            "safety_info_passed": True,
            "plan_passed": True,
            "met_each_child": True,
        },
    )
    for box in page.locator("main form [name=children]").all():
        box.check()
    submit(page, "summary")
    visit(page, flow, "10-handover-proposed")

    assert OPEN_HANDOVER in caseload_signals(page, live_server, household_path)

    # A caseworker of the receiving organisation accepts, then completes the handover.
    receiver = world.outsider  # caseworker at B1, organisation B
    logout(page, live_server)
    login(page, live_server, receiver.username, PASSWORD)
    page.goto(url(live_server, reverse("cases:handover_list")))
    visit(page, flow, "11-receiving-handover-list")
    follow(page, r"^/cases/handovers/\d+/$")
    handover_path = re.search(r"/cases/handovers/\d+/", page.url).group(0)
    visit(page, flow, "12-receiving-handover-detail")
    form = page.locator("main form[action$='/accept/']")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url.endswith(handover_path), page.url
    visit(page, flow, "13-handover-accepted")
    expect(page.locator("main form[action$='/accept/']")).to_have_count(0)
    form = page.locator("main form[action$='/complete/']")
    fill(page, {"safety_info_passed": True, "plan_passed": True, "met_each_child": True}, within=form)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url.endswith(handover_path), page.url
    expect(page.locator("main form[action$='/complete/']")).to_have_count(0)
    expect(page.locator("main .alert-danger")).to_have_count(0)
    visit(page, flow, "13b-handover-completed")

    # Back as the sending caseworker: extend the beschikking, discharge, aftercare.
    logout(page, live_server)
    login(page, live_server, world.caseworker.username, PASSWORD)
    page.goto(url(live_server, household_path))
    follow(page, r"/beschikkingen/\d+/extend/$")
    visit(page, flow, "14-extend-form")
    fill(page, {"new_end_on": iso(TODAY + timedelta(days=130)), "reason": "no_outflow"})
    submit(page, "new_end_on")
    follow(page, r"/stays/\d+/end/$")
    visit(page, flow, "15-discharge-form")
    fill(page, {"left_on": iso(TODAY - timedelta(days=5)), "destination": "social_rent"})
    submit(page, "destination")
    visit(page, flow, "16-discharged")
    follow(page, r"/aftercare/contacts/new/$")
    fill(
        page, {"contact_on": iso(TODAY - timedelta(days=2)), "kind": "phone", "notes": "Gaat goed in de nieuwe woning."}
    )
    submit(page, "contact_on")
    visit(page, flow, "17-aftercare-recorded")


# --- flow 2: the gedragen plan ---------------------------------------------------------------


def test_flow_2_gedragen_plan_with_neighbour_and_cjg(page, live_server, world) -> None:
    flow = "02-plan"
    household = world.household_a1
    login(page, live_server, world.caseworker.username, PASSWORD)
    page.goto(url(live_server, reverse("cases:household_detail", args=[household.pk])))
    follow(page, rf"/plans/household/{household.pk}/start/$")
    visit(page, flow, "01-plan-start")
    fill(page, {"start_on": iso(TODAY - timedelta(days=3)), "perspective": "Een eigen huis dicht bij school."})
    submit(page, "start_on")
    plan_path = re.search(r"/plans/\d+/", page.url).group(0)
    visit(page, flow, "02-plan")

    # The circle: the parent and the child from the household, a neighbour and the CJG.
    circle_url = url(live_server, plan_path + "circle/")
    page.goto(circle_url)
    visit(page, flow, "03-circle")
    members = page.locator("main form [name=member] option")
    member_values = [members.nth(i).get_attribute("value") for i in range(members.count())]
    for value in [v for v in member_values if v]:
        follow(page, r"/circle/add/$")
        fill(page, {"member": value, "relation": "child" if value.startswith("c:") else "parent"})
        submit(page, "relation")
    for name, relation, kind in (
        ("Buurvrouw Els", "neighbour", "network"),
        ("Jeugdverpleegkundige CJG", "cjg", "professional"),
    ):
        page.goto(circle_url)
        follow(page, r"/circle/add/$")
        fill(page, {"name": name, "relation": relation, "kind": kind})
        submit(page, "relation")
    page.goto(circle_url)
    visit(page, flow, "04-circle-complete")

    # Goals for the child and for the adult.
    page.goto(url(live_server, plan_path))
    for domain, text in (("child_school", "Ik ga elke dag naar school."), ("housing", "Wij hebben een woning.")):
        # The goal editor is HTMX: the link swaps a form into the page, the form swaps back.
        page.locator(f"a[href='{plan_path}goals/add/']").first.click()
        form = page.locator("form[action$='/goals/add/']")
        form.locator("[name=text]").wait_for()
        who = form.locator("[name=for_whom] option")
        options = [who.nth(i).get_attribute("value") or "" for i in range(who.count())]
        wanted = next(o for o in options if o.startswith("c:" if domain.startswith("child") else "a:"))
        fill(page, {"domain": domain, "for_whom": wanted, "text": text}, within=form)
        form.locator("button[type=submit]").click()
        page.get_by_text(text).first.wait_for()
    visit(page, flow, "05-goals")

    # Every agreement.
    page.goto(circle_url)
    for href in hrefs(page, r"/participants/\d+/agreement/$"):
        page.goto(url(live_server, href))
        fill(page, {"decision": "agreed", "decided_on": iso(TODAY), "method": "meeting"})
        submit(page, "decided_on")
    page.goto(url(live_server, plan_path))
    follow(page, r"/agree/$")
    visit(page, flow, "06-agree-form")
    fill(page, {"agreed_on": iso(TODAY)})
    submit(page, "agreed_on")
    visit(page, flow, "07-plan-agreed")
    assert page.get_by_text(re.compile(r"\bgedragen\b", re.I)).count() > 0

    # The plan PDF for the family.
    # The PDF opens inline in the browser: fetch it with the browser's own session.
    link = page.locator(f"a[href='{plan_path}print/']").first
    response = page.context.request.get(url(live_server, link.get_attribute("href")))
    assert response.status == 200 and response.body().startswith(b"%PDF")


# --- flow 3: the policy officer's dashboard ---------------------------------------------------


def generate_reports(world) -> None:
    """Starting state: the region's and location A1's last complete quarter, as the schedule makes them."""
    from reports.periods import Period, Scope
    from reports.services import snapshot_generate

    quarter = Period.containing("quarter", TODAY).previous()
    for scope in (Scope.region(), Scope.for_location(world.loc_a1)):
        snapshot_generate(scope=scope, period=quarter)


def test_flow_3_dashboard_without_names(page, live_server, world) -> None:
    flow = "03-dashboard"
    generate_reports(world)
    login(page, live_server, world.policy_officer.username, PASSWORD)
    assert "/reports/dashboard/" in page.url
    visit(page, flow, "01-dashboard")
    form = page.locator("main form").first
    location = form.locator("[name=location]")
    if location.count():
        location.select_option(str(world.loc_a1.pk))
    period = form.locator("[name=period_kind]")
    if period.count():
        period.select_option("quarter")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    visit(page, flow, "02-dashboard-filtered")
    follow(page, r"/reports/definitions/")
    visit(page, flow, "03-definitions")
    assert page.get_by_text(re.compile("Aanmeldingen|Applications")).count() > 0

    # No client's name, reference or birth date anywhere on these pages.
    for path in ("/reports/dashboard/", f"/reports/dashboard/?location={world.loc_a1.pk}", "/reports/definitions/"):
        page.goto(url(live_server, path))
        text = page.content()
        for household in (world.household_a1, world.household_a2, world.household_b1):
            assert household.reference not in text
            for person in [*household.adults.all(), *household.children.all()]:
                assert person.last_name not in text, f"{person.last_name} appears on {path}"


# --- flow 4: the contract manager's quarterly report and evaluation dossier ------------------


def test_flow_4_quarterly_report_and_evaluation_dossier(page, live_server, world, monkeypatch, tmp_path) -> None:
    flow = "04-contract"
    from pypdf import PdfReader

    from reports import tasks
    from reports.periods import Period
    from reports.services import dossier_ensure

    dossier_ensure(location=world.loc_a1, year=TODAY.year)  # starting state: this year's dossier
    # The Celery worker: in tests Celery runs eagerly, so the report would be done before its page
    # shows. Hold the job until the test has seen the progress bar, then let "the worker" run it.
    queued: list[int] = []
    monkeypatch.setattr(tasks.build_snapshot, "delay", lambda snapshot_id: queued.append(snapshot_id))

    login(page, live_server, world.contract_manager.username, PASSWORD)
    assert "/reports/" in page.url
    visit(page, flow, "01-report-list")

    # Last quarter's report of location A1.
    quarter = Period.containing("quarter", TODAY).previous()
    form = page.locator("main form[action$='/reports/generate/']")
    fill(
        page,
        {
            "scope_kind": "location",
            "location": world.loc_a1.pk,
            "period_kind": "quarter",
            "year": quarter.start.year,
            "quarter": (quarter.start.month - 1) // 3 + 1,
        },
        within=form,
    )
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert re.search(r"/reports/\d+/$", page.url), page.url
    report_path = re.search(r"/reports/\d+/", page.url).group(0)

    # The progress bar: a live region that HTMX polls, a labelled <progress>.
    status = page.locator("#snapshot-status")
    expect(status).to_be_visible()
    assert status.get_attribute("aria-live") == "polite"
    assert status.get_attribute("hx-get") == f"{report_path}status/"
    progress = status.locator("progress#snapshot-progress")
    expect(progress).to_be_visible()
    expect(status.locator("label[for=snapshot-progress]")).to_have_count(1)
    assert progress.get_attribute("value") == "0"
    expect(page.locator("a[href$='/pdf/']")).to_have_count(0)
    visit(page, flow, "02-progress")

    # The worker builds the report; the next poll sees it done and reloads the page once.
    assert len(queued) == 1, queued
    tasks.build_snapshot.apply(args=queued, throw=True)
    pdf_link = page.locator(f"main a[href='{report_path}pdf/']")
    expect(pdf_link).to_be_visible(timeout=15_000)
    expect(page.locator("#snapshot-status")).to_have_count(0)
    visit(page, flow, "03-report")

    # In the report list the revision is complete and current.
    page.goto(url(live_server, reverse("reports:report_list")))
    row = page.locator(f"main table tbody tr:has(a[href='{report_path}'])")
    expect(row).to_have_count(1)
    expect(row.locator(f"a[href='{report_path}pdf/']")).to_be_visible()
    expect(row.locator(".badge.text-bg-success")).to_have_count(1)  # current
    page.goto(url(live_server, report_path))

    # Download the PDF as the user does (it is an attachment) and read it back.
    with page.expect_download() as download_info:
        pdf_link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    pdf_path = tmp_path / download.suggested_filename
    download.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    text = " ".join(page_.extract_text() or "" for page_ in PdfReader(pdf_path).pages)
    assert world.loc_a1.name in text and world.org_a.name in text, text[:500]

    # The evaluation dossier: an improvement point, then mark it final.
    page.goto(url(live_server, reverse("reports:report_list")))
    follow(page, r"^/reports/dossiers/$")
    visit(page, flow, "04-dossiers")
    follow(page, r"^/reports/dossiers/\d+/$")
    dossier_path = re.search(r"/reports/dossiers/\d+/", page.url).group(0)
    visit(page, flow, "05-dossier")
    point = "Elk kind binnen 14 dagen een eigen intake."
    fill(page, {"text": point})
    submit(page, "text")
    assert page.url.endswith(dossier_path), page.url
    expect(page.locator("main table").get_by_text(point)).to_be_visible()
    visit(page, flow, "06-improvement-point")

    # Who took part in the evaluation meeting (a final dossier needs it).
    follow(page, rf"^{dossier_path}edit/$")
    visit(page, flow, "06b-dossier-edit")
    fill(
        page,
        {
            "meeting_on": iso(TODAY - timedelta(days=7)),
            "participants": "Gemeente X, contractmanager\nOpvang A, teamleider",
            "notes": "Intakes van kinderen besproken.",
        },
    )
    submit(page, "participants")
    assert page.url.endswith(dossier_path), page.url
    expect(page.locator("main")).to_contain_text("Opvang A, teamleider")

    # Only free text, no participant marked present: the page warns for each of the four parties
    # and marking final asks to accept that first.
    page.locator("#id_accept_missing").check()

    final = page.locator(f"main form[action='{dossier_path}final/'] button[type=submit]")
    assert final.get_attribute("data-confirm"), "marking the dossier final does not ask first"
    with page.expect_navigation():
        click_confirmed(page, final)
    assert page.url.endswith(dossier_path), page.url
    expect(page.locator(f"main form[action='{dossier_path}final/']")).to_have_count(0)
    expect(page.locator(f"main form[action='{dossier_path}points/']")).to_have_count(0)
    expect(page.locator("main table").get_by_text(point)).to_be_visible()  # frozen with the dossier
    visit(page, flow, "07-dossier-final")
