"""A caseworker's day (issue 11, "Done when"), in one browser walk through the UI.

The ORM only sets up the starting state: the world's household at A1 with a 9-year-old, Lina, and
a gedragen plan in draft. After that every step is a click or a form filled through its Dutch
label: notes on the household and on Lina, a follow-up for the colleague that shows on the
colleague's caseload until the colleague marks it done, Lina's own intake (the conversation for
4–12) completed, Lina's wish written down and turned into a plan goal through the goal form's
"Komt uit wat een kind zei", and Lina's own "mijn plan" PDF downloaded and read back.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from children.tests.factories import ChildFactory
from opvang.tests.factories import PASSWORD

from .conftest import login, shot, url, visit

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]

FLOW = "11-caseworker-day"
WISH = "Een eigen kamer met een bureau om huiswerk te maken."
GOAL = "Lina heeft een rustige plek voor haar huiswerk."
FOLLOW_UP = "School bellen over vervoer van Lina"


def field(scope, label: str):
    """The field with exactly this Dutch label (crispy forms mark a required one with "*")."""
    escaped = re.sub(r"([.*+?^${}()|\[\]\\])", r"\\\1", label)  # no re.escape: "\ " is no JavaScript
    return scope.get_by_label(re.compile(rf"^\s*{escaped}\s*\*?\s*$"))


def save(page, scope) -> None:
    """Click the form's "Opslaan" and wait for the page it leads to."""
    with page.expect_navigation():
        scope.get_by_role("button", name="Opslaan").click()


