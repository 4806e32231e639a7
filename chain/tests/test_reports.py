"""What reports reads of the chain: the stuck indicators (medians worked out by hand, boundary
days), the region view for policy officers (aggregates, suppression, no names, bounded queries)
and the daily digest's decisions for their owner (without their text)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from cases.tests.factories import HouseholdFactory
from chain import services
from chain.constants import StuckReason
from chain.models import StuckMark
from chain.tests.factories import make_decision, make_mark
from opvang.constants import LocationKind
from opvang.tests.factories import LocationFactory, OrganisationFactory
from reports import tasks
from reports.periods import Period, Scope
from reports.services import compute_values
from reports.stuck_selectors import stuck_region

pytestmark = pytest.mark.django_db

D = datetime.date
JUNE = Period.month(2026, 6)


def on(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def location():
    return LocationFactory(organisation=OrganisationFactory(name="Aanbieder"), kind=LocationKind.MO)


def stuck(location, since: D, reason: str = StuckReason.NO_HOUSING, resolved: D | None = None):
    household = HouseholdFactory(location=location, reference=f"HH-2026-6{StuckMark.objects.count():04d}")
    with on(D(2026, 7, 2)):  # every date below lies in the past then
        mark = make_mark(household, since=since, reason=reason)
        if resolved is not None:
            services.stuck_resolve(mark=mark, resolved_on=resolved, by=None)
    return mark


def june_marks(location) -> None:
    """Worked out by hand for June 2026 (1–30 June):

    stuck on 30 June: since 30 Jun (0 days: marked on the last day), 20 Jun (10), 31 May (30),
    1 Apr resolved 1 Jul (90: resolved after the end), 2 Mar (120) → n=5, median 30;
    resolved in June: 1 Jan → 30 Jun (180: resolved on the last day, so no longer stuck at the
    end), 1 Jun → 11 Jun (10) → n=2, median (10+180)/2 = 95;
    not counted: since 1 Jul (after the end), 15 Feb → 31 May (resolved before June);
    new in June: since 30 Jun, 20 Jun, 1 Jun → 3.
    """
    stuck(location, D(2026, 6, 30))
    stuck(location, D(2026, 6, 20))
    stuck(location, D(2026, 5, 31), StuckReason.DEBTS)
    stuck(location, D(2026, 4, 1), StuckReason.OTHER, resolved=D(2026, 7, 1))
    stuck(location, D(2026, 3, 2), StuckReason.DEBTS)
    stuck(location, D(2026, 1, 1), resolved=D(2026, 6, 30))
    stuck(location, D(2026, 6, 1), StuckReason.CARE_REFUSED, resolved=D(2026, 6, 11))
    stuck(location, D(2026, 7, 1))
    stuck(location, D(2026, 2, 15), resolved=D(2026, 5, 31))


def test_stuck_indicators_worked_out_by_hand(location) -> None:
    june_marks(location)
    v = compute_values(Scope.for_location(location), JUNE)
    assert v["stuck_present"]["value"] == 5
    assert (v["stuck_no_housing"]["value"], v["stuck_debts"]["value"], v["stuck_other"]["value"]) == (2, 2, 1)
    assert v["stuck_care_refused"]["value"] == 0
    assert v["stuck_new"]["value"] == 3
    assert v["stuck_days_median"] == {"value": 30.0, "num": None, "den": 5}
    assert v["stuck_resolved"]["value"] == 2
    assert v["stuck_resolution_days"] == {"value": 95.0, "num": None, "den": 2}


def test_stuck_indicators_count_where_the_household_was_marked(location) -> None:
    june_marks(location)
    elsewhere = LocationFactory(organisation=location.organisation, kind=LocationKind.MO)
    assert compute_values(Scope.for_location(elsewhere), JUNE)["stuck_present"]["value"] == 0
    region = compute_values(Scope.region(), JUNE)
    assert region["stuck_present"]["value"] == 5


def test_region_view_by_location_with_suppression(location) -> None:
    june_marks(location)
    other = LocationFactory(organisation=OrganisationFactory(name="Ander"), kind=LocationKind.VO, name="Klein")
    stuck(other, D(2026, 6, 1), StuckReason.DEBTS)
    with on(D(2026, 6, 30)):
        period, rows, total = stuck_region(D(2026, 6, 30))
    assert (period.start, period.end) == (D(2025, 7, 1), D(2026, 6, 30))
    by_location = {row.location: row for row in rows}
    own = by_location[location]
    assert own.present.value == 5 and own.days.value == 30.0
    # Resolved within the twelve months: 10, 180 and 105 days (15 Feb → 31 May) → median 105.
    assert (own.resolved.value, own.resolution.value, own.resolution.denominator) == (3, 105.0, 3)
    assert (by_location[other].present.value, by_location[other].days.value) == (1, 29.0)
    # The region on 30 June: days stuck 0, 10, 30, 90 (resolved only on 1 July), 120 and the other
    # location's 29 → 0, 10, 29, 30, 90, 120 → median (29 + 30) / 2.
    assert (total.present.value, total.days.value) == (6, 29.5)


def test_policy_officer_sees_numbers_only_and_small_numbers_suppressed(client, world) -> None:
    with on(D(2026, 7, 2)):
        make_mark(world.household_a1, since=D(2026, 6, 1), reason=StuckReason.DEBTS)
    client.force_login(world.policy_officer)
    with on(D(2026, 7, 2)):
        response = client.get(reverse("reports:stuck_region"))
    body = response.content.decode()
    assert response.status_code == 200
    for private in ("HH-2026-00001", "Ouder", "Kind", world.caseworker.last_name):
        assert private not in body
    cells = dict((loc.name, c) for loc, c in response.context["rows"])
    assert cells["A1"][0] == "<5"  # one household stuck: suppressed
    assert cells["A1"][1 + len(StuckReason.values)] == "n<5"  # its median rests on one case


def test_region_view_query_count_is_bounded(client, world, django_assert_max_num_queries) -> None:
    for n in range(12):
        LocationFactory(organisation=world.org_b, name=f"Extra {n}")
    for i in range(30):
        make_mark(HouseholdFactory(location=world.loc_a1, reference=f"HH-2026-8{i:04d}"))
    client.force_login(world.policy_officer)
    # session, user, savepoint, locations, counts per location, two grouped medians, the region's
    # counts and two medians, release, session save (savepoint, update, release).
    with django_assert_max_num_queries(14):
        response = client.get(reverse("reports:stuck_region"))
    assert len(response.context["rows"]) == 15


def test_daily_digest_lists_due_and_overdue_decisions_for_their_owner_without_their_text(
    world, django_capture_on_commit_callbacks
) -> None:
    world.colleague.email = "collega@example.org"
    world.colleague.save()
    with on(D(2026, 4, 1)):
        for due_on in (D(2026, 4, 8), D(2026, 4, 10), D(2026, 4, 30)):
            make_decision(world.household_a1, owner=world.colleague, due_on=due_on)
    with django_capture_on_commit_callbacks(execute=True):
        sent = tasks.daily_caseload_digest.delay(day="2026-04-10").get()
    assert sent == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == ["collega@example.org"]
    assert body.count("HH-2026-00001") == 2  # the one due on 30 April waits
    assert "Urgentie" not in body
