"""Access-matrix entries of housing outflow (see opvang/tests/matrix.py).

The household routes follow the case file: its own organisation's caseworker at the location and
team lead change it; everyone else gets 404 (or 403 for roles without client files). The quota
page is the policy officer's alone. The aftercare routes are called for a household that has
left; the safety check after the shelter (restricted) for one that came for domestic violence.
"""

import datetime

from cases.constants import HouseholdStatus
from cases.models import AftercareContact, Household
from opvang.constants import OrganisationKind
from opvang.models import Organisation
from opvang.tests.factories import UserFactory
from opvang.tests.matrix import CASE_ROLES, PARTNER_ROLES, REDIRECT_TO_LOGIN, Route
from outflow.models import (
    AftercarePlan,
    HousingApplication,
    HousingQuota,
    Pilot,
    PilotMember,
    ReadyToMove,
    SafetyCheck,
    Trajectory,
    TrajectoryAction,
    TrajectoryGoal,
)
from outflow.tests.factories import HousingApplicationFactory

DAY = "2026-11-02"  # in the past, after the world's stays began


def household(w, hh):
    return {"pk": hh.pk}


def application(w, hh):
    created = HousingApplicationFactory(stay=hh.stays.get(), corporation=None)
    return {"pk": hh.pk, "application_pk": created.pk}


def left(w, hh):
    """The household left the shelter on 1 October 2026 (it came for domestic violence)."""
    hh.stays.update(left_on=datetime.date(2026, 10, 1), destination="social_rent")
    Household.objects.filter(pk=hh.pk).update(status=HouseholdStatus.LEFT, reason="domestic_violence")
    return {"pk": hh.pk}


def safety_check(w, hh):
    return {**left(w, hh), "months": 1}


def _plan_data(c) -> dict:
    partner, _created = Organisation.objects.get_or_create(
        name="Wijkteam Matrix", defaults={"kind": OrganisationKind.CHAIN_PARTNER}
    )
    return {"owner_organisation": partner.pk, "frequency_weeks": 2, "made_on": DAY, "planned_end_on": "2027-04-01"}


def _safety_data(c) -> dict:
    children = {f"child_{child.pk}": "safe" for child in c.household.children.all()}
    return {"done_on": DAY, "risk_level": "low", **children}


def _holder(hh):
    """An account of the household's own organisation that no matrix role signs in with."""
    return UserFactory(organisation=hh.organisation, locations=[hh.location])


def trajectory(w, hh):
    created = Trajectory.objects.create(
        household=hh,
        adult=hh.adults.first(),
        holder=_holder(hh),
        started_on=datetime.date(2026, 10, 1),
        goal="Werk vinden",
    )
    return {"pk": created.pk}


def goal(w, hh):
    kwargs = trajectory(w, hh)
    created = TrajectoryGoal.objects.create(trajectory_id=kwargs["pk"], text="Inkomen op orde")
    return {**kwargs, "goal_pk": created.pk}


def action(w, hh):
    kwargs = goal(w, hh)
    created = TrajectoryAction.objects.create(goal_id=kwargs.pop("goal_pk"), what="Bellen", owner="Cliënt")
    return {**kwargs, "action_pk": created.pk}


def _trajectory(c) -> Trajectory:
    return Trajectory.objects.get(pk=c.kwargs["pk"])


def _open_pilot() -> Pilot:
    pilot, _created = Pilot.objects.get_or_create(
        name="Pilot matrix",
        defaults={"started_on": datetime.date(2026, 1, 1), "evaluation_on": datetime.date(2027, 7, 1)},
    )
    return pilot


def _corporation_data(c) -> dict:
    corporation, _created = Organisation.objects.get_or_create(
        name="Woningcorporatie Matrix", defaults={"kind": OrganisationKind.HOUSING}
    )
    return {"corporation": corporation.pk, "municipality": "Zandvoort", "year": 2026, "homes": 12}


def _policy_officer_only(role, case, method):
    if role in ("anonymous", "inactive"):
        return REDIRECT_TO_LOGIN
    if role != "policy_officer":
        return frozenset({403})
    return frozenset({200}) if method == "get" else frozenset({302})


