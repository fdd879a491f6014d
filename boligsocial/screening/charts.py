"""The screening's charts, built on core's rendering (core/charts.py):

* ``indicator_chart``: the 10-year line chart of one indicator (altair / Vega-Lite, rendered to
  SVG by vl-convert, so the page and the PDF show the very same picture). The legend bands of
  the indicator's current legend set are coloured background areas (green / yellow / red); the
  selected year is marked with a vertical rule.
* ``colour_distribution_chart``: the departments per light per year, as stacked bars.

Sparklines, the palette and the accessible SVG text are core's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.utils.translation import gettext as _

from boligsocial.core.charts import (
    BAND_FILLS,
    CACHE_SIZE,
    CHART_HEIGHT,
    CHART_WIDTH,
    LINE_COLOUR,
    MARKER_COLOUR,
    SPARK_COLOURS,
    ChartData,
    accessible_chart,
    chart_config,
    render_chart,
    render_spec,
    spec_json,
)
from boligsocial.core.formatting import format_number


@dataclass(frozen=True)
class Band:
    """One legend range ``[lower, upper)``; None = unbounded."""

    lower: Decimal | None
    upper: Decimal | None
    colour: str  # green / yellow / red


@dataclass(frozen=True)
class Point:
    year: int
    value: Decimal | None


def _fmt(value: Decimal | None, decimals: int) -> str:
    return "–" if value is None else format_number(value, decimals)


def unit_suffix(unit: str) -> str:
    """The unit as written after a number ("43,1 %", "12 pr. 1.000 lejemål")."""
    return {
        "percent": " %",
        "per_100": " " + _("per 100 leases"),
        "per_1000": " " + _("per 1,000 leases"),
        "kr": " kr.",
    }.get(unit, "")


def _domain(values: list[Decimal], bands: Sequence[Band]) -> tuple[float, float]:
    """The y-axis domain: the values, and the band edges close to them so a band change shows."""
    low, high = (min(values), max(values)) if values else (Decimal(0), Decimal(1))
    edges = [e for b in bands for e in (b.lower, b.upper) if e is not None]
    span = max(high - low, abs(high) * Decimal("0.2"), Decimal(1))
    near = [e for e in edges if low - span <= e <= high + span]
    low, high = min([low, *near]), max([high, *near])
    pad = (high - low) * Decimal("0.1") or Decimal(1)
    lower = low - pad
    if lower < 0 <= low:
        lower = Decimal(0)
    return float(lower), float(high + pad)


def _y_format(decimals: int) -> str:
    return f",.{decimals}f"


def _spec(
    points: Sequence[Point],
    bands: Sequence[Band],
    current_year: int,
    decimals: int,
    y_title: str,
    x_title: str,
) -> dict:
    import altair as alt

    years = [str(p.year) for p in points]
    values = [p.value for p in points if p.value is not None]
    y_min, y_max = _domain(values, bands)
    y_scale = alt.Scale(domain=[y_min, y_max], nice=False, zero=False)
    x_scale = alt.Scale(domain=years, paddingInner=1, paddingOuter=0.5)
    band_rows = [
        {
            "y": y_min if b.lower is None else max(float(b.lower), y_min),
            "y2": y_max if b.upper is None else min(float(b.upper), y_max),
            "colour": b.colour,
        }
        for b in bands
        if (b.upper is None or float(b.upper) > y_min)
        and (b.lower is None or float(b.lower) < y_max)
    ]
    colour_scale = alt.Scale(domain=list(BAND_FILLS), range=[BAND_FILLS[c] for c in BAND_FILLS])
    background = (
        alt.Chart(alt.Data(values=band_rows))
        .mark_rect(clip=True)
        .encode(
            y=alt.Y("y:Q", scale=y_scale),
            y2="y2:Q",
            color=alt.Color("colour:N", scale=colour_scale, legend=None),
        )
    )
    data = [
        {"year": str(p.year), "value": float(p.value) if p.value is not None else None}
        for p in points
    ]
    x = alt.X(
        "year:O",
        scale=x_scale,
        title=x_title,
        axis=alt.Axis(labelAngle=0, labelOverlap=True),
    )
    y = alt.Y(
        "value:Q",
        scale=y_scale,
        title=y_title,
        axis=alt.Axis(format=_y_format(decimals), tickCount=5, grid=False),
    )
    line = (
        alt.Chart(alt.Data(values=data))
        .mark_line(color=LINE_COLOUR, strokeWidth=2, clip=True)
        .encode(x=x, y=y)
    )
    dots = (
        alt.Chart(alt.Data(values=[d for d in data if d["value"] is not None]))
        .mark_point(filled=True, color=LINE_COLOUR, size=30, clip=True)
        .encode(x=x, y=y)
    )
    layers = [background, line, dots]
    if str(current_year) in years:
        marker = (
            alt.Chart(alt.Data(values=[{"year": str(current_year)}]))
            .mark_rule(color=MARKER_COLOUR, strokeWidth=2, strokeDash=[4, 3])
            .encode(x=alt.X("year:O", scale=x_scale))
        )
        current = [d for d in data if d["year"] == str(current_year) and d["value"] is not None]
        ring = (
            alt.Chart(alt.Data(values=current))
            .mark_point(color=MARKER_COLOUR, size=140, strokeWidth=2.5, clip=True)
            .encode(x=x, y=y)
        )
        layers += [marker, ring]
    chart = alt.layer(*layers).properties(width=CHART_WIDTH, height=CHART_HEIGHT)
    spec = chart.to_dict(validate=False)
    spec["config"] = chart_config(
        view={"stroke": "#bbbbbb"},
        axis={"labelFontSize": 11, "titleFontSize": 11, "labelColor": "#1a1a1a"},
    )
    spec["background"] = "white"
    return spec


@lru_cache(maxsize=CACHE_SIZE)
def _chart_raw(
    points: tuple[Point, ...],
    bands: tuple[Band, ...],
    current_year: int,
    decimals: int,
    y_title: str,
    x_title: str,
) -> str:
    """The SVG for these inputs. Building the spec with altair costs ~150 ms a chart (its object
    model), rendering ~50 ms: both are cached per input (a page shows the same data again)."""
    spec = _spec(points, bands, current_year, decimals, y_title, x_title)
    return render_spec(spec_json(spec))


def describe(points: Sequence[Point], decimals: int, unit: str) -> str:
    """The values in words for <desc>: "2015: 31,2 %; 2016: 30,8 %; …"."""
    suffix = unit_suffix(unit)
    parts = [
        f"{p.year}: {_fmt(p.value, decimals)}{suffix if p.value is not None else ''}"
        for p in points
    ]
    return "; ".join(parts)


def indicator_chart(
    *,
    title: str,
    points: Sequence[Point],
    bands: Sequence[Band],
    current_year: int,
    decimals: int = 1,
    unit: str = "",
    key: str = "",
) -> ChartData:
    """The 10-year chart of one indicator. ``points`` should cover every year shown (a value of
    None leaves a gap); ``key`` makes the element ids unique on the page."""
    points = sorted(points, key=lambda p: p.year)
    y_title = unit_suffix(unit).strip() or _("Value")
    raw = _chart_raw(tuple(points), tuple(bands), current_year, decimals, y_title, _("Year"))
    bands_text = "; ".join(f"{_colour_word(b.colour)} {_range_text(b, decimals)}" for b in bands)
    desc = _("Values %(values)s. Bands: %(bands)s. Marked year: %(year)s.") % {
        "values": describe(points, decimals, unit),
        "bands": bands_text or "–",
        "year": current_year,
    }
    rows = tuple((p.year, _fmt(p.value, decimals)) for p in points)
    return accessible_chart(raw, title=title, desc=desc, rows=rows, key=key)


def _colour_word(colour: str) -> str:
    return {"green": _("green"), "yellow": _("yellow"), "red": _("red")}.get(colour, colour)


def _range_text(band: Band, decimals: int) -> str:
    if band.lower is None and band.upper is not None:
        return _("below %(x)s") % {"x": format_number(band.upper)}
    if band.upper is None and band.lower is not None:
        return _("%(x)s and above") % {"x": format_number(band.lower)}
    if band.lower is not None and band.upper is not None:
        return _("%(a)s to under %(b)s") % {
            "a": format_number(band.lower),
            "b": format_number(band.upper),
        }
    return _("all values")


def colour_distribution_chart(
    counts: dict[int, dict[str, int]], *, title: str, key: str = ""
) -> ChartData:
    """Stacked bars: the number of departments per light (red / yellow / green / none) per year."""
    import altair as alt

    order = ("red", "yellow", "green", "none")
    names = {
        "red": _("red"),
        "yellow": _("yellow"),
        "green": _("green"),
        "none": _("no light"),
    }
    fills = {**SPARK_COLOURS, "yellow": "#ffcc00", "none": "#b0b0b0"}
    data = [
        {"year": str(y), "colour": names[c], "n": row[c], "order": order.index(c)}
        for y, row in counts.items()
        for c in order
        if row.get(c)
    ]
    highest = max((sum(row.values()) for row in counts.values()), default=0)
    # whole numbers only: with few departments Vega would put ticks at 0.5 (shown as "1", "1")
    y_axis = (
        alt.Axis(format=",d", values=list(range(highest + 1)))
        if highest <= 10
        else alt.Axis(format=",d", tickMinStep=1)
    )
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=_("Year"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("n:Q", title=_("Departments"), axis=y_axis),
            color=alt.Color(
                "colour:N",
                title=_("Light"),
                scale=alt.Scale(domain=[names[c] for c in order], range=[fills[c] for c in order]),
            ),
            order=alt.Order("order:Q"),
        )
        .properties(width=CHART_WIDTH - 80, height=CHART_HEIGHT)
    )
    spec = chart.to_dict(validate=False)
    spec["config"] = chart_config()
    spec["background"] = "white"
    desc = "; ".join(
        f"{y}: " + ", ".join(f"{names[c]} {row.get(c, 0)}" for c in order)
        for y, row in counts.items()
    )
    rows = tuple((y, " / ".join(str(row.get(c, 0)) for c in order)) for y, row in counts.items())
    return render_chart(spec, title=title, desc=desc, rows=rows, key=key)
