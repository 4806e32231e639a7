"""Summarises locust's stats CSV as a markdown table (throughput, p95, errors)."""

import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1], newline="")))
users, duration = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ("40", "120s")
print(f"\n| load: {users} caseworkers, {duration}, gunicorn 2 workers ", end="")
print("| requests | failures | req/s | median ms | p95 ms |")
print("|---|---:|---:|---:|---:|---:|")
for row in rows:
    print(
        f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {float(row['Requests/s']):.1f} "
        f"| {row['50%']} | {row['95%']} |"
    )
