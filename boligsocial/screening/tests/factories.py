"""Screening test data on top of the `world` fixture (conftest.py).

`screening_world(world)` stores three years (2022-2024) of indicator values for the world's
departments and areas, national values, published lists for 2018-2021, screens everything and
sets on `world`:

* `light_a1` (Alfaparken 2024: red, 8 red indicators + 1 yellow), `light_a2` (Alfahaven 2024:
  yellow, rent arrears red), `light_b1` (Betagården 2024: green), `light_b_other` (Betabakken
  2024: 80 residents, so register figures are suppressed; green from operational figures);
* `light_area_shared` / `status_shared` (Fællesområdet 2024: udsat + parallelsamfund, and
  omdannelse from 2022 on thanks to the published 2018-2021 lists), `status_a2` (Haveområdet
  2024: forebyggelse), `status_other` (Nordområdet 2024: no list, 900 residents);
* `screening_year` = 2024, `screening_years` = (2022, 2023, 2024).

Idempotent: a second call returns at once.
"""

from decimal import Decimal

from boligsocial.screening.engine import screen
from boligsocial.screening.models import (
    Indicator,
    IndicatorValue,
    Light,
    PublishedListMembership,
    StatutoryStatus,
)

YEARS = (2022, 2023, 2024)
CODES = (
    "residents",
    "outside_work_education",
    "convicted",
    "basic_education",
    "income_pct_region",
    "nonwestern",
    "children",
    "single_parents",
    "move_out_rate",
    "vacant_leases",
    "rent_arrears",
    "evictions_per_1000",
)

# code -> (2022, 2023, 2024), in CODES order
NATIONAL = (
    None,
    ("17.0", "16.5", "16.0"),
    ("0.80", "0.80", "0.90"),
    ("25.0", "24.5", "24.0"),
    ("100", "100", "100"),
    ("10.0", "10.5", "11.0"),
    ("21.0", "21.0", "20.5"),
    ("9.0", "9.0", "9.0"),
    ("13.0", "13.0", "12.5"),
    ("0.8", "0.8", "0.7"),
    ("3.0", "3.0", "3.0"),
    ("2.0", "2.0", "2.0"),
)

DEPARTMENTS = {
    "dept_a1": (
        ("1200", "1210", "1220"),
        ("38.0", "41.0", "43.1"),
        ("2.10", "2.40", "2.70"),  # ratio 2.625, 3.0, 3.0
        ("55.0", "58.0", "61.0"),
        ("60.0", "56.0", "54.0"),
        ("48.0", "49.0", "51.0"),
        ("30.0", "30.0", "31.0"),
        ("18.0", "21.0", "22.0"),
        ("14.0", "16.0", "21.0"),
        ("0.5", "1.5", "2.0"),
        ("4.0", "6.5", "7.0"),
        ("3.0", "4.0", "6.0"),
    ),
    "dept_a2": (
        ("700", "705", "710"),
        ("34.0", "35.0", "35.0"),
        ("1.60", "1.70", "1.90"),  # ratio 2.0, 2.125, 2.1111
        ("50.0", "51.0", "52.0"),
        ("72.0", "71.0", "70.0"),
        ("30.0", "31.0", "32.0"),
        ("25.0", "25.0", "25.0"),
        ("13.0", "14.0", "15.0"),
        ("15.0", "15.5", "16.0"),
        ("0.5", "0.5", "0.5"),
        ("5.0", "6.0", "6.5"),
        ("1.0", "1.0", "1.0"),
    ),
    "dept_b1": (
        ("500", "500", "505"),
        ("21.0", "20.5", "20.0"),
        ("0.50", "0.50", "0.50"),
        ("31.0", "30.5", "30.0"),
        ("88.0", "89.0", "90.0"),
        ("10.0", "10.0", "10.0"),
        ("20.0", "20.0", "20.0"),
        ("8.0", "8.0", "8.0"),
        ("11.0", "10.5", "10.0"),
        ("0.2", "0.2", "0.2"),
        ("1.0", "1.0", "1.0"),
        ("0.5", "0.5", "0.5"),
    ),
    "dept_b_other": (
        ("80", "80", "80"),
        ("45.0", "46.0", "47.0"),  # suppressed (80 residents)
        ("3.00", "3.00", "3.00"),
        ("65.0", "65.0", "65.0"),
        ("50.0", "50.0", "50.0"),
        ("20.0", "20.0", "20.0"),
        ("25.0", "25.0", "25.0"),
        ("25.0", "25.0", "25.0"),
        ("12.0", "12.0", "12.0"),
        ("0.8", "0.8", "0.8"),
        ("2.5", "2.5", "2.5"),
        ("1.0", "1.0", "1.0"),
    ),
}

