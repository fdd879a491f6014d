"""Import throughput: 20,000 leases into a new department set, then the same file again; and how
fast and cheaply hostile workbooks are refused (bench/hostile_files.py; target <= 2 s, 200 MB)."""

import io
import time

from django.contrib.auth import get_user_model
from django.db import transaction

from bench import hostile_files
from boligsocial.organisations.imports import import_departments, import_leases
from boligsocial.organisations.models import Department, Organisation

DEPARTMENTS = 20
LEASES_PER_DEPARTMENT = 1000


def _files():
    deps = ["afdelingsnummer;navn;adresse;postnummer;by;kommunekode;antal_lejemaal;opfoerelsesaar"]
    leases = ["afdelingsnummer;adresse;etage_doer;areal_m2;vaerelser"]
    for d in range(DEPARTMENTS):
        number = 5000 + d
        deps.append(f"{number};Benchparken {d};Benchvej {d};8000;Aarhus C;751;1000;1975")
        for n in range(LEASES_PER_DEPARTMENT):
            leases.append(
                f"{number};Benchvej {n // 10 + 1};{n % 10}. th.;{40 + n % 80},5;{1 + n % 5}"
            )
    return ("\n".join(deps) + "\n").encode(), ("\n".join(leases) + "\n").encode()


def run(report) -> None:
    user = get_user_model().objects.get(username="head-a")
    organisation = Organisation.objects.order_by("lbf_number")[0]
    dep_file, lease_file = _files()
    total = DEPARTMENTS * LEASES_PER_DEPARTMENT

    def timed(fn):
        start = time.perf_counter()
        result = fn()
        return result, time.perf_counter() - start

    sid = transaction.savepoint() if transaction.get_connection().in_atomic_block else None
    _, dep_s = timed(
        lambda: import_departments(
            organisation=organisation, file=io.BytesIO(dep_file), filename="b.csv", user=user
        )
    )
    first, first_s = timed(
        lambda: import_leases(
            organisation=organisation, file=io.BytesIO(lease_file), filename="b.csv", user=user
        )
    )
    again, again_s = timed(
        lambda: import_leases(
            organisation=organisation, file=io.BytesIO(lease_file), filename="b.csv", user=user
        )
    )
    assert (first.created, first.issue_count) == (total, 0), first
    assert (again.created, again.updated, again.unchanged) == (0, 0, total), again
    report.line(
        f"import: {DEPARTMENTS} departments in {dep_s:.2f} s; {total:,} leases (CSV) in "
        f"{first_s:.2f} s = {total / first_s:,.0f} rows/s; re-import (all unchanged) in "
        f"{again_s:.2f} s = {total / again_s:,.0f} rows/s; ratio first/re-import "
        f"{first_s / again_s:.1f}x"
    )
    Department.objects.filter(organisation=organisation, number__gte=5000).delete()
    if sid:
        transaction.savepoint_rollback(sid)
    for name, what in (
        ("blank_rows", "4.5 million blank rows"),
        ("far_row", "one row at row 4,500,000"),
        ("shared_string", "one 200 MB shared string"),
    ):
        m = hostile_files.measure(name)
        report.line(
            f"hostile XLSX ({what}, {m['bytes'] / 1024:,.0f} KB) refused in "
            f"{m['request_s']:.2f} s in the request and {m['worker_s']:.2f} s in the worker, "
            f"peak {max(m['peak_mb'], 0):.0f} MB (targets <= 2 s, <= 200 MB): {m['message']}"
        )
