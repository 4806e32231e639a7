"""Pages of the experience survey (anonymous, without an account) and of the advice rounds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opvang.access import municipal_roles_required, role_required
from opvang.constants import Role
from opvang.http import AuthenticatedHttpRequest
from opvang.models import Location

from . import surveys
from .constants import RespondentType, SurveyMoment
from .models import AdviceRound, SurveyKiosk
from .survey_forms import AdviceFollowUpForm, AdviceRoundForm, KioskForm, LinkForm, SurveyForm, TextReviewForm


def _team_locations(request: AuthenticatedHttpRequest) -> QuerySet[Location]:
    # Only locations of the user's own organisation (none for a user without one).
    return request.user.locations.filter(organisation__pk=request.user.organisation_id or 0).order_by("name")


# --- Filling in (no account) -------------------------------------------------------------------
def _fill(request: HttpRequest, *, location, respondent_type: str, moment: str, link=None, again_url: str = ""):
    form = SurveyForm(request.POST or None, respondent_type=respondent_type)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            surveys.survey_submit(
                location=location,
                respondent_type=respondent_type,
                moment=moment,
                answers={theme: data.get(theme) for theme in form.themes},
                what_should_change=data["what_should_change"],
                link=link,
            )
        except ValidationError:
            return render(request, "reports/survey_gone.html", status=410)
        return render(request, "reports/survey_thanks.html", {"again_url": again_url})
    context = {"form": form, "location": location, "child": respondent_type == RespondentType.CHILD_8_12}
    return render(request, "reports/survey_form.html", context)


@login_not_required
def kiosk(request: HttpRequest, token: str) -> HttpResponse:
    """The tablet at a location: first "who are you?", then the questions; then back to the start."""
    kiosk_obj = surveys.kiosk_for_token(token)
    if kiosk_obj is None:
        raise Http404
    respondent_type = request.GET.get("voor") or request.POST.get("voor", "")
    if respondent_type not in RespondentType.values:
        return render(request, "reports/survey_kiosk_start.html", {"types": RespondentType.choices, "token": token})
    return _fill(
        request,
        location=kiosk_obj.location,
        respondent_type=respondent_type,
        moment=SurveyMoment.DEPARTURE,
        again_url=reverse("survey:kiosk", args=[token]),
    )


@login_not_required
def link(request: HttpRequest, token: str) -> HttpResponse:
    """A single-use link: works once, then says it has been used."""
    link_obj = surveys.link_for_token(token)
    if link_obj is None:
        return render(request, "reports/survey_gone.html", status=410)
    return _fill(
        request,
        location=link_obj.location,
        respondent_type=link_obj.respondent_type,
        moment=link_obj.moment,
        link=link_obj,
    )


# --- Staff: tablets, links, free texts -----------------------------------------------------------
@role_required(Role.TEAM_LEAD)
def kiosk_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    locations = _team_locations(request)
    form = KioskForm(request.POST or None, locations=locations)
    address = ""
    if request.method == "POST" and form.is_valid():
        try:
            _kiosk, token = surveys.kiosk_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Shown once: only its hash is stored.
            address = request.build_absolute_uri(reverse("survey:kiosk", args=[token]))
            form = KioskForm(locations=locations)
    kiosks = SurveyKiosk.objects.filter(location__in=locations).select_related("location")
    return render(request, "reports/survey_kiosks.html", {"form": form, "kiosks": kiosks, "address": address})


@role_required(Role.CASEWORKER, Role.TEAM_LEAD)
def link_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = LinkForm(request.POST or None, locations=_team_locations(request))
    address = ""
    if request.method == "POST" and form.is_valid():
        try:
            _link, token = surveys.link_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            address = request.build_absolute_uri(reverse("survey:link", args=[token]))
    return render(request, "reports/survey_link_create.html", {"form": form, "address": address})


@role_required(Role.TEAM_LEAD)
def text_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "reports/survey_texts.html", {"responses": surveys.texts_for_team_lead(request.user)[:200]})


@role_required(Role.TEAM_LEAD)
@require_POST
def text_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    response = get_object_or_404(surveys.texts_for_team_lead(request.user), pk=pk)
    form = TextReviewForm(request.POST)
    if form.is_valid():
        surveys.text_review(response=response, decision=form.cleaned_data["decision"], by=request.user)
        messages.success(request, _("The answer has been reviewed."))
    return redirect("reports:survey_texts")


# --- Advice rounds -------------------------------------------------------------------------------
@municipal_roles_required
def advice_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    rounds = AdviceRound.objects.prefetch_related("improvement_points__location", "follow_ups")[:100]
    return render(request, "reports/advice_list.html", {"rounds": rounds})


@role_required(Role.POLICY_OFFICER)
def advice_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AdviceRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        advice_round = surveys.advice_round_record(
            by=request.user, **{**data, "improvement_points": list(data["improvement_points"])}
        )
        return redirect("reports:advice_detail", pk=advice_round.pk)
    return render(request, "reports/advice_form.html", {"form": form})


@municipal_roles_required
def advice_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    advice_round = get_object_or_404(AdviceRound.objects.prefetch_related("improvement_points__location"), pk=pk)
    context = {"round": advice_round, "follow_ups": advice_round.follow_ups.all(), "form": AdviceFollowUpForm()}
    return render(request, "reports/advice_detail.html", context)


@role_required(Role.POLICY_OFFICER)
@require_POST
def advice_follow_up_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    advice_round = get_object_or_404(AdviceRound, pk=pk)
    form = AdviceFollowUpForm(request.POST)
    if form.is_valid():
        surveys.advice_follow_up_add(advice_round=advice_round, **form.cleaned_data)
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("reports:advice_detail", pk=pk)
