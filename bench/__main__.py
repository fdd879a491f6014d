"""`make bench`: seed the demo data into a fresh database and time the hot paths.

Prints p50/p95 per request, the number of queries, and ratios (e.g. page time / raw SQL time).
Uses a throwaway SQLite file unless BENCH_DATABASE_URL points at PostgreSQL. BENCH_ONLY=a,b runs
only those modules; BENCH_GC_FREEZE=1 calls gc.freeze() after the setup, as config/wsgi.py does
in the server (decision 0047)."""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = ROOT / "var" / "bench.sqlite3"


def _setup() -> None:
    (ROOT / "var" / "static").mkdir(parents=True, exist_ok=True)
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        BENCH_DB.unlink(missing_ok=True)
        url = f"sqlite:///{BENCH_DB}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the shared cache (rate limits) is a table
    call_command("seed_demo", "--reset" if os.environ.get("BENCH_DATABASE_URL") else "--if-empty")
    print(f"setup: migrate + seed_demo in {time.perf_counter() - started:.1f} s")


def main() -> int:
    _setup()
    if os.environ.get("BENCH_GC_FREEZE"):  # as config/wsgi.py does after loading the app
        import gc

        gc.collect()
        gc.freeze()
        print(f"gc.freeze(): {gc.get_freeze_count()} objects left out of the collections")
    from django.test.utils import override_settings

    from bench import (
        analyses,
        cases,
        coordination,
        economics,
        housing,
        imports,
        plans,
        reports,
        screening,
        surveys,
        visits,
        walks,
    )
    from bench.probe import speed_probe
    from bench.report import Report

    report = Report()
    probe_before = speed_probe()
    plain_static = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=plain_static, WHITENOISE_USE_FINDERS=True):
        # BENCH_ONLY=screening,cases runs just those modules (all by default).
        only = {m for m in os.environ.get("BENCH_ONLY", "").split(",") if m}
        # reports first: its 60-department report must see the demo as seeded (later modules
        # leave departments of their own in the demo organisations)
        for module in (
            reports,
            housing,
            imports,
            screening,
            cases,
            analyses,
            visits,
            surveys,
            walks,
            plans,
            coordination,
            economics,
        ):
            if not only or module.__name__.removeprefix("bench.") in only:
                module.run(report)
    report.line(
        f"Machine speed probes before the benchmarks: {probe_before}; after: {speed_probe()}"
    )
    report.print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
