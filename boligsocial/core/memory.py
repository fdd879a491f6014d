"""Pausing Python's cyclic garbage collector while a bulk job builds many objects.

Reading and checking a file of 100,000 rows creates a few hundred thousand objects that live
until the import ends. Each of them counts towards the collector's thresholds, so it runs again
and again over objects that are not garbage: a third of the CPU time of reading and checking
such a file (benchmark P3, decision 0013). Reference counting still frees everything as usual;
only cycles wait until the collector runs again after the block."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block, and restore its state afterwards.

    The switch is process-wide. A thread that finds it already off leaves it alone, so the
    collector is on again once the block that turned it off ends, whatever the order."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
