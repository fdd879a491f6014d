"""The pieces the department page and the reports are made of: the light's summary, an
indicator's block (value, trend, chart), the twins' column groups, and a small count hidden
from a viewer who does not see the organisation's exact figures (decision 0024)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from boligsocial.core.charts import ChartData
from boligsocial.core.formatting import format_number
from boligsocial.screening import access as screening_access
from boligsocial.screening import charts, selectors
from boligsocial.screening.engine.analysis import briefings
from boligsocial.screening.models import Light
from boligsocial.screening.views.briefings import analysis_view


@dataclass
class IndicatorBlock:
    indicator: object
    cell: selectors.Cell
    chart: ChartData | None
    unit_suffix: str


def light_summary(light: Light | None) -> dict | None:
    if light is None:
        return None
    score = light.score
    return {
        "colour": light.colour,
        "score": None if score is None else format_number(score, 1),
        "analysis": [p for p in light.analysis.split("\n\n") if p.strip()],
        "briefing": analysis_view(briefings([light]).get(light.pk)),
        "recommendation": list(light.recommendation or []),
        "follow_up": light.follow_up,
        "review_months": light.review_months,
        "weight_version": light.weight_set.version,
        "computed_at": light.computed_at,
    }


def hidden_small(indicator, value, lease_count) -> bool:
    """Is this value a count or a rate of a count that must not be shown to a viewer who does
    not see exact figures (screening/access.py, decision 0024)?"""
    return value is not None and (
        screening_access.small_figure(indicator.unit, value, lease_count) is not None
    )


def without_small(cell, indicator, lease_count, exact: bool):
    """The cell, or for a viewer without exact figures and a small count a cell without its
    value (shown as "–", no trend: the trend would tell the value's change)."""
    if exact or not hidden_small(indicator, cell.value, lease_count):
        return cell
    return replace(cell, value=None, display="", trend="", direction="", since=None)


def indicator_blocks(
    light, history, year: int, key_prefix: str, *, exact: bool = True, lease_count=None
) -> list[IndicatorBlock]:
    indicators = selectors.active_indicators()
    entries = (light.indicators if light else {}) or {}
    bands = selectors.bands_for(light.legend_versions if light else None, indicators)
    blocks = []
    for indicator in indicators:
        values = history["values"].get(indicator.code, {})
        if not values and indicator.code not in entries:
            continue
        if not exact:
            values = {
                y: v for y, v in values.items() if not hidden_small(indicator, v, lease_count)
            }
        points = [charts.Point(y, values.get(y)) for y in history["years"]]
        chart = charts.indicator_chart(
            title=_("%(name)s, %(first)s–%(last)s")
            % {"name": indicator.name, "first": history["years"][0], "last": year},
            points=points,
            bands=bands.get(indicator.code, []) if indicator.in_light else [],
            current_year=year,
            decimals=indicator.decimals,
            unit=indicator.unit,
            key=f"{key_prefix}-{indicator.code}",
        )
        blocks.append(
            IndicatorBlock(
                indicator=indicator,
                cell=without_small(
                    selectors.cell_from(
                        indicator.code, entries.get(indicator.code), indicator.decimals
                    ),
                    indicator,
                    lease_count,
                    exact,
                ),
                chart=chart,
                unit_suffix=charts.unit_suffix(indicator.unit),
            )
        )
    return blocks


PDF_COLUMNS = 5  # indicator columns per printed table: A4 portrait holds 5 beside the names


def column_groups(indicators, own_cells, twins, size: int = PDF_COLUMNS) -> list[dict]:
    """The comparison table cut into tables of `size` indicator columns each, for the PDF
    (a page is not as wide as a screen that scrolls): every group repeats the department
    column; the first also has the light and the score."""
    groups = []
    for start in range(0, len(indicators), size):
        part = slice(start, start + size)
        groups.append(
            {
                "first": start == 0,
                "indicators": indicators[part],
                "own": own_cells[part],
                "twins": [{"twin": t, "cells": t.cells[part]} for t in twins],
            }
        )
    return groups
