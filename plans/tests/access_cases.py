"""Access-matrix entries for every URL of the plans app (see opvang/tests/matrix.py)."""

from django.utils import timezone

from opvang.tests.matrix import CASE_ROLES, Route
from plans import services
from plans.constants import PlanStatus
from plans.models import Action, Goal, Participant, Plan, PlanVersion


def make_plan(household):
    return services.plan_create(household=household, user=None, perspective="Wij willen een eigen huis.")


def make_draft(household):
    return PlanVersion.objects.select_related("plan").get(plan=make_plan(household))


def make_goal(household):
    return services.goal_add(plan_version=make_draft(household), domain="housing", text="Een eigen huis")


def make_action(household):
    goal = make_goal(household)
    return services.action_add(goal=goal, what="Inschrijven", owner=goal.plan_version.participants.first())


def make_participant(household):
    return make_draft(household).participants.first()


def make_agreed_plan(household):
    goal = make_goal(household)
    plan = goal.plan_version.plan
    services.plan_agree(plan=plan, agreed_on=timezone.localdate(), user=None)
    return plan


def make_reviewed_plan(household):
    plan = make_agreed_plan(household)
    services.plan_review_start(plan=plan, user=None)
    return plan


def plan_pk(household):
    return {"pk": make_plan(household).pk}


def today() -> str:
    """Plan dates may not lie before the version was made (today, in the test) nor in the future."""
    return timezone.localdate().isoformat()


def plan_status(c) -> str:
    return Plan.objects.get(pk=c.kwargs["pk"]).status


def plan_route(name: str, kwargs, **fields) -> Route:
    return Route(f"plans:{name}", roles=CASE_ROLES, kwargs=kwargs, **fields)


def goal_data(c) -> dict:
    return {"domain": "housing", "text": "Een huis in Haarlem", "status": "open"}


def participant_data(c) -> dict:
    return {"name": "Oma Truus", "relation": "other_family", "kind": "network"}


