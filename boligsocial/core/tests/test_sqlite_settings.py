"""The embedded SQLite database's settings (config/sqlite.py, config/settings.py, decision 0011)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

SHOW = (
    "import ctypes, django; django.setup(); from django.conf import settings; "
    "from django.db import connection; c = connection.cursor(); "
    "c.execute('CREATE TEMP TABLE t (x)'); "
    "c.executemany('INSERT INTO t VALUES (%s)', [(str(i) * 50,) for i in range(2000)]); "
    "used = ctypes.CDLL('libsqlite3.so.0').sqlite3_memory_used(); "
    "c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0]; "
    "c.execute('PRAGMA cache_size'); cache = c.fetchone()[0]; "
    "print(settings.SQLITE_MEMSTATUS_OFF, used, mode, cache)"
)


def _run(code: str, database_url: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the setting is made on Linux")
def test_a_django_process_on_sqlite_has_memory_statistics_off_wal_and_a_64_mb_cache(tmp_path):
    # With the statistics on, SQLite counts every allocation: 2,000 rows use well over 0 bytes
    # (the next test). WAL and the page cache come from the settings' init_command.
    assert _run(SHOW, f"sqlite:///{tmp_path / 'db.sqlite3'}") == "True 0 wal -65536"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the setting is made on Linux")
def test_without_the_setting_sqlite_counts_its_memory():
    # the control: the same measurement in a process that imported sqlite3 first
    code = (
        "import sqlite3, ctypes; from config.sqlite import disable_memstatus; "
        "ok = disable_memstatus(); c = sqlite3.connect(':memory:'); "
        "c.execute('CREATE TABLE t (x)'); "
        "c.executemany('INSERT INTO t VALUES (?)', [(str(i) * 50,) for i in range(2000)]); "
        "print(ok, ctypes.CDLL('libsqlite3.so.0').sqlite3_memory_used() > 100_000)"
    )
    assert _run(code, "sqlite:///:memory:") == "False True"
