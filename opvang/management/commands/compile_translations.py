"""Compile every .po file of the project into .mo, in Python (no GNU gettext needed on the machine)."""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's translations (.po -> .mo) without GNU gettext."

    def handle(self, *args, **options) -> None:
        count = 0
        base = Path(settings.BASE_DIR).resolve()
        # The project's own catalogues: LOCALE_PATHS and the locale folder of each project app.
        folders = [Path(p) for p in settings.LOCALE_PATHS]
        folders += [Path(c.path) / "locale" for c in apps.get_app_configs() if Path(c.path).resolve().parent == base]
        for po_path in sorted({po for folder in folders for po in folder.glob("*/LC_MESSAGES/*.po")}):
            po = polib.pofile(str(po_path))
            po.save_as_mofile(str(po_path.with_suffix(".mo")))
            count += 1
        self.stdout.write(f"Compiled {count} translation catalogue(s).")
