"""Charts as SVG strings rendered on the server, the same picture on a page and in a PDF.

An app builds a Vega-Lite spec (e.g. with altair) and hands it to `render_chart`, which renders it
with vl-convert (Danish number locale: decimal comma, thousands point), makes it accessible and
returns a `ChartData` with the SVG and the same numbers as table rows. `sparkline` draws a tiny
inline line directly in Python, cheap enough for hundreds of cells (vl-convert takes ~50 ms a
chart).

Accessibility: every SVG carries ``role="img"``, a ``<title>`` and a ``<desc>`` (the values in
words); Vega's own English ARIA labels are switched off (`chart_config`). Pages show the numbers
in a table next to each chart (``ChartData.rows``).

Colours are fixed here (SVG presentation attributes, which the strict CSP allows): the DKFDS
palette's green / yellow / red, lightened for background bands.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from html import escape

BAND_FILLS = {"green": "#cfe8d5", "yellow": "#fbeaa5", "red": "#f5c6c4"}
LINE_COLOUR = "#1a1a1a"
MARKER_COLOUR = "#004993"
SPARK_COLOURS = {"green": "#358745", "yellow": "#a06800", "red": "#c11525", "none": "#555555"}
FONT = "IBM Plex Sans, Arial, sans-serif"
CHART_WIDTH = 520
CHART_HEIGHT = 180
CACHE_SIZE = 2048


@dataclass(frozen=True)
class ChartData:
    """What a page needs to show one chart: the SVG and the same numbers as rows."""

    svg: str
    rows: tuple[tuple[int, str], ...]  # (year or label, formatted value or "–")
    title: str


def chart_config(**extra) -> dict:
    """The `config` of every spec: no Vega ARIA labels (ours replace them), our font."""
    return {"aria": False, "font": FONT, **extra}


@lru_cache(maxsize=CACHE_SIZE)
def render_spec(spec_json: str) -> str:
    """The SVG of a Vega-Lite spec (as JSON with sorted keys, so equal specs share the cache)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(json.loads(spec_json), format_locale="da-DK")


def spec_json(spec: dict) -> str:
    return json.dumps(spec, sort_keys=True)


_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_VEGA_ARIA = re.compile(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"')


def accessible(svg: str, title: str, desc: str, css_class: str, key: str) -> str:
    """Give the SVG root role=img, a title and a description, and a CSS class; drop the fixed
    size so CSS can scale it (the viewBox keeps the proportions). `key` makes the ids unique."""
    title_id, desc_id = f"chart-{key}-title", f"chart-{key}-desc"
    match = _SVG_OPEN.search(svg)
    if match is None:
        raise ValueError("vl-convert returned no <svg> element")
    opening = match.group(0)
    opening = re.sub(r'\s(width|height|class)="[^"]*"', "", opening)
    opening = opening.replace(
        "<svg",
        f'<svg role="img" aria-labelledby="{title_id} {desc_id}" focusable="false"'
        f' class="{css_class}" preserveAspectRatio="xMinYMin meet"',
        1,
    )
    # role="img" makes the children presentational; drop Vega's English labels anyway.
    body = _VEGA_ARIA.sub("", svg[match.end() :])
    head = (
        f'<title id="{title_id}">{escape(title)}</title><desc id="{desc_id}">{escape(desc)}</desc>'
    )
    return svg[: match.start()] + opening + head + body


def key_of(svg: str) -> str:
    """A short id for a chart's elements when the caller gives none."""
    return hashlib.sha256(svg.encode()).hexdigest()[:10]


def render_chart(
    spec: dict,
    *,
    title: str,
    desc: str,
    rows: tuple[tuple[int, str], ...],
    key: str = "",
    css_class: str = "chart",
) -> ChartData:
    """Render `spec` (a Vega-Lite dict) to an accessible SVG with its numbers as `rows`."""
    raw = render_spec(spec_json(spec))
    return accessible_chart(raw, title=title, desc=desc, rows=rows, key=key, css_class=css_class)


def accessible_chart(
    raw_svg: str, *, title: str, desc: str, rows, key: str = "", css_class: str = "chart"
) -> ChartData:
    """`ChartData` from an SVG already rendered (by `render_spec`, e.g. through a cache)."""
    svg = accessible(raw_svg, title, desc or "–", css_class, key or key_of(raw_svg))
    return ChartData(svg=svg, rows=tuple(rows), title=title)


def sparkline(
    values: Sequence[tuple[int, Decimal | None]],
    *,
    label: str,
    colour: str = "none",
    width: int = 64,
    height: int = 18,
) -> str:
    """A small line of the values over the years, the last point dotted in ``colour``.

    ``label`` is the accessible name (e.g. "Udvikling 2015–2024: …"). Returns "" with fewer than
    two values. Built as a string (no vl-convert): cheap enough for hundreds of cells."""
    known = [(y, float(v)) for y, v in values if v is not None]
    if len(known) < 2:
        return ""
    years = [y for y, _v in values]
    first, last = min(years), max(years)
    low = min(v for _y, v in known)
    high = max(v for _y, v in known)
    span_y = (high - low) or 1.0
    span_x = (last - first) or 1
    pad = 2.5

    def xy(year: int, value: float) -> str:
        x = pad + (year - first) / span_x * (width - 2 * pad)
        y = pad + (1 - (value - low) / span_y) * (height - 2 * pad)
        return f"{x:.1f},{y:.1f}"

    segments: list[list[str]] = [[]]
    for year, value in values:
        if value is None:
            if segments[-1]:
                segments.append([])
            continue
        segments[-1].append(xy(year, float(value)))
    lines = "".join(
        f'<polyline points="{" ".join(s)}" fill="none" stroke="{LINE_COLOUR}" stroke-width="1.2"/>'
        for s in segments
        if len(s) > 1
    )
    end_x, end_y = xy(*known[-1]).split(",")
    fill = SPARK_COLOURS.get(colour, SPARK_COLOURS["none"])
    dot = f'<circle cx="{end_x}" cy="{end_y}" r="2.2" fill="{fill}"/>'
    return (
        f'<svg class="sparkline" role="img" focusable="false" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(label)}</title>{lines}{dot}</svg>"
    )
