"""seed_scale: the same seed gives the same region, another seed another one, and every row holds
the database's constraints (foreign keys included, checked at once instead of at commit).

Runs on the tests' database: SQLite (bulk_create) by default, PostgreSQL (COPY) with DATABASE_URL.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cases.models import Household
from opvang.models import Organisation

N = 15


def seed(seed: int, *, force: bool = False) -> None:
    call_command("seed_scale", households=N, seed=seed, years=3, force=force, fk_checks=True, stdout=io.StringIO())
    connection.check_constraints()  # deferred foreign keys and the rest, now rather than at commit


def fingerprint(run: int) -> list[tuple]:
    """The region's households in creation order, described without ids, names of the run or times."""
    suffix = "" if run == 1 else f" {run}"
    providers = Organisation.objects.filter(name__startswith=f"Schaalregio{suffix} Opvang")
    households = (
        Household.objects.filter(organisation__in=providers)
        .order_by("pk")
        .prefetch_related("stays", "adults", "children", "notes", "plans__versions__participants", "stuck_marks")
    )
    rows = []
    for h in households:
        rows.append(
            (
                h.status,
                h.reason,
                h.municipality_of_origin,
                h.location.name.removeprefix(f"Schaalregio{suffix} "),
                [(a.first_name, a.last_name, a.date_of_birth) for a in h.adults.all()],
                [(c.first_name, c.date_of_birth, c.intake_on) for c in h.children.all()],
                sorted((s.admitted_on, s.left_on, s.destination) for s in h.stays.all()),
                sorted((n.contact_at, n.kind, n.text) for n in h.notes.all()),
                sorted(
                    (v.number, v.state, v.agreed_on, len(v.participants.all()))
                    for p in h.plans.all()
                    for v in p.versions.all()
                ),
                sorted((m.since, m.resolved_on, m.reason) for m in h.stuck_marks.all()),
                h.housing_applications.count(),
                h.plan_consents.count(),
                h.consultation_cases.count(),
            )
        )
    return rows


@pytest.mark.django_db
def test_same_seed_same_region_and_another_seed_another() -> None:
    seed(7)
    first = fingerprint(1)
    assert len(first) == N
    assert any(row[7] for row in first)  # case notes were written
    with pytest.raises(CommandError):
        seed(7)  # a second region only with --force
    seed(7, force=True)
    assert fingerprint(2) == first
    seed(8, force=True)
    assert fingerprint(3) != first