def test_caseworker_day(page, live_server, world, tmp_path) -> None:
    from pypdf import PdfReader

    from plans import services as plan_services

    today = timezone.localdate()  # the app's day (Amsterdam), not the machine's: they differ after 23:00 UTC

    # --- the starting state: Lina (9) in A1's household, and the family's plan in draft ---------
    household = world.household_a1
    household.children.all().delete()
    lina = ChildFactory(
        household=household,
        first_name="Lina",
        last_name="Bakker",
        date_of_birth=today - relativedelta(years=9, months=4),
    )
    plan = plan_services.plan_create(household=household, user=world.caseworker)
    household_path = reverse("cases:household_detail", args=[household.pk])
    child_path = reverse("children:child_detail", args=[lina.pk])
    plan_path = reverse("plans:plan_detail", args=[plan.pk])
    contact_at = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")

    # --- (1) a note on the household, raising a follow-up for the colleague --------------------
    login(page, live_server, world.caseworker.username, PASSWORD)
    with page.expect_navigation():
        page.locator(f"main a[href='{household_path}']").first.click()
    visit(page, FLOW, "01-household")
    with page.expect_navigation():
        page.get_by_role("link", name="Nieuwe notitie").click()
    visit(page, FLOW, "02-note-form")
    form = page.locator("main form")
    field(form, "Datum en tijd van het contact").fill(contact_at)
    field(form, "Soort contact").select_option(value="conversation")
    field(form, "Over").select_option(label="Het hele gezin")
    field(form, "Wat er gebeurde of besproken werd").fill("Gesprek met moeder over de eerste week.")
    field(form, "Vervolgactie: wat moet er gebeuren").fill(FOLLOW_UP)
    field(form, "Vervolgactie: uiterlijk op").fill((today + timedelta(days=3)).isoformat())
    field(form, "Vervolgactie: wie").select_option(label=str(world.colleague))
    save(page, form)
    expect(page.locator(".alert-success")).to_contain_text("Notitie opgeslagen.")
    expect(page.locator("main")).to_contain_text("Gesprek met moeder over de eerste week.")
    expect(page.locator("main")).to_contain_text(FOLLOW_UP)
    visit(page, FLOW, "03-household-notes")

    # ... and a note on Lina, started from her page (it comes back there).
    page.goto(url(live_server, household_path))
    with page.expect_navigation():
        page.locator(f"main a[href='{child_path}']").first.click()
    visit(page, FLOW, "04-child")
    with page.expect_navigation():
        page.get_by_role("link", name="Nieuwe notitie").click()
    form = page.locator("main form")
    expect(field(form, "Over")).to_have_value(f"child:{lina.pk}")  # about Lina, from her page
    field(form, "Datum en tijd van het contact").fill(contact_at)
    field(form, "Soort contact").select_option(value="observation")
    field(form, "Wat er gebeurde of besproken werd").fill("Lina speelde buiten met twee kinderen.")
    save(page, form)
    assert page.url.split("#")[0].endswith(child_path), page.url
    notes = page.locator("section[aria-labelledby=notes-title]")
    expect(notes).to_contain_text("Lina speelde buiten met twee kinderen.")
    expect(notes).not_to_contain_text("Gesprek met moeder")  # the household's note is not about Lina
    visit(page, FLOW, "05-child-with-note")

    # --- (3) Lina's own intake: the conversation with prompts (4–12), completed ----------------
    intake_link = page.locator("#mentor-intake").get_by_role("link", name="Intake vastleggen")
    expect(intake_link).to_have_count(1)
    with page.expect_navigation():
        intake_link.click()
    expect(page.locator("main .lead")).to_contain_text("Gesprek met gespreksvragen (4–12 jaar)")
    visit(page, FLOW, "06-intake-form")
    form = page.locator("main form")
    field(form, "Datum van het gesprek").fill(today.isoformat())
    field(form, "Aanwezig").select_option(label="Het kind alleen")
    field(form, "Als je één ding mocht wensen, wat zou dat zijn?").fill("Een eigen kamer.")
    field(form, "Wat het kind wil dat wij weten").fill("Ik wil op mijn eigen school blijven.")
    field(form, "Vrienden en vrije tijd").fill("Wil weer naar voetbal.")
    field(form, "Gezag").select_option(label="Beide ouders")
    field(form, "Contact met de andere ouder").select_option(label="Geen contact")
    field(form, "Zijn er signalen van geweld of verwaarlozing?").select_option(label="Nee")
    with page.expect_navigation():
        form.get_by_role("button", name="Intake afronden").click()
    expect(page.locator(".alert-success")).to_contain_text("De intake is afgerond.")
    section = page.locator("#mentor-intake")
    expect(section).to_contain_text("Ik wil op mijn eigen school blijven.")
    expect(section.get_by_role("link", name="Intake vastleggen")).to_have_count(0)
    expect(section.get_by_role("link", name="Intake verder invullen")).to_have_count(0)
    visit(page, FLOW, "07-child-intake-done")

    # --- (4) Lina's wish, written down on her page ... -------------------------------------------
    page.get_by_role("link", name="Opschrijven wat het kind zegt").click()
    form = page.locator("#voice-form form")
    expect(form).to_be_visible()
    field(form, "Wat het kind wil").fill(WISH)
    field(form, "Waar gaat het vooral over?").select_option(label="Rust en een eigen plek")
    save(page, form)
    expect(page.locator("#voice")).to_contain_text(WISH)

    # ... becomes a goal in the plan, through the goal form's voice field.
    page.goto(url(live_server, household_path))
    with page.expect_navigation():
        page.get_by_role("link", name="Plan openen").click()
    assert page.url.endswith(plan_path), page.url
    visit(page, FLOW, "08-plan")
    page.get_by_role("link", name="Een doel toevoegen").click()
    form = page.locator("form[action$='/goals/add/']")
    expect(form).to_be_visible()
    field(form, "Leefgebied").select_option(value="child_wellbeing")
    field(form, "Voor wie").select_option(value=f"c:{lina.pk}")
    field(form, "Het doel, in de woorden van het gezin").fill(GOAL)
    voice = field(form, "Komt uit wat een kind zei")
    voice.select_option(label=f"Lina, {today:%d-%m-%Y}: {WISH}")  # her wish of today
    form.get_by_role("button", name="Doel toevoegen").click()  # HTMX swaps the goals back in
    children = page.locator("#plan-children")
    expect(children).to_contain_text(GOAL)
    expect(children.get_by_text("uit de woorden van het kind")).to_have_count(1)
    expect(children).to_contain_text(WISH)
    visit(page, FLOW, "09-plan-goal-from-wish")

    # --- (5) Lina's own "mijn plan", downloaded and read back -----------------------------------
    link = page.get_by_role("link", name='"Mijn plan" van Lina (pdf)')
    with page.expect_download() as download_info:
        link.click(modifiers=["Alt"])  # Alt-click: the browser saves the link instead of opening it
    download = download_info.value
    pdf_path = tmp_path / download.suggested_filename
    download.save_as(pdf_path)
    body = pdf_path.read_bytes()
    assert body.startswith(b"%PDF")
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(body)).pages).split())
    assert "Lina" in text, text
    assert GOAL in text, text
    assert WISH in text, text  # "Wat ik wil": her own words

    # --- (2) the colleague finds the follow-up on the caseload and marks it done ---------------
    page.context.clear_cookies()
    login(page, live_server, world.colleague.username, PASSWORD)
    page.goto(url(live_server, reverse("cases:caseload")))
    follow_ups = page.locator("section[aria-labelledby=follow-ups-title]")
    expect(follow_ups).to_contain_text("Mijn vervolgacties")
    expect(follow_ups).to_contain_text(FOLLOW_UP)
    visit(page, FLOW, "10-colleague-caseload-follow-up")
    with page.expect_navigation():
        follow_ups.get_by_role("link", name=household.reference).click()
    note = page.locator("article", has_text=FOLLOW_UP)
    with page.expect_navigation():
        note.get_by_role("button", name="Gedaan").click()
    expect(page.locator(".alert-success")).to_contain_text("Vervolgactie is gedaan.")
    expect(page.locator("article", has_text=FOLLOW_UP)).to_contain_text("gedaan door")
    page.goto(url(live_server, reverse("cases:caseload")))
    expect(page.locator("section[aria-labelledby=follow-ups-title]")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(FOLLOW_UP)
    shot(page, FLOW, "11-colleague-caseload-done")
