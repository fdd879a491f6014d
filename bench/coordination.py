"""Benchmarks of the coordination (issue 17 part 12).

* A municipality (Odense, 461) with 200 housing areas of 2 departments each, a light per
  department, 1,000 efforts of several owners (places: departments, areas, districts, the whole
  municipality; 1–2 target groups; periods over 2022–2030): the overlaps and gaps (the picture,
  `coordination.picture`) computed afresh and from the shared cache, and the municipality's page
  rendered warm and cold (the generation bumped before each request), as an administrator: p95
  over 50 requests. Target: p95 ≤ 150 ms (decision 0040: the cached figures are the target's).
* The GeoJSON of 8,000 departments with coordinates and lights (Copenhagen, 101): built from
  `values_list` and encoded compactly (cold), and the API endpoint (cached). Target: ≤ 300 ms.
* The full collections of the garbage collector during each row (its note), and the query
  counts again with twice the efforts and departments (they stay the same).
* `BENCH_GC_FREEZE=1`: `gc.freeze()` after the setup, as `config/wsgi.py` does after loading
  the app (decision 0047).
* A raw baseline in the same run: reading the 1,000 efforts' ids and dates with one
  `values_list`, to judge the figures by ratio on a loaded machine.

Everything is bulk-inserted; the bench data is named "BENCH koordinering" and deleted first."""

import gc
import os
import random
import time
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client

from boligsocial.coordination import geo, picture
from boligsocial.coordination.models import District, Effort, OwnerKind, PlaceKind, TargetGroup
from boligsocial.organisations.models import Area, Department, Municipality, Organisation
from boligsocial.screening.models import Light, WeightSet

NAME = "BENCH koordinering"
AREAS = 200
EFFORTS = 1000
MAP_DEPARTMENTS = 8000
THEMES = ["Beskæftigelse", "Kriminalitetsforebyggelse", "Uddannelse og livschancer", "Udlejning"]


def _clean() -> None:
    orgs = Organisation.objects.filter(name__startswith=NAME)
    Effort.objects.filter(name__startswith=NAME).delete()
    District.objects.filter(name__startswith=NAME).delete()
    Light.objects.filter(department__organisation__in=orgs).delete()
    Area.objects.filter(name__startswith=NAME).delete()
    Department.objects.filter(organisation__in=orgs).delete()
    orgs.delete()


def _departments(rng, org, municipality, n, postal_code) -> list[Department]:
    return Department.objects.bulk_create(
        Department(
            organisation=org,
            number=i + 1,
            name=f"Afdeling {i + 1}",
            address=f"Benchvej {i + 1}",
            postal_code=postal_code,
            city="Bench",
            municipality=municipality,
            lease_count=100,
            year_built=1970,
            latitude=Decimal(str(round(55.3 + rng.random() * 0.2, 5))),
            longitude=Decimal(str(round(10.3 + rng.random() * 0.2, 5))),
        )
        for i in range(n)
    )


def _lights(rng, departments) -> None:
    weights = WeightSet.objects.order_by("pk").first()
    Light.objects.bulk_create(
        (
            Light(
                department=d,
                year=2025,
                colour=rng.choice(["red", "yellow", "green", "green"]),
                recommendation=rng.sample(THEMES, 2),
                weight_set=weights,
            )
            for d in departments
        ),
        batch_size=2000,
    )


