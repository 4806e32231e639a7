"""Pages for policy officers and contract managers: aggregates only, never client data."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opvang.access import municipal_roles_required, role_required
from opvang.audit import log_event
from opvang.constants import MUNICIPAL_ROLES, Role
from opvang.db_routers import replica_reads
from opvang.http import AuthenticatedHttpRequest
from opvang.locking import render_conflict
from opvang.models import User
from opvang.pdf import render_pdf
from opvang.views_helpers import form_page, post_action

from . import access, dossier_selectors, exports, meeting_selectors, selectors, services, surveys
from .constants import PeriodKind, PointStatus
from .filters import SnapshotFilter
from .forms import (
    ActionStatusForm,
    AttendanceForm,
    DashboardFilterForm,
    DossierCommentForm,
    DossierForm,
    FinaliseForm,
    FollowUpActionForm,
    ImprovementPointForm,
    ParticipantForm,
    PointStatusForm,
    ReportRequestForm,
    TargetForm,
)
from .indicators import INDICATORS, SECTIONS
from .models import DossierParticipant, EvaluationDossier, FollowUpAction, ImprovementPoint, ReportSnapshot
from .periods import Scope
from .presentation import table
from .selectors import KEY_INDICATORS

PAGE_SIZE = 25
logger = logging.getLogger(__name__)


def _snapshot_or_404(pk: int, user: User) -> ReportSnapshot:
    """The snapshot, if it is in the user's scope (reports.access; others: 404)."""
    return access.snapshot_get_for_user(user, pk)


def _dossier_or_404(pk: int, user: User) -> EvaluationDossier:
    """The dossier, if the user may read it (reports.access: the council only a published one,
    a team lead only their own organisation's; others: 404)."""
    return access.dossier_get_for_user(user, pk)


def _log_download(request: AuthenticatedHttpRequest, obj: ReportSnapshot | EvaluationDossier, fmt: str) -> None:
    """Every download of a report or dossier is in the audit log: who, on whose behalf, which file."""
    log_event(obj, event="downloaded", user=request.user, request=request, format=fmt)


# --- Dashboard and definitions -----------------------------------------------------------------
# The participation council reads the published aggregates: dashboard, definitions, public dossiers;
# a team lead reads the definitions behind their own reports.


@role_required(Role.POLICY_OFFICER, Role.PARTICIPATION_COUNCIL)
@replica_reads
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # A refused combination (e.g. another organisation's location) is said, not ignored.
        return render(request, "reports/dashboard.html", {"form": form, "board": None})
    data = form.cleaned_data if form.is_bound else {}
    scope = form.scope() if form.is_bound else Scope.region()
    period_kind = data.get("period_kind") or PeriodKind.QUARTER
    periods = selectors.dashboard_periods(scope, period_kind, timezone.localdate())
    if periods:
        # Snapshots the schedule has not made yet are computed now and kept (no PDF).
        locations = selectors.shelter_locations().filter(pk__in=scope.locations())
        services.snapshots_ensure(
            wanted=[(scope, p) for p in periods] + [(Scope.for_location(loc), periods[-1]) for loc in locations]
        )
    board = selectors.dashboard(
        scope=scope,
        period_kind=period_kind,
        indicator_code=data.get("indicator") or KEY_INDICATORS[0],
        periods=periods,
    )
    return render(request, "reports/dashboard.html", {"form": form, "board": board})


@role_required(*access.DOSSIER_ROLES)
def definitions(request: AuthenticatedHttpRequest) -> HttpResponse:
    sections = [(s.title, [i for i in INDICATORS if i.section == s.code]) for s in SECTIONS]
    return render(request, "reports/definitions.html", {"sections": sections})


# --- Reports -----------------------------------------------------------------------------------
@role_required(*access.REPORT_ROLES)
@replica_reads
def report_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The stored reports in the user's scope (a team lead: the own organisation's and its locations')."""
    snapshots = access.snapshots_for_user(request.user, selectors.snapshot_list())
    filters = SnapshotFilter(request.GET, queryset=snapshots, user=request.user)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": ReportRequestForm() if access.may_make_reports(request.user) else None,
        "filters": filters.form,
        "query": _query_without_page(request),
    }
    return render(request, "reports/report_list.html", context)


