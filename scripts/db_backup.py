#!/usr/bin/env python3
"""Back up the Opvang PostgreSQL database to a file, and restore such a file into a named database.

    python scripts/db_backup.py backup [--file PATH]          # pg_dump, custom format
    python scripts/db_backup.py restore PATH DATABASE [--replace]

The server and credentials come from DATABASE_URL (postgres://user@host:port/name). A backup
holds special-category personal data: it is written readable by its owner only (mode 600);
store it encrypted and off the database server (see SECURITY.md).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess  # nosec B404 - runs pg_dump/pg_restore/psql with argument lists, never a shell
import sys
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# A database name we create and may drop: letters, digits and underscores only, so it can be
# quoted safely in CREATE/DROP DATABASE (which take no bind parameters).
DB_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme not in {"postgres", "postgresql", "pgsql"}:
        sys.exit("DATABASE_URL must point at PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/opvang")
    return url.replace("pgsql://", "postgres://", 1)


def with_database(url: str, name: str) -> str:
    """The same server and credentials, another database."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        sys.exit(f"{name} not found: install the PostgreSQL client (apt-get install postgresql-client)")
    return path


def backup(url: str, file: Path) -> Path:
    """Dump the database in pg_dump's custom format (compressed, restorable table by table)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    old_umask = os.umask(0o077)  # owner-only from the first byte written
    try:
        subprocess.run(  # noqa: S603  # nosec B603 - fixed executable, argument list
            [tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={file}", url],
            check=True,
        )
    finally:
        os.umask(old_umask)
    file.chmod(0o600)
    return file


def psql(url: str, sql: str) -> None:
    subprocess.run(  # noqa: S603  # nosec B603 - fixed executable, argument list
        [tool("psql"), "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", f"--dbname={url}", "--command", sql],
        check=True,
    )


def restore(url: str, file: Path, name: str, *, replace: bool = False) -> None:
    """Restore a dump into a new database ``name`` on the same server (refuses an existing one
    unless --replace, so a mistyped name cannot overwrite the live database silently)."""
    if not DB_NAME.match(name):
        sys.exit(f"Not a plain database name: {name!r}")
    if not file.is_file():
        sys.exit(f"No such backup file: {file}")
    maintenance = with_database(url, "postgres")
    if replace:
        psql(maintenance, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(maintenance, f'CREATE DATABASE "{name}"')
    subprocess.run(  # noqa: S603  # nosec B603 - fixed executable, argument list
        [
            tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={with_database(url, name)}",
            str(file),
        ],
        check=True,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    dump = commands.add_parser("backup", help="dump the database of DATABASE_URL to a file")
    dump.add_argument("--file", type=Path, default=None)
    load = commands.add_parser("restore", help="restore a dump into a new, named database")
    load.add_argument("file", type=Path)
    load.add_argument("database")
    load.add_argument("--replace", action="store_true", help="drop the target database first if it exists")
    args = parser.parse_args(argv)
    url = database_url()
    if args.command == "backup":
        file = args.file or Path("backups") / f"opvang-{datetime.now():%Y%m%d-%H%M%S}.dump"
        print(f"Backup written to {backup(url, file)}")
    else:
        restore(url, args.file, args.database, replace=args.replace)
        print(f"Restored {args.file} into database {args.database}")


if __name__ == "__main__":
    main()
