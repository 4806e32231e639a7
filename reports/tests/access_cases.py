"""Access matrix of the monitoring pages: policy officers and contract managers (aggregates).

These pages are not about a client, so "other location" and "other organisation" make no
difference to the municipal roles: they see every location, everyone else gets 403. A provider's
team lead (organisation A) reads the reports and evaluation dossiers of their own organisation's
locations (A1 and A2) and gets 404 on organisation B's (reports.access).
"""

from __future__ import annotations

import datetime

from opvang.tests.matrix import REDIRECT_TO_LOGIN, Route
from outflow.models import Pilot
from plans.tests.partners import partner_user
from reports import surveys
from reports.constants import DossierStatus, PeriodKind, ScopeKind, SnapshotStatus
from reports.models import (
    AdviceFollowUp,
    AdviceRound,
    DossierComment,
    DossierParticipant,
    EvaluationDossier,
    FollowUpAction,
    ImprovementPoint,
    ReportSnapshot,
    SurveyKiosk,
    SurveyLink,
    SurveyResponse,
    Target,
)

MUNICIPAL = frozenset({"policy_officer", "contract_manager"})
# The participation council reads published aggregates: the dashboard, definitions, public dossiers.
READERS = MUNICIPAL | {"participation_council"}
# A team lead reads their own organisation's reports and dossiers.
REPORT_READERS = MUNICIPAL | {"team_lead"}


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
    """The draft dossier of the household's location; the chain partner ``partner`` is invited to
    A1's meeting only (so it reads A1's dossier and no other)."""
    dossier, _ = EvaluationDossier.objects.get_or_create(location=household.location, year=2026)
    if household.pk == world.household_a1.pk:
        DossierParticipant.objects.get_or_create(dossier=dossier, user=partner_user("partner"), party="partner")
    return {"pk": dossier.pk}


def participant_kwargs(world, household) -> dict:
    kwargs = dossier_kwargs(world, household)
    guest = DossierParticipant.objects.create(dossier_id=kwargs["pk"], name="Gast", party="other")
    return {**kwargs, "participant_pk": guest.pk}


def guest_dossier_kwargs(world, household) -> dict:
    """A dossier with an invited guest, Gast (the URL names the dossier only)."""
    kwargs = participant_kwargs(world, household)
    return {"pk": kwargs["pk"]}


def _guest(c) -> DossierParticipant:
    return DossierParticipant.objects.get(dossier_id=c.kwargs["pk"], name="Gast")


def owned_action_kwargs(world, household) -> dict:
    """A follow-up action owned by the team lead of the household's organisation."""
    kwargs = dossier_kwargs(world, household)
    action = FollowUpAction.objects.create(
        dossier_id=kwargs["pk"],
        what="Scholing plannen",
        owner_user=_team_lead_of(world, household),
        due_on=datetime.date(2026, 12, 1),
    )
    return {**kwargs, "action_pk": action.pk}


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


def final_dossier_kwargs(world, household) -> dict:
    kwargs = dossier_kwargs(world, household)
    EvaluationDossier.objects.filter(pk=kwargs["pk"]).update(
        participants="Gemeente, aanbieder", status=DossierStatus.FINAL, finalised_at=datetime.datetime.now(datetime.UTC)
    )
    return kwargs


def _team_lead_of(world, household):
    return world.team_lead if household.location.organisation_id == world.org_a.pk else world.team_lead_b


def kiosk_kwargs(world, household) -> dict:
    _kiosk, token = surveys.kiosk_create(
        location=household.location, name="Tablet hal", by=_team_lead_of(world, household)
    )
    return {"token": token}


def link_kwargs(world, household) -> dict:
    _link, token = surveys.link_create(
        location=household.location, respondent_type="parent", moment="departure", by=_team_lead_of(world, household)
    )
    return {"token": token}


def survey_text_kwargs(world, household) -> dict:
    response = surveys.survey_submit(
        location=household.location,
        respondent_type="parent",
        moment="departure",
        answers={"safety": 4},
        what_should_change="Meer privacy",
    )
    return {"pk": response.pk}


def advice_kwargs(world, household) -> dict:
    advice_round = AdviceRound.objects.create(
        panel="Jongerenpanel", held_on=datetime.date(2026, 3, 1), question="Wat helpt?", advice="Eigen kamer"
    )
    return {"pk": advice_round.pk}


def _anyone(allowed=frozenset({200})):
    """The survey pages without an account: the same for every role, logged in or not."""

    def expect(role: str, case: str, method: str):
        return allowed

    return expect


def _own_organisation(route_roles: frozenset[str]):
    """Municipal roles everywhere; the team lead of A on A1 and A2, 404 on B's; others 403."""

    def expect(role: str, case: str, method: str):
        if role == "team_lead" and case == "other_org":
            return frozenset({404})
        return _same_everywhere(route_roles)(role, case, method)

    return expect


