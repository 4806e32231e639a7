#!/usr/bin/env python3
"""Fill msgstr entries of a .po file from a JSON object {msgid: translation} on stdin.

Usage: python scripts/po_fill.py cases/locale/nl/LC_MESSAGES/django.po < nl.json
Prints the msgids that are still untranslated afterwards.
"""

import json
import sys

import polib

po = polib.pofile(sys.argv[1])
translations = json.load(sys.stdin)
for entry in po:
    if entry.msgid in translations:
        entry.msgstr = translations[entry.msgid]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
po.save()
missing = [e.msgid for e in po if not e.msgstr and not e.obsolete]
print(f"{len(po) - len(missing)} translated, {len(missing)} missing")
for msgid in missing:
    print("  MISSING:", msgid)
