"""Access-matrix entries of the cases app (see opvang/tests/matrix.py).

Handover routes are called for a handover *sent* by the household's organisation to a third
organisation, except accept and reject: those for one *received* by it (the sending side's 403
is tested in test_access.py).
"""

import datetime

from django.utils import timezone

from cases.constants import ApplicationDecision, HandoverStatus, HouseholdStatus, NoteKind
from cases.models import AdultClient, CaseNote, FollowUp, Handover, Household, PsychSupportReferral, Stay, Suspension
from cases.note_services import FollowUpData, follow_up_done, note_add
from cases.services import suspension_record
from cases.support_services import psych_referral_record
from cases.tests.factories import ApplicationFactory, BeschikkingFactory, HandoverFactory, HouseholdFactory
from opvang.constants import OrganisationKind
from opvang.models import Organisation
from opvang.tests.matrix import CASE_ROLES, Route

DAY = "2026-11-02"  # a date in the past, after the world's stays began


def household(w, hh):
    return {"pk": hh.pk}


def adult(w, hh):
    return {"pk": hh.pk, "adult_pk": hh.adults.first().pk}


def application(w, hh):
    return {"pk": hh.pk, "application_pk": ApplicationFactory(household=hh).pk}


def beschikking(w, hh):
    return {"pk": hh.pk, "beschikking_pk": hh.stays.get().beschikkingen.get().pk}


def stay(w, hh):
    return {"pk": hh.pk, "stay_pk": hh.stays.get().pk}


def left_household(w, hh):
    """The household has left the shelter: it may be admitted again, get aftercare, be closed."""
    hh.stays.update(left_on=datetime.date(2026, 10, 1), destination="social_rent")
    Household.objects.filter(pk=hh.pk).update(status=HouseholdStatus.LEFT)
    return {"pk": hh.pk}


def handover(w, hh, status=HandoverStatus.PROPOSED):
    sender = w.caseworker if hh.organisation_id == w.org_a.pk else w.outsider
    return {"pk": HandoverFactory(household=hh, from_professional=sender, status=status).pk}


def _note_author(w, hh):
    """Someone of the household's own organisation who may write in its file."""
    return w.team_lead if hh.organisation_id == w.org_a.pk else w.outsider


def case_note(w, hh):
    note = note_add(
        household=hh, kind=NoteKind.CONVERSATION, contact_at=timezone.now(), text="Gesprek.", by=_note_author(w, hh)
    )
    return {"pk": hh.pk, "note_pk": note.pk}


def follow_up(w, hh, *, done=False):
    author = _note_author(w, hh)
    note = note_add(
        household=hh,
        kind=NoteKind.PHONE,
        contact_at=timezone.now(),
        text="Gebeld.",
        by=author,
        follow_up=FollowUpData(what="Terugbellen", due_on=timezone.localdate(), owner=author),
    )
    item = note.follow_ups.get()
    if done:
        follow_up_done(follow_up=item, by=author)
    return {"pk": hh.pk, "follow_up_pk": item.pk}


