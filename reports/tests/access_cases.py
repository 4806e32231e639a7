"""Access matrix of the monitoring pages: policy officers and contract managers only (aggregates).

These pages are not about a client, so "other location" and "other organisation" make no
difference: the municipal roles see every location, everyone else gets 403.
"""

from __future__ import annotations

import datetime

from opvang.tests.matrix import REDIRECT_TO_LOGIN, Route
from reports.constants import PeriodKind, ScopeKind, SnapshotStatus
from reports.models import EvaluationDossier, FollowUpAction, ImprovementPoint, ReportSnapshot

MUNICIPAL = frozenset({"policy_officer", "contract_manager"})


def _same_everywhere(route_roles: frozenset[str], ok_get=frozenset({200}), ok_post=frozenset({200, 204, 302})):
    def expect(role: str, case: str, method: str):
        if role in ("anonymous", "inactive"):
            return REDIRECT_TO_LOGIN
        if role not in route_roles:
            return frozenset({403})
        return ok_get if method == "get" else ok_post

    return expect


def snapshot_kwargs(world, household) -> dict:
    """A finished snapshot of the household's location (a stored row; no PDF rendering needed)."""
    location = household.location
    revision = ReportSnapshot.objects.filter(scope_key=f"location:{location.pk}").count() + 1
    snapshot = ReportSnapshot.objects.create(
        scope_kind=ScopeKind.LOCATION,
        scope_key=f"location:{location.pk}",
        organisation=location.organisation,
        location=location,
        period_kind=PeriodKind.QUARTER,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        revision=revision,
        status=SnapshotStatus.DONE,
        progress=100,
        pdf=b"%PDF-1.4 test",
        values={},
    )
    return {"pk": snapshot.pk}


def dossier_kwargs(world, household) -> dict:
    dossier, _ = EvaluationDossier.objects.get_or_create(location=household.location, year=2026)
    return {"pk": dossier.pk}


def ready_dossier_kwargs(world, household) -> dict:
    """A dossier that may be finalised: who took part is filled in."""
    kwargs = dossier_kwargs(world, household)
    EvaluationDossier.objects.filter(pk=kwargs["pk"]).update(participants="Gemeente, aanbieder")
    return kwargs


def point_kwargs(world, household) -> dict:
    kwargs = dossier_kwargs(world, household)
    point = ImprovementPoint.objects.create(location=household.location, year_raised=2025, text="Kindgesprek eerder")
    return {**kwargs, "point_pk": point.pk}


def action_kwargs(world, household) -> dict:
    kwargs = dossier_kwargs(world, household)
    action = FollowUpAction.objects.create(
        dossier_id=kwargs["pk"], what="Training plannen", owner="Teamleider", due_on=datetime.date(2026, 12, 1)
    )
    return {**kwargs, "action_pk": action.pk}


def _route(name: str, roles=MUNICIPAL, ok_post=frozenset({200, 204, 302}), **kwargs) -> Route:
    return Route(name, roles=roles, expect=_same_everywhere(roles, ok_post=ok_post), **kwargs)


ROUTES = [
    _route("reports:dashboard", roles=frozenset({"policy_officer"}), methods=("get",)),
    _route("reports:definitions", methods=("get",)),
    _route("reports:report_list", methods=("get",)),
    _route(
        "reports:report_generate",
        methods=("post",),
        post_data=lambda c: {
            "scope_kind": ScopeKind.LOCATION,
            "location": c.household.location.pk,
            "period_kind": PeriodKind.QUARTER,
            "year": 2026,
            "quarter": 1,
        },
        effect=lambda c: ReportSnapshot.objects.filter(location=c.household.location).exists(),
    ),
    _route("reports:snapshot_detail", kwargs=snapshot_kwargs, methods=("get",)),
    _route("reports:snapshot_status", kwargs=snapshot_kwargs, methods=("get",)),
    _route("reports:snapshot_pdf", kwargs=snapshot_kwargs, methods=("get",)),
    _route("reports:snapshot_csv", kwargs=snapshot_kwargs, methods=("get",)),
    _route("reports:snapshot_xlsx", kwargs=snapshot_kwargs, methods=("get",)),
    _route("reports:dossier_list", methods=("get",)),
    _route("reports:dossier_detail", kwargs=dossier_kwargs, methods=("get",)),
    _route(
        "reports:dossier_edit",
        kwargs=dossier_kwargs,
        ok_post=frozenset({302}),
        post_data=lambda c: {"participants": "Gemeente, aanbieder", "notes": "", "version": 1},
        effect=lambda c: EvaluationDossier.objects.get(pk=c.kwargs["pk"]).participants == "Gemeente, aanbieder",
    ),
    _route(
        "reports:dossier_finalise",
        kwargs=ready_dossier_kwargs,
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: EvaluationDossier.objects.get(pk=c.kwargs["pk"]).is_final,
    ),
    _route("reports:dossier_pdf", kwargs=dossier_kwargs, methods=("get",)),
    _route(
        "reports:improvement_point_add",
        kwargs=dossier_kwargs,
        methods=("post",),
        post_data=lambda c: {"text": "Meer aandacht voor kinderen"},
        effect=lambda c: ImprovementPoint.objects.filter(text="Meer aandacht voor kinderen").exists(),
    ),
    _route(
        "reports:improvement_point_status",
        kwargs=point_kwargs,
        methods=("post",),
        post_data=lambda c: {"status": "in_progress", "note": ""},
        effect=lambda c: ImprovementPoint.objects.get(pk=c.kwargs["point_pk"]).status == "in_progress",
    ),
    _route(
        "reports:follow_up_action_add",
        kwargs=dossier_kwargs,
        methods=("post",),
        post_data=lambda c: {"what": "Evalueren", "owner": "Beleid", "due_on": "2026-12-31"},
        effect=lambda c: FollowUpAction.objects.filter(dossier_id=c.kwargs["pk"], what="Evalueren").exists(),
    ),
    _route(
        "reports:follow_up_action_delete",
        kwargs=action_kwargs,
        methods=("post",),
        ok_post=frozenset({302}),
        post_data=lambda c: {},
        effect=lambda c: not FollowUpAction.objects.filter(pk=c.kwargs["action_pk"]).exists(),
    ),
]
