"""Demo data for the screening: ten years (2016-2025) of invented indicator values for every demo
department and housing area, the national values per year, published lists for the years before
the 2018 rules, and the computed traffic lights and statutory statuses.

Every department gets a "risk" between 0 and 1 that drifts a little from year to year; each
indicator is placed between a low-risk and a high-risk level by it, so departments come out in
every colour. The housing areas follow set courses: the first area (with Egeparken) slides
onto the lists during the period, the second starts on the ghetto list and leaves it. Area
values are the residents-weighted averages of their departments. All figures are invented."""

from decimal import ROUND_HALF_EVEN, Decimal

from boligsocial.core.demo import DemoContext
from boligsocial.organisations.models import Area, Department
from boligsocial.screening.engine import screen
from boligsocial.screening.models import (
    Indicator,
    IndicatorValue,
    Light,
    PublishedListMembership,
    StatutoryStatus,
)

ORDER = 20  # after organisations (10)
YEARS = tuple(range(2016, 2026))
SOURCE = "Demodata"

# code -> (value at risk 0, value at risk 1, decimals)
LEVELS = {
    "outside_work_education": (12, 48, 1),
    "convicted": (Decimal("0.40"), Decimal("3.20"), 2),
    "basic_education": (25, 65, 1),
    "income_pct_region": (95, 48, 1),
    "nonwestern": (5, 65, 1),
    "children": (15, 32, 1),
    "single_parents": (6, 26, 1),
    "move_out_rate": (9, 24, 1),
    "vacant_leases": (Decimal("0.2"), 4, 1),
    "rent_arrears": (1, 8, 1),
    "evictions_per_1000": (Decimal("0.5"), 7, 1),
}

# code -> (2016 value, 2025 value), straight line between
NATIONAL = {
    "outside_work_education": ("18.0", "16.0"),
    "convicted": ("0.95", "0.86"),
    "basic_education": ("26.0", "23.0"),
    "income_pct_region": ("100.0", "100.0"),
    "nonwestern": ("8.0", "11.0"),
    "children": ("21.0", "20.5"),
    "single_parents": ("9.0", "9.2"),
    "move_out_rate": ("13.0", "12.5"),
    "vacant_leases": ("0.8", "0.7"),
    "rent_arrears": ("3.0", "2.8"),
    "evictions_per_1000": ("2.5", "2.0"),
}

# The areas' risk in 2016 and 2025: the first enters the lists, the second leaves them.
AREA_COURSES = ((0.50, 0.93), (0.96, 0.52), (0.45, 0.50), (0.25, 0.30))
PUBLISHED_BEFORE_2018 = {1: ("udsat", "parallelsamfund")}  # area index -> lists 2016-2017


def _quantize(value: float, decimals: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)


def _level(code: str, risk: float) -> float:
    low, high, _ = LEVELS[code]
    return float(low) + (float(high) - float(low)) * risk


def _course(start: float, end: float, year: int) -> float:
    return start + (end - start) * (year - YEARS[0]) / (YEARS[-1] - YEARS[0])


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _department_values(rng, risks: list[float], lease_count: int) -> dict[str, list[float]]:
    per_lease = rng.uniform(1.6, 2.2)
    values: dict[str, list[float]] = {
        "residents": [round(lease_count * per_lease * rng.uniform(0.98, 1.02)) for _ in YEARS]
    }
    for code in LEVELS:
        spread = rng.uniform(-0.08, 0.08)  # departments differ a little per indicator
        values[code] = [_level(code, _clamp(r + spread + rng.uniform(-0.03, 0.03))) for r in risks]
    return values


def _risks(rng, start: float, end: float, wobble: float) -> list[float]:
    return [_clamp(_course(start, end, y) + rng.uniform(-wobble, wobble)) for y in YEARS]


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    indicators = {i.code: i for i in Indicator.objects.all()}
    departments = list(
        Department.objects.filter(organisation__is_demo=True).order_by("organisation_id", "number")
    )
    areas = list(
        Area.objects.filter(departments__organisation__is_demo=True).distinct().order_by("id")
    )
    area_of: dict[int, int] = {}
    for index, area in enumerate(areas):
        for dept_id in area.departments.values_list("id", flat=True):
            area_of[dept_id] = index

    rows: list[IndicatorValue] = []

    def add(code: str, year: int, value: Decimal, **scope) -> None:
        rows.append(
            IndicatorValue(
                indicator=indicators[code], year=year, value=value, source=SOURCE, **scope
            )
        )

    for code, (first, last) in NATIONAL.items():
        decimals = LEVELS[code][2]
        for year in YEARS:
            value = _course(float(first), float(last), year)
            add(code, year, _quantize(value, decimals))

    by_area: dict[int, list[dict[str, list[float]]]] = {i: [] for i in range(len(areas))}
    for dept in departments:
        if dept.pk in area_of:
            start, end = AREA_COURSES[area_of[dept.pk] % len(AREA_COURSES)]
            risks = _risks(rng, start, end, 0.02)
        else:
            band = rng.choices(((0.05, 0.35), (0.35, 0.62), (0.62, 0.95)), weights=(4, 4, 3))[0]
            start = rng.uniform(*band)
            risks = _risks(rng, start, _clamp(start + rng.uniform(-0.2, 0.2)), 0.04)
        values = _department_values(rng, risks, dept.lease_count)
        if dept.pk in area_of:
            by_area[area_of[dept.pk]].append(values)
        for code, series in values.items():
            decimals = 0 if code == "residents" else LEVELS[code][2]
            for year, value in zip(YEARS, series, strict=True):
                add(code, year, _quantize(value, decimals), department=dept)

    for index, area in enumerate(areas):
        members = by_area[index]
        if not members:
            continue
        for y, year in enumerate(YEARS):
            residents = sum(m["residents"][y] for m in members)
            add("residents", year, Decimal(residents), area=area)
            for code in LEVELS:
                mean = sum(m[code][y] * m["residents"][y] for m in members) / residents
                add(code, year, _quantize(mean, LEVELS[code][2]), area=area)

    IndicatorValue.objects.bulk_create(rows, batch_size=2000)
    PublishedListMembership.objects.bulk_create(
        PublishedListMembership(area=areas[index], year=year, list=name)
        for index, names in PUBLISHED_BEFORE_2018.items()
        if index < len(areas)
        for year in (2016, 2017)
        for name in names
    )
    stats = screen(department_ids=[d.pk for d in departments], area_ids=[a.pk for a in areas])
    ctx.log(
        f"Trafiklys: {len(rows)} indikatorværdier {YEARS[0]}-{YEARS[-1]}, {stats.lights} "
        f"trafiklys og {stats.statuses} lovbestemte listestatusser."
    )


def delete_demo_data() -> None:
    """Remove the national demo values; the departments' and areas' values, lights and statuses
    go with the departments and areas (on delete cascade), but are removed here first so the
    organisations' seeder deletes less."""
    departments = Department.objects.filter(organisation__is_demo=True)
    areas = Area.objects.filter(departments__in=departments).distinct()
    Light.objects.filter(department__in=departments).delete()
    Light.objects.filter(area__in=areas).delete()
    StatutoryStatus.objects.filter(area__in=areas).delete()
    IndicatorValue.objects.filter(department__in=departments).delete()
    IndicatorValue.objects.filter(area__in=areas).delete()
    IndicatorValue.objects.filter(
        department__isnull=True, area__isnull=True, source=SOURCE
    ).delete()
    PublishedListMembership.objects.filter(area__in=areas).delete()
