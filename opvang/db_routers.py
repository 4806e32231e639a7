"""A read replica for the aggregate pages (issue 17): dashboards, report lists and the API.

When ``DATABASE_REPLICA_URL`` is set, the settings add a ``replica`` alias and switch
``OPVANG_READ_REPLICA`` on. Only reads of the ``reports`` app's models (snapshots, values,
dossiers) made inside a view decorated with :func:`replica_reads` go there; everything else —
sessions, users, API tokens, case files, every write — stays on the primary, so a revoked token
or a just-saved form is never read back stale from a replica that lags a few seconds behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any

from django.conf import settings

REPLICA = "replica"
# The apps whose rows a replica may serve: aggregates that are fine a few seconds old.
REPLICA_APPS = frozenset({"reports"})

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


@contextmanager
def reading_from_replica() -> Iterator[None]:
    """Within this block the aggregate models are read from the replica (when one is configured)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def replica_reads(view: Callable[..., Any]) -> Callable[..., Any]:
    """A view that only shows aggregates: its reads of them may come from the replica."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        with reading_from_replica():
            return view(*args, **kwargs)

    return wrapped


def replica_enabled() -> bool:
    """A replica is configured and switched on."""
    return bool(getattr(settings, "OPVANG_READ_REPLICA", False)) and REPLICA in settings.DATABASES


class ReadReplicaRouter:
    """Aggregate reads inside :func:`reading_from_replica` to the replica; all else to default."""

    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if _replica_reads.get() and model._meta.app_label in REPLICA_APPS and replica_enabled():  # type: ignore[attr-defined]
            return REPLICA
        return None

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica holds the same rows as the primary: a row read there may point to one here.
        return {obj1._state.db, obj2._state.db} <= {"default", REPLICA} or None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # The replica follows the primary's schema by replication, never by migrate.
        return False if db == REPLICA else None
