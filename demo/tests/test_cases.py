"""The demo data: every state present, begeleider's caseload realistic, idempotent."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from cases import selectors
from cases.constants import HandoverStatus, HouseholdStatus
from cases.filters import CaseloadFilter
from cases.models import Application, Handover, Household, PsychSupportReferral, Suspension, ZrmAssessment
from demo import cases as demo
from demo.network import seed_network

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_demo_covers_every_state_and_is_idempotent():
    network = seed_network()
    demo.seed(network)
    count = Household.objects.count()
    demo.seed(network)
    assert Household.objects.count() == count >= 38
    assert set(Household.objects.values_list("status", flat=True)) == set(HouseholdStatus.values)
    assert Application.objects.filter(relapse_of__isnull=False).exists()
    assert Handover.objects.filter(status=HandoverStatus.PROPOSED, to_organisation__name="Blijf Groep").exists()
    assert Handover.objects.filter(status=HandoverStatus.COMPLETED).exists()
    assert Suspension.objects.exists() and ZrmAssessment.objects.filter(moment="exit").exists()
    # Psychological support during a stay (POH-GGZ) and after one (GGZ basic, in aftercare).
    assert PsychSupportReferral.objects.filter(kind="poh_ggz").exists()
    assert PsychSupportReferral.objects.filter(kind="ggz_basic", adult__household__status="aftercare").exists()
    user = network.users["begeleider"]
    rows = list(CaseloadFilter({}, queryset=selectors.caseload(user=user), user=user).qs)
    assert 8 <= len(rows) <= 14
    for signal in selectors.SIGNAL_NAMES:
        assert any(getattr(row, signal) for row in rows), signal
