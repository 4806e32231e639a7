"""Access-matrix entries of the cases app (see opvang/tests/matrix.py).

Handover routes are called for a handover *sent* by the household's organisation to a third
organisation; the receiving side's access is tested in test_access.py.
"""

from cases.tests.factories import ApplicationFactory, HandoverFactory
from opvang.tests.matrix import CASE_ROLES, Route


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


def handover(w, hh):
    sender = w.caseworker if hh.organisation_id == w.org_a.pk else w.outsider
    return {"pk": HandoverFactory(household=hh, from_professional=sender).pk}


def sender_may_not_answer(role, case, method):
    """Accept/reject belong to the receiving side: the sending organisation gets 403 where it can see
    the handover, and 404 where it cannot."""
    if role not in CASE_ROLES:
        return None
    if case == "own" or (case == "other_location" and role == "team_lead"):
        return frozenset({403})
    return frozenset({404})


def household_route(name, **kwargs):
    return Route(f"cases:{name}", roles=CASE_ROLES, kwargs=household, **kwargs)


ROUTES = [
    Route("cases:caseload", roles=CASE_ROLES, methods=("get",)),
    Route("cases:handover_list", roles=CASE_ROLES, methods=("get",)),
    Route("cases:household_search", roles=CASE_ROLES, methods=("get",)),
    Route("cases:household_register", roles=CASE_ROLES),
    household_route("household_detail", methods=("get",)),
    household_route("household_edit"),
    household_route("household_close", methods=("post",)),
    household_route("adult_add"),
    household_route("application_add"),
    household_route("household_admit"),
    household_route("handover_propose"),
    household_route("suspension_record"),
    household_route("aftercare_record"),
    household_route("zrm_record"),
    Route("cases:adult_edit", roles=CASE_ROLES, kwargs=adult, methods=("get", "post")),
    Route("cases:application_decide", roles=CASE_ROLES, kwargs=application),
    Route("cases:beschikking_extend", roles=CASE_ROLES, kwargs=beschikking),
    Route("cases:stay_plan_outflow", roles=CASE_ROLES, kwargs=stay),
    Route("cases:stay_end", roles=CASE_ROLES, kwargs=stay),
    Route("cases:handover_detail", roles=CASE_ROLES, kwargs=handover, methods=("get",)),
    Route("cases:handover_accept", roles=CASE_ROLES, kwargs=handover, methods=("post",), expect=sender_may_not_answer),
    Route("cases:handover_reject", roles=CASE_ROLES, kwargs=handover, expect=sender_may_not_answer),
    Route("cases:handover_complete", roles=CASE_ROLES, kwargs=handover, methods=("post",)),
    Route("cases:handover_revoke", roles=CASE_ROLES, kwargs=handover, methods=("post",)),
]
