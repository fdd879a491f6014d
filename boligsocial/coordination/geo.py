"""The map's data as GeoJSON (issue 17, parts 5 and 9): departments as points coloured by their
latest traffic light, housing areas at the mean of their departments' coordinates, efforts and
gaps at their place. Departments without coordinates are left off the map (and listed in the
table alternative). Coordinates are WGS 84, [longitude, latitude] as GeoJSON wants."""

from collections import defaultdict

from boligsocial.organisations.models import Area, Department
from boligsocial.screening.models import Light


def _point(lon, lat) -> dict:
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}


def department_points(municipality_codes) -> dict[int, tuple[float, float]]:
    return {
        pk: (float(lon), float(lat))
        for pk, lat, lon in Department.objects.filter(
            municipality_id__in=municipality_codes, latitude__isnull=False, longitude__isnull=False
        ).values_list("id", "latitude", "longitude")
    }


def latest_colours(model_field: str, municipality_codes) -> dict[int, str]:
    colours: dict[int, str] = {}
    lookup = {f"{model_field}__municipality_id__in": municipality_codes}
    for pk, colour in (
        Light.objects.filter(**lookup).order_by("year").values_list(f"{model_field}_id", "colour")
    ):
        colours[pk] = colour
    return colours


def area_points(municipality_codes, points) -> dict[int, tuple[float, float]]:
    members = defaultdict(list)
    for area_id, department_id in Area.departments.through.objects.filter(
        area__municipality_id__in=municipality_codes
    ).values_list("area_id", "department_id"):
        if department_id in points:
            members[area_id].append(points[department_id])
    return {
        a: (round(sum(p[0] for p in ps) / len(ps), 5), round(sum(p[1] for p in ps) / len(ps), 5))
        for a, ps in members.items()
    }


def places_geojson(municipality_codes) -> dict:
    """Departments and areas with their light, as one FeatureCollection."""
    points = department_points(municipality_codes)
    colours = latest_colours("department", municipality_codes)
    area_colours = latest_colours("area", municipality_codes)
    features = []
    rows = Department.objects.filter(
        municipality_id__in=municipality_codes, latitude__isnull=False, longitude__isnull=False
    ).values_list("id", "number", "name", "organisation__name", "municipality_id")
    for pk, number, name, organisation, code in rows:
        features.append(
            {
                "type": "Feature",
                "geometry": _point(*points[pk]),
                "properties": {
                    "kind": "department",
                    "id": pk,
                    "name": f"{number} {name}",
                    "organisation": organisation,
                    "municipality": code,
                    "light": colours.get(pk, ""),
                },
            }
        )
    centres = area_points(municipality_codes, points)
    for pk, name, code in Area.objects.filter(municipality_id__in=municipality_codes).values_list(
        "id", "name", "municipality_id"
    ):
        if pk not in centres:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": _point(*centres[pk]),
                "properties": {
                    "kind": "area",
                    "id": pk,
                    "name": name,
                    "municipality": code,
                    "light": area_colours.get(pk, ""),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def place_point(kind: str, pk, points, centres):
    if kind == "department":
        return points.get(pk)
    if kind == "area":
        return centres.get(pk)
    return None
