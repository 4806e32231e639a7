"""Query expressions the ORM lacks."""

from __future__ import annotations

from typing import Any

from django.db.models import Lookup


class InSubquery(Lookup):
    """``lhs IN (subquery)`` as a filter expression, written ``lhs = ANY(ARRAY(subquery))`` on
    PostgreSQL: there the subquery runs once (an init plan) and its array is an index condition,
    so two of them joined by OR become a bitmap OR of two index scans. ``IN (subquery)`` inside an
    OR is a hashed subplan tested against every row, which at 200 000 households is a sequential
    scan per page (bench/RESULTS.md, issue 17). Use as ``Q(InSubquery(F("location_id"), qs))``.
    """

    lookup_name = "in_subquery"
    prepare_rhs = False

    def _sides(self, compiler: Any, connection: Any) -> tuple[str, str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return lhs, rhs, (*lhs_params, *rhs_params)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, rhs, params = self._sides(compiler, connection)
        return f"{lhs} IN {rhs}", params

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, rhs, params = self._sides(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", params
