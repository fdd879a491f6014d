"""The map's data as GeoJSON (issue 17, parts 5 and 9): departments as points coloured by their
latest traffic light; housing areas as the **convex hull of their departments' points** (an
approximate outline, marked so in the legend and by `"approximate": true`; we have no drawn area
boundaries) with their middle as `properties.centre`, or as a point when their departments give
fewer than three points off one line; efforts and gaps at their place. Departments without
coordinates are left off the map (and listed in the table alternative). Coordinates are WGS 84,
[longitude, latitude] as GeoJSON wants, rounded to 5 decimals (about a metre).

Read with `values_list` (3 queries whatever the number of departments) and encoded compactly
(`encode`: no spaces, UTF-8), so the 8,000 departments of a large municipality stay fast."""

import json
from collections import defaultdict
from json.encoder import encode_basestring

from django.db.models import FloatField, OuterRef, Subquery
from django.db.models.functions import Cast

from boligsocial.organisations.models import Area, Department
from boligsocial.screening.models import Light

Point = tuple[float, float]


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points) -> list[Point]:
    """The convex hull of `points` (Andrew's monotone chain), counter-clockwise from the lowest
    leftmost point, without repeating the first point; collinear points on an edge are left out.
    Fewer than three distinct points, or all on one line: the distinct end points only."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts
    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def outline(points) -> dict | None:
    """A GeoJSON Polygon (a closed ring) of the hull, or None when it has no area."""
    hull = convex_hull(points)
    if len(hull) < 3:
        return None
    ring = [[x, y] for x, y in hull]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def _point(lon, lat) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def latest_colours(model_field: str, municipality_codes) -> dict[int, str]:
    colours: dict[int, str] = {}
    lookup = {f"{model_field}__municipality_id__in": municipality_codes}
    for pk, colour in (
        Light.objects.filter(**lookup).order_by("year").values_list(f"{model_field}_id", "colour")
    ):
        colours[pk] = colour
    return colours


def _middle(ps: list[Point]) -> Point:
    return (round(sum(p[0] for p in ps) / len(ps), 5), round(sum(p[1] for p in ps) / len(ps), 5))


def _latest_colour():
    """The colour of a department's latest light, as a subquery of the department's row: one
    index seek per department on light_unique_department (department, year), however many years
    of lights there are."""
    latest = Light.objects.filter(department_id=OuterRef("pk")).order_by("-year")
    return Subquery(latest.values("colour")[:1])


# One department's feature, written straight as JSON text: no dictionaries per department to
# build, keep alive and have the garbage collector walk (they made the p95 three times the
# p50: decision 0047). `_text` gives the JSON string of a str (ensure_ascii off, as `encode`), the
# numbers are written as `json` writes them (repr of an int or a float).
_DEPARTMENT = (
    '{"type":"Feature","geometry":{"type":"Point","coordinates":[%r,%r]},'
    '"properties":{"kind":"department","id":%d,"name":%s,"organisation":%s,'
    '"municipality":%d,"light":%s}}'
)
_text = encode_basestring


def places_geojson_bytes(municipality_codes) -> bytes:
    """Departments and areas with their light, as one FeatureCollection, compactly encoded:
    the text `encode` gives for the same features built as dictionaries (a test holds the two
    equal byte for byte)."""
    area_colours = latest_colours("area", municipality_codes)
    parts = []
    points: dict[int, Point] = {}
    rows = (
        Department.objects.filter(
            municipality_id__in=municipality_codes, latitude__isnull=False, longitude__isnull=False
        )
        # as floats in the database: a Decimal per coordinate cost a third of the time
        .annotate(
            lat=Cast("latitude", FloatField()),
            lon=Cast("longitude", FloatField()),
            light=_latest_colour(),
        )
        .values_list(
            "id", "number", "name", "organisation__name", "municipality_id", "lat", "lon", "light"
        )
    )
    for pk, number, name, organisation, code, lat, lon, light in rows:
        at = points[pk] = (round(lon, 5), round(lat, 5))
        parts.append(
            _DEPARTMENT
            % (*at, pk, _text(f"{number} {name}"), _text(organisation), code, _text(light or ""))
        )
    members: dict[int, list[Point]] = defaultdict(list)
    for area_id, department_id in Area.departments.through.objects.filter(
        area__municipality_id__in=municipality_codes
    ).values_list("area_id", "department_id"):
        if department_id in points:
            members[area_id].append(points[department_id])
    for pk, name, code in Area.objects.filter(municipality_id__in=municipality_codes).values_list(
        "id", "name", "municipality_id"
    ):
        if pk not in members:
            continue
        centre = _middle(members[pk])
        shape = outline(members[pk])
        feature = {
            "type": "Feature",
            "geometry": shape or _point(*centre),
            "properties": {
                "kind": "area",
                "id": pk,
                "name": name,
                "municipality": code,
                "light": area_colours.get(pk, ""),
                "centre": list(centre),
                "approximate": shape is not None,
            },
        }
        parts.append(encode(feature).decode())
    return ('{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}").encode()


def places_geojson(municipality_codes) -> dict:
    """`places_geojson_bytes` read back (the map page's layers and table)."""
    return json.loads(places_geojson_bytes(municipality_codes))


def encode(data) -> bytes:
    """Compact JSON (no spaces, UTF-8 as is)."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


def place_point(kind: str, pk, points, centres):
    if kind == "department":
        return points.get(pk)
    if kind == "area":
        return centres.get(pk)
    return None