ROUTES = [
    plan_route(
        "plan_create",
        kwargs=lambda w, hh: {"household_pk": hh.pk},
        post_data=lambda c: {"start_on": today(), "direction_support": "swt", "perspective": "Een eigen huis"},
        effect=lambda c: c.household.plans.exists(),
    ),
    plan_route("plan_detail", kwargs=lambda w, hh: plan_pk(hh), methods=("get",)),
    plan_route("plan_version", kwargs=lambda w, hh: {"pk": make_reviewed_plan(hh).pk, "number": 1}, methods=("get",)),
    plan_route(
        "plan_edit",
        kwargs=lambda w, hh: plan_pk(hh),
        post_data=lambda c: {"direction_support": "cjg", "perspective": "Een eigen huis", "version": 1},
        effect=lambda c: Plan.objects.get(pk=c.kwargs["pk"]).direction_support == "cjg",
    ),
    plan_route(
        "plan_agree",
        kwargs=lambda w, hh: {"pk": make_goal(hh).plan_version.plan_id},
        post_data=lambda c: {"agreed_on": today()},
        effect=lambda c: plan_status(c) == PlanStatus.AGREED,
    ),
    plan_route(
        "plan_review",
        kwargs=lambda w, hh: {"pk": make_agreed_plan(hh).pk},
        post_data=lambda c: {"confirm": "1"},
        effect=lambda c: plan_status(c) == PlanStatus.UNDER_REVIEW,
    ),
    plan_route(
        "plan_close",
        kwargs=lambda w, hh: plan_pk(hh),
        post_data=lambda c: {"confirm": "1"},
        effect=lambda c: plan_status(c) == PlanStatus.CLOSED,
    ),
    plan_route("plan_history", kwargs=lambda w, hh: plan_pk(hh), methods=("get",)),
    plan_route("plan_diff", kwargs=lambda w, hh: {"pk": make_reviewed_plan(hh).pk, "number": 2}, methods=("get",)),
    plan_route("plan_pdf", kwargs=lambda w, hh: plan_pk(hh), methods=("get",)),
    # The child's own "my plan" (the world's child is 10): the household's caseworkers and team lead.
    plan_route(
        "child_plan_pdf",
        kwargs=lambda w, hh: {"pk": make_plan(hh).pk, "child_pk": hh.children.first().pk},
        methods=("get",),
    ),
    plan_route(
        "goal_add",
        kwargs=lambda w, hh: plan_pk(hh),
        post_data=goal_data,
        effect=lambda c: Goal.objects.filter(plan_version__plan_id=c.kwargs["pk"], text="Een huis in Haarlem").exists(),
    ),
    plan_route(
        "goal_edit",
        kwargs=lambda w, hh: {"pk": make_goal(hh).pk},
        post_data=goal_data,
        effect=lambda c: Goal.objects.get(pk=c.kwargs["pk"]).text == "Een huis in Haarlem",
    ),
    plan_route(
        "goal_progress",
        kwargs=lambda w, hh: {"pk": make_goal(hh).pk},
        post_data=lambda c: {"status": "on_track", "progress_notes": "Ingeschreven"},
        effect=lambda c: Goal.objects.get(pk=c.kwargs["pk"]).status == "on_track",
    ),
    plan_route(
        "goal_delete",
        kwargs=lambda w, hh: {"pk": make_goal(hh).pk},
        post_data=lambda c: {"confirm": "1"},
        effect=lambda c: not Goal.objects.filter(pk=c.kwargs["pk"]).exists(),
    ),
    plan_route(
        "action_add",
        kwargs=lambda w, hh: {"goal_pk": make_goal(hh).pk},
        post_data=lambda c: {"what": "Bellen met de corporatie"},
        effect=lambda c: Action.objects.filter(goal_id=c.kwargs["goal_pk"], what="Bellen met de corporatie").exists(),
    ),
    plan_route(
        "action_edit",
        kwargs=lambda w, hh: {"pk": make_action(hh).pk},
        post_data=lambda c: {"what": "Bellen met de corporatie"},
        effect=lambda c: Action.objects.get(pk=c.kwargs["pk"]).what == "Bellen met de corporatie",
    ),
    plan_route(
        "action_done",
        kwargs=lambda w, hh: {"pk": make_action(hh).pk},
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: Action.objects.get(pk=c.kwargs["pk"]).done_on is not None,
    ),
    plan_route(
        "action_delete",
        kwargs=lambda w, hh: {"pk": make_action(hh).pk},
        post_data=lambda c: {"confirm": "1"},
        effect=lambda c: not Action.objects.filter(pk=c.kwargs["pk"]).exists(),
    ),
    plan_route("plan_circle", kwargs=lambda w, hh: plan_pk(hh), methods=("get",)),
    plan_route(
        "participant_add",
        kwargs=lambda w, hh: plan_pk(hh),
        post_data=participant_data,
        effect=lambda c: Participant.objects.filter(plan_version__plan_id=c.kwargs["pk"], name="Oma Truus").exists(),
    ),
    plan_route(
        "participant_edit",
        kwargs=lambda w, hh: {"pk": make_participant(hh).pk},
        post_data=participant_data,
        effect=lambda c: Participant.objects.get(pk=c.kwargs["pk"]).name == "Oma Truus",
    ),
    plan_route(
        "participant_delete",
        kwargs=lambda w, hh: {"pk": make_participant(hh).pk},
        post_data=lambda c: {"confirm": "1"},
        effect=lambda c: not Participant.objects.filter(pk=c.kwargs["pk"]).exists(),
    ),
    plan_route(
        "agreement_record",
        kwargs=lambda w, hh: {"pk": make_participant(hh).pk},
        post_data=lambda c: {"decision": "agreed", "decided_on": today(), "method": "phone"},
        effect=lambda c: hasattr(Participant.objects.get(pk=c.kwargs["pk"]), "agreement"),
    ),
    plan_route(
        "meeting_add",
        kwargs=lambda w, hh: plan_pk(hh),
        post_data=lambda c: {"held_on": today(), "decisions": "We zoeken samen een huis"},
        effect=lambda c: Plan.objects.get(pk=c.kwargs["pk"]).meetings.exists(),
    ),
]
