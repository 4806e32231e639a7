"""Access-matrix entries for every URL of the chain app (see opvang/tests/matrix.py).

A consultation is visible to every caseworker and team lead of an organisation present, so the
consultation page answers 200 to the caseworker of the other location too (it shows them only
the households they may open: see test_views' scope tests).
"""

from django.utils import timezone

from chain import selectors
from chain.models import ChainConsultation, ConsultationCase, Decision, StuckMark
from chain.tests.factories import make_case, make_consultation, make_decision, make_mark
from opvang.tests.matrix import CASE_ROLES, Route


def today() -> str:
    return timezone.localdate().isoformat()


def _bring_in_data(c) -> dict:
    # A consultation the household's own organisation attends, made just before the POST.
    return {"consultation": make_consultation(c.household.organisation).pk, "question": "Wat is nodig?"}


def _decision_data(c) -> dict:
    case = ConsultationCase.objects.get(pk=c.kwargs["pk"])
    owner = selectors.decision_owner_choices(case.household).first()
    return {"text": "Schuldhulp inschakelen", "owner": owner.pk, "due_on": today()}


ROUTES = [
    Route("chain:consultation_list", roles=CASE_ROLES, methods=("get",)),
    Route(
        "chain:consultation_create",
        roles=CASE_ROLES,
        post_data=lambda c: {"held_on": today(), "attendees": "Anna de Vries, SWT", "next_meeting_on": ""},
        effect=lambda c: ChainConsultation.objects.filter(attendees="Anna de Vries, SWT").exists(),
    ),
    Route(
        "chain:consultation_detail",
        roles=CASE_ROLES,
        kwargs=lambda w, hh: {"pk": make_case(hh).consultation_id},
        methods=("get",),
        other_location_roles=CASE_ROLES,
    ),
    Route(
        "chain:stuck_mark",
        roles=CASE_ROLES,
        kwargs=lambda w, hh: {"household_pk": hh.pk},
        post_data=lambda c: {"reason": "debts", "since": today(), "explanation": ""},
        effect=lambda c: StuckMark.objects.filter(household=c.household, reason="debts").exists(),
    ),
    Route(
        "chain:stuck_resolve",
        roles=CASE_ROLES,
        kwargs=lambda w, hh: {"pk": make_mark(hh).pk},
        post_data=lambda c: {"resolved_on": today()},
        effect=lambda c: StuckMark.objects.filter(pk=c.kwargs["pk"], resolved_on__isnull=False).exists(),
    ),
    Route(
        "chain:case_add",
        roles=CASE_ROLES,
        kwargs=lambda w, hh: {"household_pk": hh.pk},
        post_data=_bring_in_data,
        effect=lambda c: ConsultationCase.objects.filter(household=c.household).exists(),
    ),
    Route(
        "chain:decision_add",
        roles=CASE_ROLES,
        kwargs=lambda w, hh: {"pk": make_case(hh).pk},
        post_data=_decision_data,
        effect=lambda c: Decision.objects.filter(case_id=c.kwargs["pk"], text="Schuldhulp inschakelen").exists(),
    ),
    Route(
        "chain:decision_done",
        roles=CASE_ROLES,
        kwargs=lambda w, hh: {"pk": make_decision(hh).pk},
        methods=("post",),
        post_data=lambda c: {},
        effect=lambda c: Decision.objects.filter(pk=c.kwargs["pk"], done_at__isnull=False).exists(),
    ),
]
