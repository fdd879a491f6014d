"""The scorecard's rendered rows, cached by the data they show (issue 13, item 15).

A row (a department's light, its score and 13 cells with sparklines of 10 years) costs about a
millisecond to build and render; the page shows 50. Each row's HTML is cached under a key made
of everything it shows:

* the data version of the department's lights in the 10 years shown: their number, the latest
  `computed_at` and the sum of their ids. Lights are only ever written by the engine, which
  inserts new rows (new ids, a new `computed_at`) on every screen and re-screen, and every
  import and feed of values re-screens what it touched (decision 0016) — so an import, a
  re-screen or a deleted light gives a new key, and a stale row is never served;
* the department's number, name, municipality and leases (edited in the housing data), the
  year, the indicators shown (id, code, name, decimals, polarity, unit), the language, the
  viewer's disclosure class (exact or not) and `DISCLOSURE_MIN_COUNT` (decision 0024), and the
  row template's source.

One query reads the versions of the page's rows; a miss builds and renders only the missing
rows. The cache is Django's default cache (per process locally, shared in production when a
shared cache is configured); entries expire after a day."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import mark_safe

from boligsocial.screening.models import Light

TEMPLATE = "screening/_scorecard_row.html"
TIMEOUT = 24 * 3600
_SOURCE_HASH: dict[str, str] = {}


def _template_hash() -> str:
    if TEMPLATE not in _SOURCE_HASH:
        source = get_template(TEMPLATE).template.source
        _SOURCE_HASH[TEMPLATE] = hashlib.sha256(source.encode()).hexdigest()[:16]
    return _SOURCE_HASH[TEMPLATE]


def versions(department_ids: list[int], first: int, last: int) -> dict[int, tuple]:
    """(count, latest computed_at, sum of ids) of each department's lights in first..last: 1
    query."""
    return {
        d: (n, at.isoformat() if at else "", total)
        for d, n, at, total in Light.objects.filter(
            department_id__in=department_ids, year__gte=first, year__lte=last
        )
        .order_by()
        .values("department_id")
        .annotate(n=Count("id"), at=Max("computed_at"), total=Sum("id"))
        .values_list("department_id", "n", "at", "total")
    }


def indicators_key(indicators) -> tuple:
    return tuple((i.id, i.code, i.name, i.decimals, i.polarity, i.unit) for i in indicators)


def row_key(row, version: tuple, context: tuple) -> str:
    d = row.department
    # the leases: the base of a rate whose small count is hidden (decision 0024)
    parts = (d.id, d.number, d.name, d.municipality.name, d.lease_count, version, context)
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"scorecard-row:{digest}"


def rendered_rows(
    rows: list,
    *,
    year: int,
    first: int,
    context: tuple,
    build: Callable[[list], None],
) -> list[str]:
    """The HTML of each row, from the cache or built (`build(missing_rows)` prepares the rows
    for the template) and rendered."""
    if not rows:
        return []
    context = (
        *context,
        year,
        translation.get_language(),
        settings.DISCLOSURE_MIN_COUNT,
        _template_hash(),
    )
    found_versions = versions([r.department.id for r in rows], first, year)
    keys = [row_key(r, found_versions.get(r.department.id, ()), context) for r in rows]
    cached = cache.get_many(keys)
    missing = [(r, k) for r, k in zip(rows, keys, strict=True) if k not in cached]
    if missing:
        build([r for r, _k in missing])
        template = get_template(TEMPLATE)
        fresh = {k: template.render({"row": r, "year": year}) for r, k in missing}
        cache.set_many(fresh, TIMEOUT)
        cached.update(fresh)
    return [mark_safe(cached[k]) for k in keys]  # noqa: S308 (our own rendered template)
