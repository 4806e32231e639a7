"""Every string in the project's Dutch catalogues has a real translation (fuzzy ones are not used)."""

from pathlib import Path

import polib
import pytest

BASE = Path(__file__).resolve().parents[2]
CATALOGUES = sorted([BASE / "locale/nl/LC_MESSAGES/django.po", *BASE.glob("*/locale/nl/LC_MESSAGES/django.po")])


def test_every_app_has_a_dutch_catalogue() -> None:
    apps = {path.relative_to(BASE).parts[0] for path in CATALOGUES}
    assert {"locale", "cases", "children", "plans", "reports", "privacy"} <= apps


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(BASE)))
def test_catalogue_is_fully_translated(path: Path) -> None:
    po = polib.pofile(str(path))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert not missing, f"untranslated or fuzzy in {path.name}: {missing[:10]}"
