"""The screening app's process settings (apps.py, decision 0012)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from boligsocial.screening.apps import polars_threads

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(("cpus", "threads"), [(None, 1), (1, 1), (2, 1), (3, 1), (4, 2), (16, 8)])
def test_polars_gets_half_the_cpus_and_at_least_one_thread(cpus, threads):
    assert polars_threads(cpus) == threads


def _polars_pool(extra_env: dict) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("POLARS_MAX_THREADS", None)  # e.g. set by the test run's own screening app
    env.update(extra_env)
    code = (
        "import os, django; django.setup(); import polars; "
        "print(polars.thread_pool_size(), os.cpu_count())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_a_django_process_sizes_polars_thread_pool_before_polars_is_imported():
    pool, cpus = (int(x) for x in _polars_pool({}).split())
    assert pool == polars_threads(cpus)


def test_an_operators_polars_max_threads_wins():
    pool, _ = (int(x) for x in _polars_pool({"POLARS_MAX_THREADS": "3"}).split())
    assert pool == 3
