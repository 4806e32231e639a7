"""Reads of the gedragen plan."""

from __future__ import annotations


def caseload_signal_annotations() -> dict:
    """Annotations (name -> boolean expression over a Household queryset row, via OuterRef("pk"))
    that the caseload adds as signals: e.g. plan review overdue, actions overdue.
    Filled in by the plans app; the caseload selector merges whatever is returned here."""
    return {}


def plan_summary_for_household(household) -> dict:
    """What the plan card on the household page shows (filled in by the plans app)."""
    return {}