def note_post_data(text: str) -> dict:
    return {"contact_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "kind": NoteKind.HOME_VISIT, "text": text}


def note_edit_data(c) -> dict:
    """Only the author edits, on the day itself: the note is made the calling user's first."""
    if c.user is not None:
        CaseNote.objects.filter(pk=c.kwargs["note_pk"]).update(author=c.user)
    return note_post_data("Gewijzigd voor de matrix")


def suspension(w, hh):
    """A suspension of the household's adult, decided by a team lead of its organisation."""
    decided_by = w.team_lead if hh.organisation_id == w.org_a.pk else w.team_lead_b
    recorded = suspension_record(
        household=hh,
        adult=hh.adults.first(),
        location=hh.location,
        start_on=datetime.date(2026, 11, 1),
        reason="violence",
        decided_by=decided_by,
    )
    return {"pk": hh.pk, "suspension_pk": recorded.pk}


def accepted_handover(w, hh):
    return handover(w, hh, status=HandoverStatus.ACCEPTED)


def received_handover(w, hh):
    """A handover sent *to* the household's organisation by a third one, about its own household."""
    # Its own reference: the factory's sequence could hit one of the world's fixed references.
    sender_household = HouseholdFactory(reference=f"HH-2025-9{hh.pk:04d}")
    return {"pk": HandoverFactory(household=sender_household, to_organisation=hh.organisation).pk}


def admittable_handover(w, hh):
    """An accepted handover to the household's organisation of a third organisation's household that
    stays there, received by the professional at the household's location (so scope follows that
    location: A1's caseworker for A1, team leads for their whole organisation)."""
    sender_household = HouseholdFactory(reference=f"HH-2025-8{hh.pk:04d}")
    BeschikkingFactory(stay__household=sender_household)
    receiver = {w.loc_a1.pk: w.caseworker, w.loc_a2.pk: w.caseworker_a2}.get(hh.location_id, w.outsider)
    made = HandoverFactory(
        household=sender_household,
        to_organisation=hh.organisation,
        to_professional=receiver,
        status=HandoverStatus.ACCEPTED,
        accepted_on=datetime.date(2026, 11, 1),
    )
    return {"pk": made.pk}


def admitted_from_handover(c) -> bool:
    made = Handover.objects.select_related("household").get(pk=c.kwargs["pk"])
    return made.status == HandoverStatus.COMPLETED and made.household.organisation_id == made.to_organisation_id


def receiving_side(role, case, method):
    """Accept/reject belong to the receiving organisation: each of its caseworkers and team leads,
    at any location (the handover is addressed to the organisation); another organisation gets 404.
    That the sender gets 403 is tested in test_access.py."""
    if role not in CASE_ROLES:
        return None
    if case == "other_org":
        return frozenset({404})
    return frozenset({200}) if method == "get" else frozenset({302})


def fresh(hh) -> Household:
    return Household.objects.get(pk=hh.pk)


def handover_status(c) -> str:
    return Handover.objects.get(pk=c.kwargs["pk"]).status


def another_organisation(hh) -> Organisation:
    return Organisation.objects.exclude(pk=hh.organisation_id).exclude(kind=OrganisationKind.MUNICIPALITY).first()


def psych_referral(w, hh):
    """A referral of the household's adult for psychological support, made during the stay."""
    referral = psych_referral_record(
        adult=hh.adults.first(),
        kind="poh_ggz",
        referred_on=datetime.date(2026, 10, 1),
        reason="Slaapt slecht sinds de vlucht",
        referred_by=None,
    )
    return {"pk": referral.pk}


def household_route(name, **kwargs):
    kwargs.setdefault("kwargs", household)
    return Route(f"cases:{name}", roles=CASE_ROLES, **kwargs)


def person(prefix: str, first_name: str) -> dict:
    return {f"{prefix}first_name": first_name, f"{prefix}last_name": "Matrix", f"{prefix}date_of_birth": "1990-01-01"}


ROUTES = [
    Route("cases:caseload", roles=CASE_ROLES, methods=("get",)),
    Route("cases:handover_list", roles=CASE_ROLES, methods=("get",)),
    Route("cases:household_search", roles=CASE_ROLES, methods=("get",)),
    Route(
        "cases:household_register",
        roles=CASE_ROLES,
        post_data=lambda c: {
            "location": c.household.location_id,
            "applied_on": DAY,
            "reason": "eviction",
            "municipality_of_origin": "Haarlem",
            "adults-TOTAL_FORMS": 1,
            "adults-INITIAL_FORMS": 0,
            "adults-0-role": "parent",
            **person("adults-0-", "Nieuwkomer"),
            "children-TOTAL_FORMS": 0,
            "children-INITIAL_FORMS": 0,
        },
        effect=lambda c: AdultClient.objects.filter(first_name="Nieuwkomer").exists(),
    ),
    household_route("household_detail", methods=("get",)),
    household_route(
        "household_edit",
        post_data=lambda c: {
            "location": c.household.location_id,
            "reason": "eviction",
            "municipality_of_origin": "Zandvoort",
            "version": 1,
        },
        effect=lambda c: fresh(c.household).municipality_of_origin == "Zandvoort",
    ),
    household_route(
        "household_close",
        kwargs=left_household,
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: fresh(c.household).status == HouseholdStatus.CLOSED,
    ),
    household_route(
        "adult_add",
        post_data=lambda c: {"role": "other", **person("", "Tweede")},
        effect=lambda c: c.household.adults.filter(first_name="Tweede").exists(),
    ),
    household_route(
        "application_add",
        post_data=lambda c: {"location": c.household.location_id, "applied_on": DAY, "referred_by": "Wijkteam"},
        effect=lambda c: c.household.applications.filter(referred_by="Wijkteam").exists(),
    ),
    household_route(
        "household_admit",
        kwargs=left_household,
        post_data=lambda c: {"location": c.household.location_id, "admitted_on": DAY, "kind": "vo", "months": 3},
        effect=lambda c: c.household.stays.filter(admitted_on=DAY).exists(),
    ),
    household_route(
        "handover_propose",
        post_data=lambda c: {
            "to_organisation": another_organisation(c.household).pk,
            "planned_on": "2026-12-20",
            "kind": "cold",
            "summary": "Dossier voor de matrix",
            "consent_given": "on",
        },
        effect=lambda c: c.household.handovers.filter(summary="Dossier voor de matrix").exists(),
    ),
    household_route(
        "suspension_record",
        post_data=lambda c: {
            "adult": c.household.adults.first().pk,
            "location": c.household.location_id,
            "start_on": DAY,
            "reason": "house_rules",
            "heard": "yes",
        },
        effect=lambda c: c.household.suspensions.exists(),
    ),
    household_route(
        "suspension_update",
        kwargs=suspension,
        post_data=lambda c: {"heard": "yes", "objection": "objection", "objection_on": DAY, "adult_went": "network"},
        effect=lambda c: Suspension.objects.get(pk=c.kwargs["suspension_pk"]).objection == "objection",
    ),
    household_route(
        "aftercare_record",
        kwargs=left_household,
        post_data=lambda c: {"contact_on": DAY, "kind": "phone"},
        effect=lambda c: fresh(c.household).status == HouseholdStatus.AFTERCARE,
    ),
    # Care information: the household's own caseworkers and team lead; partners and the
    # municipality never (they open no household files).
    household_route(
        "psych_referral_add",
        post_data=lambda c: {
            "adult": c.household.adults.first().pk,
            "kind": "ggz_basic",
            "referred_on": DAY,
            "reason": "Somberheid, verwezen voor de matrix",
        },
        effect=lambda c: PsychSupportReferral.objects.filter(
            adult__household=c.household, reason="Somberheid, verwezen voor de matrix"
        ).exists(),
    ),
    household_route(
        "psych_referral_edit",
        kwargs=psych_referral,
        post_data=lambda c: {
            "kind": "poh_ggz",
            "referred_on": "2026-10-01",
            "reason": "Slaapt slecht sinds de vlucht",
            "started_on": DAY,
        },
        effect=lambda c: PsychSupportReferral.objects.get(pk=c.kwargs["pk"]).started_on is not None,
    ),
    household_route(
        "zrm_record",
        post_data=lambda c: {
            "adult": c.household.adults.first().pk,
            "assessed_on": DAY,
            "moment": "intake",
            "score_housing": 3,
        },
        effect=lambda c: c.household.adults.first().zrm_assessments.exists(),
    ),
    household_route(
        "adult_edit",
        kwargs=adult,
        post_data=lambda c: person("", "Hernoemd"),
        effect=lambda c: AdultClient.objects.get(pk=c.kwargs["adult_pk"]).first_name == "Hernoemd",
    ),
    household_route(
        "application_decide",
        kwargs=application,
        post_data=lambda c: {"decision": "withdrawn", "decided_on": DAY},
        effect=lambda c: (
            c.household.applications.get(pk=c.kwargs["application_pk"]).decision == ApplicationDecision.WITHDRAWN
        ),
    ),
    household_route(
        "beschikking_extend",
        kwargs=beschikking,
        post_data=lambda c: {"new_end_on": "2027-06-30", "reason": "no_outflow"},
        effect=lambda c: c.household.stays.get().beschikkingen.get().end_on == datetime.date(2027, 6, 30),
    ),
    household_route(
        "stay_plan_outflow",
        kwargs=stay,
        post_data=lambda c: {"planned_destination": "social_rent", "planned_left_on": "2026-12-31"},
        effect=lambda c: Stay.objects.get(pk=c.kwargs["stay_pk"]).planned_destination == "social_rent",
    ),
    household_route(
        "stay_end",
        kwargs=stay,
        post_data=lambda c: {"left_on": DAY, "destination": "private_rent"},
        effect=lambda c: Stay.objects.get(pk=c.kwargs["stay_pk"]).left_on is not None,
    ),
    Route("cases:handover_detail", roles=CASE_ROLES, kwargs=handover, methods=("get",)),
    Route(
        "cases:handover_accept",
        roles=CASE_ROLES,
        kwargs=received_handover,
        methods=("post",),
        expect=receiving_side,
        post_data=lambda c: {},
        effect=lambda c: handover_status(c) == HandoverStatus.ACCEPTED,
    ),
    Route(
        "cases:handover_reject",
        roles=CASE_ROLES,
        kwargs=received_handover,
        expect=receiving_side,
        post_data=lambda c: {"rejected_reason": "Geen plek voor een gezin van deze grootte"},
        effect=lambda c: handover_status(c) == HandoverStatus.REJECTED,
    ),
    Route(
        "cases:handover_complete",
        roles=CASE_ROLES,
        kwargs=accepted_handover,
        methods=("post",),
        post_data=lambda c: {"plan_passed": "on"},
        effect=lambda c: handover_status(c) == HandoverStatus.COMPLETED,
    ),
    Route(
        "cases:handover_admit",
        roles=CASE_ROLES,
        kwargs=admittable_handover,
        post_data=lambda c: {
            "location": c.household.location_id,
            "admitted_on": DAY,
            "beschikking": "new",
            "kind": "vo",
            "months": "3",
        },
        effect=admitted_from_handover,
    ),
    Route(
        "cases:handover_revoke",
        roles=CASE_ROLES,
        kwargs=handover,
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: handover_status(c) == HandoverStatus.REVOKED,
    ),
    household_route("household_notes", methods=("get",)),
    household_route(
        "note_add",
        post_data=lambda c: note_post_data("Huisbezoek voor de matrix"),
        effect=lambda c: c.household.notes.filter(text="Huisbezoek voor de matrix").exists(),
    ),
    household_route(
        "note_edit",
        kwargs=case_note,
        post_data=note_edit_data,
        effect=lambda c: CaseNote.objects.get(pk=c.kwargs["note_pk"]).text == "Gewijzigd voor de matrix",
    ),
    household_route(
        "note_correct",
        kwargs=case_note,
        post_data=lambda c: note_post_data("Correctie voor de matrix"),
        effect=lambda c: CaseNote.objects.filter(
            corrects=c.kwargs["note_pk"], text="Correctie voor de matrix"
        ).exists(),
    ),
    household_route(
        "follow_up_done",
        kwargs=follow_up,
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: FollowUp.objects.get(pk=c.kwargs["follow_up_pk"]).done_at is not None,
    ),
    household_route(
        "follow_up_reopen",
        kwargs=lambda w, hh: follow_up(w, hh, done=True),
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: FollowUp.objects.get(pk=c.kwargs["follow_up_pk"]).done_at is None,
    ),
]
