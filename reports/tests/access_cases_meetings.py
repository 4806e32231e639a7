"""Access matrix of the account meetings (accountgesprekken).

Contract managers record meetings and agreements with every provider; policy officers read them;
a provider's team lead (organisation A) reads the meetings with A and gets 404 on B's; everyone
else gets 403 (reports.access).
"""

from __future__ import annotations

import datetime

from opvang.tests.matrix import Route
from reports.constants import AgreementStatus
from reports.models import AccountAgreement, AccountMeeting

from .access_cases import _own_organisation, _same_everywhere

READERS = frozenset({"policy_officer", "contract_manager", "team_lead"})
RECORDER = frozenset({"contract_manager"})


def _meeting(world, household, held_on: datetime.date) -> AccountMeeting:
    return AccountMeeting.objects.create(
        organisation=household.location.organisation,
        held_on=held_on,
        contract_manager=world.contract_manager,
        attendees="Contractmanager, directeur",
    )


def meeting_kwargs(world, household) -> dict:
    """A meeting held with the household location's provider."""
    return {"pk": _meeting(world, household, datetime.date(2026, 3, 2)).pk}


def agreement_kwargs(world, household) -> dict:
    """An open agreement of an earlier meeting, seen from the provider's next meeting."""
    earlier = _meeting(world, household, datetime.date(2026, 1, 12))
    agreement = AccountAgreement.objects.create(meeting=earlier, kind="training", text="Veerkracht", owner="Teamleider")
    later = _meeting(world, household, datetime.date(2026, 3, 2))
    return {"pk": later.pk, "agreement_pk": agreement.pk}


def _reader_route(name: str, **kwargs) -> Route:
    return Route(name, roles=READERS, expect=_own_organisation(READERS), **kwargs)


def _recorder_route(name: str, **kwargs) -> Route:
    return Route(name, roles=RECORDER, expect=_same_everywhere(RECORDER), **kwargs)


ROUTES = [
    Route("reports:meeting_list", roles=READERS, expect=_same_everywhere(READERS), methods=("get",)),
    _recorder_route(
        "reports:meeting_add",
        post_data=lambda c: {
            "organisation": c.household.location.organisation_id,
            "held_on": "2026-02-10",
            "attendees": "Matrix",
            "notes": "",
        },
        effect=lambda c: AccountMeeting.objects.filter(
            organisation=c.household.location.organisation, attendees="Matrix"
        ).exists(),
    ),
    _reader_route("reports:meeting_detail", kwargs=meeting_kwargs, methods=("get",)),
    _recorder_route(
        "reports:meeting_edit",
        kwargs=meeting_kwargs,
        post_data=lambda c: {"held_on": "2026-03-02", "attendees": "Gewijzigd", "notes": "Verslag"},
        effect=lambda c: AccountMeeting.objects.get(pk=c.kwargs["pk"]).attendees == "Gewijzigd",
    ),
    _recorder_route(
        "reports:agreement_add",
        kwargs=meeting_kwargs,
        post_data=lambda c: {"kind": "training", "text": "Meldcode-training", "owner": "Teamleider", "due_on": ""},
        effect=lambda c: AccountAgreement.objects.filter(meeting_id=c.kwargs["pk"], text="Meldcode-training").exists(),
    ),
    _recorder_route(
        "reports:agreement_status",
        kwargs=agreement_kwargs,
        methods=("post",),
        post_data=lambda c: {"status": "done", "reason": ""},
        effect=lambda c: AccountAgreement.objects.filter(
            pk=c.kwargs["agreement_pk"], status=AgreementStatus.DONE, closed_in_id=c.kwargs["pk"]
        ).exists(),
    ),
]
