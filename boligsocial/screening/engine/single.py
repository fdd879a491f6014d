"""The single path: the lights of one department or area, in plain Python, by the pure rules.

`compute_scope` turns one scope's stored values (x 10,000) into the facts of its lights, year
by year, by calling the traffic-light rules themselves (`trafficlight.scoring`: `suppress`,
`trend`, `direction_of`, `since_when`, `composite`; `trafficlight.legends.colour_for`). It screens a
re-screened department, a reproduced light, small screens and what the bulk path does not take;
the bulk path (`bulk.py`) is tested to give exactly its rows.

Derived values: when a scope has no stored `convicted_ratio_national` for a year, it is
`convicted` / the national `convicted`, truncated to 4 decimals (truncation keeps the colour
exact: for a threshold t with 4 decimals, x >= t exactly when trunc(x) >= t), `with_derived_ratio`.

Suppression: register and survey figures (not operational ones, which the organisation counts
itself, and not the number of residents) of a scope with fewer residents than the policy's
`min_residents`, or with an unknown number of residents, are stored as suppressed (no value,
no colour): `trafficlight.scoring.suppress`. A negative number of residents counts as unknown.
"""

from __future__ import annotations

from decimal import Decimal

from boligsocial.screening.engine.config import (
    CONVICTED_CODE,
    RATIO_CODE,
    RESIDENTS_CODE,
    Config,
    Info,
    Policy,
)
from boligsocial.screening.engine.scaled import SCALE, to_decimal
from boligsocial.screening.trafficlight.legends import Colour, colour_for
from boligsocial.screening.trafficlight.scoring import (
    STORED_SCORE_DECIMALS,
    Polarity,
    composite,
    direction_of,
    since_when,
    suppress,
    trend,
)

_ZERO = Decimal(0)
WORSE, BETTER = Polarity.HIGHER_IS_WORSE, Polarity.HIGHER_IS_BETTER


def with_derived_ratio(cfg: Config, values: dict, national: dict) -> None:
    """Add the derived conviction ratio to one scope's `values` (in place), see the module doc."""
    ratio, convicted = cfg.by_code.get(RATIO_CODE), cfg.by_code.get(CONVICTED_CODE)
    if ratio is None or convicted is None or convicted.id not in values:
        return
    national_convicted = national.get(convicted.id, {})
    stored = values.get(ratio.id, {})
    derived = dict(stored)
    for year, value in values[convicted.id].items():
        base = national_convicted.get(year)
        if year not in stored and base:
            derived[year] = value * SCALE // base
    values[ratio.id] = derived


def _residents(scaled: int | None) -> int | None:
    """Whole residents of a stored value x 10,000 (None: unknown, also when negative). For a
    whole minimum m, floor(x) < m exactly when x < m."""
    return None if scaled is None or scaled < 0 else scaled // SCALE


def compute_scope(
    cfg: Config,
    values: dict[int, dict[int, int]],
    policy: Policy,
    years: set[int] | None,
) -> list[tuple]:
    """[(year, score, colour, indicators, recommendation, follow_up, review_months,
    legend_versions)] for every year with a value (restricted to `years`)."""
    all_years = sorted({y for by_year in values.values() for y in by_year})
    if not all_years:
        return []
    residents_info = cfg.by_code.get(RESIDENTS_CODE)
    stored_residents = values.get(residents_info.id, {}) if residents_info else {}
    minimum = policy.min_residents
    # the years whose register and survey figures are shown (`suppress` keeps the year)
    shown = {
        y
        for y in all_years
        if suppress(y, _residents(stored_residents.get(y)), minimum) is not None
    }
    # per indicator: {year: value x 10,000, None where suppressed}, and the same as Decimals
    effective: dict[int, dict[int, int | None]] = {}
    decimals: dict[int, dict[int, Decimal | None]] = {}
    for info in cfg.infos:
        by_year = values.get(info.id)
        if not by_year:
            continue
        if info.suppressible:
            by_year = {y: (v if y in shown else None) for y, v in by_year.items()}
        effective[info.id] = by_year
        decimals[info.id] = {y: None if v is None else to_decimal(v) for y, v in by_year.items()}
    colours: dict[int, dict[int, Colour]] = {}
    for info in cfg.light_infos:
        dec = decimals.get(info.id)
        if dec:
            ranges = cfg.legends[info.id].ranges
            colours[info.id] = {y: colour_for(v, ranges) for y, v in dec.items() if v is not None}
    legend_versions = {
        info.code: cfg.legends[info.id].legend_set_id
        for info in cfg.light_infos
        if colours.get(info.id)
    }
    out = []
    for year in all_years:
        if years is not None and year not in years:
            continue
        indicators: dict[str, dict] = {}
        weighted: list[tuple[Colour, Decimal]] = []
        reds: list[Info] = []
        for info in cfg.infos:
            eff = effective.get(info.id)
            if eff is None or year not in eff:
                continue
            value = eff[year]
            decimal = decimals[info.id][year]
            entry = {
                "value": None if decimal is None else str(decimal),
                "colour": None,
                "trend": None,
                "direction": None,
                "since": None,
                "suppressed": value is None,
                "legend_version": None,
            }
            indicators[info.code] = entry
            if value is None or info.id not in colours:
                continue
            by_colour = colours[info.id]
            colour = by_colour[year]
            polarity = WORSE if info.higher_worse else BETTER
            previous = decimals[info.id].get(year - 1)
            window = [
                (t - year, eff[t]) for t in (year - 2, year - 1, year) if eff.get(t) is not None
            ]
            entry.update(
                colour=colour.value,
                trend=None if previous is None else trend(decimal, previous, polarity),
                direction=direction_of(window, polarity),
                since=since_when(by_colour, year),
                legend_version=cfg.legends[info.id].version,
            )
            weighted.append((colour, cfg.weights.get(info.id, _ZERO)))
            if colour is Colour.RED:
                reds.append(info)
        result = composite(weighted, cfg.thresholds)
        if result.colour is None:
            light_colour, score = "none", None
        else:
            light_colour = result.colour.value
            score = result.rounded_score(STORED_SCORE_DECIMALS)
        themes = list(dict.fromkeys(i.theme for i in reds if i.theme))
        out.append(
            (
                year,
                score,
                light_colour,
                indicators,
                themes,
                policy.follow_up.get(light_colour, ""),
                policy.review_months.get(light_colour),
                {code: v for code, v in legend_versions.items() if code in indicators},
            )
        )
    return out
