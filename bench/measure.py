"""Server-side measurements on a seeded database (run by bench/run; not a test).

Pages: the caseload, household, child, plan and dashboard pages through Django's test Client
(in-process, no network): median and p95 over REQUESTS requests, and the number of SQL queries
of one request (CaptureQueriesContext). Reports: the region's quarterly report
(reports.services.compute_values), a location's PDF (opvang.pdf.render_pdf of the snapshot
template), and a hand-written single-SQL lower bound for the region's headline numbers.

Writes bench/out/measure-<N>.json and prints a markdown table.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import django

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from cases.models import Household, Stay  # noqa: E402
from children.models import Child  # noqa: E402
from opvang.constants import Role  # noqa: E402
from opvang.models import Location, User  # noqa: E402
from plans.constants import OPEN_PLAN_STATUSES  # noqa: E402

if TYPE_CHECKING:
    from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper
from plans.models import Plan  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
WITH_REPORTS = os.environ.get("BENCH_REPORTS", "1") != "0"
OUT = BENCH / "out"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def last_complete_quarter(today: date) -> tuple[int, int]:
    quarter = (today.month - 1) // 3  # the current quarter's index 0..3; the previous one is complete
    return (today.year - 1, 4) if quarter == 0 else (today.year, quarter)


def busy_location() -> Location:
    """The scale location with the most households present now."""
    location = (
        Location.objects.filter(organisation__name__startswith="Schaalregio")
        .annotate(present=Count("stays", filter=Q(stays__left_on__isnull=True)))
        .order_by("-present", "pk")
        .first()
    )
    if location is None:
        raise SystemExit("No Schaalregio location in this database: run seed_scale first.")
    return location


def measure_page(client: Client, urls: list[str]) -> dict:
    """REQUESTS timed GETs cycling through urls, after one warm-up; query count of each url once."""
    client.get(urls[0])
    timings = []
    for i in range(REQUESTS):
        url = urls[i % len(urls)]
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    counts = []
    for url in urls[: min(len(urls), 10)]:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries.captured_queries))
    return {
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "queries_min": min(counts),
        "queries_max": max(counts),
        "distinct_objects": len(urls),
    }


def pages(location: Location) -> dict:
    caseworker = (
        User.objects.filter(role=Role.CASEWORKER, locations=location, is_active=True)
        .annotate(n=Count("adult_clients"))
        .order_by("-n", "pk")
        .first()
    )
    policy = User.objects.filter(role=Role.POLICY_OFFICER, username__startswith="schaal").first()
    if caseworker is None or policy is None:
        raise SystemExit("No scale caseworker or policy officer in this database: run seed_scale first.")
    households = list(
        Household.objects.filter(location=location, stays__left_on__isnull=True, stays__location=location)
        .order_by("pk")
        .values_list("pk", flat=True)[:REQUESTS]
    )
    children = list(Child.objects.filter(household_id__in=households).order_by("pk").values_list("pk", flat=True))
    plans = list(
        Plan.objects.filter(household_id__in=households, status__in=OPEN_PLAN_STATUSES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    results = {"caseworker": caseworker.username, "location": location.name, "households_present": len(households)}
    client = Client()
    client.force_login(caseworker)
    results["caseload"] = measure_page(client, [reverse("cases:caseload")])
    results["household"] = measure_page(client, [reverse("cases:household_detail", args=[pk]) for pk in households])
    results["child"] = measure_page(client, [reverse("children:child_detail", args=[pk]) for pk in children])
    if plans:
        results["plan"] = measure_page(client, [reverse("plans:plan_detail", args=[pk]) for pk in plans])
    client = Client()
    client.force_login(policy)
    results["dashboard"] = measure_page(client, [reverse("reports:dashboard")])
    return results


# --- reports ---------------------------------------------------------------------------------

# The headline numbers of the region's quarter in one statement: the same definitions as
# reports.indicators for inflow, occupancy, children as clients (incl. faces), gedragen plans,
# handovers, duration and exits. The cheapest way to get them — the lower bound for the app.
LOWER_BOUND_SQL = """
WITH loc AS (
    SELECT l.id, l.kind, l.capacity_places FROM opvang_location l
    JOIN opvang_organisation o ON o.id = l.organisation_id WHERE o.kind = 'shelter_provider'
), st AS (
    SELECT s.* FROM cases_stay s JOIN loc ON loc.id = s.location_id
    WHERE s.admitted_on <= %(end)s AND (s.left_on IS NULL OR s.left_on >= %(start)s)
), persons AS (
    SELECT h.id AS household_id,
           (SELECT count(*) FROM cases_adultclient a WHERE a.household_id = h.id)
         + (SELECT count(*) FROM children_child c WHERE c.household_id = h.id) AS n
    FROM cases_household h WHERE h.id IN (SELECT household_id FROM st)
), stay_agg AS (
    SELECT count(DISTINCT st.household_id) AS households,
           count(DISTINCT st.household_id) FILTER (WHERE st.left_on IS NULL OR st.left_on > %(end)s) AS present,
           sum((LEAST(COALESCE(st.left_on, %(after)s), %(after)s) - GREATEST(st.admitted_on, %(start)s)) * p.n)
               AS person_nights,
           count(*) FILTER (WHERE st.left_on BETWEEN %(start)s AND %(end)s) AS exits,
           count(*) FILTER (WHERE st.left_on BETWEEN %(start)s AND %(end)s
                            AND st.destination = ANY(%(permanent)s)) AS exits_permanent
    FROM st JOIN persons p ON p.household_id = st.household_id
), cs AS (
    SELECT c.id, c.mentor_id, c.intake_on, st.admitted_on, st.left_on,
           LEAST(COALESCE(st.left_on, %(end)s), %(end)s) AS until
    FROM children_child c JOIN st ON st.household_id = c.household_id
), child_agg AS (
    SELECT count(*) AS served,
           count(*) FILTER (WHERE cs.admitted_on >= %(start)s) AS admitted,
           count(*) FILTER (WHERE cs.admitted_on >= %(start)s
                            AND cs.intake_on - cs.admitted_on BETWEEN 0 AND 14) AS intake,
           count(*) FILTER (WHERE cs.mentor_id IS NOT NULL) AS mentor,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM children_childvoice v WHERE v.child_id = cs.id
                            AND v.recorded_on BETWEEN cs.admitted_on AND cs.until)) AS voice,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY f.faces) AS faces_median,
           count(*) FILTER (WHERE f.faces > %(threshold)s) AS faces_above
    FROM cs CROSS JOIN LATERAL (
        SELECT count(DISTINCT CASE WHEN i.user_id IS NOT NULL THEN 'u' || i.user_id
                     ELSE 'x' || lower(trim(i.external_name)) || '|' || lower(trim(i.external_organisation)) END)
               AS faces
        FROM cases_involvement i
        WHERE i.child_id = cs.id AND i.started_on <= cs.until AND (i.ended_on IS NULL OR i.ended_on >= cs.admitted_on)
    ) f
), plan_agg AS (
    SELECT count(DISTINCT v.id) AS agreed,
           count(DISTINCT v.id) FILTER (WHERE v.gedragen_at_agreement) AS gedragen
    FROM plans_planversion v JOIN plans_plan p ON p.id = v.plan_id
    JOIN cases_stay s ON s.household_id = p.household_id JOIN loc ON loc.id = s.location_id
    WHERE v.agreed_on BETWEEN %(start)s AND %(end)s AND s.admitted_on <= v.agreed_on
      AND (s.left_on IS NULL OR s.left_on >= v.agreed_on)
), handover_agg AS (
    SELECT count(DISTINCT ho.id) AS handovers,
           count(DISTINCT ho.id) FILTER (WHERE ho.kind = 'warm') AS warm,
           count(DISTINCT ho.id) FILTER (WHERE ho.accepted_on - ho.planned_on <= 7) AS confirmed
    FROM cases_handover ho JOIN cases_stay s ON s.household_id = ho.household_id
    JOIN loc ON loc.id = s.location_id
    WHERE ho.planned_on BETWEEN %(start)s AND %(end)s AND ho.status <> 'revoked'
      AND s.admitted_on <= ho.planned_on
      AND (s.left_on IS NULL OR ho.planned_on <= (s.left_on + interval '1 month')::date)
), duration AS (
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s.left_on - s.admitted_on)
               FILTER (WHERE loc.kind IN ('mo', 'intermediate')) AS length_mo,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY s.left_on - s.admitted_on)
               FILTER (WHERE loc.kind IN ('vo', 'crisis')) AS length_vo
    FROM cases_stay s JOIN loc ON loc.id = s.location_id WHERE s.left_on BETWEEN %(start)s AND %(end)s
), inflow AS (
    SELECT (SELECT count(*) FROM cases_application a JOIN loc ON loc.id = a.location_id
            WHERE a.applied_on BETWEEN %(start)s AND %(end)s) AS applications,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s.admitted_on - a.applied_on)
            FROM cases_stay s JOIN loc ON loc.id = s.location_id JOIN cases_application a ON a.id = s.application_id
            WHERE s.admitted_on BETWEEN %(start)s AND %(end)s) AS waiting_median,
           (SELECT sum(capacity_places) FROM loc) * (%(end)s::date - %(start)s::date + 1) AS capacity_nights
)
SELECT * FROM inflow, stay_agg, child_agg, plan_agg, handover_agg, duration
"""

# The Computation properties that compute the same numbers as LOWER_BOUND_SQL.
SAME_NUMBERS = ["applications", "waiting", "stays", "capacity_nights", "children", "faces", "plans", "handovers",
                "length_mo", "length_vo"]  # fmt: skip


_T = TypeVar("_T")


def timed(fn: Callable[[], _T], repeat: int = 3) -> tuple[float, _T]:
    """The best of ``repeat`` (at least one) wall-clock timings of ``fn()``, and its result."""
    best, result = None, None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    assert best is not None
    return best, cast(_T, result)


def reports(location: Location) -> dict:
    from cases.constants import DESTINATION_GROUPS, DestinationGroup
    from opvang.pdf import render_pdf
    from reports import selectors as report_selectors
    from reports.indicators import Computation
    from reports.periods import Period, Scope
    from reports.services import compute_values, snapshot_generate

    year, quarter = last_complete_quarter(date.today())
    period = Period.quarter(year, quarter)
    results: dict = {"quarter": f"{year}-Q{quarter}"}

    seconds, _values = timed(lambda: compute_values(Scope.region(), period), repeat=3)
    with CaptureQueriesContext(connection) as queries:
        compute_values(Scope.region(), period)
    results["region_report_s"] = round(seconds, 3)
    results["region_report_queries"] = len(queries.captured_queries)

    def same_numbers() -> dict:
        computation = Computation(Scope.region(), period)
        return {name: getattr(computation, name) for name in SAME_NUMBERS}

    same_s, same = timed(same_numbers, repeat=3)
    params: dict[str, Any] = {
        "start": period.start,
        "end": period.end,
        "after": period.end + timedelta(days=1),
        "permanent": [d for d, g in DESTINATION_GROUPS.items() if g == DestinationGroup.PERMANENT],
        "threshold": int(os.environ.get("OPVANG_FACES_THRESHOLD", "5")),
    }

    def lower_bound() -> dict:
        with connection.cursor() as cursor:
            cursor.execute(LOWER_BOUND_SQL, params)
            columns = [c.name for c in cursor.description]
            return dict(zip(columns, cursor.fetchone(), strict=True))

    lb_s, lb = timed(lower_bound, repeat=3)
    results["same_numbers_s"] = round(same_s, 3)
    results["lower_bound_s"] = round(lb_s, 3)
    results["ratio_same_numbers"] = round(same_s / lb_s, 2)
    results["ratio_full_report"] = round(seconds / lb_s, 2)
    # The two must agree, or the lower bound is not a lower bound for the same numbers.
    results["check"] = {
        "applications": (same["applications"], lb["applications"]),
        "households": (same["stays"]["households"], lb["households"]),
        "person_nights": (same["stays"]["person_nights"], lb["person_nights"]),
        "children_served": (same["children"]["served"], lb["served"]),
        "child_intake": (same["children"]["intake"], lb["intake"]),
        "faces_above": (same["children"]["faces_above"], lb["faces_above"]),
        "plans_gedragen": (same["plans"]["gedragen"], lb["gedragen"]),
        "handovers_warm": (same["handovers"]["warm"], lb["warm"]),
    }

    # A location's quarterly report as the contract manager generates it, then its PDF alone.
    started = time.perf_counter()
    snapshot = snapshot_generate(scope=Scope.for_location(location), period=period)
    results["location_report_with_pdf_s"] = round(time.perf_counter() - started, 3)
    pdf_s, pdf = timed(
        lambda: render_pdf("reports/snapshot_pdf.html", report_selectors.snapshot_pdf_context(snapshot)), repeat=3
    )
    results["location_pdf_s"] = round(pdf_s, 3)
    results["location_pdf_kb"] = round(len(pdf) / 1024)
    return results


def dashboard_data(values_period) -> None:
    """The dashboard reads stored snapshots: give it 8 region quarters and each location's latest.

    Values are the region's computed ones, copied (the page's cost depends on the number of
    snapshots, not on their numbers); rows are written directly because this is bench data.
    """
    from reports.constants import PeriodKind, ScopeKind, SnapshotStatus
    from reports.models import ReportSnapshot
    from reports.periods import Period, Scope
    from reports.services import compute_values

    if ReportSnapshot.objects.filter(scope_kind=ScopeKind.REGION, period_kind=PeriodKind.QUARTER).exists():
        return
    # BENCH_REPORTS=0: pages only; the snapshots then hold no values (the page shows dashes).
    values = compute_values(Scope.region(), values_period) if WITH_REPORTS else {}
    period = values_period
    rows = []
    for _ in range(8):
        rows.append(
            ReportSnapshot(
                scope_kind=ScopeKind.REGION, scope_key=Scope.region().key, period_kind=PeriodKind.QUARTER,
                period_start=period.start, period_end=period.end, revision=1, is_current=True, values=values,
                status=SnapshotStatus.DONE, progress=100,
            )
        )  # fmt: skip
        period = period.previous()
    for location in Scope.region().locations():
        rows.append(
            ReportSnapshot(
                scope_kind=ScopeKind.LOCATION, scope_key=Scope.for_location(location).key, location=location,
                period_kind=PeriodKind.QUARTER, period_start=values_period.start, period_end=values_period.end,
                revision=1, is_current=True, values=values, status=SnapshotStatus.DONE, progress=100,
            )
        )  # fmt: skip
    ReportSnapshot.objects.bulk_create(rows)
    _ = Period


def main() -> None:
    from reports.periods import Period

    n = Household.objects.filter(organisation__name__startswith="Schaalregio").count()
    location = busy_location()
    year, quarter = last_complete_quarter(date.today())
    dashboard_data(Period.quarter(year, quarter))
    pg_version = cast("PostgresWrapper", connection).pg_version  # bench/run always measures on PostgreSQL
    results = {
        "households": n,
        "date": date.today().isoformat(),
        "machine": f"{platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · PostgreSQL {pg_version // 10000} · "
        f"load average at start {os.getloadavg()[0]:.1f}",
        "requests_per_page": REQUESTS,
        "stays": Stay.objects.count(),
    }
    results["pages"] = pages(location)
    if WITH_REPORTS:
        results["reports"] = reports(location)
    OUT.mkdir(exist_ok=True)
    (OUT / f"measure-{n}.json").write_text(json.dumps(results, indent=2, default=str))
    print(markdown(results))


def markdown(r: dict) -> str:
    p = r["pages"]
    lines = [
        f"### N = {r['households']} households ({r['date']})",
        "",
        f"Machine: {r['machine']}. Caseworker `{p['caseworker']}` at {p['location']} "
        f"({p['households_present']} households present); {r['requests_per_page']} requests per page.",
        "",
        "| page | median ms | p95 ms | SQL queries | objects cycled |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in ("caseload", "household", "child", "plan", "dashboard"):
        if name not in p:
            lines.append(f"| {name} | – | – | – | – |")
            continue
        m = p[name]
        q = str(m["queries_min"]) if m["queries_min"] == m["queries_max"] else f"{m['queries_min']}–{m['queries_max']}"
        lines.append(f"| {name} | {m['median_ms']} | {m['p95_ms']} | {q} | {m['distinct_objects']} |")
    rep = r.get("reports")
    if rep is None:
        return "\n".join([*lines, "", "Reports not measured (BENCH_REPORTS=0)."])
    lines += [
        "",
        f"| report ({rep['quarter']}) | value |",
        "|---|---:|",
        f"| region quarterly report (all indicators, best of 3) | {rep['region_report_s']} s "
        f"({rep['region_report_queries']} queries) |",
        f"| region: the headline numbers through the app | {rep['same_numbers_s']} s |",
        f"| region: the same numbers in one hand-written SQL (lower bound) | {rep['lower_bound_s']} s |",
        f"| ratio app / lower bound, same numbers | {rep['ratio_same_numbers']} |",
        f"| ratio full report / lower bound | {rep['ratio_full_report']} |",
        f"| location report generated, incl. PDF | {rep['location_report_with_pdf_s']} s |",
        f"| location PDF rendering alone | {rep['location_pdf_s']} s ({rep['location_pdf_kb']} KB) |",
        "",
        "Check (app, lower bound): " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in rep["check"].items()),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
