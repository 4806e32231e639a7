"""Settings read from the environment: run each variant in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parents[2]
# Variables a test run may have set that must not reach a fresh settings process (the browser
# tests set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly reports).
LEAKY = {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
SECRET = "s3cr3t-" + "k" * 20 + "-Q9x!z" + "m" * 30

PRINT = (
    "import json, django; from django.conf import settings; django.setup();"
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'],"
    " 'name': str(settings.DATABASES['default']['NAME']),"
    " 'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL,"
    " 'tz': settings.TIME_ZONE, 'lang': settings.LANGUAGE_CODE}))"
)


def run(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "SECRET_KEY", "DEBUG"}
    }
    clean.update({"DJANGO_SETTINGS_MODULE": "opvang.settings.base", **env})
    return subprocess.run([sys.executable, "-c", code], cwd=BASE, env=clean, capture_output=True, text=True, timeout=60)


def settings_with(**env: str) -> dict:
    result = run(PRINT, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sqlite_and_eager_celery_by_default() -> None:
    values = settings_with(DEBUG="true")
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("db.sqlite3")
    assert values["eager"] is True
    assert values["tz"] == "Europe/Amsterdam"
    assert values["lang"] == "nl"


def test_postgresql_from_database_url() -> None:
    values = settings_with(DEBUG="true", DATABASE_URL="postgres://postgres@127.0.0.1:5432/opvang_x")
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "opvang_x"


def test_broker_url_turns_off_eager_mode() -> None:
    values = settings_with(DEBUG="true", CELERY_BROKER_URL="redis://127.0.0.1:6379/3")
    assert values["eager"] is False
    assert values["broker"] == "redis://127.0.0.1:6379/3"


def test_redis_url_is_an_alias_for_the_broker() -> None:
    assert settings_with(DEBUG="true", REDIS_URL="redis://127.0.0.1:6379/4")["broker"] == "redis://127.0.0.1:6379/4"


def test_refuses_to_start_without_a_secret_when_debug_is_off() -> None:
    result = run(PRINT, DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_refuses_a_short_secret() -> None:
    assert run(PRINT, DEBUG="false", SECRET_KEY="short").returncode != 0


def test_deploy_check_is_clean_with_production_values() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE,
        env={
            **{k: v for k, v in os.environ.items() if k not in LEAKY | {"OPVANG_HTTPS"}},
            "DJANGO_SETTINGS_MODULE": "opvang.settings.base",
            "DEBUG": "false",
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "opvang.example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


COLLECT = (
    "import sys, django; from django.conf import settings; django.setup();"
    "settings.STATIC_ROOT = sys.argv[1];"
    "from django.core.management import call_command; call_command('collectstatic', interactive=False, verbosity=0)"
)


def test_collectstatic_with_the_manifest_storage_ships_only_what_production_serves(tmp_path) -> None:
    # Production storage (DEBUG off): hashed names, compressed copies, and a manifest that would
    # fail on a sourceMappingURL pointing at a .map we do not ship.
    result = subprocess.run(
        [sys.executable, "-c", COLLECT, str(tmp_path)],
        cwd=BASE,
        env={
            **{k: v for k, v in os.environ.items() if k not in LEAKY},
            "DJANGO_SETTINGS_MODULE": "opvang.settings.base",
            "DEBUG": "false",
            "SECRET_KEY": SECRET,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert {"css/opvang.css", "vendor/bootstrap/css/bootstrap.min.css", "vendor/chartjs/chart.umd.min.js"} <= set(
        manifest
    )
    shipped = [path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file()]
    assert not [path for path in shipped if ".map" in path or "axe" in path]


def test_the_test_run_collects_every_apps_tests() -> None:
    """pytest only looks in its testpaths: an app's tests left out of them never run in CI (the
    chain, outflow and API tests were, for a while)."""
    import configparser

    config = configparser.ConfigParser()
    config.read(BASE / "pytest.ini")
    testpaths = set(config["pytest"]["testpaths"].split())
    with_tests = {
        p.parent.name for p in BASE.glob("*/tests") if (p / "__init__.py").exists() or any(p.glob("test_*.py"))
    }
    assert with_tests - testpaths == set()
