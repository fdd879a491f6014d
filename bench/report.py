"""Timing and printing for the benchmarks."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection


@dataclass
class Row:
    name: str
    n: int
    p50_ms: float
    p95_ms: float
    queries: int | str
    note: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def time(self, name: str, fn: Callable[[], object], *, n: int = 200, note: str = "") -> Row:
        """Call `fn` n times (after 5 warm-up calls); record p50/p95 and queries per call."""
        for _ in range(5):
            fn()
        executed: list[str] = []

        def count(execute, sql, params, many, context):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            fn()
        samples = []
        for _ in range(n):
            start = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        row = Row(
            name=name,
            n=n,
            p50_ms=statistics.median(samples),
            p95_ms=samples[int(0.95 * (n - 1))],
            queries=len(executed),
            note=note,
        )
        self.rows.append(row)
        return row

    def line(self, text: str) -> None:
        self.lines.append(text)

    def print(self) -> None:
        print()
        print(f"{'benchmark':<58} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}  note")
        for r in self.rows:
            print(
                f"{r.name:<58} {r.n:>5} {r.p50_ms:>8.2f} {r.p95_ms:>8.2f} {r.queries!s:>8}  "
                f"{r.note}"
            )
        print()
        for text in self.lines:
            print(text)
