"""SQLite settings that must be made before Python's `sqlite3` module is imported (decision 0011).

SQLite keeps statistics of its memory use by default, under one process-wide mutex taken on
every allocation. With two connections working at the same time (the screening reads values
on one while it writes lights on the other, decision 0010) the two threads spend most of their
time waiting for that mutex: two concurrent reads took 2.4 s instead of 0.9 s. SQLite's own
advice is to turn the statistics off (``SQLITE_DEFAULT_MEMSTATUS=0``); nothing here reads them
(they are only `sqlite3_memory_used()` and `sqlite3_status()`).

This must happen before SQLite initialises, i.e. before `sqlite3` is imported, hence from the
settings module. Best effort: if `sqlite3` is imported already, or the library cannot be
loaded, nothing changes and SQLite works as before, only slower under concurrency.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

SQLITE_CONFIG_MEMSTATUS = 9  # sqlite3.h


def disable_memstatus() -> bool:
    """Turn SQLite's memory statistics off; True if done."""
    if "_sqlite3" in sys.modules or not sys.platform.startswith("linux"):
        return False  # too late, or a platform where the variadic call below is not safe
    try:
        library = ctypes.CDLL("libsqlite3.so.0")  # the usual name; find_library costs 40 ms
    except OSError:
        name = ctypes.util.find_library("sqlite3")
        if name is None:
            return False
        try:
            library = ctypes.CDLL(name)
        except OSError:
            return False
    return library.sqlite3_config(SQLITE_CONFIG_MEMSTATUS, ctypes.c_int(0)) == 0