ROUTES = [
    Route(
        "outflow:ready_to_move",
        roles=CASE_ROLES,
        kwargs=household,
        post_data=lambda c: {"ready_on": DAY},
        effect=lambda c: ReadyToMove.objects.filter(household=c.household).exists(),
    ),
    Route(
        "outflow:housing_application_add",
        roles=CASE_ROLES,
        kwargs=household,
        post_data=lambda c: {"kind": "social_rent", "municipality": "Bloemendaal", "applied_on": DAY},
        effect=lambda c: HousingApplication.objects.filter(household=c.household, municipality="Bloemendaal").exists(),
    ),
    Route(
        "outflow:housing_application_edit",
        roles=CASE_ROLES,
        kwargs=application,
        post_data=lambda c: {"decision": "granted", "decided_on": DAY, "outcome": "open"},
        effect=lambda c: HousingApplication.objects.get(pk=c.kwargs["application_pk"]).decision == "granted",
    ),
    Route(
        "outflow:quota_set",
        roles=frozenset({"policy_officer"}),
        expect=_policy_officer_only,
        post_data=_corporation_data,
        effect=lambda c: HousingQuota.objects.filter(municipality="Zandvoort", homes=12).exists(),
    ),
    Route(
        "outflow:aftercare_plan",
        roles=CASE_ROLES,
        kwargs=left,
        post_data=_plan_data,
        effect=lambda c: AftercarePlan.objects.filter(household=c.household).exists(),
    ),
    Route(
        "outflow:aftercare_contact_add",
        roles=CASE_ROLES,
        kwargs=left,
        post_data=lambda c: {"contact_on": DAY, "kind": "phone"},
        effect=lambda c: AftercareContact.objects.filter(household=c.household).exists(),
    ),
    Route(
        "outflow:safety_check",
        roles=CASE_ROLES,
        kwargs=safety_check,
        post_data=_safety_data,
        effect=lambda c: SafetyCheck.objects.filter(household=c.household, months=1).exists(),
    ),
]

ROUTES += [
    Route(
        "outflow:trajectory_start",
        roles=CASE_ROLES,
        kwargs=household,
        post_data=lambda c: {
            "adult": c.household.adults.first().pk,
            "holder": _holder(c.household).pk,
            "started_on": DAY,
            "goal": "Werk en woning",
        },
        effect=lambda c: Trajectory.objects.filter(household=c.household, goal="Werk en woning").exists(),
    ),
    Route("outflow:trajectory_detail", roles=CASE_ROLES, kwargs=trajectory, methods=("get",)),
    Route(
        "outflow:trajectory_edit",
        roles=CASE_ROLES,
        kwargs=trajectory,
        post_data=lambda c: {"holder": _trajectory(c).holder_id, "started_on": DAY, "goal": "Nieuw doel"},
        effect=lambda c: _trajectory(c).goal == "Nieuw doel",
    ),
    Route(
        "outflow:trajectory_end",
        roles=CASE_ROLES,
        kwargs=trajectory,
        post_data=lambda c: {"ended_on": DAY, "result": "housed"},
        effect=lambda c: _trajectory(c).result == "housed",
    ),
    Route(
        "outflow:trajectory_goal_add",
        roles=CASE_ROLES,
        kwargs=trajectory,
        post_data=lambda c: {"text": "Schulden op orde"},
        effect=lambda c: _trajectory(c).goals.filter(text="Schulden op orde").exists(),
    ),
    Route(
        "outflow:trajectory_goal_status",
        roles=CASE_ROLES,
        kwargs=goal,
        methods=("post",),
        post_data=lambda c: {"status": "achieved"},
        effect=lambda c: TrajectoryGoal.objects.get(pk=c.kwargs["goal_pk"]).status == "achieved",
    ),
    Route(
        "outflow:trajectory_action_add",
        roles=CASE_ROLES,
        kwargs=lambda w, hh: {"pk": goal(w, hh)["pk"]},
        post_data=lambda c: {"goal": _trajectory(c).goals.get().pk, "what": "Aanmelden UWV", "owner": "Cliënt"},
        effect=lambda c: TrajectoryAction.objects.filter(
            goal__trajectory=_trajectory(c), what="Aanmelden UWV"
        ).exists(),
    ),
    Route(
        "outflow:trajectory_action_status",
        roles=CASE_ROLES,
        kwargs=action,
        methods=("post",),
        post_data=lambda c: {"status": "done"},
        effect=lambda c: TrajectoryAction.objects.get(pk=c.kwargs["action_pk"]).status == "done",
    ),
    Route("outflow:my_trajectories", roles=CASE_ROLES | PARTNER_ROLES, methods=("get",)),
    Route(
        "outflow:pilot_member_add",
        roles=CASE_ROLES,
        kwargs=household,
        post_data=lambda c: {"pilot": _open_pilot().pk, "joined_on": DAY},
        effect=lambda c: PilotMember.objects.filter(household=c.household).exists(),
    ),
    Route(
        "outflow:pilot_add",
        roles=frozenset({"policy_officer"}),
        expect=_policy_officer_only,
        post_data=lambda c: {"name": "Pilot economisch daklozen", "started_on": "2026-01-01"},
        effect=lambda c: Pilot.objects.filter(name="Pilot economisch daklozen").exists(),
    ),
]