def _reader(role: str, case: str, method: str):
    """A draft dossier (reports.access): the municipality reads every one; the team lead of the
    provider those of its own locations; the invited chain partner A1's only; the participation
    council only published ones; everyone else none (404)."""
    if role in ("anonymous", "inactive"):
        return REDIRECT_TO_LOGIN
    if role in MUNICIPAL:
        return frozenset({200}) if method == "get" else frozenset({302})
    readable = (role == "team_lead" and case != "other_org") or (role == "partner" and case == "own")
    if readable:
        return frozenset({200}) if method == "get" else frozenset({302})
    return frozenset({404})


def _action_owner(role: str, case: str, method: str):
    """Closing a follow-up action: the municipality, or its owner (the team lead of the provider)."""
    if role in ("anonymous", "inactive"):
        return REDIRECT_TO_LOGIN
    if role in MUNICIPAL or (role == "team_lead" and case != "other_org"):
        return frozenset({302})
    return frozenset({404})  # the invited partner reads the dossier, but owns no action: 404 too


def _survey_answered(c) -> bool:
    return SurveyResponse.objects.filter(location=c.household.location, safety=4).exists()


def _pilot() -> Pilot:
    pilot, _created = Pilot.objects.get_or_create(
        name="Pilot matrix",
        defaults={"started_on": datetime.date(2026, 1, 1), "evaluation_on": datetime.date(2027, 7, 1)},
    )
    return pilot


def _route(name: str, roles=MUNICIPAL, ok_post=frozenset({200, 204, 302}), **kwargs) -> Route:
    return Route(name, roles=roles, expect=_same_everywhere(roles, ok_post=ok_post), **kwargs)


