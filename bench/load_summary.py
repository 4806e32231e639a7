"""Summarises locust's stats CSV as a markdown table (throughput, p95, errors)."""

import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1], newline="")))
print("\n| load: 20 caseworkers, 60 s, gunicorn 2 workers | requests | failures | req/s | median ms | p95 ms |")
print("|---|---:|---:|---:|---:|---:|")
for row in rows:
    print(
        f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {float(row['Requests/s']):.1f} "
        f"| {row['50%']} | {row['95%']} |"
    )
