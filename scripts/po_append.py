#!/usr/bin/env python3
"""Append new entries to a .po file from a JSON object {msgid: translation} on stdin.

Unlike makemessages (or polib's save, which rewraps the whole file), it only adds text at
the end, so two branches that add strings to the same catalogue rarely conflict.
Usage: python scripts/po_append.py locale/nl/LC_MESSAGES/django.po < nl.json
"""

import json
import sys

import polib


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


path = sys.argv[1]
known = {entry.msgid for entry in polib.pofile(path)}
new = {k: v for k, v in json.load(sys.stdin).items() if k not in known}
with open(path, "a", encoding="utf-8") as po:
    for msgid, msgstr in new.items():
        po.write(f"\nmsgid {quoted(msgid)}\nmsgstr {quoted(msgstr)}\n")
print(f"{len(new)} added")
