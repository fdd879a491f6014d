"""What the safety walks add to the coordination map (issue 17, part 5): the walks' findings as a
map layer, registered with `core.contributions` (from `WalksConfig.ready`), so coordination
shows them without importing this app.

A finding is placed at its own coordinates, else at its route point's; one with neither is left
off. The user sees the findings of the walks they may read (`access.visible_walks`: their own
organisation's walks; a municipal coordinator every walk of the municipality). The text is the
finding's Danish line for the map's table alternative: walk, date, category, status and the
description (shortened); photos and participants never reach the map."""

from django.utils.translation import gettext as _

from boligsocial.core import contributions
from boligsocial.core.formatting import format_date

KEY = "walk_findings"
TEXT_LENGTH = 120


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_LENGTH else text[: TEXT_LENGTH - 1].rstrip() + "…"


def findings_layer(*, user, municipality_code: int) -> list[contributions.MapLayer]:
    from boligsocial.walks import access, selectors

    features = []
    findings = selectors.findings_in_municipality(
        municipality_code, access.visible_walks(user)
    ).select_related("walk", "point")
    for f in findings:
        lat, lon = f.latitude, f.longitude
        if (lat is None or lon is None) and f.point is not None:
            lat, lon = f.point.latitude, f.point.longitude
        if lat is None or lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(float(lon), 5), round(float(lat), 5)],
                },
                "properties": {
                    "kind": "finding",
                    "id": f.pk,
                    "name": f"{f.walk.title}, {format_date(f.walk.walk_date)}",
                    "text": f"{f.get_category_display()} ({f.get_status_display()}): "
                    + _short(f.description),
                },
            }
        )
    if not features:
        return []
    return [contributions.MapLayer(KEY, _("Safety walk findings"), tuple(features))]


def register() -> None:
    contributions.register_map_layer_provider(findings_layer)
