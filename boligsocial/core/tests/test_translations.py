"""The Danish catalogue is complete, compiled, and covers every string in the source."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.utils import translation

ROOT = Path(__file__).resolve().parents[3]
PO = ROOT / "locale" / "da" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries(catalogue):
    return {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in catalogue
        if e.msgid
    }


def test_danish_catalogue_has_no_untranslated_or_fuzzy_strings():
    po = polib.pofile(str(PO))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert len(po) > 250


def test_no_translation_is_two_translations_run_together():
    """A line-wise (union) merge of two branches' .po files can glue two versions of a
    multi-line msgstr into one ("… og admin.Alle demobrugere …"): a sentence end followed at
    once by a capital, or a translation far longer than its source, is such a splice."""
    po = polib.pofile(str(PO))
    spliced = [
        e.msgid
        for e in po
        if not e.obsolete
        and (re.search(r"[a-zæøå)]\.[A-ZÆØÅ]", e.msgstr) or len(e.msgstr) > 1.6 * len(e.msgid) + 25)
    ]
    assert spliced == []


def test_compiled_catalogue_matches_the_po_file():
    assert _entries(polib.mofile(str(MO))) == _entries(polib.pofile(str(PO)))


def test_every_translatable_string_in_the_source_is_in_the_catalogue(tmp_path):
    """Extract the strings from a copy of the source with makemessages and compare."""
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext is needed for this test (apt-get install gettext)")
    for name in ("boligsocial", "config", "manage.py", "pyproject.toml"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, tmp_path / name)
    (tmp_path / "locale" / "da" / "LC_MESSAGES").mkdir(parents=True)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "da", "--no-location"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "true", "HOME": str(tmp_path)},
    )
    extracted = {(e.msgctxt, e.msgid) for e in polib.pofile(str(tmp_path / PO.relative_to(ROOT)))}
    catalogue = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO))}
    assert extracted - catalogue == set()
    assert catalogue - extracted == set()  # no stale entries either


@pytest.mark.django_db
def test_pages_are_danish_by_default_and_english_on_request(personas):
    client = Client()
    client.force_login(personas["staff_a"])
    assert "Velkommen" in client.get("/").content.decode()
    client.post("/sprog/", {"language": "en", "next": "/"})
    assert "Welcome" in client.get("/").content.decode()
    translation.activate("da")


@pytest.mark.django_db
def test_an_english_browser_still_gets_danish_until_english_is_chosen(personas):
    client = Client()
    client.force_login(personas["staff_a"])
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Velkommen" in html
    assert 'lang="da"' in html
    client.post("/sprog/", {"language": "en", "next": "/"})
    assert "Welcome" in client.get("/", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    translation.activate("da")