ROUTES = [
    _route("reports:dashboard", roles=frozenset({"policy_officer", "participation_council"}), methods=("get",)),
    _route("reports:definitions", roles=READERS | {"team_lead"}, methods=("get",)),
    _route("reports:target_list", methods=("get",)),
    _route("reports:outflow_overview", methods=("get",)),
    _route("reports:suspension_evaluation", methods=("get",)),
    _route("reports:pilot_list", methods=("get",)),
    _route("reports:pilot_cohort", kwargs=lambda w, hh: {"pk": _pilot().pk}, methods=("get",)),
    _route("reports:suspension_evaluation_pdf", methods=("get",)),
    _route(
        "reports:target_add",
        roles=frozenset({"contract_manager"}),
        post_data=lambda c: {
            "organisation": c.household.location.organisation_id,
            "location": c.household.location.pk,
            "year": 2026,
            "indicator": "child_intake",
            "direction": "at_least",
            "value": "90",
            "agreed_on": "2026-01-15",
            "source": "Subsidiebeschikking 2026",
        },
        effect=lambda c: Target.objects.filter(
            location=c.household.location, source="Subsidiebeschikking 2026"
        ).exists(),
    ),
    _route("reports:report_list", roles=REPORT_READERS, methods=("get",)),
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
    Route(
        "reports:snapshot_detail",
        roles=REPORT_READERS,
        kwargs=snapshot_kwargs,
        methods=("get",),
        expect=_own_organisation(REPORT_READERS),
    ),
    Route(
        "reports:snapshot_status",
        roles=REPORT_READERS,
        kwargs=snapshot_kwargs,
        methods=("get",),
        expect=_own_organisation(REPORT_READERS),
    ),
    Route(
        "reports:snapshot_pdf",
        roles=REPORT_READERS,
        kwargs=snapshot_kwargs,
        methods=("get",),
        expect=_own_organisation(REPORT_READERS),
    ),
    Route(
        "reports:snapshot_csv",
        roles=REPORT_READERS,
        kwargs=snapshot_kwargs,
        methods=("get",),
        expect=_own_organisation(REPORT_READERS),
    ),
    Route(
        "reports:snapshot_xlsx",
        roles=REPORT_READERS,
        kwargs=snapshot_kwargs,
        methods=("get",),
        expect=_own_organisation(REPORT_READERS),
    ),
    _route(
        "reports:dossier_list",
        roles=READERS | {"team_lead", "partner", "partner_no_consent", "partner_other_org"},
        methods=("get",),
    ),
    Route(
        "reports:dossier_detail",
        roles=READERS | {"team_lead", "partner"},
        kwargs=dossier_kwargs,
        methods=("get",),
        expect=_reader,
    ),
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
        # Nobody recorded as present: final only with the confirmation that parties are missing.
        post_data=lambda c: {"accept_missing": "on"},
        effect=lambda c: EvaluationDossier.objects.get(pk=c.kwargs["pk"]).is_final,
    ),
    Route(
        "reports:dossier_pdf",
        roles=READERS | {"team_lead", "partner"},
        kwargs=dossier_kwargs,
        methods=("get",),
        expect=_reader,
    ),
    _route(
        "reports:dossier_publish",
        kwargs=final_dossier_kwargs,
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: EvaluationDossier.objects.get(pk=c.kwargs["pk"]).is_public,
    ),
    # The survey without an account: anyone with the tablet's address or a link (used once; every
    # role starts from a fresh state, so each finds it unused).
    Route(
        "survey:kiosk",
        roles=frozenset(),
        kwargs=kiosk_kwargs,
        expect=_anyone(),
        post_data=lambda c: {"voor": "parent", "safety": "4"},
        effect=_survey_answered,
    ),
    Route(
        "survey:link",
        roles=frozenset(),
        kwargs=link_kwargs,
        expect=_anyone(),
        post_data=lambda c: {"safety": "4"},
        effect=_survey_answered,
    ),
    _route(
        "reports:survey_kiosks",
        roles=frozenset({"team_lead"}),
        post_data=lambda c: {"location": c.household.location.pk, "name": "Tablet"},
        effect=lambda c: SurveyKiosk.objects.filter(location=c.household.location, name="Tablet").exists(),
    ),
    _route(
        "reports:survey_link_create",
        roles=frozenset({"caseworker", "team_lead"}),
        post_data=lambda c: {"location": c.household.location.pk, "respondent_type": "parent", "moment": "departure"},
        effect=lambda c: SurveyLink.objects.filter(location=c.household.location).exists(),
    ),
    _route("reports:survey_texts", roles=frozenset({"team_lead"}), methods=("get",)),
    Route(
        "reports:survey_text_review",
        roles=frozenset({"team_lead"}),
        kwargs=survey_text_kwargs,
        methods=("post",),
        post_data=lambda c: {"decision": "for_dossier"},
        effect=lambda c: SurveyResponse.objects.get(pk=c.kwargs["pk"]).text_review == "for_dossier",
    ),
    _route("reports:advice_list", methods=("get",)),
    _route(
        "reports:advice_add",
        roles=frozenset({"policy_officer"}),
        post_data=lambda c: {
            "panel": "Jongerenpanel Haarlem",
            "held_on": "2026-03-01",
            "question": "Wat helpt?",
            "advice": "Eigen kamer",
        },
        effect=lambda c: AdviceRound.objects.filter(panel="Jongerenpanel Haarlem").exists(),
    ),
    _route("reports:advice_detail", kwargs=advice_kwargs, methods=("get",)),
    _route(
        "reports:advice_follow_up_add",
        roles=frozenset({"policy_officer"}),
        kwargs=advice_kwargs,
        methods=("post",),
        post_data=lambda c: {"what": "Eigen kamer regelen", "owner": "Beleid", "status": "open"},
        effect=lambda c: AdviceFollowUp.objects.filter(advice_round_id=c.kwargs["pk"]).exists(),
    ),
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
    Route(
        "reports:follow_up_action_status",
        roles=MUNICIPAL | {"team_lead"},
        kwargs=owned_action_kwargs,
        methods=("post",),
        expect=_action_owner,
        post_data=lambda c: {"status": "done", "reason": ""},
        effect=lambda c: FollowUpAction.objects.get(pk=c.kwargs["action_pk"]).status == "done",
    ),
    Route(
        "reports:dossier_comment_add",
        roles=MUNICIPAL | {"team_lead", "partner"},
        kwargs=dossier_kwargs,
        methods=("post",),
        expect=_reader,
        post_data=lambda c: {"text": "Graag ook de wachtlijst bespreken"},
        effect=lambda c: DossierComment.objects.filter(
            dossier_id=c.kwargs["pk"], text="Graag ook de wachtlijst bespreken"
        ).exists(),
    ),
    _route(
        "reports:dossier_participant_add",
        kwargs=dossier_kwargs,
        methods=("post",),
        post_data=lambda c: {"name": "Wijkteam Noord", "organisation": "SWT", "role": "", "party": "partner"},
        effect=lambda c: DossierParticipant.objects.filter(dossier_id=c.kwargs["pk"], name="Wijkteam Noord").exists(),
    ),
    _route(
        "reports:dossier_participant_remove",
        kwargs=participant_kwargs,
        methods=("post",),
        ok_post=frozenset({302}),
        post_data=lambda c: {},
        effect=lambda c: not DossierParticipant.objects.filter(pk=c.kwargs["participant_pk"]).exists(),
    ),
    _route(
        "reports:dossier_attendance",
        kwargs=guest_dossier_kwargs,
        methods=("post",),
        ok_post=frozenset({302}),
        post_data=lambda c: {"present": [_guest(c).pk]},
        effect=lambda c: _guest(c).present is True,
    ),
]