def _query_without_page(request: AuthenticatedHttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@municipal_roles_required
@require_POST
def report_generate(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Start an on-demand report: a pending revision, built by a Celery task after commit."""
    form = ReportRequestForm(request.POST)
    if not form.is_valid():
        snapshots = selectors.snapshot_list()
        page = Paginator(snapshots, PAGE_SIZE).get_page(1)
        context = {"page": page, "form": form, "filters": SnapshotFilter(queryset=snapshots, user=request.user).form}
        return render(request, "reports/report_list.html", context, status=400)
    try:
        snapshot = services.snapshot_queue(scope=form.scope(), period=form.period(), user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:report_list")
    messages.success(
        request, _("The report has been queued and is made in the background; this page shows how far it is.")
    )
    return redirect("reports:snapshot_detail", pk=snapshot.pk)


@role_required(*access.REPORT_ROLES)
def snapshot_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    snapshot = _snapshot_or_404(pk, request.user)
    context: dict[str, Any] = {"snapshot": snapshot, "queued": services.snapshot_is_queued(snapshot)}
    if snapshot.is_done:
        targets = selectors.targets_for_snapshot(snapshot)
        context |= {
            "sections": table(snapshot.values, snapshot.previous_values, targets=targets),
            "has_targets": bool(targets),
            "period_label": snapshot.period.label,
            "previous_label": snapshot.period.previous().label,
            "revisions": selectors.snapshot_list().filter(
                scope_key=snapshot.scope_key, period_start=snapshot.period_start, period_end=snapshot.period_end
            ),
        }
    return render(request, "reports/snapshot_detail.html", context)


@role_required(*access.REPORT_ROLES)
def snapshot_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The progress partial polled by HTMX while a report is being generated."""
    snapshots = ReportSnapshot.objects.defer("pdf", "values", "previous_values", "trend")
    snapshot = get_object_or_404(access.snapshots_for_user(request.user, snapshots), pk=pk)
    context = {"snapshot": snapshot, "queued": services.snapshot_is_queued(snapshot)}
    response = render(request, "reports/_snapshot_status.html", context)
    if snapshot.is_done and request.htmx:
        # Reload the page once, so the finished report and its downloads appear.
        response["HX-Refresh"] = "true"
    return response


def _filename(snapshot: ReportSnapshot, extension: str) -> str:
    period = f"{snapshot.period_start:%Y%m%d}-{snapshot.period_end:%Y%m%d}"
    return f"opvang-{slugify(snapshot.scope.label)}-{period}-r{snapshot.revision}.{extension}"


def _done_or_404(pk: int, user: User) -> ReportSnapshot:
    snapshot = _snapshot_or_404(pk, user)
    if not snapshot.is_done:
        raise Http404
    return snapshot


@role_required(*access.REPORT_ROLES)
def snapshot_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    snapshot = _done_or_404(pk, request.user)
    try:
        pdf = services.snapshot_ensure_pdf(snapshot=snapshot)
    except Exception:  # noqa: BLE001 (the figures are safe; only the PDF could not be made now)
        logger.exception("PDF of snapshot %s could not be rendered", pk)
        messages.error(request, _("The PDF could not be made right now. The figures are safe; try again in a moment."))
        return redirect("reports:snapshot_detail", pk=pk)
    _log_download(request, snapshot, "pdf")
    return FileResponse(
        io.BytesIO(pdf),
        as_attachment=True,
        filename=_filename(snapshot, "pdf"),
        content_type="application/pdf",
    )


@role_required(*access.REPORT_ROLES)
def snapshot_csv(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    snapshot = _done_or_404(pk, request.user)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(exports.snapshot_csv_rows(snapshot))
    _log_download(request, snapshot, "csv")
    # The byte order mark makes Excel read the file as UTF-8.
    return FileResponse(
        io.BytesIO(("\ufeff" + buffer.getvalue()).encode()),
        as_attachment=True,
        filename=_filename(snapshot, "csv"),
        content_type="text/csv; charset=utf-8",
    )


@role_required(*access.REPORT_ROLES)
def snapshot_xlsx(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    snapshot = _done_or_404(pk, request.user)
    content = exports.snapshot_xlsx(snapshot)
    _log_download(request, snapshot, "xlsx")
    return FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=_filename(snapshot, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# --- Targets (streefwaarden) -------------------------------------------------------------------
@municipal_roles_required
def target_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.target_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    names = {i.code: i.name for i in INDICATORS}
    rows = [(target, names.get(target.indicator, target.indicator)) for target in page]
    return render(request, "reports/target_list.html", {"page": page, "rows": rows})


@role_required(Role.CONTRACT_MANAGER)
def target_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The contract manager records an agreed target (a new agreement is a new target)."""
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_record(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The target has been recorded."))
            return redirect("reports:target_list")
    return render(request, "reports/target_form.html", {"form": form})


# --- Evaluation dossiers -----------------------------------------------------------------------


DOSSIER_LIST_ROLES = (*access.DOSSIER_ROLES, Role.CHAIN_PARTNER)


@role_required(*DOSSIER_LIST_ROLES)
def dossier_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    dossiers = access.dossiers_for_user(request.user, selectors.dossier_list())
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/dossier_list.html", {"page": page})


def _frozen_points(dossier: EvaluationDossier) -> list[dict]:
    """The points as they stood when the dossier became final, with their status in words."""
    return [{**point, "status_label": PointStatus(point["status"]).label} for point in dossier.frozen_points]


def _dossier_context(dossier: EvaluationDossier, user: User) -> dict:
    this_year, last_year = selectors.dossier_snapshots(dossier)
    if this_year:
        targets = selectors.targets_for_snapshot(this_year)
    else:
        targets = selectors.targets_applicable(Scope.for_location(dossier.location), dossier.year, timezone.localdate())
    sections = table(this_year.values, last_year.values if last_year else {}, targets=targets) if this_year else []
    points: list[Any] = _frozen_points(dossier) if dossier.is_final else selectors.dossier_points(dossier)
    actions = dossier_selectors.dossier_actions(dossier)
    participants = dossier_selectors.dossier_participants(dossier)
    show_comments = access.may_read_comments(user, dossier)
    return {
        "dossier": dossier,
        "points": points,
        "actions": actions,
        "participants": participants,
        "parties": dossier_selectors.party_presence(participants),
        "missing_parties": dossier_selectors.missing_parties(participants),
        "agenda": dossier_selectors.dossier_agenda(dossier=dossier, sections=sections, points=points, actions=actions),
        # The comments before the meeting are among its parties: not for the participation council.
        "show_comments": show_comments,
        "comments": dossier_selectors.dossier_comments(dossier) if show_comments else [],
        "account_agreements": meeting_selectors.dossier_account_agreements(dossier),
        "survey_texts": surveys.dossier_texts(dossier),
        "advice_rounds": list(surveys.advice_rounds_for_dossier(dossier)),
        "this_year": this_year,
        "sections": sections,
        "has_targets": bool(targets),
        # The agenda of the evaluation meeting lists every target not met.
        "targets_not_met": [row for _title, rows in sections for row in rows if row.target and row.target.is_not_met],
        "period_label": str(dossier.year),
        "previous_label": str(dossier.year - 1),
    }


def dossier_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier_or_404(pk, request.user)
    context = _dossier_context(dossier, request.user)
    may_edit = access.may_change_dossier(request.user, dossier)
    context |= {
        "offer_report": context["this_year"] is None and request.user.role in MUNICIPAL_ROLES,
        "may_publish": request.user.role in MUNICIPAL_ROLES,
        "may_edit": may_edit,
        "may_comment": access.may_comment_dossier(request.user, dossier),
        "closable_action_ids": {a.pk for a in context["actions"] if access.may_close_action(request.user, a)},
        "point_form": ImprovementPointForm(),
        "action_form": FollowUpActionForm(dossier=dossier) if may_edit else None,
        "action_status_form": ActionStatusForm(),
        "participant_form": ParticipantForm(dossier=dossier) if may_edit else None,
        "comment_form": DossierCommentForm(),
        "finalise_form": FinaliseForm(),
        "status_form": PointStatusForm(),
    }
    return render(request, "reports/dossier_detail.html", context)


@municipal_roles_required
def dossier_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier_or_404(pk, request.user)
    if dossier.is_final:
        messages.error(request, _("This evaluation dossier is final and can no longer be changed."))
        return redirect("reports:dossier_detail", pk=pk)
    initial = {
        "meeting_on": dossier.meeting_on,
        "participants": dossier.participants,
        "notes": dossier.notes,
        "version": dossier.version,
    }
    form = DossierForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form=form,
        save=lambda data: services.dossier_update(
            dossier=dossier,
            expected_version=data["version"],
            meeting_on=data["meeting_on"],
            participants=data["participants"],
            notes=data["notes"],
        ),
        message=_("The evaluation dossier has been saved."),
        success_url=reverse("reports:dossier_detail", args=[pk]),
        template="reports/dossier_edit.html",
        context={"dossier": dossier},
        on_stale=lambda: render_conflict(
            request,
            form=form,
            current=EvaluationDossier.objects.get(pk=pk),
            back_url=reverse("reports:dossier_edit", args=[pk]),
        ),
    )


def _dossier_post(
    request: AuthenticatedHttpRequest,
    pk: int,
    action: Callable[[EvaluationDossier], object],
    message: str = "",
    anchor: str = "",
) -> HttpResponse:
    """Run a small dossier change; errors (e.g. a final dossier) come back as a message."""
    dossier = _dossier_or_404(pk, request.user)
    return post_action(
        request,
        action=lambda: action(dossier),
        message=message,
        success_url=reverse("reports:dossier_detail", args=[pk]) + anchor,
    )


@municipal_roles_required
@require_POST
def dossier_finalise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Only the municipality marks final; with a party missing it asks for the confirmation box."""
    form = FinaliseForm(request.POST)
    accept = form.is_valid() and form.cleaned_data["accept_missing"]
    return _dossier_post(
        request,
        pk,
        lambda dossier: services.dossier_finalise(dossier=dossier, user=request.user, accept_missing=accept),
        message=_("The evaluation dossier is now final."),
    )


@municipal_roles_required
@require_POST
def dossier_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Publish a final dossier to the participation council."""

    def publish(dossier: EvaluationDossier) -> None:
        services.dossier_publish(dossier=dossier)
        messages.success(request, _("The evaluation dossier is now public: the participation council can read it."))

    return _dossier_post(request, pk, publish)


@municipal_roles_required
@require_POST
def improvement_point_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    form = ImprovementPointForm(request.POST)

    def add(dossier: EvaluationDossier) -> None:
        if not form.is_valid():
            raise ValidationError(_("Describe the improvement point."))
        services.improvement_point_add(dossier=dossier, text=form.cleaned_data["text"])

    return _dossier_post(request, pk, add)


@municipal_roles_required
@require_POST
def improvement_point_status(request: AuthenticatedHttpRequest, pk: int, point_pk: int) -> HttpResponse:
    form = PointStatusForm(request.POST)
    point = get_object_or_404(ImprovementPoint, pk=point_pk)

    def change(dossier: EvaluationDossier) -> None:
        if not form.is_valid():
            raise ValidationError(_("Choose a status for the improvement point."))
        services.improvement_point_set_status(
            dossier=dossier, point=point, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
        )

    return _dossier_post(request, pk, change)


@municipal_roles_required
@require_POST
def follow_up_action_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier_or_404(pk, request.user)
    form = FollowUpActionForm(request.POST, dossier=dossier)
    return post_action(
        request,
        form=form,
        action=lambda: services.follow_up_action_add(dossier=dossier, **form.cleaned_data),
        message=_("The follow-up action has been added."),
        success_url=reverse("reports:dossier_detail", args=[pk]) + "#actions",
    )


@municipal_roles_required
@require_POST
def follow_up_action_delete(request: AuthenticatedHttpRequest, pk: int, action_pk: int) -> HttpResponse:
    action = get_object_or_404(FollowUpAction, pk=action_pk)
    return _dossier_post(
        request,
        pk,
        lambda dossier: services.follow_up_action_delete(dossier=dossier, action=action),
        anchor="#actions",
    )


@require_POST
def follow_up_action_status(request: AuthenticatedHttpRequest, pk: int, action_pk: int) -> HttpResponse:
    """The action's owner (or the municipality) marks it done, or dropped with a reason."""
    dossier = _dossier_or_404(pk, request.user)
    action = access.action_get_for_user(request.user, dossier, action_pk)
    form = ActionStatusForm(request.POST)
    return post_action(
        request,
        form=form,
        action=lambda: services.follow_up_action_set_status(
            action=action, status=form.cleaned_data["status"], reason=form.cleaned_data["reason"], by=request.user
        ),
        message=_("The follow-up action has been closed."),
        success_url=reverse("reports:dossier_detail", args=[pk]) + "#actions",
    )


# --- The evaluation meeting: participants and comments -------------------------------------------
@municipal_roles_required
@require_POST
def participant_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Invite an account or a named guest to the evaluation meeting."""
    dossier = _dossier_or_404(pk, request.user)
    form = ParticipantForm(request.POST, dossier=dossier)
    return post_action(
        request,
        form=form,
        action=lambda: services.participant_invite(dossier=dossier, **form.cleaned_data),
        message=_("The participant has been invited."),
        success_url=reverse("reports:dossier_detail", args=[pk]) + "#participants",
    )


@municipal_roles_required
@require_POST
def participant_remove(request: AuthenticatedHttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    participant = get_object_or_404(DossierParticipant, pk=participant_pk, dossier_id=pk)
    return _dossier_post(
        request,
        pk,
        lambda dossier: services.participant_remove(dossier=dossier, participant=participant),
        anchor="#participants",
    )


@municipal_roles_required
@require_POST
def attendance_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """After the meeting: tick who of the invited was present."""
    dossier = _dossier_or_404(pk, request.user)
    form = AttendanceForm(request.POST, dossier=dossier)
    return post_action(
        request,
        form=form,
        action=lambda: services.attendance_record(
            dossier=dossier, present_ids={p.pk for p in form.cleaned_data["present"]}
        ),
        message=_("Who was present has been recorded."),
        success_url=reverse("reports:dossier_detail", args=[pk]) + "#participants",
    )


@require_POST
def dossier_comment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A comment before the meeting (reports.access.may_comment_dossier; others: 403)."""
    dossier = _dossier_or_404(pk, request.user)
    if not access.may_comment_dossier(request.user, dossier):
        raise PermissionDenied
    form = DossierCommentForm(request.POST)
    return post_action(
        request,
        form=form,
        action=lambda: services.dossier_comment_add(
            dossier=dossier, author=request.user, text=form.cleaned_data["text"]
        ),
        message=_("Your comment has been added."),
        success_url=reverse("reports:dossier_detail", args=[pk]) + "#comments",
    )


def dossier_pdf(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    dossier = _dossier_or_404(pk, request.user)
    pdf = render_pdf("reports/dossier_pdf.html", _dossier_context(dossier, request.user))
    _log_download(request, dossier, "pdf")
    return FileResponse(
        io.BytesIO(pdf),
        as_attachment=True,
        filename=f"evaluatie-{slugify(dossier.location.name)}-{dossier.year}.pdf",
        content_type="application/pdf",
    )
