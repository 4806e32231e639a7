"""Issue 13, scenario (4) through the browser: the policy officer prepares the evaluation dossier
and invites the four parties; the provider's team lead reads the draft and comments; after the
meeting the policy officer records who was present (all four: no warning), agrees follow-up
actions and marks the dossier final; next year's dossier shows the open action carried over.
Every page is checked for lang="nl" and by axe-core."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from opvang.tests.factories import PASSWORD
from plans.tests.partners import partner_user
from reports.constants import DossierStatus
from reports.models import DossierComment, DossierParticipant, EvaluationDossier, FollowUpAction

from .conftest import login, url, visit
from .test_flows import click_confirmed, logout, submit

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestRemovedIn10Warning"),
]


def _invite(page, *, account: str = "", name: str = "", party: str = "") -> None:
    form = page.locator("form.invite-form")
    if account:
        form.locator("select[name='user']").select_option(label=account)
    else:
        form.locator("input[name='name']").fill(name)
        form.locator("select[name='party']").select_option(party)
    submit(page, "party")


def _account_label(user) -> str:
    name = user.get_full_name() or user.username
    org = user.organisation.name if user.organisation else ""
    return f"{name} ({', '.join(p for p in (org, user.get_role_display()) if p)})"


def test_flow_evaluation_meeting(page, live_server, world) -> None:
    flow = "15-evaluation"
    partner = partner_user("partner")
    dossier = EvaluationDossier.objects.create(location=world.loc_a1, year=2025)
    detail = url(live_server, reverse("reports:dossier_detail", kwargs={"pk": dossier.pk}))

    # The policy officer prepares the meeting: invites the provider's team lead, the CJG partner,
    # the contract manager and themselves.
    login(page, live_server, world.policy_officer.username, PASSWORD)
    page.goto(detail)
    visit(page, flow, "01-draft")
    assert page.locator(".party-missing").count() == 4
    with translation.override("nl"):
        for user in (world.team_lead, partner, world.contract_manager, world.policy_officer):
            _invite(page, account=_account_label(user))
    assert DossierParticipant.objects.filter(dossier=dossier).count() == 4
    visit(page, flow, "02-invited")

    # The provider's team lead reads the draft and comments before the meeting; no edit, no final.
    logout(page, live_server)
    login(page, live_server, world.team_lead.username, PASSWORD)
    page.goto(detail)
    assert page.locator("form.finalise-form").count() == 0
    page.locator("textarea[name='text']").fill("Graag ook de wachtlijst voor kinderen bespreken.")
    submit(page, "text")
    assert DossierComment.objects.filter(dossier=dossier, author=world.team_lead).exists()
    visit(page, flow, "03-team-lead-comment")

    # After the meeting: all four present, no warning; two follow-up actions; final.
    logout(page, live_server)
    login(page, live_server, world.policy_officer.username, PASSWORD)
    page.goto(detail)
    for box in page.locator("input[name='present']").all():
        box.check()
    submit(page, "present")
    assert page.locator(".party-missing").count() == 0
    assert page.locator(".parties-complete").count() == 1
    form = page.locator("form.add-action")
    for what, owner, due in (
        ("Scholing Veerkracht voor het hele team", world.team_lead, "2026-09-01"),
        ("Wachtlijst kinderen in beeld", world.policy_officer, "2026-06-01"),
    ):
        form.locator("input[name='what']").fill(what)
        with translation.override("nl"):
            form.locator("select[name='owner_user']").select_option(label=_account_label(owner))
        form.locator("input[name='due_on']").fill(due)
        submit(page, "owner_user")
    assert FollowUpAction.objects.filter(dossier=dossier).count() == 2
    visit(page, flow, "04-meeting-held")
    assert page.locator("input[name='accept_missing']").count() == 0  # nobody missing: nothing to confirm
    with page.expect_navigation():
        click_confirmed(page, page.locator("form.finalise-form button[type=submit]"))
    assert EvaluationDossier.objects.get(pk=dossier.pk).status == DossierStatus.FINAL
    visit(page, flow, "05-final")
    # One action is done; the other stays open and carries over.
    done = FollowUpAction.objects.get(what__startswith="Wachtlijst")
    row = page.locator(f"form[action$='/actions/{done.pk}/status/']")
    row.locator("select[name='status']").select_option("done")
    with page.expect_navigation():
        row.locator("button").click()

    assert FollowUpAction.objects.get(pk=done.pk).status == "done"

    # Next year's dossier: the open action carried over from 2025, still open (and the one done
    # this year, so the meeting sees how it ended).
    next_year = EvaluationDossier.objects.create(location=world.loc_a1, year=2026)
    page.goto(url(live_server, reverse("reports:dossier_detail", kwargs={"pk": next_year.pk})))
    carried = page.locator("#actions tr", has_text="Scholing Veerkracht voor het hele team")
    assert "overgenomen uit 2025" in carried.inner_text() and "Open" in carried.inner_text()
    assert "Gedaan" in page.locator("#actions tr", has_text="Wachtlijst kinderen in beeld").inner_text()
    visit(page, flow, "06-next-year")
