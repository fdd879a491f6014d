"""P2 (issue 3): the organisation scorecard for an organisation with 600 departments.

Creates a benchmark organisation in the bench database with 10 years of values for every
traffic-light indicator, screens it, and times the scorecard page (p95 over 200 requests) and
its query count, first with 60 departments and then with 600: the count must be the same."""

import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

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
    rng = random.Random(2024)
    _national_values()
    _add_departments(org, 1, 60, rng)
    client = _client(org)
    url = reverse("screening:scorecard", args=[org.pk])

    def scorecard(query: str = ""):
        def call():
            response = client.get(url + query)
            assert response.status_code == 200, response.status_code

        return call

    small = report.time("P2 scorecard, 60 departments, page 1", scorecard(), n=200)
    _add_departments(org, 61, 540, rng)
    big = report.time("P2 scorecard, 600 departments, page 1 (50 rows)", scorecard(), n=200)
    report.time(
        "P2 scorecard, 600 departments, sorted by an indicator, page 12",
        scorecard("?sort=-rent_arrears&page=12"),
        n=200,
    )
    report.time(
        "P2 scorecard, 600 departments, red only, search 'Benchafdeling 1'",
        scorecard("?farve=red&q=Benchafdeling+1"),
        n=200,
    )
    dept = Department.objects.filter(organisation=org).order_by("number").first()
    report.time(
        "department page (13 vl-convert charts, cached after the first request)",
        lambda: client.get(reverse("screening:department", args=[dept.pk])),
        n=50,
    )
    same = "the same" if small.queries == big.queries else "NOT the same"
    report.line(
        f"P2: scorecard queries with 60 departments = {small.queries}, with 600 = {big.queries} "
        f"({same}); p95 600 / p95 60 = {big.p95_ms / small.p95_ms:.1f}x"
    )
