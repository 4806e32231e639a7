"""Backup and restore: the dump of a seeded database restores into a fresh one with every row."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

BASE = Path(__file__).resolve().parents[2]


def server_url(name: str) -> str:
    settings = connection.settings_dict
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url, autocommit=True) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        return {
            table: db.execute(
                psycopg.sql.SQL("SELECT count(*) FROM {}").format(psycopg.sql.Identifier(table))
            ).fetchone()[0]
            for table in tables
        }


def script(*args: str, url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "scripts/db_backup.py", *args], cwd=BASE, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_row_into_a_fresh_database(tmp_path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("backup and restore use pg_dump: run with DATABASE_URL pointing at PostgreSQL")
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    # transaction=True: the seed is committed, so pg_dump (another connection) sees it.
    source = server_url(connection.settings_dict["NAME"])
    expected = row_counts(source)
    assert expected["opvang_user"] > 0 and sum(expected.values()) > 100

    dump = tmp_path / "opvang.dump"
    result = script("backup", "--file", str(dump), url=source)
    assert result.returncode == 0, result.stderr
    assert dump.stat().st_size > 0
    assert dump.stat().st_mode & 0o077 == 0  # owner-only: the file holds personal data

    target = f"opvang_restore_test_{os.getpid()}"
    try:
        result = script("restore", str(dump), target, "--replace", url=source)
        assert result.returncode == 0, result.stderr
        assert row_counts(server_url(target)) == expected
    finally:
        with psycopg.connect(server_url("postgres"), autocommit=True) as db:
            db.execute(
                psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(psycopg.sql.Identifier(target))
            )


def test_restore_refuses_a_database_name_that_is_not_plain(tmp_path) -> None:
    dump = tmp_path / "x.dump"
    dump.write_bytes(b"x")
    result = script("restore", str(dump), 'x"; DROP DATABASE opvang; --', url="postgres://postgres@127.0.0.1:5432/x")
    assert result.returncode != 0
    assert "Not a plain database name" in result.stderr


def test_backup_needs_postgresql() -> None:
    result = script("backup", url="sqlite:///db.sqlite3")
    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL" in result.stderr
