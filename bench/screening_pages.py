"""Part of the screening benchmarks (see bench/screening.py)."""


def run(report) -> None:
    pass
