"""Access-matrix entries for every URL of the plans app (see opvang/tests/matrix.py)."""

from django.utils import timezone

from opvang.tests.matrix import CASE_ROLES, PARTNER_ROLES, Route
from plans import services
from plans.constants import PlanStatus
from plans.models import Action, ActionComment, Goal, Participant, Plan, PlanConsent, PlanVersion
from plans.tests.partners import give_consent, link_partner, organisation_for, partner_user


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


def partner_action(w, hh) -> Action:
    """A draft plan with a goal and an action. In household A1 the CJG partner is in the circle
    and owns the action; elsewhere the family does (plans/tests/partners.py prepares the rest)."""
    goal = make_goal(hh)
    owner = goal.plan_version.participants.first()
    if hh.pk == w.household_a1.pk:
        owner = link_partner(goal.plan_version, partner_user("partner"))
    return services.action_add(goal=goal, what="Opvoedondersteuning thuis", owner=owner)


def only_partner_with_consent(role: str, case: str, method: str):
    """The other partners exist only as far as the plan is concerned: 404, never a 403."""
    return frozenset({404}) if role in ("partner_no_consent", "partner_other_org") else None


def partner_route(name: str, kwargs, **fields) -> Route:
    return Route(
        f"plans:{name}", roles=frozenset({"partner"}), kwargs=kwargs, expect=only_partner_with_consent, **fields
    )


def consent_data(c) -> dict:
    adult = c.household.adults.first()
    return {"person": f"a:{adult.pk}", "organisation": organisation_for("partner").pk, "given_on": today()}


def make_consent(household) -> PlanConsent:
    make_plan(household)
    return give_consent(household, organisation_for("partner"))


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
    plan_route("consent_list", kwargs=lambda w, hh: plan_pk(hh), methods=("get",)),
    plan_route(
        "consent_add",
        kwargs=lambda w, hh: plan_pk(hh),
        post_data=consent_data,
        effect=lambda c: (
            c.user is not None and PlanConsent.objects.filter(household=c.household, recorded_by=c.user).exists()
        ),
    ),
    plan_route(
        "consent_withdraw",
        kwargs=lambda w, hh: {"pk": make_consent(hh).pk},
        post_data=lambda c: {"confirm": "1"},
        effect=lambda c: PlanConsent.objects.get(pk=c.kwargs["pk"]).withdrawn_on is not None,
    ),
    # Chain partners' own pages.
    Route("plans:partner_home", roles=PARTNER_ROLES, methods=("get",)),
    partner_route(
        "partner_plan", kwargs=lambda w, hh: {"pk": partner_action(w, hh).plan_version.plan_id}, methods=("get",)
    ),
    partner_route(
        "partner_agreement",
        kwargs=lambda w, hh: {"pk": partner_action(w, hh).plan_version.plan_id},
        post_data=lambda c: {"decision": "agreed"},
        effect=lambda c: (
            c.user is not None
            and Participant.objects.filter(
                plan_version__plan_id=c.kwargs["pk"], user=c.user, agreement__decision="agreed"
            ).exists()
        ),
    ),
    partner_route(
        "partner_action_done",
        kwargs=lambda w, hh: {"pk": partner_action(w, hh).pk},
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: Action.objects.get(pk=c.kwargs["pk"]).done_on is not None,
    ),
    partner_route(
        "partner_action_comment",
        kwargs=lambda w, hh: {"pk": partner_action(w, hh).pk},
        post_data=lambda c: {"text": "Eerste huisbezoek gedaan"},
        effect=lambda c: ActionComment.objects.filter(action_id=c.kwargs["pk"]).exists(),
    ),
]
