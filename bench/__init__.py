"""Benchmarks (`make bench`). Each capability adds a module with a `run(report)` function."""
