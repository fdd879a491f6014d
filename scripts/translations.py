"""Refresh the Danish catalogue: extract, fill from locale/pending/*.json, compile.

    .venv/bin/python scripts/translations.py

Helpers working in parallel never edit locale/da/LC_MESSAGES/django.po (it would collide); each
writes its new strings to locale/pending/<slice>.json instead:

    {"English msgid": "Dansk tekst",
     "%(n)s case": {"plural": "%(n)s cases", "forms": ["%(n)s sag", "%(n)s sager"]},
     "context\\u0004msgid": "..."}          # msgctxt, joined by U+0004 as gettext does

This script runs makemessages, fills every untranslated entry it has a translation for, compiles
the .mo with msgfmt --check and lists what is still untranslated (exit code 1 if anything is).
Merged JSON files can be deleted afterwards; the .po is the source of truth.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "da" / "LC_MESSAGES" / "django.po"
# xgettext calls any text with "% o" or "% a" in it a python-format string ("over 60 % of"):
# keep the flag only where there is a real placeholder.
PLACEHOLDER = re.compile(r"%(\([^)]+\))?[-#0 +]*\d*(\.\d+)?[sdifr]")


def main() -> int:
    subprocess.run(
        [
            sys.executable, "manage.py", "makemessages", "-l", "da", "--no-location",
            "--no-obsolete", "--ignore=.venv", "--ignore=var", "--ignore=tests",
            "--ignore=node_modules", "--ignore=bench", "--ignore=scripts",
        ],
        cwd=ROOT, check=True,
    )  # fmt: skip
    pending: dict = {}
    for path in sorted((ROOT / "locale" / "pending").glob("*.json")):
        pending.update(json.loads(path.read_text(encoding="utf-8")))
    po = polib.pofile(str(PO))
    for entry in po:
        if "python-format" in entry.flags and not PLACEHOLDER.search(entry.msgid):
            entry.flags.remove("python-format")
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        value = pending.get(key)
        if value is None or entry.translated():
            continue  # never overwrite a translation already in the catalogue
        if entry.msgid_plural and isinstance(value, dict):
            entry.msgstr_plural = dict(enumerate(value["forms"]))
        elif isinstance(value, str) and not entry.msgid_plural:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    subprocess.run(["msgfmt", "--check", "-o", str(PO.with_suffix(".mo")), str(PO)], check=True)
    missing = [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    print(f"{len(po)} entries, {len(missing)} untranslated or fuzzy")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
