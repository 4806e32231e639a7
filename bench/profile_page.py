"""Where a page's time goes on the seeded database: cProfile of REQUESTS requests (production
settings, the caseworker and policy officer bench/measure.py uses), split into SQL (time inside the
database calls), template rendering and the rest, plus the top functions by own time.

    DATABASE_URL=... .venv/bin/python bench/profile_page.py caseload household dashboard

Relative shares stay meaningful on a busy machine; absolute times do not (the load average is printed).
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.measure import busy_location  # noqa: E402
from cases.models import Household  # noqa: E402
from opvang.constants import Role  # noqa: E402
from opvang.models import User  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_PROFILE_REQUESTS", "20"))


class SqlTimer:
    def __init__(self) -> None:
        self.seconds = 0.0
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # noqa: ANN001, ANN204
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def urls(name: str, caseworker: User) -> list[str]:
    location = busy_location()
    households = list(
        Household.objects.filter(location=location, stays__left_on__isnull=True, stays__location=location)
        .order_by("pk")
        .values_list("pk", flat=True)[:REQUESTS]
    )
    if name == "caseload":
        return [reverse("cases:caseload")]
    if name == "household":
        return [reverse("cases:household_detail", args=[pk]) for pk in households]
    if name == "notes":
        return [reverse("cases:household_notes", args=[pk]) for pk in households]
    if name == "dashboard":
        return [reverse("reports:dashboard")]
    raise SystemExit(f"unknown page {name}: caseload, household, notes, dashboard")


def profile(name: str) -> None:
    location = busy_location()
    from django.db.models import Count

    caseworker = (
        User.objects.filter(role=Role.CASEWORKER, locations=location, is_active=True)
        .annotate(n=Count("adult_clients"))
        .order_by("-n", "pk")
        .first()
    )
    policy = User.objects.filter(role=Role.POLICY_OFFICER, username__startswith="schaal").first()
    assert caseworker is not None and policy is not None
    client = Client()
    client.force_login(policy if name == "dashboard" else caseworker)
    targets = urls(name, caseworker)
    client.get(targets[0])
    timer = SqlTimer()
    profiler = cProfile.Profile()
    started = time.perf_counter()
    with connection.execute_wrapper(timer):
        profiler.enable()
        for i in range(REQUESTS):
            client.get(targets[i % len(targets)])
        profiler.disable()
    total = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    raw: dict = vars(stats)["stats"]  # (file, line, function) → (calls, ..., cumulative time, callers)
    render = sum(
        v[3] for k, v in raw.items() if k[2] == "render" and k[0].endswith("django/template/backends/django.py")
    )
    print(f"## {name}: {REQUESTS} requests, load average {os.getloadavg()[0]:.1f}")
    print(
        f"wall {total * 1000 / REQUESTS:.0f} ms per request under the profiler; SQL {timer.seconds / total:.0%} "
        f"({timer.count / REQUESTS:.0f} queries per request), template rendering incl. its SQL "
        f"{render / total:.0%}"
    )
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[-2500:])
    print()


if __name__ == "__main__":
    for page in sys.argv[1:] or ["caseload", "household", "dashboard"]:
        profile(page)
