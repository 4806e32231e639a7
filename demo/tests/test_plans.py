"""The demo plans: every state, idempotent, and harmless without households."""

from demo import cases as cases_demo
from demo.network import seed_network
from demo.plans import seed
from plans.constants import PlanStatus
from plans.models import Plan, PlanVersion


def test_seed_without_households_does_nothing(db) -> None:
    seed(seed_network())
    assert not Plan.objects.exists()


def test_seed_gives_plans_in_every_state_once(db) -> None:
    # Only the apps plans builds on (households of the cases demo), to keep this test about plans.
    network = seed_network()
    cases_demo.seed(network)
    seed(network)
    statuses = set(Plan.objects.values_list("status", flat=True))
    assert statuses == set(PlanStatus.values)
    agreed = PlanVersion.objects.exclude(agreed_on=None)
    assert agreed.filter(gedragen_at_agreement=True).exists() and agreed.filter(gedragen_at_agreement=False).exists()
    counts = (Plan.objects.count(), PlanVersion.objects.count())
    seed(network)
    assert (Plan.objects.count(), PlanVersion.objects.count()) == counts


def test_a_childs_goal_comes_from_the_childs_own_words(db) -> None:
    from demo import children as children_demo
    from plans.models import Goal

    network = seed_network()
    cases_demo.seed(network)
    children_demo.seed(network)
    seed(network)
    from_voice = Goal.objects.filter(voice__isnull=False).select_related("voice", "child")
    assert from_voice.exists()
    assert all(goal.voice.child_id == goal.child_id and goal.voice.theme for goal in from_voice)


def test_the_demo_cjg_partner_sees_one_family(db, client) -> None:
    from django.urls import reverse

    from plans.selectors import partner_plans

    network = seed_network()
    cases_demo.seed(network)
    seed(network)
    partner = network.users["cjg"]
    plans = partner_plans(partner)
    assert len(plans) == 1
    client.force_login(partner)
    response = client.get(reverse("plans:partner_plan", kwargs={"pk": plans[0].pk}))
    assert response.status_code == 200
    assert "Karin Hoekstra" in response.content.decode()
    seed(network)  # idempotent: still one consent
    assert len(partner_plans(partner)) == 1
