"""Plan sub-pages (goal and action forms, an earlier version) have a page title of their own."""

import re

import pytest
from django.urls import reverse

from plans import services
from plans.models import PlanVersion

pytestmark = pytest.mark.django_db


def title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert match, "no <title>"
    return " ".join(match.group(1).split())


def test_goal_action_and_version_pages_have_their_own_titles(client, world):
    household = world.household_a1
    plan = services.plan_create(household=household, user=None)
    goal = services.goal_add(plan_version=PlanVersion.objects.get(plan=plan), domain="housing", text="Een huis")
    action = services.action_add(goal=goal, what="Inschrijven bij de woningcorporatie")
    client.force_login(world.caseworker)
    ref = household.reference
    pages = {
        reverse("plans:plan_detail", args=[plan.pk]): f"Gedragen plan {ref} · Opvang",
        reverse("plans:goal_add", args=[plan.pk]): f"Nieuw doel · Gedragen plan {ref} · Opvang",
        reverse("plans:goal_edit", args=[goal.pk]): f"Doel wijzigen · Gedragen plan {ref} · Opvang",
        reverse("plans:goal_progress", args=[goal.pk]): f"Voortgang bijhouden · Gedragen plan {ref} · Opvang",
        reverse("plans:action_add", args=[goal.pk]): f"Nieuwe actie · Gedragen plan {ref} · Opvang",
        reverse("plans:action_edit", args=[action.pk]): f"Actie wijzigen · Gedragen plan {ref} · Opvang",
        reverse("plans:plan_version", args=[plan.pk, 1]): f"Versie 1 · Gedragen plan {ref} · Opvang",
    }
    for url, expected in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert title(response) == expected, url
