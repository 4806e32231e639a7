"""Access-matrix entries for every URL of the plans app (see opvang/tests/matrix.py)."""

from django.utils import timezone

from opvang.tests.matrix import CASE_ROLES, Route
from plans import services
from plans.models import PlanVersion


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


ROUTES = [
    Route("plans:plan_create", roles=CASE_ROLES, kwargs=lambda w, hh: {"household_pk": hh.pk}),
    Route("plans:plan_detail", roles=CASE_ROLES, kwargs=lambda w, hh: plan_pk(hh), methods=("get",)),
    Route(
        "plans:plan_version",
        roles=CASE_ROLES,
        kwargs=lambda w, hh: {"pk": make_reviewed_plan(hh).pk, "number": 1},
        methods=("get",),
    ),
    Route("plans:plan_edit", roles=CASE_ROLES, kwargs=lambda w, hh: plan_pk(hh)),
    Route("plans:plan_agree", roles=CASE_ROLES, kwargs=lambda w, hh: plan_pk(hh)),
    Route("plans:plan_review", roles=CASE_ROLES, kwargs=lambda w, hh: {"pk": make_agreed_plan(hh).pk}),
    Route("plans:plan_close", roles=CASE_ROLES, kwargs=lambda w, hh: plan_pk(hh)),
    Route("plans:plan_history", roles=CASE_ROLES, kwargs=lambda w, hh: plan_pk(hh), methods=("get",)),
    Route(
        "plans:plan_diff",
        roles=CASE_ROLES,
        kwargs=lambda w, hh: {"pk": make_reviewed_plan(hh).pk, "number": 2},
        methods=("get",),
    ),
    Route("plans:plan_pdf", roles=CASE_ROLES, kwargs=lambda w, hh: plan_pk(hh), methods=("get",)),
    Route("plans:goal_add", roles=CASE_ROLES, kwargs=lambda w, hh: plan_pk(hh)),
    Route("plans:goal_edit", roles=CASE_ROLES, kwargs=lambda w, hh: {"pk": make_goal(hh).pk}),
    Route("plans:goal_progress", roles=CASE_ROLES, kwargs=lambda w, hh: {"pk": make_goal(hh).pk}),
    # POSTs without confirm=1 show the confirmation page again (200), so nothing is deleted.
    Route("plans:goal_delete", roles=CASE_ROLES, kwargs=lambda w, hh: {"pk": make_goal(hh).pk}),
    Route("plans:action_add", roles=CASE_ROLES, kwargs=lambda w, hh: {"goal_pk": make_goal(hh).pk}),
    Route("plans:action_edit", roles=CASE_ROLES, kwargs=lambda w, hh: {"pk": make_action(hh).pk}),
    Route("plans:action_done", roles=CASE_ROLES, kwargs=lambda w, hh: {"pk": make_action(hh).pk}, methods=("post",)),
    Route("plans:action_delete", roles=CASE_ROLES, kwargs=lambda w, hh: {"pk": make_action(hh).pk}),
    Route("plans:plan_circle", roles=CASE_ROLES, kwargs=lambda w, hh: plan_pk(hh), methods=("get",)),
    Route("plans:participant_add", roles=CASE_ROLES, kwargs=lambda w, hh: plan_pk(hh)),
    Route("plans:participant_edit", roles=CASE_ROLES, kwargs=lambda w, hh: {"pk": make_participant(hh).pk}),
    Route("plans:participant_delete", roles=CASE_ROLES, kwargs=lambda w, hh: {"pk": make_participant(hh).pk}),
    Route("plans:agreement_record", roles=CASE_ROLES, kwargs=lambda w, hh: {"pk": make_participant(hh).pk}),
    Route("plans:meeting_add", roles=CASE_ROLES, kwargs=lambda w, hh: plan_pk(hh)),
]