AREAS = {
    "area_shared": (
        ("2400", "2410", "2420"),
        ("42.0", "42.5", "43.0"),
        ("2.80", "2.80", "2.90"),
        ("58.0", "58.0", "59.0"),
        ("52.0", "52.0", "51.0"),
        ("55.0", "56.0", "56.0"),
        ("30.0", "30.0", "30.0"),
        ("20.0", "21.0", "21.0"),
        ("15.0", "15.0", "16.0"),
        ("1.0", "1.2", "1.5"),
        ("5.0", "5.5", "6.0"),
        ("3.0", "3.0", "3.5"),
    ),
    "area_a2": (
        ("1100", "1100", "1100"),
        ("33.0", "33.0", "33.0"),
        ("1.90", "1.90", "1.90"),  # >= 2 x national (1.6, 1.6, 1.8)
        ("45.0", "45.0", "45.0"),
        ("70.0", "70.0", "70.0"),
        ("35.0", "35.0", "35.0"),
        ("24.0", "24.0", "24.0"),
        ("13.0", "13.0", "13.0"),
        ("14.0", "14.0", "14.0"),
        ("0.5", "0.5", "0.5"),
        ("3.0", "3.0", "3.0"),
        ("1.0", "1.0", "1.0"),
    ),
    "area_other": (
        ("900", "900", "900"),
        ("45.0", "45.0", "45.0"),
        ("3.00", "3.00", "3.00"),
        ("65.0", "65.0", "65.0"),
        ("50.0", "50.0", "50.0"),
        ("60.0", "60.0", "60.0"),
        ("25.0", "25.0", "25.0"),
        ("15.0", "15.0", "15.0"),
        ("12.0", "12.0", "12.0"),
        ("0.8", "0.8", "0.8"),
        ("2.5", "2.5", "2.5"),
        ("1.0", "1.0", "1.0"),
    ),
}

# Fællesområdet was on the ghetto/parallelsamfund list 2018-2021 (published lists only).
# What the stored lights hold for some indicators of the world (written out by hand):
# Alfaparken 2024, outside work/education 38.0, 41.0, 43.1 -> red (over 40) since 2023, worse
A1_OUTSIDE_WORK_2024 = {
    "value": "43.1000",
    "colour": "red",
    "trend": "worse",
    "direction": "worsening",
    "since": 2023,
    "suppressed": False,
    "legend_version": 1,
}
# an indicator without a colour (not in the light): only the value
UNCOLOURED = {
    "value": None,
    "colour": None,
    "trend": None,
    "direction": None,
    "since": None,
    "suppressed": False,
    "legend_version": None,
}
# a suppressed value (Betabakken: 80 residents)
SUPPRESSED = {**UNCOLOURED, "suppressed": True}

PUBLISHED = {"area_shared": {year: ["udsat", "parallelsamfund"] for year in range(2018, 2022)}}


def value_rows(indicators, table, department=None, area=None) -> list[IndicatorValue]:
    rows = []
    for code, per_year in zip(CODES, table, strict=True):
        if per_year is None:
            continue
        for year, value in zip(YEARS, per_year, strict=True):
            rows.append(
                IndicatorValue(
                    indicator=indicators[code],
                    department=department,
                    area=area,
                    year=year,
                    value=Decimal(value),
                    source="test",
                )
            )
    return rows


def screening_world(world):
    if hasattr(world, "light_a1"):
        return world
    indicators = {i.code: i for i in Indicator.objects.all()}
    rows = value_rows(indicators, NATIONAL)
    for key, table in DEPARTMENTS.items():
        rows += value_rows(indicators, table, department=getattr(world, key))
    for key, table in AREAS.items():
        rows += value_rows(indicators, table, area=getattr(world, key))
    IndicatorValue.objects.bulk_create(rows)
    PublishedListMembership.objects.bulk_create(
        PublishedListMembership(area=getattr(world, key), year=year, list=name)
        for key, years in PUBLISHED.items()
        for year, names in years.items()
        for name in names
    )
    screen()
    year = YEARS[-1]
    world.screening_years = YEARS
    world.screening_year = year
    for key in DEPARTMENTS:
        light = Light.objects.get(department=getattr(world, key), year=year)
        setattr(world, key.replace("dept_", "light_"), light)
    world.light_area_shared = Light.objects.get(area=world.area_shared, year=year)
    world.status_shared = StatutoryStatus.objects.get(area=world.area_shared, year=year)
    world.status_a2 = StatutoryStatus.objects.get(area=world.area_a2, year=year)
    world.status_other = StatutoryStatus.objects.get(area=world.area_other, year=year)
    return world
