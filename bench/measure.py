"""Server-side measurements on a seeded database (run by bench/run; not a test).

Pages: the caseload, household, child, plan and dashboard pages through Django's test Client
(in-process, no network): median and p95 over REQUESTS requests, and the number of SQL queries
of one request (CaptureQueriesContext). Reports: the region's quarterly report
(reports.services.compute_values), a location's PDF (opvang.pdf.render_pdf of the snapshot
template), and a hand-written single-SQL lower bound for the region's headline numbers.

Writes bench/out/measure-<N>.json and prints a markdown table.
"""

from __future__ import annotations

import functools
import json
import os
import platform
import re
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


class SqlLog:
    """Every SQL statement run while active (connection.execute_wrapper): text, params, ms, where."""

    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.label = ""

    def __call__(self, execute, sql, params, many, context):  # noqa: ANN001, ANN204
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if not many:
                ms = (time.perf_counter() - started) * 1000
                self.entries.append({"sql": sql, "params": params, "ms": ms, "where": self.label})


SQL_LOG = SqlLog()


def measure_page(client: Client, urls: list[str], *, label: str = "", headers: dict | None = None) -> dict:
    """REQUESTS timed GETs cycling through urls, after one warm-up; query count of each url once."""
    headers = headers or {}
    client.get(urls[0], headers=headers)
    timings = []
    for i in range(REQUESTS):
        url = urls[i % len(urls)]
        started = time.perf_counter()
        response = client.get(url, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    counts = []
    SQL_LOG.label = label
    for url in urls[: min(len(urls), 10)]:
        with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(SQL_LOG):
            client.get(url, headers=headers)
        counts.append(len(queries.captured_queries))
    return {
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "queries_min": min(counts),
        "queries_max": max(counts),
        "distinct_objects": len(urls),
    }


PAGES = ("caseload", "household", "child", "plan", "notes", "partner_plan", "consultation", "dashboard",
         "report_list", "api_snapshots")  # fmt: skip


def partner_with_plans() -> tuple[User | None, list[int]]:
    """The scale chain-partner professional with the most plans open to them (circle + consent)."""
    from plans.access import partner_plan_scope_q

    best: tuple[User | None, list[int]] = (None, [])
    for user in User.objects.filter(role=Role.CHAIN_PARTNER, username__startswith="schaal").order_by("pk"):
        pks = list(
            Plan.objects.filter(partner_plan_scope_q(user)).order_by("pk").values_list("pk", flat=True)[:REQUESTS]
        )
        if len(pks) > len(best[1]):
            best = (user, pks)
    return best


def api_key(user: User) -> str:
    from django.utils import timezone

    from api.services import api_token_create

    _token, key = api_token_create(user=user, name="bench", expires_on=timezone.localdate() + timedelta(days=7))
    return key


def pages(location: Location) -> dict:
    from chain.models import ChainConsultation

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
    consultations = list(
        ChainConsultation.objects.filter(organisations=caseworker.organisation_id)
        .order_by("-held_on", "-pk")
        .values_list("pk", flat=True)[:REQUESTS]
    )
    partner, partner_plans = partner_with_plans()
    results: dict[str, Any] = {
        "caseworker": caseworker.username,
        "location": location.name,
        "households_present": len(households),
        "partner": partner.username if partner else None,
        "partner_plans": len(partner_plans),
        "consultations": len(consultations),
    }
    client = Client()
    client.force_login(caseworker)
    results["caseload"] = measure_page(client, [reverse("cases:caseload")], label="caseload")
    results["household"] = measure_page(
        client, [reverse("cases:household_detail", args=[pk]) for pk in households], label="household"
    )
    results["child"] = measure_page(
        client, [reverse("children:child_detail", args=[pk]) for pk in children], label="child"
    )
    if plans:
        results["plan"] = measure_page(client, [reverse("plans:plan_detail", args=[pk]) for pk in plans], label="plan")
    results["notes"] = measure_page(
        client, [reverse("cases:household_notes", args=[pk]) for pk in households], label="notes"
    )
    if consultations:
        results["consultation"] = measure_page(
            client, [reverse("chain:consultation_detail", args=[pk]) for pk in consultations], label="consultation"
        )
    if partner is not None and partner_plans:
        client = Client()
        client.force_login(partner)
        results["partner_plan"] = measure_page(
            client, [reverse("plans:partner_plan", args=[pk]) for pk in partner_plans], label="partner_plan"
        )
    client = Client()
    client.force_login(policy)
    results["dashboard"] = measure_page(client, [reverse("reports:dashboard")], label="dashboard")
    results["report_list"] = measure_page(client, [reverse("reports:report_list")], label="report_list")
    api = Client()
    results["api_snapshots"] = measure_page(
        api,
        [reverse("api:snapshot_list")],
        label="api_snapshots",
        headers={"Authorization": f"Bearer {api_key(policy)}"},
    )
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
    -- under 18 on the first day of the stay within the period (reports.indicators.child_stays)
    WHERE c.date_of_birth > (GREATEST(st.admitted_on, %(start)s::date) - interval '216 months')::date
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


def rest_lower_bound_sql() -> str:
    """The rest of the report in one statement: beschikkingen, extension reasons, returns,
    aftercare, housing outflow (ready to departure, housed within 90 days, housing applications by
    kind and outcome), experience surveys, stuck households and staff — the same definitions as
    reports.indicators (REST_NUMBERS). Not covered by hand: child intake/referrals/plan-within/
    reviews/child goals/voice themes, handovers confirmed, organisations, ZRM, suspensions, meldcode."""
    from chain.constants import StuckReason
    from outflow.constants import HousingApplicationKind, HousingOutcome
    from reports.constants import SURVEY_THEMES
    from reports.indicators import RETURN_WINDOWS, STAFF_TRAININGS

    # Built from the app's own constants with str.replace (never from input).
    kinds = ",\n".join(
        "count(*) FILTER (WHERE a.applied_on BETWEEN %(start)s AND %(end)s AND a.kind = '@') AS kind_@".replace("@", k)
        for k in HousingApplicationKind.values
    )
    outcomes = ",\n".join(
        "count(*) FILTER (WHERE a.outcome_on BETWEEN %(start)s AND %(end)s AND a.outcome = '@') AS outcome_@".replace(
            "@", o
        )
        for o in HousingOutcome.values
        if o != HousingOutcome.OPEN
    )
    themes = ",\n".join("avg(r.@) AS mean_@, count(r.@) AS n_@".replace("@", t) for t in SURVEY_THEMES)
    reasons = ",\n".join(
        (
            "count(*) FILTER (WHERE m.since <= %(end)s AND (m.resolved_on IS NULL OR m.resolved_on > %(end)s) "
            "AND m.reason = '@') AS reason_@"
        ).replace("@", r)
        for r in StuckReason.values
    )
    trained = ",\n".join(TRAINED_SQL.replace("@", t) for t in STAFF_TRAININGS)
    returns = ",\n".join(RETURNED_SQL.replace("@", str(n)) for n in RETURN_WINDOWS)
    return (
        REST_LOWER_BOUND_SQL.replace("{returns}", returns)
        .replace("{kinds}", kinds)
        .replace("{outcomes}", outcomes)
        .replace("{themes}", themes)
        .replace("{reasons}", reasons)
        .replace("{trained}", trained)
    )


TRAINED_SQL = (
    "count(*) FILTER (WHERE EXISTS (SELECT 1 FROM opvang_trainingrecord t WHERE t.user_id = u.id "
    "AND t.training = '@' AND t.completed_on <= %(end)s "
    "AND (t.expires_on IS NULL OR t.expires_on >= %(end)s))) AS trained_@"
)
RETURNED_SQL = (
    "count(DISTINCT s.household_id) FILTER (WHERE s.left_on BETWEEN %(c@_start)s AND %(c@_end)s) AS cohort_@, "
    "count(DISTINCT s.household_id) FILTER (WHERE s.left_on BETWEEN %(c@_start)s AND %(c@_end)s AND ("
    "EXISTS (SELECT 1 FROM cases_application a WHERE a.household_id = s.household_id "
    "AND a.applied_on > s.left_on AND a.applied_on <= (s.left_on + interval '@ months')::date) OR "
    "EXISTS (SELECT 1 FROM cases_stay s2 WHERE s2.household_id = s.household_id "
    "AND s2.admitted_on > s.left_on AND s2.admitted_on <= (s.left_on + interval '@ months')::date))) "
    "AS returned_@"
)
REST_LOWER_BOUND_SQL = """
WITH loc AS (
    SELECT l.id FROM opvang_location l
    JOIN opvang_organisation o ON o.id = l.organisation_id WHERE o.kind = 'shelter_provider'
), besch AS (
    SELECT count(*) AS beschikkingen,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cases_beschikkingextension e
                            WHERE e.beschikking_id = b.id AND e.extended_on <= %(end)s)) AS extended
    FROM cases_beschikking b JOIN cases_stay s ON s.id = b.stay_id JOIN loc ON loc.id = s.location_id
    WHERE b.original_end_on BETWEEN %(start)s AND %(end)s
), ext AS (
    SELECT coalesce(jsonb_object_agg(reason, n), '{}') AS extension_reasons FROM (
        SELECT e.reason, count(*) AS n FROM cases_beschikkingextension e
        JOIN cases_beschikking b ON b.id = e.beschikking_id JOIN cases_stay s ON s.id = b.stay_id
        JOIN loc ON loc.id = s.location_id
        WHERE e.extended_on BETWEEN %(start)s AND %(end)s GROUP BY e.reason) r
), ret AS (
    SELECT {returns}
    FROM cases_stay s JOIN loc ON loc.id = s.location_id
    WHERE s.destination = ANY(%(permanent)s) AND s.left_on BETWEEN %(earliest)s AND %(end)s
), aftercare AS (
    SELECT count(*) AS aftercare_n,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cases_aftercarecontact c WHERE c.stay_id = s.id
                            AND c.contact_on >= s.left_on
                            AND c.contact_on <= (s.left_on + interval '3 months')::date
                            AND c.kind <> 'no_contact')) AS aftercare_contact
    FROM cases_stay s JOIN loc ON loc.id = s.location_id
    WHERE s.left_on BETWEEN %(ac_start)s AND %(ac_end)s AND s.destination IS DISTINCT FROM 'deceased'
), ready AS (
    SELECT count(*) AS ready_n, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.left_on - r.ready_on) AS ready_median
    FROM cases_stay s JOIN loc ON loc.id = s.location_id JOIN outflow_readytomove r ON r.stay_id = s.id
    WHERE s.left_on BETWEEN %(start)s AND %(end)s
), within AS (
    SELECT count(*) AS within_n,
           count(*) FILTER (WHERE s.left_on IS NOT NULL AND s.destination = ANY(%(housing)s)
                            AND s.left_on - r.ready_on <= 90) AS within_housed
    FROM outflow_readytomove r JOIN cases_stay s ON s.id = r.stay_id JOIN loc ON loc.id = s.location_id
    WHERE r.ready_on BETWEEN %(start)s::date - 90 AND %(end)s::date - 90
), housing AS (
    SELECT {kinds},
    {outcomes}
    FROM outflow_housingapplication a JOIN cases_stay s ON s.id = a.stay_id JOIN loc ON loc.id = s.location_id
), surveys AS (
    SELECT count(*) AS surveys_n, {themes}
    FROM reports_surveyresponse r JOIN loc ON loc.id = r.location_id
    WHERE r.period_start BETWEEN %(start)s AND %(end)s
), stuck AS (
    SELECT count(*) FILTER (WHERE m.since <= %(end)s AND (m.resolved_on IS NULL OR m.resolved_on > %(end)s))
               AS stuck_present,
           count(*) FILTER (WHERE m.since BETWEEN %(start)s AND %(end)s) AS stuck_new,
           count(*) FILTER (WHERE m.resolved_on BETWEEN %(start)s AND %(end)s) AS stuck_resolved,
           {reasons},
           percentile_cont(0.5) WITHIN GROUP (ORDER BY %(end)s::date - m.since)
               FILTER (WHERE m.since <= %(end)s AND (m.resolved_on IS NULL OR m.resolved_on > %(end)s)) AS stuck_days,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY m.resolved_on - m.since)
               FILTER (WHERE m.resolved_on BETWEEN %(start)s AND %(end)s) AS stuck_resolution
    FROM chain_stuckmark m JOIN loc ON loc.id = m.location_id
), staff AS (
    SELECT count(*) AS staff_n, {trained}
    FROM opvang_user u WHERE u.id IN (
        SELECT a.user_id FROM opvang_staffassignment a JOIN loc ON loc.id = a.location_id
        WHERE a.role = 'caseworker' AND a.started_on <= %(end)s AND (a.ended_on IS NULL OR a.ended_on >= %(start)s))
)
SELECT * FROM besch, ext, ret, aftercare, ready, within, housing, surveys, stuck, staff
"""


# The Computation properties that compute the same numbers as rest_lower_bound_sql().
REST_NUMBERS = ["beschikkingen", "extension_reasons", "returns", "aftercare", "ready_to_departure", "housing_within",
                "housing_applications", "surveys", "stuck", "staff"]  # fmt: skip


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


def group_names() -> list[str]:
    """Every group query of a report's computation (the cached properties of Computation)."""
    from functools import cached_property

    from reports.indicators import Computation

    return [name for name, value in vars(Computation).items() if isinstance(value, cached_property)]


def lower_bound_params(period) -> dict[str, Any]:
    from cases.constants import DESTINATION_GROUPS, DestinationGroup
    from outflow.constants import HOUSING_DESTINATIONS
    from reports.indicators import RETURN_WINDOWS

    params: dict[str, Any] = {
        "start": period.start,
        "end": period.end,
        "after": period.end + timedelta(days=1),
        "permanent": [d for d, g in DESTINATION_GROUPS.items() if g == DestinationGroup.PERMANENT],
        "housing": list(HOUSING_DESTINATIONS),
        "threshold": int(os.environ.get("OPVANG_FACES_THRESHOLD", "5")),
    }
    cohorts = {n: period.shifted_back(n) for n in RETURN_WINDOWS}
    for n, cohort in cohorts.items():
        params[f"c{n}_start"], params[f"c{n}_end"] = cohort.start, cohort.end
    params["earliest"] = min(c.start for c in cohorts.values())
    aftercare = period.shifted_back(3)
    params["ac_start"], params["ac_end"] = aftercare.start, aftercare.end
    return params


def run_sql(sql: str, params: dict) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [c.name for c in cursor.description]
        return dict(zip(columns, cursor.fetchone(), strict=True))


def group_value(period, name: str) -> object:
    """One group query of the region's computation, alone (a fresh Computation: nothing cached)."""
    from reports.indicators import Computation
    from reports.periods import Scope

    return getattr(Computation(Scope.region(), period), name)


def report_against_floor(period, label: str, repeat: int) -> dict:
    """One scope's report for ``period``: the whole computation, each group query alone, the two
    hand-written statements (headline numbers, the rest), and the ratios."""
    from reports.indicators import Computation
    from reports.periods import Scope
    from reports.services import compute_values

    out: dict[str, Any] = {"period": period.label if isinstance(period.label, str) else str(period.label)}
    seconds, _values = timed(lambda: compute_values(Scope.region(), period), repeat=repeat)
    SQL_LOG.label = f"report {label}"
    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(SQL_LOG):
        compute_values(Scope.region(), period)
    out["report_s"] = round(seconds, 3)
    out["report_queries"] = len(queries.captured_queries)
    groups: dict[str, float] = {}

    for name in group_names():
        # Each group once more on its own (best of 2 at most: the whole report is timed above).
        groups[name], _ = timed(functools.partial(group_value, period, name), repeat=min(repeat, 2))
    out["groups_s"] = {k: round(v, 3) for k, v in sorted(groups.items(), key=lambda kv: -kv[1])}
    params = lower_bound_params(period)
    head_s, head = timed(lambda: run_sql(LOWER_BOUND_SQL, params), repeat=repeat)
    rest_s, rest = timed(lambda: run_sql(rest_lower_bound_sql(), params), repeat=repeat)
    covered = SAME_NUMBERS + REST_NUMBERS
    app_covered = sum(groups[g] for g in covered)
    app_uncovered = sum(v for g, v in groups.items() if g not in covered)
    out["lower_bound_headline_s"] = round(head_s, 3)
    out["lower_bound_rest_s"] = round(rest_s, 3)
    out["app_covered_groups_s"] = round(app_covered, 3)
    out["app_uncovered_groups_s"] = round(app_uncovered, 3)
    out["uncovered_groups"] = [g for g in groups if g not in covered]
    out["ratio_covered"] = round(app_covered / (head_s + rest_s), 2)
    # The whole report against a floor that takes the hand-written time for the covered groups
    # and the app's own time for the rest (so the ratio of the rest counts as 1: conservative).
    out["ratio_whole_report"] = round(seconds / (head_s + rest_s + app_uncovered), 2)
    out["ratio_whole_vs_handwritten_only"] = round(seconds / (head_s + rest_s), 2)
    computation = Computation(Scope.region(), period)
    same = {name: getattr(computation, name) for name in SAME_NUMBERS + REST_NUMBERS}
    # The two must agree, or the lower bound is not a lower bound for the same numbers.
    out["check"] = {
        "applications": (same["applications"], head["applications"]),
        "households": (same["stays"]["households"], head["households"]),
        "person_nights": (same["stays"]["person_nights"], head["person_nights"]),
        "children_served": (same["children"]["served"], head["served"]),
        "faces_above": (same["faces"]["above"], head["faces_above"]),
        "plans_gedragen": (same["plans"]["gedragen"], head["gedragen"]),
        "handovers_warm": (same["handovers"]["warm"], head["warm"]),
        "beschikkingen_extended": (same["beschikkingen"]["extended"], rest["extended"]),
        "returned_12": (same["returns"]["returned_12"], rest["returned_12"]),
        "aftercare_contact": (same["aftercare"]["with_contact"], rest["aftercare_contact"]),
        "housed_within_90": (same["housing_within"]["housed"], rest["within_housed"]),
        "housing_outcome_housed": (same["housing_applications"]["outcome_housed"], rest["outcome_housed"]),
        "surveys": (same["surveys"]["n"], rest["surveys_n"]),
        "stuck_present": (same["stuck"]["present"], rest["stuck_present"]),
        "staff": (same["staff"]["n"], rest["staff_n"]),
    }
    out["check_ok"] = all(a == b for a, b in out["check"].values())
    return out


def reports(location: Location) -> dict:
    from opvang.pdf import render_pdf
    from reports import selectors as report_selectors
    from reports.periods import Period, Scope
    from reports.services import snapshot_generate

    year, quarter = last_complete_quarter(date.today())
    period = Period.quarter(year, quarter)
    results: dict = {"quarter": f"{year}-Q{quarter}", "year": str(date.today().year - 1)}
    # Fewer repeats at national scale, where one yearly report takes tens of seconds (BENCH_REPEAT).
    big = Household.objects.count() >= 100_000
    repeat = int(os.environ.get("BENCH_REPEAT", "1" if big else "3"))
    results["repeats"] = repeat
    results["region_quarter"] = report_against_floor(period, "quarter", repeat=repeat)
    results["region_year"] = report_against_floor(Period.year(date.today().year - 1), "year", repeat=max(1, repeat - 1))

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


# --- the heaviest queries --------------------------------------------------------------------

INDEX_RE = re.compile(r"(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) (\w+)")


def explain_heaviest(n: int, households: int) -> list[dict]:
    """EXPLAIN (ANALYZE, BUFFERS) of the n slowest distinct statements logged while measuring."""
    slowest: dict[str, dict] = {}
    for entry in SQL_LOG.entries:
        known = slowest.get(entry["sql"])
        if known is None or entry["ms"] > known["ms"]:
            slowest[entry["sql"]] = entry
    top = sorted(slowest.values(), key=lambda e: -e["ms"])[:n]
    found = []
    lines = [f"# The {n} heaviest queries at N = {households} (bench/measure.py)", ""]
    for rank, entry in enumerate(top, 1):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + entry["sql"], entry["params"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        indexes = sorted(set(INDEX_RE.findall(plan)))
        found.append({"where": entry["where"], "ms": round(entry["ms"], 1), "indexes": indexes})
        lines += [
            f"## {rank}. {entry['where']}: {entry['ms']:.1f} ms when measured",
            "",
            "Indexes used: " + (", ".join(f"`{i}`" for i in indexes) or "none (sequential scans)"),
            "",
            "```sql",
            entry["sql"][:4000],
            "```",
            "",
            "```",
            plan,
            "```",
            "",
        ]
    OUT.mkdir(exist_ok=True)
    (OUT / f"explain-{households}.md").write_text("\n".join(lines))
    return found


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
        f"Python {platform.python_version()} · PostgreSQL {pg_version // 10000}",
        "load_average_start": round(os.getloadavg()[0], 1),
        "requests_per_page": REQUESTS,
        "stays": Stay.objects.count(),
    }
    started = time.perf_counter()
    results["pages"] = pages(location)
    results["pages_s"] = round(time.perf_counter() - started, 1)
    results["load_average_after_pages"] = round(os.getloadavg()[0], 1)
    if WITH_REPORTS:
        started = time.perf_counter()
        results["reports"] = reports(location)
        results["reports_s"] = round(time.perf_counter() - started, 1)
        results["load_average_after_reports"] = round(os.getloadavg()[0], 1)
    results["heaviest"] = explain_heaviest(5, n)
    OUT.mkdir(exist_ok=True)
    (OUT / f"measure-{n}.json").write_text(json.dumps(results, indent=2, default=str))
    print(markdown(results))


def markdown(r: dict) -> str:
    p = r["pages"]
    loads = [r.get("load_average_start"), r.get("load_average_after_pages"), r.get("load_average_after_reports")]
    lines = [
        f"### N = {r['households']} households ({r['date']})",
        "",
        f"Machine: {r['machine']}; load average (1 min) at start / after pages / after reports: "
        + " / ".join("–" if v is None else str(v) for v in loads)
        + ".",
        f"Caseworker `{p['caseworker']}` at {p['location']} ({p['households_present']} households present); "
        f"chain partner `{p.get('partner')}` ({p.get('partner_plans')} plans open to them); "
        f"{r['requests_per_page']} requests per page.",
        "",
        "| page | median ms | p95 ms | SQL queries | objects cycled |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in PAGES:
        if name not in p:
            lines.append(f"| {name} | – | – | – | – |")
            continue
        m = p[name]
        q = str(m["queries_min"]) if m["queries_min"] == m["queries_max"] else f"{m['queries_min']}–{m['queries_max']}"
        lines.append(f"| {name} | {m['median_ms']} | {m['p95_ms']} | {q} | {m['distinct_objects']} |")
    rep = r.get("reports")
    if rep is None:
        return "\n".join([*lines, "", "Reports not measured (BENCH_REPORTS=0)."])
    lines += ["", f"| region report | quarter {rep['quarter']} | year {rep['year']} |", "|---|---:|---:|"]
    q, y = rep["region_quarter"], rep["region_year"]
    for key, label in (
        (
            "report_s",
            f"whole report, all indicators (s, best of {rep.get('repeats', 3)} / {max(1, rep.get('repeats', 3) - 1)})",
        ),
        ("report_queries", "its SQL queries"),
        ("lower_bound_headline_s", "hand-written SQL: headline numbers (s)"),
        ("lower_bound_rest_s", "hand-written SQL: the rest covered by hand (s)"),
        ("app_covered_groups_s", "app: the same covered groups, each alone (s)"),
        ("app_uncovered_groups_s", "app: groups not written by hand (s)"),
        ("ratio_covered", "ratio app / hand-written, covered groups"),
        ("ratio_whole_report", "ratio whole report / (hand-written + app's uncovered)"),
        ("ratio_whole_vs_handwritten_only", "ratio whole report / hand-written only"),
        ("check_ok", "app and hand-written agree on the checked numbers"),
    ):
        lines.append(f"| {label} | {q[key]} | {y[key]} |")
    lines += [
        f"| location report generated, incl. PDF | {rep['location_report_with_pdf_s']} s | |",
        f"| location PDF rendering alone | {rep['location_pdf_s']} s ({rep['location_pdf_kb']} KB) | |",
        "",
        "Not written by hand (the app's own time counts as their floor): " + ", ".join(y["uncovered_groups"]) + ".",
        "Slowest groups of the yearly report (s): "
        + ", ".join(f"{k} {v}" for k, v in list(y["groups_s"].items())[:8])
        + ".",
        "",
        "Check (app, lower bound), year: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in y["check"].items()),
    ]
    lines += ["", "Heaviest queries (EXPLAIN ANALYZE in bench/out/explain-N.md):", ""]
    for i, h in enumerate(r.get("heaviest", []), 1):
        lines.append(f"{i}. {h['where']}: {h['ms']} ms, indexes: {', '.join(h['indexes']) or 'none'}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
