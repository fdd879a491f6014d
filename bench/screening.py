"""Benchmarks of screening (issue 3): P1 screening all of Denmark, P2 the scorecard, P3 import."""

from bench import screening_import, screening_pages


def run(report) -> None:
    import os

    run_p1(report)
    if os.environ.get("P1_ONLY"):  # P1_ONLY=1: just P1 (e.g. while working on the screening)
        return
    screening_pages.run(report)
    screening_import.run(report)


def run_p1(report) -> None:
    """P1: 8,000 departments x 10 years x 12 indicators from database to stored lights."""
    import resource
    import time

    from django.db import connection, transaction

    from boligsocial.organisations.models import Department, Municipality, Organisation
    from boligsocial.screening.engine import screen
    from boligsocial.screening.models import Indicator, IndicatorValue, Light

    n_orgs, per_org = 80, 100  # 8,000 departments
    years = list(range(2016, 2026))
    codes = [
        c
        for c in Indicator.objects.values_list("code", flat=True)
        if c != "convicted_ratio_national"
    ][:12]
    values_table = IndicatorValue._meta.db_table
    started = time.perf_counter()
    with transaction.atomic():
        orgs = Organisation.objects.bulk_create(
            Organisation(name=f"P1 Boligselskab {i}", cvr=f"{90000000 + i}", lbf_number=80000 + i)
            for i in range(n_orgs)
        )
        munis = list(Municipality.objects.values_list("code", flat=True))
        Department.objects.bulk_create(
            (
                Department(
                    organisation=org,
                    number=n + 1,
                    name=f"P1-afdeling {o}-{n + 1}",
                    address="P1-vej 1",
                    postal_code="8000",
                    city="Aarhus C",
                    municipality_id=munis[(o * per_org + n) % len(munis)],
                    lease_count=100 + n,
                    year_built=1970,
                )
                for o, org in enumerate(orgs)
                for n in range(per_org)
            ),
            batch_size=2000,
        )
        org_ids = [o.pk for o in orgs]
        year_sql = " UNION ALL ".join(f"SELECT {y} AS year" for y in years)
        code_marks = ",".join(["%s"] * len(codes))
        org_marks = ",".join(["%s"] * len(org_ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {values_table} "  # noqa: S608 (constants only)
                "(indicator_id, department_id, area_id, year, value, source) "
                "SELECT i.id, d.id, NULL, y.year, CASE WHEN i.code = 'residents' "
                "THEN 40 + (d.id * 37) %% 1500 "
                "ELSE ((d.id * 7919 + i.id * 104729 + y.year * 131 + d.id * y.year) %% 600000)"
                " / 10000.0 END, 'P1' "
                f"FROM {Department._meta.db_table} d CROSS JOIN {Indicator._meta.db_table} i "
                f"CROSS JOIN ({year_sql}) y "
                f"WHERE d.organisation_id IN ({org_marks}) AND i.code IN ({code_marks}) "
                "ORDER BY d.id, i.id, y.year",
                [*org_ids, *codes],
            )
            n_values = cursor.rowcount
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {values_table}")
    report.line(
        f"P1 setup: {n_orgs * per_org:,} departments x {len(years)} years x {len(codes)} "
        f"indicators = {n_values:,} values inserted in {time.perf_counter() - started:.1f} s "
        f"({connection.vendor})"
    )
    try:
        _p1_measure(report, screen, Light, values_table, Department, org_ids, resource, time)
    finally:
        _p1_cleanup(org_ids, org_marks, values_table)


def _p1_cleanup(org_ids, org_marks, values_table) -> None:
    from django.db import connection, transaction

    from boligsocial.organisations.models import Department, Organisation
    from boligsocial.screening.models import Light

    depts = f"SELECT id FROM {Department._meta.db_table} WHERE organisation_id IN ({org_marks})"  # noqa: S608
    statements = (
        f"DELETE FROM {Light._meta.db_table} WHERE department_id IN ({depts})",  # noqa: S608
        f"DELETE FROM {values_table} WHERE department_id IN ({depts})",  # noqa: S608
        f"DELETE FROM {Department._meta.db_table} WHERE organisation_id IN ({org_marks})",  # noqa: S608
        f"DELETE FROM {Organisation._meta.db_table} WHERE id IN ({org_marks})",  # noqa: S608
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, org_ids)


def _p1_fresh(Light) -> None:
    """Delete the stored department lights, outside the timing, so that a run finds what the
    first run found (on PostgreSQL the table vacuumed, on SQLite the WAL checkpointed)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Light._meta.db_table} WHERE department_id IS NOT NULL")  # noqa: S608
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM {Light._meta.db_table}")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _machine_ticks() -> tuple[int, int] | None:
    """(busy, stolen) CPU ticks of the whole machine so far, from Linux's /proc/stat; None
    elsewhere. On a shared virtual machine, steal is the time its CPUs waited for the host:
    the benchmark's seconds grow with it."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(x) for x in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return user + nice + system + irq + softirq, steal


def _p1_measure(report, screen, Light, values_table, Department, org_ids, resource, time):
    import os
    import statistics

    from django.db import connection

    def raw_read():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT department_id, indicator_id, year, value FROM {values_table} "  # noqa: S608
                "WHERE department_id IS NOT NULL ORDER BY department_id, indicator_id, year"
            )
            n = 0
            while True:
                rows = cursor.fetchmany(20_000)
                if not rows:
                    return n
                n += len(rows)

    raw_read()  # warm the cache
    raw_times = []
    for _ in range(3):
        t0 = time.perf_counter()
        n_rows = raw_read()
        raw_times.append(time.perf_counter() - t0)
    raw = min(raw_times)
    one = Department.objects.filter(organisation_id=org_ids[0]).order_by("id").first()
    screen(department_ids=[one.pk])  # warm-up: the process's first screen imports polars
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times, cpu, stolen = [], [], []
    for _ in range(int(os.environ.get("P1_RUNS", "3"))):
        _p1_fresh(Light)  # every run starts as the first: no P1 lights stored (not timed)
        c0, s0, t0 = os.times(), _machine_ticks(), time.perf_counter()
        stats = screen()
        times.append(time.perf_counter() - t0)
        c1, s1 = os.times(), _machine_ticks()
        cpu.append(c1.user - c0.user + c1.system - c0.system)
        if s0 and s1:
            busy, steal = s1[0] - s0[0], s1[1] - s0[1]
            stolen.append(steal / (busy + steal) if busy + steal else 0.0)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    best, median = min(times), statistics.median(times)
    report.line(
        f"P1 screen everything: {stats.departments:,} departments + {stats.areas} areas -> "
        f"{stats.lights:,} lights, {stats.statuses} statutory statuses: "
        f"median of {len(times)} {median:.2f} s, best {best:.2f} s "
        f"(runs {', '.join(f'{t:.2f}' for t in times)} s; target <= 2 s)"
    )
    machine = (
        f"; the host took {statistics.median(stolen):.0%} of this machine's CPU time meanwhile "
        "(steal, median)"
        if stolen
        else ""
    )
    report.line(
        f"P1 CPU time in this process per screen: median {statistics.median(cpu):.2f} s "
        f"(the database's processes not counted){machine}"
    )
    report.line(
        f"P1 raw SQL read of the same {n_rows:,} input rows: {raw:.2f} s (best of 3); "
        f"ratio screen / raw read = {median / raw:.1f}x median, {best / raw:.1f}x best "
        "(target <= 2x)"
    )
    report.line(
        f"P1 peak memory: process max RSS grew by {(rss_after - rss_before) / 1024:.0f} MB during "
        f"screen() (resource.getrusage ru_maxrss delta; target <= 400 MB)"
    )
    row = report.time(
        "P1 re-screen one department (10 years)", lambda: screen(department_ids=[one.pk])
    )
    report.line(f"P1 re-screen one department: p95 {row.p95_ms:.1f} ms (target <= 50 ms)")
