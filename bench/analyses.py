"""Benchmark of the vulnerability analyses (issue 14, part 10): the coverage page for one
organisation's 1,000 and 8,000 departments (one analysis held last year for 60 %, one planned
this year for 30 % of them), as the organisation's head of social services sees it: p95 over 200
requests (n = 50 here, the shared machine's budget; `N=200 BENCH_ONLY=analyses` for the issue's
200) and the number of queries, which must be the same at both sizes; and the ratio of the page
to a raw baseline measured in the same run (reading the departments' and analyses' columns the
page needs, no Python work), so the figure means something on a loaded machine.

The departments and analyses are bulk-inserted into a bench organisation of their own (not
through the services)."""

import os
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse

from boligsocial.analyses.models import Analysis
from boligsocial.guides.models import Guide
from boligsocial.organisations.models import Department, Membership, Organisation
from boligsocial.organisations.roles import Role

SIZES = (1_000, 8_000)
N = int(os.environ.get("N", "50"))
USERNAME = "bench-analyses-head"


def _insert(org, version, start: int, count: int) -> None:
    today = date.today()
    departments = Department.objects.bulk_create(
        Department(
            organisation=org,
            number=n,
            name=f"Dækningsafdeling {n}",
            address=f"Dækningsvej {n}",
            postal_code="8000",
            city="Aarhus C",
            municipality_id=751,
            lease_count=100,
            year_built=1970,
        )
        for n in range(start, start + count)
    )
    rows = []
    for i, d in enumerate(departments):
        if i % 10 < 6:
            held = date(today.year - 1, 1 + i % 12, 1 + i % 28)
            rows.append(
                Analysis(
                    department=d,
                    organisation=org,
                    year=today.year - 1,
                    planned_date=held,
                    held_on=held,
                    status="done",
                    guide_version=version,
                    score=40,
                    band="yellow",
                )
            )
        if i % 10 >= 7:
            rows.append(
                Analysis(
                    department=d,
                    organisation=org,
                    year=today.year,
                    planned_date=today + timedelta(days=1 + i % 200),
                    status="planned",
                    guide_version=version,
                )
            )
    Analysis.objects.bulk_create(rows, batch_size=2_000)


def run(report) -> None:
    version = Guide.objects.get(key="saarbarhedsanalyse").versions.order_by("number").first()
    with transaction.atomic():
        Organisation.objects.filter(cvr="99887766").delete()  # an earlier run's
        org = Organisation.objects.create(
            name="Bench dækning", cvr="99887766", lbf_number=89999, is_demo=True
        )
        user, _ = get_user_model().objects.get_or_create(username=USERNAME)
        Membership.objects.create(user=user, role=Role.SOCIAL_HEAD, organisation=org)
    client = Client()
    client.force_login(user)
    url = reverse("analyses:coverage")
    done = 0
    queries = {}
    for size in SIZES:
        with transaction.atomic():
            _insert(org, version, done + 1, size - done)
        done = size

        def call():
            response = client.get(url + "?status=overdue")
            assert response.status_code == 200, response.status_code

        def raw():
            list(Department.objects.filter(organisation=org).values_list("id", "number", "name"))
            list(
                Analysis.objects.filter(organisation=org).values_list(
                    "department_id", "status", "held_on", "planned_date"
                )
            )

        row = report.time(f"analyses: coverage page, {size:,} departments", call, n=N)
        base = report.time(f"analyses: raw baseline, {size:,} departments", raw, n=N)
        queries[size] = row.queries
        report.line(
            f"analyses: coverage page / raw baseline at {size:,}: "
            f"p50 {row.p50_ms / base.p50_ms:.1f}x"
        )
    report.line(
        "analyses: coverage page queries "
        + ", ".join(f"{s:,}: {q}" for s, q in queries.items())
        + (" (constant)" if len(set(queries.values())) == 1 else " (NOT constant)")
    )
