"""Database expressions the indicators need, for PostgreSQL and SQLite alike."""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Aggregate, Count, Expression, F, FloatField, Func, IntegerField, QuerySet

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType


class DaysBetween(Func):
    """Whole days from ``start`` to ``end`` (end − start), computed by the database."""

    output_field = IntegerField()

    def __init__(self, end, start, **extra) -> None:
        super().__init__(end, start, **extra)

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> _AsSqlType:  # PostgreSQL: date − date is an integer
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


class AddMonths(Func):
    """A date plus a whole number of calendar months (exact, not 30-day months)."""

    def __init__(self, expression, months: int, **extra) -> None:
        self.months = int(months)  # an int, so it is safe inside the SQL text
        super().__init__(expression, **extra)

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> _AsSqlType:
        return super().as_sql(
            compiler, connection, template=f"CAST((%(expressions)s + interval '{self.months} months') AS date)"
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template=f"date(%(expressions)s, '{self.months:+d} months')")


class Median(Aggregate):
    """PostgreSQL's continuous median (PERCENTILE_CONT 0.5)."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def median_with(
    queryset: QuerySet, expression: Expression | F | str, **aggregates: Aggregate
) -> tuple[float | None, int, dict[str, Any]]:
    """``median_of`` and further aggregates over the same rows, in the same single query on
    PostgreSQL (SQLite, for development only, takes a second query for the aggregates)."""
    if connection.vendor == "postgresql":
        result = queryset.aggregate(_median=Median(expression), _n=Count(expression), **aggregates)
        return result.pop("_median"), result.pop("_n"), result
    median, n = median_of(queryset, expression)
    return median, n, queryset.aggregate(**aggregates) if aggregates else {}


def median_of(queryset: QuerySet, expression: Expression | F | str) -> tuple[float | None, int]:
    """The median of one expression over the rows of ``queryset``, and how many values it rests on.

    One query on either database. On PostgreSQL PERCENTILE_CONT computes it in the database.
    SQLite has no median: as a documented, portable last resort it fetches that one scalar
    column and takes the median in Python (still a single query; only used for development).
    """
    if connection.vendor == "postgresql":
        result = queryset.aggregate(m=Median(expression), n=Count(expression))
        return result["m"], result["n"]
    values = [v for v in queryset.annotate(_median_value=expression).values_list("_median_value", flat=True)]
    values = [v for v in values if v is not None]
    return (float(statistics.median(values)) if values else None), len(values)
