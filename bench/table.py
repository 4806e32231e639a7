"""Prints the figures of every bench/out/measure-N.json side by side (one column per N) as markdown,
with the load run of the same N (bench/out/locust-N_stats.csv) where there is one.

    .venv/bin/python bench/table.py                 # every N in bench/out
    .venv/bin/python bench/table.py 1000 20000 200000
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
PAGES = ("caseload", "household", "child", "plan", "notes", "partner_plan", "consultation", "dashboard",
         "report_list", "api_snapshots")  # fmt: skip


def load(n: int) -> dict:
    data = json.loads((OUT / f"measure-{n}.json").read_text())
    stats = OUT / f"locust-{n}_stats.csv"
    if stats.exists():
        with stats.open(newline="") as f:
            rows = {row["Name"]: row for row in csv.DictReader(f)}
        data["load"] = rows.get("Aggregated")
    return data


def page_cell(data: dict, name: str) -> str:
    m = data["pages"].get(name)
    if m is None:
        return "–"
    q = str(m["queries_min"]) if m["queries_min"] == m["queries_max"] else f"{m['queries_min']}–{m['queries_max']}"
    return f"{m['median_ms']} / {m['p95_ms']} ({q} q)"


def report_cell(data: dict, period: str, key: str) -> str:
    rep = data.get("reports", {}).get(f"region_{period}")
    return "–" if rep is None else str(rep[key])


def main() -> None:
    ns = [int(a) for a in sys.argv[1:]] or sorted(int(p.stem.split("-")[1]) for p in OUT.glob("measure-*.json"))
    runs = [load(n) for n in ns]
    if not runs:
        print("No bench/out/measure-N.json yet: run bench/run first.")
        return
    lines = [
        "| N households | " + " | ".join(f"{n:,}".replace(",", " ") for n in ns) + " |",
        "|---|" + "---:|" * len(ns),
        "| date, load average at start | "
        + " | ".join(f"{d['date']}, {d.get('load_average_start', '?')}" for d in runs)
        + " |",
    ]
    for name in PAGES:
        lines.append(f"| {name}: median / p95 ms (queries) | " + " | ".join(page_cell(d, name) for d in runs) + " |")
    for period in ("quarter", "year"):
        for key, label in (
            ("report_s", "whole region report, s"),
            ("report_queries", "its queries"),
            ("ratio_whole_report", "ratio to the floor (hand-written + app's uncovered)"),
            ("ratio_covered", "ratio to hand-written SQL, covered groups"),
        ):
            lines.append(f"| {period}: {label} | " + " | ".join(report_cell(d, period, key) for d in runs) + " |")
    lines.append(
        "| location report incl. PDF, s | "
        + " | ".join(str(d.get("reports", {}).get("location_report_with_pdf_s", "–")) for d in runs)
        + " |"
    )

    def load_cell(d: dict, key: str) -> str:
        row = d.get("load")
        if row is None:
            return "–"
        return f"{float(row[key]):.1f}" if key == "Requests/s" else row[key]

    for key, label in (
        ("Request Count", "load: requests"),
        ("Failure Count", "load: failures"),
        ("Requests/s", "load: requests/s"),
        ("50%", "load: median ms"),
        ("95%", "load: p95 ms"),
    ):
        lines.append(f"| {label} | " + " | ".join(load_cell(d, key) for d in runs) + " |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
