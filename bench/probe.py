"""How fast this machine runs right now, in two fixed tasks (best of 3 each): a pure-Python loop
(the CPU) and copying 256 MB into fresh memory (memory and page faults). The shared 2-core
machines the benchmark runs on change speed from hour to hour by up to 1.8x (decision 0012), and
not always in both at once: printed beside the figures, the probes help tell a slow spell from
slow code when runs are compared.

`speed_probe()` runs it in a child process, so that its 512 MB do not raise the benchmark
process's peak memory (P1 reports the growth of that peak)."""

import subprocess
import sys
import time
from pathlib import Path


def _measure() -> str:
    loop = copy = float("inf")
    block = bytearray(256 * 1024 * 1024)
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(2_000_000):
            total += i * i % 7
        loop = min(loop, time.perf_counter() - started)
        started = time.perf_counter()
        duplicate = bytes(block)
        copy = min(copy, time.perf_counter() - started)
        del duplicate
    return f"Python loop {loop:.2f} s, copying 256 MB {copy:.2f} s"


def speed_probe() -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bench.probe"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


if __name__ == "__main__":
    print(_measure())
