"""P2 (issue 3, issue 13 item 15): the organisation scorecard for an organisation with 600
departments.

Creates a benchmark organisation in the bench database with 10 years of values for every
traffic-light indicator, screens it, and times the scorecard page (p95 over 200 requests) and
its query count, first with 60 departments and then with 600: the count must be the same.
Target: p95 <= 100 ms at 600 departments, sorted by an indicator too.

The scorecard caches each rendered row by its data version (screening/rowcache.py): the pages
are timed warm (rows from the cache, what a user sees after the first visit since the last
import) and cold (the cache cleared before every request: every row built). A bare view on the
same stack (login session, one query, a minimal template; bench/bare_urls.py) is timed too, and
every page's p95 is printed as a ratio to it: a page's cost over the framework's floor."""

import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.test.utils import override_settings
from django.urls import clear_url_caches, reverse

from boligsocial.organisations.models import Department, Membership, Municipality, Organisation
from boligsocial.organisations.roles import Role
from boligsocial.screening.engine import screen
from boligsocial.screening.models import Indicator, IndicatorValue

ORG_NAME = "Benchmark P2 Boligselskab"
YEARS = range(2015, 2025)
# code -> (low, high) plausible range of the generated values
RANGES = {
    "residents": (150, 2500),
    "outside_work_education": (10, 55),
    "convicted": (0.3, 3.5),
    "basic_education": (20, 70),
    "income_pct_region": (45, 110),
    "nonwestern": (3, 70),
    "children": (12, 35),
    "single_parents": (5, 30),
    "move_out_rate": (6, 25),
    "vacant_leases": (0, 4),
    "rent_arrears": (0.5, 9),
    "evictions_per_1000": (0, 8),
}


def _remove() -> None:
    """Departments are protected from deleting their organisation: delete them first (their
    values and lights cascade)."""
    Department.objects.filter(organisation__name=ORG_NAME).delete()
    Organisation.objects.filter(name=ORG_NAME).delete()
    get_user_model().objects.filter(username="bench-p2").delete()


def _organisation() -> Organisation:
    _remove()
    return Organisation.objects.create(name=ORG_NAME, cvr="99999999", lbf_number=9999)


def _add_departments(org: Organisation, start: int, count: int, rng: random.Random) -> None:
    municipalities = list(Municipality.objects.filter(code__in=(751, 101, 851, 461)))
    departments = Department.objects.bulk_create(
        Department(
            organisation=org,
            number=start + i,
            name=f"Benchafdeling {start + i}",
            address=f"Benchvej {start + i}",
            postal_code="8000",
            city="Aarhus C",
            municipality=municipalities[(start + i) % len(municipalities)],
            lease_count=rng.randint(40, 900),
            year_built=rng.randint(1950, 2015),
        )
        for i in range(count)
    )
    departments = list(Department.objects.filter(organisation=org, number__gte=start))
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=RANGES)}
    rows = []
    for d in departments:
        for code, (low, high) in RANGES.items():
            level = rng.uniform(low, high)
            drift = rng.uniform(-0.04, 0.04) * (high - low)
            for k, year in enumerate(YEARS):
                value = max(low, level + drift * k + rng.uniform(-0.02, 0.02) * (high - low))
                places = 0 if code == "residents" else 2
                rows.append(
                    IndicatorValue(
                        indicator=indicators[code],
                        department=d,
                        year=year,
                        value=Decimal(f"{value:.{places}f}"),
                        source="bench",
                    )
                )
    IndicatorValue.objects.bulk_create(rows, batch_size=5000)
    screen(department_ids=[d.id for d in departments])


def _national_values() -> None:
    """The demo data has national values; add them for the bench years if missing."""
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=RANGES)}
    for code, (low, high) in RANGES.items():
        if code == "residents":
            continue
        for year in YEARS:
            IndicatorValue.objects.get_or_create(
                indicator=indicators[code],
                department=None,
                area=None,
                year=year,
                defaults={"value": Decimal(f"{(low + high) / 3:.2f}"), "source": "bench"},
            )


def _client(org: Organisation) -> Client:
    user, _ = get_user_model().objects.get_or_create(username="bench-p2")
    Membership.objects.get_or_create(user=user, role=Role.SOCIAL_HEAD, organisation=org)
    client = Client()
    client.force_login(user)
    return client


def run(report) -> None:
    org = _organisation()
    try:
        _run(report, org)
    finally:
        # Leave the database as seed_demo left it: `seed_demo --reset` refuses non-demo data.
        _remove()


def _run(report, org: Organisation) -> None:
    with override_settings(ROOT_URLCONF="bench.bare_urls"):
        clear_url_caches()
        try:
            _measure(report, org)
        finally:
            clear_url_caches()


def _measure(report, org: Organisation) -> None:
    rng = random.Random(2024)
    _national_values()
    _add_departments(org, 1, 60, rng)
    client = _client(org)
    url = reverse("screening:scorecard", args=[org.pk])

    def page(target: str, *, cold: bool = False):
        def call():
            if cold:
                cache.clear()
            response = client.get(target)
            assert response.status_code == 200, response.status_code

        return call

    bare = report.time(
        "bare view (login session, 1 query, minimal template)",
        page(reverse("bench_bare")),
        n=200,
    )
    small = report.time("P2 scorecard, 60 departments, page 1", page(url), n=200)
    _add_departments(org, 61, 540, rng)
    big = report.time("P2 scorecard, 600 departments, page 1 (50 rows)", page(url), n=200)
    sorted_url = url + "?sort=-rent_arrears&page=12"
    rows = [
        small,
        big,
        report.time(
            "P2 scorecard, 600 departments, sorted by an indicator, page 12",
            page(sorted_url),
            n=200,
        ),
        report.time(
            "P2 scorecard, 600 departments, red only, search 'Benchafdeling 1'",
            page(url + "?farve=red&q=Benchafdeling+1"),
            n=200,
        ),
        report.time(
            "P2 scorecard, 600 departments, page 1, cold (no cached row)",
            page(url, cold=True),
            n=100,
        ),
        report.time(
            "P2 scorecard, 600, sorted by an indicator, page 12, cold",
            page(sorted_url, cold=True),
            n=100,
        ),
    ]
    dept = Department.objects.filter(organisation=org).order_by("number").first()
    rows.append(
        report.time(
            "department page (13 vl-convert charts, cached after the first request)",
            page(reverse("screening:department", args=[dept.pk])),
            n=50,
        )
    )
    same = "the same" if small.queries == big.queries else "NOT the same"
    report.line(
        f"P2: scorecard queries with 60 departments = {small.queries}, with 600 = {big.queries} "
        f"({same}); p95 600 / p95 60 = {big.p95_ms / small.p95_ms:.1f}x"
    )
    report.line(
        f"P2: p95 as a ratio to the bare view's p95 ({bare.p95_ms:.1f} ms, {bare.queries} "
        "queries): " + "; ".join(f"{r.name}: {r.p95_ms / bare.p95_ms:.1f}x" for r in rows)
    )
    report.line(
        f"P2: scorecard at 600 departments p95 {big.p95_ms:.1f} ms, sorted by an indicator "
        f"{rows[2].p95_ms:.1f} ms (target <= 100 ms)"
    )
