"""Benchmarks of screening (issue 3): P1 screening all of Denmark, P2 the scorecard, P3 import."""

from bench import screening_import, screening_pages


def run(report) -> None:
    run_p1(report)
    screening_pages.run(report)
    screening_import.run(report)


def run_p1(report) -> None:
    """P1: 8,000 departments x 10 years x 12 indicators from database to stored lights."""
