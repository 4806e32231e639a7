"""Pages of the case file. Thin: access helper → form → service → redirect."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opvang.access import case_roles_required
from opvang.audit import record_access
from opvang.http import AuthenticatedHttpRequest
from opvang.locking import render_conflict
from opvang.views_helpers import form_page, post_action

from . import extensions, note_selectors, selectors, services
from .access import (
    handover_get_for_user,
    household_get_for_user,
    is_receiving_side,
    may_admit_from_handover,
    may_change_household,
    may_export_household,
    may_open_household,
    may_see_safety,
)
from .constants import OPEN_HANDOVER_STATUSES, ApplicationDecision, HandoverStatus, initial_beschikking_months
from .filters import CaseloadFilter
from .forms import (
    AdmitForm,
    AdultEditForm,
    AdultForm,
    AdultFormSet,
    AftercareForm,
    ApplicationDecideForm,
    ApplicationForm,
    ChildFormSet,
    DischargeForm,
    ExtendForm,
    HandoverAdmitForm,
    HandoverCompleteForm,
    HandoverForm,
    HandoverRejectForm,
    HouseholdEditForm,
    HouseholdRegisterForm,
    OutflowPlanForm,
    SearchForm,
    SuspensionForm,
    SuspensionUpdateForm,
    ZrmForm,
)
from .models import Handover, Household, age_on
from .note_views import notes_context

PAGE_SIZE = 25


ACTION_FORM = "cases/action_form.html"


def _data(request: AuthenticatedHttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def _household_url(household: Household) -> str:
    return reverse("cases:household_detail", args=[household.pk])


def _signal_choices() -> list[tuple[str, str]]:
    # The case file's own signals and those of children and plans (cases.extensions), in order.
    return [(signal.name, str(signal.label)) for signal in extensions.caseload_signals()]


@case_roles_required
def caseload(request: AuthenticatedHttpRequest) -> HttpResponse:
    # Filter and paginate without the signals, then compute them for the page's rows only
    # (selectors.caseload_scope): at national scale the database would otherwise evaluate every
    # signal over the whole region before the page's LIMIT.
    filters = CaseloadFilter(request.GET, queryset=selectors.caseload_scope(user=request.user), user=request.user)
    households = filters.qs
    page = Paginator(households, PAGE_SIZE).get_page(request.GET.get("page"))
    start = (page.number - 1) * PAGE_SIZE
    page.object_list = selectors.caseload_rows(households[start : start + PAGE_SIZE])
    signals = _signal_choices()
    for household in page:
        # Reads the annotated booleans of the page's rows; no queries.
        # An attribute for the template only, so no field or property on the model.
        household.signal_labels = [label for name, label in signals if getattr(household, name, False)]
        household.caseworkers = selectors.caseworkers_of(household)
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "form": filters.form,
        "page": page,
        "follow_ups": note_selectors.open_follow_ups(request.user),
        # Team leads: households, children, follow-ups and signals per caseworker (else empty).
        "workload": [] if request.htmx else selectors.caseworker_workload(user=request.user),
        "today": timezone.localdate(),
        "query_string": query_string.urlencode(),
    }
    # HTMX filters replace only the table, without reloading the page.
    template = "cases/_caseload_table.html" if request.htmx else "cases/caseload.html"
    if not request.htmx:
        # Sections of higher apps above the table (cases.extensions): the chain's open decisions.
        context["panels"], panel_context = extensions.caseload_panels(request)
        context.update(panel_context)
    return render(request, template, context)


@case_roles_required
def household_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    may_apply: set[int] = set()
    if form.has_criteria():
        results = selectors.household_search(user=request.user, **form.cleaned_data)
        # Offer a new application only where the user may add one (a household received
        # through a handover is read, not changed, by the receiving side).
        may_apply = {h.pk for h in results if may_change_household(request.user, h)}
    context = {"form": form, "results": results, "may_apply": may_apply, "register_query": request.GET.urlencode()}
    template = "cases/_search_results.html" if request.htmx else "cases/household_search.html"
    return render(request, template, context)


@case_roles_required
def household_register(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    search = SearchForm(request.GET or None)
    initial_person = {}
    if search.is_bound and search.is_valid():
        name = search.cleaned_data["name"].split(maxsplit=1)
        initial_person = {
            "first_name": name[0] if name else "",
            "last_name": name[1] if len(name) > 1 else "",
            "date_of_birth": search.cleaned_data["date_of_birth"],
            "bsn": search.cleaned_data["bsn"],
        }
    form = HouseholdRegisterForm(data, user=request.user)
    adults = AdultFormSet(data, prefix="adults", initial=[initial_person] if initial_person else None)
    kids = ChildFormSet(data, prefix="children")

    def save(cleaned: dict) -> Household:
        return services.household_register(
            location=cleaned["location"],
            reason=cleaned["reason"],
            municipality_of_origin=cleaned["municipality_of_origin"],
            applied_on=cleaned["applied_on"],
            referred_by=cleaned["referred_by"],
            adults=[services.AdultData(caseworker=request.user, **a) for a in adults.cleaned_data if a],
            children=[services.ChildData(**c) for c in kids.cleaned_data if c],
            safety=services.SafetyData(
                safety_threat=cleaned["safety_threat"],
                secret_address_needed=cleaned["secret_address_needed"],
                safety_notes=cleaned["safety_notes"],
            ),
            by=request.user,
        )

    return form_page(
        request,
        form=form,
        formsets=[adults, kids],
        save=save,
        message=lambda household: _("Household %(ref)s registered.") % {"ref": household.reference},
        success_url=_household_url,
        template="cases/household_register.html",
        context={"adults": adults, "children": kids},
    )


def household_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk)
    record_access(household, request)
    household = selectors.household_file(household)
    stay = selectors.open_stay(household)
    show_safety = may_see_safety(request.user, household)
    context = {
        "household": household,
        "show_safety": show_safety,
        "may_change": may_change_household(request.user, household),
        "may_export": may_export_household(request.user, household),
        "timeline": selectors.household_timeline(household),
        "open_stay": stay,
        "beschikking": selectors.current_beschikking(stay),
        "last_stay": next((s for s in household.stays.all() if s.left_on), None),
        "pending_application": next(
            (a for a in household.applications.all() if a.decision == ApplicationDecision.PENDING), None
        ),
        "zrm": selectors.zrm_change(household),
        "psych_referrals": selectors.psych_referrals(household),
        "open_handovers": [h for h in household.handovers.all() if h.status in OPEN_HANDOVER_STATUSES],
    }
    # Children's cards and the plan card come from those apps (cases.extensions).
    context["panels"], panel_context = extensions.household_panels(request, household)
    context.update(panel_context)
    context |= notes_context(request, household, safety=show_safety)  # the latest notes card
    return render(request, "cases/household_detail.html", context)


def household_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    show_safety = may_see_safety(request.user, household)
    initial = {name: getattr(household, name) for name in HouseholdEditForm.base_fields if name != "version"}
    initial.update(version=household.version, location=household.location_id)
    form = HouseholdEditForm(
        _data(request), initial=initial, user=request.user, household=household, show_safety=show_safety
    )

    def save(data: dict) -> None:
        fields = {k: v for k, v in data.items() if k != "version"}
        services.household_update(
            household=household,
            expected_version=data["version"],
            by=request.user,
            may_see_safety=show_safety,
            **fields,
        )

    return form_page(
        request,
        form=form,
        save=save,
        message=_("The household's details have been saved."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={"household": household, "title": _("Edit household details")},
        on_stale=lambda: render_conflict(
            request, form=form, current=Household.objects.get(pk=household.pk), back_url=request.path
        ),
    )


@require_POST
def household_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    return post_action(
        request,
        action=lambda: services.household_close(household=household, by=request.user),
        message=_("The file has been closed. Nothing has been deleted."),
        success_url=_household_url(household),
    )


def adult_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    return form_page(
        request,
        form=AdultForm(_data(request)),
        save=lambda d: services.adult_add(household=household, data=services.AdultData(caseworker=request.user, **d)),
        message=_("The adult has been added to the household."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={"household": household, "title": _("Add an adult")},
    )


def adult_edit(request: AuthenticatedHttpRequest, pk: int, adult_pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    adult = get_object_or_404(household.adults.select_related("caseworker"), pk=adult_pk)
    record_access(adult, request)
    caseworkers = services.caseworker_candidates(household, keep=adult.caseworker_id)
    initial = {
        name: getattr(adult, name) for name in ("first_name", "last_name", "date_of_birth", "bsn", "phone", "email")
    }
    initial["caseworker"] = adult.caseworker_id
    return form_page(
        request,
        form=AdultEditForm(_data(request), initial=initial, caseworkers=caseworkers),
        save=lambda d: services.adult_update(adult=adult, **d),
        message=_("The adult's details have been saved."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={"household": household, "title": _("Change the details of %(name)s") % {"name": adult}},
    )


def application_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    return form_page(
        request,
        form=ApplicationForm(_data(request), household=household),
        save=lambda d: services.application_add(household=household, **d),
        message=_("The application has been recorded."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": _("New application"),
            "intro": _("A new application within 12 months after leaving is marked as a relapse automatically."),
        },
    )


def application_decide(request: AuthenticatedHttpRequest, pk: int, application_pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    application = get_object_or_404(household.applications, pk=application_pk)
    return form_page(
        request,
        form=ApplicationDecideForm(_data(request)),
        save=lambda d: services.application_decide(application=application, **d),
        message=_("The decision has been recorded."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": _("Reject or withdraw the application"),
            "intro": _("To admit the household, use 'Admit' on the household page."),
        },
    )


def household_admit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    offer_guarantee = services.relapse_guarantee_stay(household=household, on=timezone.localdate()) is not None
    return form_page(
        request,
        form=AdmitForm(_data(request), household=household, offer_guarantee=offer_guarantee),
        save=lambda d: services.household_admit(household=household, **d),
        message=_("The household has been admitted."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": _("Admit the household"),
            "intro": _("This creates the stay and its beschikking (3 or 6 months from the day of admission)."),
        },
    )


def beschikking_extend(request: AuthenticatedHttpRequest, pk: int, beschikking_pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    beschikking = get_object_or_404(
        selectors.Beschikking.objects.select_related("stay"), stay__household=household, pk=beschikking_pk
    )
    return form_page(
        request,
        form=ExtendForm(_data(request)),
        save=lambda d: services.beschikking_extend(beschikking=beschikking, by=request.user, **d),
        message=_("The beschikking has been extended."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": _("Extend the beschikking"),
            "intro": _("The beschikking now ends on %(end)s.") % {"end": beschikking.end_on.strftime("%d-%m-%Y")},
        },
    )


def stay_plan_outflow(request: AuthenticatedHttpRequest, pk: int, stay_pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    stay = get_object_or_404(household.stays, pk=stay_pk)
    initial = {"planned_destination": stay.planned_destination, "planned_left_on": stay.planned_left_on}
    return form_page(
        request,
        form=OutflowPlanForm(_data(request), initial=initial),
        save=lambda d: services.stay_plan_outflow(stay=stay, **d),
        message=_("The planned outflow has been saved."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={"household": household, "title": _("Arrange outflow")},
    )


def stay_end(request: AuthenticatedHttpRequest, pk: int, stay_pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    stay = get_object_or_404(household.stays, pk=stay_pk)
    initial = {"destination": stay.planned_destination, "left_on": stay.planned_left_on}
    return form_page(
        request,
        form=DischargeForm(_data(request), initial=initial),
        save=lambda d: services.stay_end(stay=stay, **d),
        message=_("The departure has been recorded."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": _("Record departure"),
            "intro": _("The household leaves the shelter. Record where it is going."),
            "danger": True,
        },
    )


def handover_propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    children = selectors.household_children(household)
    form = HandoverForm(_data(request), household=household, children=children, user=request.user)

    def perform(d: dict) -> None:
        chosen_pks = d.pop("children")
        chosen = [c for c in children if str(c.pk) in chosen_pks]
        services.handover_propose(household=household, by=request.user, children=chosen, **d)

    return form_page(
        request,
        form=form,
        save=perform,
        message=_("The handover has been proposed. It stays on the work list of both sides until it is done."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": _("Propose a handover"),
            "intro": _(
                "Ask the parent for consent first, and each child from 12 whom the handover concerns. "
                "The receiving organisation sees names, ages, the reason and what is passed on; "
                "it can open the file once it has accepted."
            ),
        },
    )


def suspension_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    form = SuspensionForm(_data(request), household=household, children=selectors.household_children(household))

    def perform(d: dict) -> None:
        affected = [services.AffectedChild(c, where, arrangement) for c, where, arrangement in form.affected_children()]
        fields = {k: v for k, v in d.items() if not k.startswith(("child_", "arrangement_"))}
        services.suspension_record(household=household, decided_by=request.user, children_affected=affected, **fields)

    return form_page(
        request,
        form=form,
        save=perform,
        message=_("The suspension has been recorded."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={"household": household, "title": _("Record a suspension")},
    )


def suspension_update(request: AuthenticatedHttpRequest, pk: int, suspension_pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    suspension = get_object_or_404(household.suspensions.select_related("adult"), pk=suspension_pk)
    fields = ("heard", "heard_on", "objection", "objection_on", "objection_outcome", "adult_went", "end_on", "outcome")
    return form_page(
        request,
        form=SuspensionUpdateForm(_data(request), initial={f: getattr(suspension, f) for f in fields}),
        save=lambda d: services.suspension_update(suspension=suspension, **d),
        message=_("The suspension has been updated."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": _("Hearing, objection and outcome of the suspension"),
            "intro": _("Suspension of %(name)s from %(start)s.")
            % {"name": suspension.adult, "start": suspension.start_on.strftime("%d-%m-%Y")},
        },
    )


def aftercare_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    return form_page(
        request,
        form=AftercareForm(_data(request)),
        save=lambda d: services.aftercare_record(household=household, by=request.user, **d),
        message=_("The aftercare contact has been recorded."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={"household": household, "title": _("Record an aftercare contact")},
    )


def zrm_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = household_get_for_user(request.user, pk, write=True)
    form = ZrmForm(_data(request), household=household)
    return form_page(
        request,
        form=form,
        save=lambda d: services.zrm_record(
            adult=d["adult"], assessed_on=d["assessed_on"], moment=d["moment"], scores=form.scores(), by=request.user
        ),
        message=_("The ZRM assessment has been recorded."),
        success_url=_household_url(household),
        template=ACTION_FORM,
        context={
            "household": household,
            "title": _("Record a ZRM assessment"),
            "intro": _("Score each life domain from 1 (acute problems) to 5 (fully self-sufficient)."),
        },
    )


# --- Handovers as work for both sides ----------------------------------------------------------


@case_roles_required
def handover_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    handovers = selectors.handovers_open_for(request.user)
    page = Paginator(handovers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/handover_list.html", {"page": page})


def handover_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    handover = handover_get_for_user(request.user, pk)
    receiving = is_receiving_side(request.user, handover)
    # Before acceptance the receiving side sees a summary only: names, ages, reason, what is passed on.
    household = handover.household
    file_open = may_open_household(request.user, household)
    today = timezone.localdate()
    context = {
        "handover": handover,
        "household": household,
        "receiving": receiving,
        "file_open": file_open,
        "adults": [(f"{a.first_name} {a.last_name}", age_on(a.date_of_birth, today)) for a in household.adults.all()],
        "handover_children": list(handover.children.all()),
        "reject_form": HandoverRejectForm(),
        "may_admit": may_admit_from_handover(request.user, handover),
        "admit_location": selectors.single_admit_location(request.user),
        # The handover ended in an admission at the receiving organisation: the file has moved.
        "admitted": handover.status == HandoverStatus.COMPLETED
        and household.organisation_id == handover.to_organisation_id,
        "complete_form": HandoverCompleteForm(
            initial={
                "safety_info_passed": handover.safety_info_passed,
                "plan_passed": handover.plan_passed,
                "met_each_child": handover.met_each_child,
            }
        ),
    }
    # What higher apps pass on with the summary (the children's latest words): cases.extensions.
    # A sender whose household was admitted elsewhere no longer reads what is written after it.
    if receiving or file_open:
        context["panels"], panel_context = extensions.handover_panels(request, handover)
        context.update(panel_context)
    record_access(handover, request)
    return render(request, "cases/handover_detail.html", context)


def _handover_url(handover: Handover) -> str:
    return reverse("cases:handover_detail", args=[handover.pk])


@require_POST
def handover_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    handover = handover_get_for_user(request.user, pk, receiving=True)
    return post_action(
        request,
        action=lambda: services.handover_accept(handover=handover, by=request.user),
        message=_("You have accepted the handover. The household's file is now open to your organisation."),
        success_url=_handover_url(handover),
    )


def handover_reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    handover = handover_get_for_user(request.user, pk, receiving=True)
    form = HandoverRejectForm(_data(request))
    return form_page(
        request,
        form=form,
        save=lambda d: services.handover_reject(handover=handover, by=request.user, reason=d["rejected_reason"]),
        # The handover page shows the outcome; a refusal (already decided) is a message there.
        errors_as_messages=True,
        message=_("You have rejected the handover."),
        success_url=_handover_url(handover),
        template="form_page.html",
        context={"title": _("Reject the handover"), "danger": True, "back_url": _handover_url(handover)},
    )


@require_POST
def handover_complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    handover = handover_get_for_user(request.user, pk)
    form = HandoverCompleteForm(request.POST)
    return post_action(
        request,
        form=form,
        action=lambda: services.handover_complete(handover=handover, by=request.user, **form.cleaned_data),
        message=_("The handover has been completed."),
        success_url=_handover_url(handover),
    )


def handover_admit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    handover = handover_get_for_user(request.user, pk, receiving=True)
    if not may_admit_from_handover(request.user, handover):
        raise Http404
    form = HandoverAdmitForm(
        _data(request),
        locations=selectors.admit_locations_for(request.user),
        initial={"months": initial_beschikking_months(handover.household.reason)},
    )
    return form_page(
        request,
        form=form,
        save=lambda d: services.handover_admit(handover=handover, by=request.user, **d),
        message=_("The household has been admitted. The handover is completed; the file is now yours."),
        success_url=_handover_url(handover),
        template="form_page.html",
        context={
            "title": _("Admit the household at your location"),
            "intro": _(
                "The current stay ends today or on the date you choose, with destination 'other shelter'. "
                "The household's plan continues with you."
            ),
            "back_url": _handover_url(handover),
        },
    )


@require_POST
def handover_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    handover = handover_get_for_user(request.user, pk, sending=True)
    return post_action(
        request,
        action=lambda: services.handover_revoke(handover=handover, by=request.user),
        message=_("The handover has been revoked."),
        success_url=_handover_url(handover),
    )
