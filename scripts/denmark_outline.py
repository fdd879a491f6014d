"""Denmark's outline as GeoJSON from world-atlas' TopoJSON (Natural Earth, public domain).

    python scripts/denmark_outline.py <countries-50m.json> <out.geojson>

Called by scripts/vendor.sh. Decodes the quantised, delta-encoded arcs of the "Denmark"
geometry (TopoJSON specification 1.0), keeps the polygons inside Denmark proper (Greenland and
the Faroe Islands are separate countries in Natural Earth) and rounds to 4 decimals (~10 m),
which is far finer than the 1:50m source."""

import json
import sys


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((round(x * sx + tx, 4), round(y * sy + ty, 4)))
        arcs.append(points)
    return arcs


def ring(arcs, indexes) -> list:
    out: list = []
    for i in indexes:
        points = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(points if not out else points[1:])
    return [list(p) for p in out]


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as fh:
        topology = json.load(fh)
    arcs = decode_arcs(topology)
    geometries = topology["objects"]["countries"]["geometries"]
    denmark = next(g for g in geometries if g.get("properties", {}).get("name") == "Denmark")
    polygons = denmark["arcs"] if denmark["type"] == "MultiPolygon" else [denmark["arcs"]]
    kept = []
    for polygon in polygons:
        rings = [ring(arcs, r) for r in polygon]
        lon, lat = rings[0][0]
        if 7 <= lon <= 16 and 54 <= lat <= 58.5:
            kept.append(rings)
    feature = {
        "type": "Feature",
        "properties": {
            "name": "Danmark",
            "source": "Natural Earth 1:50m admin 0 countries, via world-atlas@2.0.2 (npm)",
            "licence": "Natural Earth: public domain; world-atlas: ISC",
        },
        "geometry": {"type": "MultiPolygon", "coordinates": kept},
    }
    with open(target, "w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "features": [feature]}, fh, separators=(",", ":"))
        fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
