"""Benchmark settings: production settings (opvang/settings/base.py) with the environment bench/run
sets (DEBUG off, PostgreSQL, no HTTPS redirect behind 127.0.0.1, 2FA off for the scripted logins).
Only the collected static files go elsewhere, so a benchmark never touches ./staticfiles."""

from pathlib import Path

from opvang.settings.base import *  # noqa: F403

STATIC_ROOT = Path(__file__).resolve().parent / "out" / "static"