def _build(rng):
    odense = Municipality.objects.get(code=461)
    orgs = [
        Organisation.objects.create(name=f"{NAME} {i}", cvr=f"9{i:07d}", lbf_number=99000 + i)
        for i in range(3)
    ]
    departments = []
    for i, org in enumerate(orgs):
        departments += _departments(rng, org, odense, 2 * AREAS // 3 + 1, str(5000 + i * 10))
    departments = departments[: 2 * AREAS]
    _lights(rng, departments)
    areas = Area.objects.bulk_create(
        Area(name=f"{NAME} område {i + 1}", municipality=odense) for i in range(AREAS)
    )
    through = Area.departments.through
    through.objects.bulk_create(
        through(area_id=a.pk, department_id=departments[2 * i + k].pk)
        for i, a in enumerate(areas)
        for k in (0, 1)
    )
    districts = [
        District.objects.create(
            municipality=odense, name=f"{NAME} bydel {i}", postal_codes=[str(5000 + i * 10)]
        )
        for i in range(3)
    ]
    _efforts(rng, odense, orgs, departments, areas, districts, EFFORTS, 0)
    return odense, (orgs, departments, areas, districts)


def _efforts(rng, odense, orgs, departments, areas, districts, n, first) -> None:
    groups = list(TargetGroup.objects.all())
    owners = [
        (OwnerKind.MUNICIPALITY, None, "Børn og Unge"),
        (OwnerKind.MUNICIPALITY, None, "Jobcenter"),
        (OwnerKind.POLICE, None, "Fyns Politi"),
        (OwnerKind.SCHOOL, None, "Skolen"),
        *((OwnerKind.HOUSING, org, "") for org in orgs),
    ]
    efforts = []
    for i in range(first, first + n):
        kind, org, name = rng.choice(owners)
        roll = rng.random()
        place: dict = {}
        if roll < 0.5:
            place = {"place_kind": PlaceKind.DEPARTMENT, "department": rng.choice(departments)}
        elif roll < 0.95:
            place = {"place_kind": PlaceKind.AREA, "area": rng.choice(areas)}
        elif roll < 0.995:
            place = {"place_kind": PlaceKind.DISTRICT, "district": rng.choice(districts)}
        else:
            place = {"place_kind": PlaceKind.MUNICIPALITY}
        start = date(rng.randint(2022, 2028), rng.randint(1, 12), 1)
        efforts.append(
            Effort(
                municipality=odense,
                name=f"{NAME} indsats {i + 1}",
                owner_kind=kind,
                owner_organisation=org,
                owner_name=name,
                themes=[]
                if place["place_kind"] == PlaceKind.MUNICIPALITY
                else rng.sample(THEMES, 1),
                starts_on=start,
                ends_on=None
                if rng.random() < 0.1
                else date(start.year + rng.randint(0, 2), 12, 31),
                **place,
            )
        )
    efforts = Effort.objects.bulk_create(efforts)
    through = Effort.target_groups.through
    through.objects.bulk_create(
        through(effort_id=e.pk, targetgroup_id=g.pk)
        for e in efforts
        for g in rng.sample(groups, rng.randint(1, 2))
    )


def _map_set(rng):
    copenhagen = Municipality.objects.get(code=101)
    org = Organisation.objects.create(name=f"{NAME} kort", cvr="98000000", lbf_number=98000)
    departments = _departments(rng, org, copenhagen, MAP_DEPARTMENTS, "2100")
    _lights(rng, departments)
    return copenhagen


class _Collections:
    """The garbage collector's full (generation 2) collections while a row is timed: their
    number and milliseconds go into the row's note (they made the p95 far from the p50)."""

    def __init__(self):
        self.count, self.ms, self._t = 0, 0.0, 0.0

    def __call__(self, phase, info):
        if info["generation"] != 2:
            return
        if phase == "start":
            self._t = time.perf_counter()
        else:
            self.count += 1
            self.ms += (time.perf_counter() - self._t) * 1000

    def timed(self, report, name, fn, n):
        self.count, self.ms = 0, 0.0
        gc.callbacks.append(self)
        try:
            row = report.time(name, fn, n=n)
        finally:
            gc.callbacks.remove(self)
        row.note = f"{self.count} full GC, {self.ms:.0f} ms"
        return row


def _queries(fn) -> int:
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        fn()
    return len(executed)


def run(report) -> None:
    call_command("createcachetable", verbosity=0)  # the shared cache the picture is kept in
    rng = random.Random(2026)
    _clean()
    odense, places = _build(rng)
    copenhagen = _map_set(rng)
    admin = get_user_model().objects.get(username="admin")
    if os.environ.get("BENCH_GC_FREEZE"):  # as config/wsgi.py does after loading the app
        gc.collect()
        gc.freeze()
    collections = _Collections()

    def compute():
        return picture.compute(odense, None, None)

    bundle = compute()
    report.line(
        f"coordination: {AREAS} areas, {2 * AREAS} departments, {EFFORTS} efforts -> "
        f"{len(bundle.overlaps)} overlaps, {len(bundle.gaps)} gaps (all periods); "
        f"GC objects tracked {len(gc.get_objects())}, frozen {gc.get_freeze_count()}"
    )
    raw = report.time(
        "coordination raw baseline: 1,000 efforts' ids and dates",
        lambda: list(
            Effort.objects.filter(municipality=odense).values_list("id", "starts_on", "ends_on")
        ),
        n=50,
    )
    cold = collections.timed(
        report, "coordination overlaps + gaps, 1,000 efforts, computed (cold)", compute, n=30
    )
    warm = collections.timed(
        report,
        "coordination overlaps + gaps, 1,000 efforts, shared cache (warm)",
        lambda: picture.bundle(odense, None, None),
        n=50,
    )
    client = Client()
    client.force_login(admin)

    def page(url, cold=False):
        def call():
            if cold:
                picture.bump()
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return call

    page_row = collections.timed(
        report,
        "page coordination:municipality, 1,000 efforts (warm)",
        page("/koordinering/461/"),
        n=50,
    )
    page_cold = collections.timed(
        report,
        "page coordination:municipality, cold (picture computed)",
        page("/koordinering/461/", cold=True),
        n=20,
    )
    collections.timed(
        report,
        "page coordination:overlaps, page 1 (warm)",
        page("/koordinering/461/overlap/"),
        n=30,
    )
    geo_row = collections.timed(
        report,
        "coordination GeoJSON, 8,000 departments, built (cold)",
        lambda: geo.places_geojson_bytes([copenhagen.code]),
        n=20,
    )
    api_row = collections.timed(
        report,
        "api coordination/map, 8,000 departments (cached, warm)",
        page("/api/v1/coordination/map/?municipality=101"),
        n=30,
    )
    report.line(
        "coordination ratios to the raw baseline (p95): "
        f"computed {cold.p95_ms / raw.p95_ms:.0f}x, cache {warm.p95_ms / raw.p95_ms:.1f}x, "
        f"page warm {page_row.p95_ms / raw.p95_ms:.1f}x, "
        f"page cold {page_cold.p95_ms / raw.p95_ms:.0f}x, "
        f"GeoJSON built {geo_row.p95_ms / raw.p95_ms:.0f}x, "
        f"API {api_row.p95_ms / raw.p95_ms:.1f}x"
    )
    # The query counts stay the same as the data grows: again with twice the efforts and
    # twice the map's departments.
    measured = {
        "computed": lambda: compute(),
        "page cold": page("/koordinering/461/", cold=True),
        "page warm": page("/koordinering/461/"),
        "GeoJSON": lambda: geo.places_geojson_bytes([copenhagen.code]),
    }
    before = {name: _queries(fn) for name, fn in measured.items()}
    _efforts(rng, odense, *places, EFFORTS, EFFORTS)
    second = Organisation.objects.create(name=f"{NAME} kort 2", cvr="98000001", lbf_number=98001)
    more = _departments(rng, second, copenhagen, MAP_DEPARTMENTS, "2100")
    _lights(rng, more)
    picture.bump()
    after = {name: _queries(fn) for name, fn in measured.items()}
    report.line(
        "coordination queries at 1,000 -> 2,000 efforts (8,000 -> 16,000 departments): "
        + ", ".join(f"{name} {before[name]} -> {after[name]}" for name in measured)
    )
    _clean()
