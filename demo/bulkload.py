"""Bulk loading of unsaved model instances for seed_scale: PostgreSQL COPY, bulk_create elsewhere.

The instances are built in memory as usual (``Household(...)``, ``Stay(household=household, ...)``),
then written per model in one ``COPY ... FROM STDIN`` each. Primary keys are handed out first,
for every instance of a chunk, by reserving a block of the table's sequence (one round trip per
table), so a row's foreign keys are known before any row is written and the order of the tables
no longer matters for the ids (relapse applications point at earlier stays, stays at their
application). Foreign keys to instances that had no pk when they were assigned are resolved from
Django's related-object cache, as ``Model.save`` does.

On PostgreSQL the rows bypass everything Django does per row on ``save``/``bulk_create``: signals
(none are wanted for bench data), ``auto_now``/``auto_now_add`` (set here to one ``now``), and
``get_db_prep_save`` for the plain column types (dates, numbers, text, UUIDs), which psycopg
adapts itself. Other field types (JSON) still go through ``get_db_prep_save``.

On another database (SQLite, for the tests' default) the same instances get their pks from
``max(pk) + 1`` and are written with ``bulk_create``: slower, same rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Max, Model
from django.db.models.base import ModelState

_M = TypeVar("_M", bound=Model)

# Column types psycopg adapts from the Python value as Django would (no get_db_prep_save needed).
PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DateTimeField",
        "EmailField",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "PositiveBigIntegerField",
        "SmallIntegerField",
        "SlugField",
        "TextField",
        "UUIDField",
        "ForeignKey",
        "OneToOneField",
    }
)


class BulkLoader:
    """Hands out primary keys and writes unsaved instances, one statement per model."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.postgres = connection.vendor == "postgresql"
        self._next_pk: dict[type[Model], int] = {}
        self._plans: dict[type[Model], list] = {}

    # --- primary keys ---------------------------------------------------------------------------

    def assign_pks(self, model: type[Model], objs: Sequence[Model]) -> None:
        """Give every instance without a pk one from the table's sequence (a reserved block)."""
        todo = [obj for obj in objs if obj.pk is None]
        if not todo:
            return
        first = self._reserve(model, len(todo))
        attname = model._meta.pk.attname
        for offset, obj in enumerate(todo):
            obj.__dict__[attname] = first + offset
            obj._state.adding = False
            obj._state.db = "default"

    def _reserve(self, model: type[Model], n: int) -> int:
        table, column = model._meta.db_table, model._meta.pk.column
        if self.postgres:
            with connection.cursor() as cursor:
                # nextval gives the first id of the block; setval moves the sequence past its end.
                # (Single writer: bench data is loaded by one process.)
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s))", [table, column])
                first = cursor.fetchone()[0]
                cursor.execute("SELECT setval(pg_get_serial_sequence(%s, %s), %s)", [table, column, first + n - 1])
            return first
        if model not in self._next_pk:
            highest = model._default_manager.aggregate(m=Max("pk"))["m"] or 0
            self._next_pk[model] = highest + 1
        first = self._next_pk[model]
        self._next_pk[model] = first + n
        return first

    # --- rows -----------------------------------------------------------------------------------

    def _plan(self, model: type[Model]) -> list:
        """Per concrete field: (column, attname, how) with how 'now', 'fk', 'plain' or the field."""
        plan = self._plans.get(model)
        if plan is None:
            plan = []
            for f in model._meta.concrete_fields:
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                    how: object = "now"
                elif f.is_relation:
                    how = "fk"
                elif f.get_internal_type() in PLAIN_TYPES:
                    how = "plain"
                else:
                    how = f
                plan.append((f.column, f.attname, how, f))
            self._plans[model] = plan
        return plan

    def _row(self, plan: list, obj: Model) -> tuple:
        values = []
        d = obj.__dict__
        for _column, attname, how, f in plan:
            if how == "plain":
                values.append(d[attname])
            elif how == "fk":
                value = d[attname]
                if value is None and f.is_cached(obj):
                    related = f.get_cached_value(obj)
                    value = None if related is None else related.pk
                    d[attname] = value
                values.append(value)
            elif how == "now":
                values.append(self.now)
            else:
                values.append(how.get_db_prep_save(d[attname], connection))
        return tuple(values)

    def write(self, model: type[Model], objs: Sequence[Model]) -> int:
        """Write the instances (pks assigned) in one COPY (PostgreSQL) or bulk_create."""
        if not objs:
            return 0
        self.assign_pks(model, objs)
        plan = self._plan(model)
        if not self.postgres:
            for obj in objs:
                self._row(plan, obj)  # resolves the foreign keys of cached related objects
                for _column, attname, how, _f in plan:
                    if how == "now":
                        obj.__dict__[attname] = self.now
            model._default_manager.bulk_create(objs, batch_size=500)
            return len(objs)
        columns = ", ".join(connection.ops.quote_name(c) for c, _a, _h, _f in plan)
        sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
        with connection.cursor() as wrapper:
            cursor = wrapper.cursor  # the psycopg cursor under Django's wrapper
            with cursor.copy(sql) as copy:
                for obj in objs:
                    copy.write_row(self._row(plan, obj))
        return len(objs)

    def write_all(self, groups: Iterable[tuple[type[Model], Sequence[Model]]]) -> dict[str, int]:
        """Assign every group's pks first (rows may point at any other), then write each group."""
        groups = [(model, objs) for model, objs in groups if objs]
        for model, objs in groups:
            self.assign_pks(model, objs)
        counts: dict[str, int] = {}
        for model, objs in groups:
            name = str(model._meta.model_name)
            counts[name] = counts.get(name, 0) + self.write(model, objs)
        return counts


class FastInit:
    """``make(Model, **fields)``: an unsaved instance without ``Model.__init__``.

    ``Model.__init__`` runs every field's descriptor, and each foreign key assignment asks the
    database routers (``allow_relation``): a third of seed_scale's time at N = 2 000 went there.
    Bench rows need none of it: defaults are filled in, a related object is stored as its id and
    in the related-object cache (its id is read back by BulkLoader when written), anything else
    as given. Reading ``obj.household`` afterwards works as usual (from the cache).
    """

    def __init__(self) -> None:
        self._specs: dict[type[Model], tuple[dict, list, dict]] = {}

    def _spec(self, model: type[Model]) -> tuple[dict, list, dict]:
        spec = self._specs.get(model)
        if spec is None:
            static: dict = {}
            dynamic: list = []
            relations: dict = {}
            for f in model._meta.concrete_fields:
                if f.is_relation:
                    relations[f.name] = f
                if f.has_default() and callable(f.default):
                    dynamic.append(f)
                else:
                    static[f.attname] = f.get_default()
            spec = (static, dynamic, relations)
            self._specs[model] = spec
        return spec

    def __call__(self, model: type[_M], **kwargs: Any) -> _M:
        static, dynamic, relations = self._spec(model)
        obj = model.__new__(model)
        state = ModelState()
        obj._state = state
        d = obj.__dict__
        d.update(static)
        for f in dynamic:
            if f.name not in kwargs:
                d[f.attname] = f.get_default()
        for name, value in kwargs.items():
            f = relations.get(name)
            if f is None:
                d[name] = value
            else:
                d[f.attname] = None if value is None else value.__dict__.get(value._meta.pk.attname)
                state.fields_cache[f.name] = value
        return obj
