"""`make mutation`: mutation testing of the pure rule modules (mutmut, decision 0017).

Each group below is mutated on its own (one `mutmut run` per module) against the tests named in
pyproject.toml's [tool.mutmut]; mutmut runs, for each mutant, only the tests that reach the
mutated function. The score of a group is (killed + timed out) / (all mutants - skipped), as in
mutmut's own statistics; a group below MINIMUM fails the target. Survivors are printed with their
diff, so they can be killed by a test or, if no test can tell them apart from the original,
listed as equivalent in the module's test file. mutmut's working copy (mutants/) is removed at
the end (`--keep` keeps it for `mutmut show` / `mutmut browse`).

    .venv/bin/python scripts/mutation.py [--keep] [group ...]   # default: every group

Not part of `make test`: it takes minutes per group. The screening's bulk path (being moved into
screening/engine/) is not in it yet.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTMUT = Path(sys.executable).with_name("mutmut")
MINIMUM = 90.0

GROUPS: dict[str, tuple[str, ...]] = {
    "workdays": ("boligsocial/cases/workdays.py",),
    "statutory": (
        "boligsocial/screening/statutory.py",
        "boligsocial/screening/statutory_area.py",
    ),
    "trafficlight": (
        "boligsocial/screening/trafficlight/scoring.py",
        "boligsocial/screening/trafficlight/legends.py",
    ),
    "grants": ("boligsocial/accounts/grants.py",),
    "budget": ("boligsocial/plans/budget.py",),
    "catalogue": ("boligsocial/catalogue/ranking.py", "boligsocial/catalogue/outcomes.py"),
    "guide_scoring": ("boligsocial/guides/scoring.py",),
    "coverage": ("boligsocial/analyses/coverage.py",),
}
KILLED = {1, 3, 24, -24, 36, 152, 255}  # a failing test, or the CPU-time limit (timeout)
SKIPPED = {34}


def _dotted(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def _results(path: str) -> dict[str, int | None]:
    meta = ROOT / "mutants" / f"{path}.meta"
    return json.loads(meta.read_text())["exit_code_by_key"]


def run_group(name: str) -> float:
    results: dict[str, int | None] = {}
    for path in GROUPS[name]:
        done = subprocess.run(
            [str(MUTMUT), "run", "--max-children", "2", f"{_dotted(path)}.*"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            check=False,
        )
        if done.returncode != 0:
            sys.exit(f"mutmut failed on {path} (exit {done.returncode})")
        results |= _results(path)
    counted = {k: v for k, v in results.items() if v not in SKIPPED}
    killed = sorted(k for k, v in counted.items() if v in KILLED)
    survivors = sorted(k for k, v in counted.items() if v not in KILLED)
    score = 100 * len(killed) / len(counted) if counted else 0.0
    print(f"{name}: {len(killed)} of {len(counted)} mutants killed, {score:.1f} %")
    for key in survivors:
        print(f"  survived ({results[key]}): {key}")
        shown = subprocess.run(
            [str(MUTMUT), "show", key], cwd=ROOT, capture_output=True, text=True, check=False
        )
        for line in shown.stdout.splitlines():
            if line[:1] in "+-" and line[:3] not in ("+++", "---"):
                print(f"      {line}")
    return score


def main(args: list[str]) -> int:
    keep = "--keep" in args
    names = [a for a in args if a != "--keep"]
    unknown = set(names) - set(GROUPS)
    if unknown:
        sys.exit(f"unknown group(s) {sorted(unknown)}; choose from {sorted(GROUPS)}")
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)  # fresh statistics for every run
    scores = {name: run_group(name) for name in names or GROUPS}
    if not keep:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    low = [name for name, score in scores.items() if score < MINIMUM]
    if low:
        print(f"below {MINIMUM:.0f} %: {', '.join(low)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
