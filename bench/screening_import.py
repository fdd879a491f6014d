"""P3: import 100,000 indicator values from a CSV file (issue 3, part 10).

1,000 departments of one housing organisation x 10 years x 10 indicators. Timed: the import as
the upload page runs it (read the whole file, check every row, write in one transaction; without
the re-screening, which is timed on its own line), then the same file again (all unchanged).
Baseline: a raw `executemany` INSERT of the same 100,000 rows in one transaction. Targets: import
<= 5 s and <= 3x the raw executemany."""

import time
from decimal import Decimal

from django.db import connection, transaction

from boligsocial.organisations.models import Department, Membership, Organisation
from boligsocial.organisations.roles import Role
from boligsocial.screening import engine
from boligsocial.screening.imports import batches
from boligsocial.screening.imports.kinds import KINDS
from boligsocial.screening.models import ImportBatch, Indicator, IndicatorValue

DEPARTMENTS = 1000
YEARS = range(2015, 2025)
INDICATORS = 10
LBF_NUMBER = 99_003
HEADER = "aar;organisation;afdeling;omraade;kommunekode;indikator;vaerdi;taeller;naevner;kilde"


def _setup():
    from django.contrib.auth import get_user_model

    organisation = Organisation.objects.create(
        name="P3 Boligselskab", cvr="99990003", lbf_number=LBF_NUMBER
    )
    Department.objects.bulk_create(
        Department(
            organisation=organisation,
            number=n,
            name=f"P3 afdeling {n}",
            address=f"P3-vej {n}",
            postal_code="8000",
            city="Aarhus C",
            municipality_id=751,
            lease_count=100,
            year_built=1970,
        )
        for n in range(1, DEPARTMENTS + 1)
    )
    user = get_user_model().objects.create_user("p3-bench", password=None)
    Membership.objects.create(user=user, role=Role.SOCIAL_HEAD, organisation=organisation)
    codes = list(
        Indicator.objects.filter(unit="percent", is_active=True)
        .order_by("position")
        .values_list("code", flat=True)[:INDICATORS]
    )
    assert len(codes) == INDICATORS, codes
    return organisation, user, codes


def _file(codes) -> bytes:
    lines = [HEADER]
    for n in range(1, DEPARTMENTS + 1):
        for year in YEARS:
            for i, code in enumerate(codes):
                value = f"{(n * 7 + year * 3 + i * 11) % 1000 / 10:.1f}".replace(".", ",")
                lines.append(f"{year};{LBF_NUMBER};{n};;;{code};{value};;;LBF")
    return ("\n".join(lines) + "\n").encode()


def _raw_rows(organisation, codes) -> list[tuple]:
    departments = dict(
        Department.objects.filter(organisation=organisation).values_list("number", "id")
    )
    indicator_ids = dict(Indicator.objects.values_list("code", "id"))
    rows = []
    for n in range(1, DEPARTMENTS + 1):
        for year in YEARS:
            for i, code in enumerate(codes):
                value = Decimal((n * 7 + year * 3 + i * 11) % 1000) / 10
                rows.append(
                    (indicator_ids[code], departments[n], None, year, value, None, None, "LBF")
                )
    return rows


def _raw_executemany(rows) -> float:
    table = connection.ops.quote_name(IndicatorValue._meta.db_table)
    columns = ("indicator_id", "department_id", "area_id", "year", "value", "numerator")
    columns += ("denominator", "source")
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608
    return time.perf_counter() - started


def run(report) -> None:
    organisation, user, codes = _setup()
    data = _file(codes)
    rows = _raw_rows(organisation, codes)
    total = len(rows)
    scope = IndicatorValue.objects.filter(department__organisation=organisation)
    kind = KINDS["vaerdier"]
    timings: list[float] = []  # CPU seconds of this process per import (wall time is noisy
    # on a shared machine; the database server's own time is not in it)

    raw_s = _raw_executemany(rows)
    assert scope.count() == total
    scope.delete()

    def timed_import():
        batch = ImportBatch.objects.create(
            kind=kind.batch_kind, filename="p3.csv", created_by=user, sha256="-"
        )
        started, cpu = time.perf_counter(), time.process_time()
        result = batches.process(batch, data, rescreen=False)
        timings.append(time.process_time() - cpu)
        return batch, result, time.perf_counter() - started

    batch, first, first_s = timed_import()
    assert (first.created, first.issue_count) == (total, 0), first
    started = time.perf_counter()
    engine.rescreen_after_import(batch)
    rescreen_s = time.perf_counter() - started
    _, again, again_s = timed_import()
    assert (again.created, again.updated, again.unchanged) == (0, 0, total), again

    report.line(
        f"P3 import: {total:,} indicator values (CSV, {len(data) / 1e6:.1f} MB) in "
        f"{first_s:.2f} s = {total / first_s:,.0f} rows/s (target <= 5 s; {timings[0]:.2f} s CPU "
        f"in this process); raw executemany of "
        f"the same rows {raw_s:.2f} s; ratio {first_s / raw_s:.1f}x (target <= 3x); "
        f"re-import (all unchanged) {again_s:.2f} s; re-screening after the import "
        f"{rescreen_s:.2f} s ({connection.vendor})"
    )
    scope.delete()
    ImportBatch.objects.filter(created_by=user).delete()
    Department.objects.filter(organisation=organisation).delete()
    Membership.objects.filter(user=user).delete()
    organisation.delete()
    user.delete()
