"""Model state must not depend on the interpreter's hash seed.

CI once failed on ``makemigrations --check`` because the membership check constraint was built
by iterating a frozenset of strings, whose order changes with PYTHONHASHSEED. This runs the
constraint builder under several seeds and requires the same deconstructed constraint.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from boligsocial.organisations.models import Membership
for c in Membership._meta.constraints:
    print(repr(c.deconstruct()))
"""


def _constraints_under_seed(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_membership_constraints_are_the_same_under_every_hash_seed():
    outputs = {seed: _constraints_under_seed(seed) for seed in ("0", "1", "2", "3", "4", "5")}
    first = outputs["0"]
    assert "membership_scope_matches_role" in first
    assert all(out == first for out in outputs.values()), outputs
