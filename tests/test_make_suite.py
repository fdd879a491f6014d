"""`make test` fails when pytest collects no test (its exit 5), with a message that says so.

CI reads a run that collected nothing as "ran no test"; the Makefile's `suite` target (which
`make test` runs) turns pytest's exit 5 into a failure of its own, tested here on a folder
that holds no test module."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_suite_that_collects_no_test_fails_and_says_so():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    done = subprocess.run(
        ["make", "-s", "suite", "TEST_WORKERS=0", "PYTEST_ARGS=tests/access_rows"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "no tests ran" in done.stdout
    assert "make test: pytest collected no test (exit 5)" in done.stderr
    assert done.returncode == 2  # make's own code for a failed recipe
