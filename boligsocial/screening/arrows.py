"""The arrow beside a value: which way the value went since last year, coloured by whether that
is better or worse. A pure rule (no Django), table-tested.

The stored trend (`trafficlight.scoring.trend`) says *better* or *worse*; for an indicator where
a higher value is worse, *worse* means the value rose. The arrow shows the value's direction,
like the sparkline beside it (whose last segment runs from last year's value to this year's), so
it never points down beside a rising line; the colour says better (green) or worse (red)."""

from dataclasses import dataclass

UP, DOWN, FLAT = "up", "down", "flat"
GLYPHS = {UP: "↗", DOWN: "↘", FLAT: "→"}


@dataclass(frozen=True)
class Arrow:
    direction: str  # up / down / flat: of the value
    tone: str  # better / worse / unchanged

    @property
    def glyph(self) -> str:
        return GLYPHS[self.direction]


def arrow(trend: str | None, *, higher_is_worse: bool) -> Arrow | None:
    """The arrow of a trend ("better"/"worse"/"unchanged") for an indicator (or the score, where
    higher is worse); None for no trend."""
    if not trend:
        return None
    if trend == "unchanged":
        return Arrow(FLAT, "unchanged")
    if trend not in ("better", "worse"):
        raise ValueError(f"unknown trend {trend!r}")
    rose = (trend == "worse") == higher_is_worse
    return Arrow(UP if rose else DOWN, trend)
