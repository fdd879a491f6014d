"""Benchmarks of the cases capability (see the issue for the targets)."""


def run(report) -> None:
    """Add this capability's figures to `report` (bench/report.py)."""
