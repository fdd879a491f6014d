"""The cached picture (decision 0040): what invalidates it, constant queries at two data sizes,
the walks' and surveys' contributions, area outlines, the timeline's bars."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from boligsocial.coordination import geo, picture, selectors, services
from boligsocial.coordination.models import Effort, OwnerKind, PlaceKind
from boligsocial.coordination.models import TargetGroup as TG
from boligsocial.organisations.tests.factories import municipality

pytestmark = pytest.mark.django_db
PERIOD = (date(2025, 1, 1), date(2027, 12, 31))


def _youth():
    return TG.objects.get(name="Unge i risiko for kriminalitet")


def _pair(world):
    common = {"by": None, "target_groups": [_youth()], "starts_on": date(2025, 1, 1)}
    ssp = services.create_effort(
        municipality=municipality(751),
        name="SSP-indsats",
        owner_kind=OwnerKind.MUNICIPALITY,
        owner_name="Børn og Unge",
        place_kind=PlaceKind.AREA,
        area=world.area_shared,
        contact_name="Mette",
        **common,
    )
    street = services.create_effort(
        municipality=municipality(751),
        name="Gadeplansarbejde",
        owner_kind=OwnerKind.HOUSING,
        owner_organisation=world.org_a,
        place_kind=PlaceKind.DEPARTMENT,
        department=world.dept_a1,
        **common,
    )
    return ssp, street


def _more(world, n: int) -> None:
    """`n` more efforts (bulk) of one owner, at Alfaparken and Betagården: each overlaps the SSP
    effort (their area), those at Alfaparken also the street work."""
    made = Effort.objects.bulk_create(
        Effort(
            municipality_id=751,
            name=f"Lektiecafé {i}",
            owner_kind=OwnerKind.ASSOCIATION,
            owner_name="Foreningen Lektiehjælp",
            place_kind=PlaceKind.DEPARTMENT,
            department=world.dept_a1 if i % 2 else world.dept_b1,
            starts_on=date(2025, 3, 1),
            ends_on=date(2026, 6, 30),
            contact_name=f"Kontakt {i}",
        )
        for i in range(n)
    )
    through = Effort.target_groups.through
    through.objects.bulk_create(through(effort_id=e.pk, targetgroup_id=_youth().pk) for e in made)


def _bundle():
    return picture.bundle(municipality(751), *PERIOD)


def test_the_bundle_is_cached_until_an_effort_a_decision_a_light_or_an_analysis_changes(
    world, personas
):
    from boligsocial.screening.feeds import replace_values

    ssp, street = _pair(world)
    m = municipality(751)
    first = _bundle()
    assert [(r.a.name, r.b.name, r.state) for r in first.overlaps] == [
        ("SSP-indsats", "Gadeplansarbejde", "open")
    ]
    assert picture.shared().get(picture.key(m, *PERIOD)) is not None
    stamp = picture.stamp(m)
    assert picture.stamp(m) == stamp  # nothing changed: the same key, the stored bundle

    services.update_effort(effort=ssp, by=None, target_groups=[_youth()], name="SSP+")
    assert picture.stamp(m) != stamp
    assert [r.a.name for r in _bundle().overlaps] == ["SSP+"]

    stamp = picture.stamp(m)
    services.decide_overlap(
        a=ssp, b=street, by=personas["municipal"], decision="coordinated", agreed_by="Mette"
    )
    assert picture.stamp(m) != stamp
    assert [r.state for r in _bundle().overlaps] == ["coordinated"]

    # A red light (the screening writes lights in bulk, without signals) makes a gap ...
    stamp = picture.stamp(m)
    assert [str(g.place) for g in _bundle().gaps] == []
    from boligsocial.screening.models import Light, WeightSet

    Light.objects.bulk_create(
        [
            Light(
                department=world.dept_a2,
                year=2025,
                colour="red",
                recommendation=["Beskæftigelse"],
                weight_set=WeightSet.objects.first(),
            )
        ]
    )
    assert picture.stamp(m) != stamp
    assert [(str(g.place), g.reasons) for g in _bundle().gaps] == [
        ("2 Alfahaven", ["Trafiklyset er rødt"])
    ]
    # ... and an analysis reaches the picture through the light it feeds (re-screened).
    stamp = picture.stamp(m)
    replace_values(
        indicator_code="vulnerability_score",
        year=2025,
        values={world.dept_a1.pk: Decimal(80)},
        source="Sårbarhedsanalyse",
    )
    assert picture.stamp(m) != stamp

    # A place's name has no timestamp: the signal's generation number covers it.
    stamp = picture.stamp(m)
    world.dept_a1.name = "Alfaparken Nord"
    world.dept_a1.save()
    assert picture.stamp(m) != stamp
    assert _bundle().overlaps[0].departments == ["1 Alfaparken Nord"]
    # A lost generation number starts afresh at the clock: never an old key.
    stamp = picture.stamp(m)
    picture.shared().delete(picture.GENERATION)
    assert picture.stamp(m) != stamp


def test_constant_queries_at_two_data_sizes(world, client_for, django_assert_num_queries):
    """Cold (computed and stored) and warm (from the cache) pages, and the map's GeoJSON, cost
    the same number of queries with 2 and with 42 efforts (and 40 more overlaps)."""
    _pair(world)
    c = client_for("municipal")
    c.get("/")  # the session and the user's scope are warm
    urls = {
        "overview": "/koordinering/751/",
        "overlaps": "/koordinering/751/overlap/",
        "gaps": "/koordinering/751/huller/",
        "api_map": "/api/v1/coordination/map/?municipality=751",
    }
    # (cold, warm); of the warm ones 6 are the session, the user, the memberships, the
    # municipality and the session's update: the picture costs the surveys' signal, the
    # generation, the fingerprint and the cache entry (the overview also counts the efforts).
    # The map's cold count is one fewer since decision 0047 (the latest light is a subquery).
    counts = {"overview": (33, 12), "overlaps": (27, 11), "gaps": (27, 11), "api_map": (20, 11)}
    for size in (0, 40):
        if size:
            _more(world, size)
        for name, url in urls.items():
            picture.bump()  # cold again
            cold, warm = counts[name]
            with django_assert_num_queries(cold):
                assert c.get(url).status_code == 200, name
            with django_assert_num_queries(warm):
                assert c.get(url).status_code == 200, name
    page = c.get("/koordinering/751/overlap/?status=open").content.decode()
    assert page.count('class="coord-overlap ') == 50  # one page
    assert "61 af 61 overlap i perioden." in page  # SSP × 40, street × 20, SSP × street


def test_overlaps_are_paginated_and_filtered_by_state(world, client_for):
    ssp, street = _pair(world)
    _more(world, 60)
    c = client_for("municipal")
    first = c.get("/koordinering/751/overlap/").content.decode()
    assert first.count('class="coord-overlap ') == 50
    second = c.get("/koordinering/751/overlap/?side=2").content.decode()
    assert second.count('class="coord-overlap ') == 41  # SSP × 60, street × 30, SSP × street
    services.decide_overlap(a=ssp, b=street, by=None, decision="coordinated", agreed_by="Mette")
    decided = c.get("/koordinering/751/overlap/?status=decided").content.decode()
    assert decided.count('class="coord-overlap ') == 1 and "Gadeplansarbejde" in decided
    still_open = c.get("/koordinering/751/overlap/?status=open").content.decode()
    assert "90 af 91 overlap i perioden." in still_open


# --- contributions of the surveys and the walks --------------------------------------------------


def test_a_low_safety_score_is_a_gap_reason_and_a_good_one_is_not(world):
    from boligsocial.screening.feeds import replace_values
    from boligsocial.surveys.contributions import low_safety_signals

    replace_values(
        indicator_code="safety_survey_score",
        year=2025,
        values={world.dept_a1.pk: Decimal("42.25"), world.dept_a2.pk: Decimal(50)},
        source="Beboerundersøgelse: Tryghed 2025",
    )
    [signal] = low_safety_signals(municipality_code=751)
    assert (signal.department_id, signal.code, signal.label) == (
        world.dept_a1.pk,
        "safety_survey",
        "Lav tryghedsscore i beboerundersøgelsen 2025: 42,2 af 100",
    )
    assert low_safety_signals(municipality_code=851) == []
    gaps = _bundle().gaps
    assert [(str(g.place), g.reasons) for g in gaps if g.kind == "department"] == [
        ("1 Alfaparken", ["Lav tryghedsscore i beboerundersøgelsen 2025: 42,2 af 100"])
    ]
    # The fed index is red in the light too, so its theme needs an effort aimed at it: efforts
    # there without that theme leave the gap, one aimed at it closes it.
    theme = "Sårbarhed og trivsel i afdelingen"
    _ssp, street = _pair(world)
    [gap] = [g for g in _bundle().gaps if g.kind == "department"]
    assert gap.gap.missing_themes == (theme,)
    services.update_effort(effort=street, by=None, target_groups=[_youth()], themes=[theme])
    assert [g for g in _bundle().gaps if g.kind == "department"] == []


def test_walk_findings_are_a_map_layer_within_the_walks_access(world, personas, client_for):
    from boligsocial.walks import services as walk_services
    from boligsocial.walks.contributions import findings_layer
    from boligsocial.walks.models import Finding, Walk

    walk = Walk.objects.create(
        organisation=world.org_a,
        municipality_id=751,
        title="Tryghedsvandring Alfaparken",
        walk_date=date(2026, 3, 5),
    )
    walk_services.record_finding(
        walk=walk,
        point=None,
        category="lighting",
        severity="high",
        description="Lampen   ved   cykelkælderen er slukket",
        latitude=Decimal("56.15"),
        longitude=Decimal("10.2"),
        actor=personas["staff_a"],
    )
    nowhere = walk_services.record_finding(
        walk=walk,
        point=None,
        category="litter",
        severity="low",
        description="Uden sted",
        latitude=Decimal("56.1"),
        longitude=Decimal("10.1"),
        actor=personas["staff_a"],
    )
    Finding.objects.filter(pk=nowhere.pk).update(latitude=None, longitude=None)  # left off
    [layer] = findings_layer(user=personas["municipal"], municipality_code=751)
    [feature] = layer.features
    assert (layer.key, feature["geometry"]["coordinates"], feature["properties"]["name"]) == (
        "walk_findings",
        [10.2, 56.15],
        "Tryghedsvandring Alfaparken, 05-03-2026",
    )
    assert feature["properties"]["text"] == "Belysning (Åben): Lampen ved cykelkælderen er slukket"
    assert findings_layer(user=personas["staff_b"], municipality_code=751) == []
    page = client_for("municipal").get("/koordinering/751/kort/").content.decode()
    assert '<td lang="da">Tryghedsvandring Alfaparken, 05-03-2026</td>' in page
    data = client_for("municipal").get("/koordinering/751/kort/data/").json()
    assert [x["key"] for x in data["layers"]] == ["places", "efforts", "gaps", "walk_findings"]


# --- pure: outlines and the timeline -----------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "hull"),
    [
        ([], []),
        ([(1, 1)], [(1, 1)]),
        ([(1, 1), (1, 1)], [(1, 1)]),
        ([(0, 0), (2, 2)], [(0, 0), (2, 2)]),
        ([(0, 0), (1, 1), (2, 2)], [(0, 0), (2, 2)]),  # on one line: no outline
        ([(0, 0), (2, 0), (1, 2)], [(0, 0), (2, 0), (1, 2)]),
        # the inner point and the point on an edge are left out
        ([(0, 0), (2, 0), (2, 2), (0, 2), (1, 1), (1, 0)], [(0, 0), (2, 0), (2, 2), (0, 2)]),
    ],
)
def test_convex_hull(points, hull):
    assert geo.convex_hull(points) == hull


def test_outline_is_a_closed_ring_or_none():
    assert geo.outline([(0, 0), (1, 1)]) is None
    assert geo.outline([(10.1, 56.1), (10.3, 56.1), (10.2, 56.2), (10.2, 56.15)]) == {
        "type": "Polygon",
        "coordinates": [[[10.1, 56.1], [10.3, 56.1], [10.2, 56.2], [10.1, 56.1]]],
    }


def test_area_outlines_in_the_geojson(world):
    from boligsocial.organisations.models import Department

    for d, (lat, lon) in zip(
        (world.dept_a1, world.dept_b1, world.dept_a2),
        ((56.1, 10.1), (56.25, 10.2), (56.3, 10.3)),  # not on one line
        strict=True,
    ):
        Department.objects.filter(pk=d.pk).update(latitude=lat, longitude=lon)
    # the memberships set here, not taken from the world (which lost them: see decision 0047)
    world.area_shared.departments.set([world.dept_a1, world.dept_b1, world.dept_a2])
    world.area_a2.departments.set([world.dept_a2])
    areas = {
        f["properties"]["name"]: f
        for f in geo.places_geojson([751])["features"]
        if f["properties"]["kind"] == "area"
    }
    shared = areas["Fællesområdet"]  # three points off one line: an outline
    assert shared["geometry"]["type"] == "Polygon"
    assert shared["properties"]["centre"] == [10.2, 56.21667]
    assert shared["properties"]["approximate"] is True
    single = areas["Haveområdet"]  # one department: a point
    assert single["geometry"] == {"type": "Point", "coordinates": [10.3, 56.3]}
    assert single["properties"]["approximate"] is False


def test_timeline_bars_stay_inside_the_period():
    def effort(name, start, end):
        return SimpleNamespace(name=name, starts_on=start, ends_on=end)

    start, end = date(2026, 1, 1), date(2027, 12, 31)
    bars = selectors.timeline(
        [
            effort("Før og efter", date(2020, 1, 1), date(2030, 12, 31)),
            effort("Løbende", date(2027, 1, 1), None),
            effort("Første år", date(2026, 1, 1), date(2026, 12, 31)),
        ],
        start,
        end,
    )["bars"]
    shown = [(b["effort"].name, b["x"], b["width"]) for b in bars]
    assert shown == [
        ("Før og efter", 0, 1000.0),  # clipped at both ends, not drawn outside the chart
        ("Første år", 0, 499.3),
        ("Løbende", 500.7, 499.3),  # ongoing: up to the end of the period
    ]
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= 1000 for b in bars)


def _plain_places_geojson(code: int) -> dict:
    """The map's FeatureCollection built the plain way, from model instances and dictionaries
    (what `geo.places_geojson_bytes` writes as text): the reference of the test below."""
    from boligsocial.organisations.models import Area, Department
    from boligsocial.screening.models import Light

    features, points = [], {}
    for d in Department.objects.filter(municipality_id=code, latitude__isnull=False).exclude(
        longitude=None
    ):
        light = Light.objects.filter(department=d).order_by("-year").first()
        points[d.pk] = [round(float(d.longitude), 5), round(float(d.latitude), 5)]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": points[d.pk]},
                "properties": {
                    "kind": "department",
                    "id": d.pk,
                    "name": f"{d.number} {d.name}",
                    "organisation": d.organisation.name,
                    "municipality": code,
                    "light": light.colour if light else "",
                },
            }
        )
    for a in Area.objects.filter(municipality_id=code):
        ps = [tuple(points[d.pk]) for d in a.departments.all() if d.pk in points]
        if not ps:
            continue
        light = Light.objects.filter(area=a).order_by("-year").first()
        centre = [round(sum(p[i] for p in ps) / len(ps), 5) for i in (0, 1)]
        shape = geo.outline(ps)
        features.append(
            {
                "type": "Feature",
                "geometry": shape or {"type": "Point", "coordinates": centre},
                "properties": {
                    "kind": "area",
                    "id": a.pk,
                    "name": a.name,
                    "municipality": code,
                    "light": light.colour if light else "",
                    "centre": centre,
                    "approximate": shape is not None,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def test_geojson_text_equals_the_plain_dictionaries_encoded(world):
    """The departments' features are written as text (decision 0047): byte for byte what
    `geo.encode` gives for the same features as dictionaries, with quotes, a backslash and
    Danish letters in the names, two years of lights (the latest counts) and a department
    without coordinates left off."""
    from boligsocial.organisations.models import Department
    from boligsocial.screening.models import Light, WeightSet

    coordinates = ((56.1, 10.1), (56.2, 10.25), (56.3, 10.12345))
    for d, (lat, lon) in zip(
        (world.dept_a1, world.dept_b1, world.dept_a2), coordinates, strict=True
    ):
        Department.objects.filter(pk=d.pk).update(latitude=lat, longitude=lon)
    Department.objects.filter(pk=world.dept_a1.pk).update(name='Ågården "Øst" \\ 2')
    weights = WeightSet.objects.order_by("pk").first()
    Light.objects.filter(department=world.dept_b1).delete()
    for year, colour in ((2024, "red"), (2025, "green")):
        Light.objects.create(department=world.dept_b1, year=year, colour=colour, weight_set=weights)
    world.area_shared.departments.set([world.dept_a1, world.dept_b1, world.dept_a2])
    world.area_a2.departments.set([world.dept_a2])
    text = geo.places_geojson_bytes([751])
    kinds = [f["properties"]["kind"] for f in geo.places_geojson([751])["features"]]
    assert kinds == ["department"] * 3 + ["area"] * 2
    assert text == geo.encode(_plain_places_geojson(751))
    found = {
        f["properties"]["id"]: f
        for f in geo.places_geojson([751])["features"]
        if f["properties"]["kind"] == "department"
    }
    assert (
        found[world.dept_a1.pk]["properties"]["name"]
        == f'{world.dept_a1.number} Ågården "Øst" \\ 2'
    )
    assert found[world.dept_b1.pk]["properties"]["light"] == "green"
    assert found[world.dept_a2.pk]["geometry"]["coordinates"] == [10.12345, 56.3]
    departments = sorted(found)
    with_coordinates = Department.objects.filter(municipality_id=751).exclude(latitude=None)
    assert departments == sorted(with_coordinates.values_list("pk", flat=True))
