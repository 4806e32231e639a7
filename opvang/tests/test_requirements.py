"""The dependency locks: up to date with the .in files, hashed, and runtime free of dev tools.

No network: this reads the files only. `make lock` recompiles the locks (README "Dependencies").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(\S+)")
DEV_ONLY = {"pytest", "pytest-django", "ruff", "bandit", "mypy", "hypothesis", "playwright", "honcho", "locust"}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            found[normalise(match[1])] = match[2]
    return found


def lock_entries(path: Path) -> dict[str, str]:
    """Package name -> its whole entry (the pin line and its hash continuation lines)."""
    entries: dict[str, str] = {}
    name = ""
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            name = normalise(match[1])
            entries[name] = line
        elif name and line.startswith("    --hash="):
            entries[name] += "\n" + line
    return entries


@pytest.mark.parametrize(
    ("source", "lock"), [("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt")]
)
def test_every_pin_of_the_in_file_is_in_its_lock(source, lock) -> None:
    wanted, locked = pins(ROOT / source), pins(ROOT / lock)
    assert wanted
    stale = {name: (version, locked.get(name)) for name, version in wanted.items() if locked.get(name) != version}
    assert not stale, f"{lock} is out of date (run `make lock`): {stale}"


@pytest.mark.parametrize("source", ["requirements.in", "requirements-dev.in"])
def test_every_pin_says_why_it_is_there(source) -> None:
    bare = [line for line in (ROOT / source).read_text().splitlines() if PIN.match(line) and "  # " not in line]
    assert not bare


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"])
def test_every_locked_package_has_a_hash(lock) -> None:
    entries = lock_entries(ROOT / lock)
    assert len(entries) > 20
    assert not [name for name, entry in entries.items() if "--hash=sha256:" not in entry]


def test_dev_lock_holds_the_runtime_lock_at_the_same_versions() -> None:
    runtime, dev = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements-dev.txt")
    assert {name: dev.get(name) for name in runtime} == runtime


def test_runtime_lock_has_no_development_tools() -> None:
    assert DEV_ONLY & set(pins(ROOT / "requirements.txt")) == set()
    assert DEV_ONLY <= set(pins(ROOT / "requirements-dev.txt"))
