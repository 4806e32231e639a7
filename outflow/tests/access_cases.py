"""Access-matrix entries of housing outflow (see opvang/tests/matrix.py).

The household routes follow the case file: its own organisation's caseworker at the location and
team lead change it; everyone else gets 404 (or 403 for roles without client files). The quota
page is the policy officer's alone.
"""

from opvang.constants import OrganisationKind
from opvang.models import Organisation
from opvang.tests.matrix import CASE_ROLES, REDIRECT_TO_LOGIN, Route
from outflow.models import HousingApplication, HousingQuota, ReadyToMove
from outflow.tests.factories import HousingApplicationFactory

DAY = "2026-11-02"  # in the past, after the world's stays began


def household(w, hh):
    return {"pk": hh.pk}


def application(w, hh):
    created = HousingApplicationFactory(stay=hh.stays.get(), corporation=None)
    return {"pk": hh.pk, "application_pk": created.pk}


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
]
