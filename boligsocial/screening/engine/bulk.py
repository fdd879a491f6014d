"""The bulk screening path: many scopes at once, vectorised with polars (benchmark P1).

`light_rows(cfg, frame, ...)` computes the stored facts of every light of the scopes in `frame`
(one row per stored indicator value: scope `s`, indicator `i`, year `y`, value x 10,000 `v`)
and returns a polars frame with the `Light` columns, bit for bit what the single path
(`single.compute_scope` + `writing.result_rows`) gives for the same input (tested, also with
hypothesis on generated data). Every rule is on exact integers (values x 10,000, weights x 1,000).

**These are the rules of `trafficlight/`, not other rules.** The single path calls the pure
functions (`trafficlight.legends.colour_for`, `trafficlight.scoring.suppress`, `trend`,
`direction_of`, `since_when`, `composite`); this module is the same computation written as
column expressions, because 80,000 lights do not fit the time budget one Python call at a time.
`trafficlight/scoring.py` says so where the rules are written; test_bulk.py checks the whole
rows against the single path and test_engine_rule.py each expression against the pure function.
A change of a rule is a change here too: the tests fail until both agree.

The values are first laid out as a grid (`_Grid`, decision 0014): one row per (scope, year),
every year from the first to the last, one column per indicator. The row before a row is then
the same scope one year earlier, and each rule is a handful of column operations on about
80,000 rows instead of joins, a sort and a group-by over a million:

* suppression: register/survey figures of a (scope, year) without residents or with fewer than
  the scope's policy's `min_residents` become null, before anything else;
* colour: the compiled legend of the indicator as a chain of `>=` comparisons on the scaled
  boundaries (a value on a boundary belongs to the upper range);
* trend: against the value of year - 1 of the same scope and indicator (the row before);
* 3-year direction: the exact integer least-squares rule of `scoring.direction_of` on the
  window (year - 2, year - 1, year), in closed form on the two rows before;
* since: the start of the run of equal colours in consecutive years (a forward fill);
* composite: sum(weight x points) / sum(weight) per (scope, year) across the indicator
  columns, colour by cross-multiplication with the thresholds, score rounded half-even to 4
  decimals in integers;
* cells: the per-indicator text of `screening.cells` as stored (indicator id, scaled value,
  flags, since, legend version and legend set): the text after the value is made once per
  distinct (indicator, colour, trend, direction, since, legend set) code and looked up by
  position; the cells are joined in indicator order. The recommendation is a bit mask over the
  indicators, mapped to its JSON once per distinct mask.

Values must fit the database column (|value| < 10^10, i.e. |v| < 10^14): then every
intermediate fits in 64 bits. `handles()` checks it, the number of indicators and the grid's
size (years far apart would make it mostly empty); `pipeline.screen` falls back to the single
path otherwise. (A derived ratio, made here, can be near 10^18: `_trend_direction` divides
rather than multiplies where a product would not fit.)

The Danish analysis is not made here: it is rendered when a light is read (`analysis.py`).
"""

from __future__ import annotations

import json
from fractions import Fraction

import polars as pl

from boligsocial.screening import cells
from boligsocial.screening.engine.config import (
    CONVICTED_CODE,
    RATIO_CODE,
    RESIDENTS_CODE,
    Config,
)
from boligsocial.screening.engine.scaled import SCALE
from boligsocial.screening.trafficlight.scoring import DEFAULT_TOLERANCE

VALUE_LIMIT = 10**14  # |value x 10,000| below this: all intermediates fit in Int64
MAX_INDICATORS = 256  # the grid has a column per indicator; more take the single path
FRAME_SCHEMA = {"s": pl.Int64, "i": pl.Int64, "y": pl.Int64, "v": pl.Int64}
_COLOUR_CODES = {"green": 0, "yellow": 1, "red": 2}
DENSE_CODES = 1 << 20  # cell codes below this are looked up by position (`_text_of`)
_TOL = DEFAULT_TOLERANCE  # trafficlight.scoring.direction_of


RESULT_SCHEMA = {
    "s": pl.Int64,
    "y": pl.Int64,
    "score": pl.String,
    "colour": pl.String,
    "indicators": pl.String,
    "recommendation": pl.String,
    "follow_up": pl.String,
    "review_months": pl.Int64,
}


def empty_frame() -> pl.DataFrame:
    return pl.DataFrame(schema=FRAME_SCHEMA)


def handles(cfg: Config, frame: pl.DataFrame) -> bool:
    """Whether this path can screen `frame` with `cfg`: its values fit 64-bit arithmetic
    (`fits`), there are fewer than `MAX_INDICATORS` indicators, and the grid is not mostly
    empty (`grid_fits`)."""
    return len(cfg.infos) < MAX_INDICATORS and fits(frame) and grid_fits(frame)


def grid_fits(frame: pl.DataFrame) -> bool:
    """Whether `_Grid` holds `frame` in at most `_grid_limit(frame)` rows (with the scopes
    numbered): one row per scope and year from the frame's first year to its last."""
    if frame.is_empty():
        return True
    lo, hi, y0, y1 = _bounds(frame)
    limit = _grid_limit(frame)
    years = y1 - y0 + 1
    return (hi - lo + 1) * years <= limit or frame.get_column("s").n_unique() * years <= limit


def _bounds(frame: pl.DataFrame) -> tuple[int, int, int, int]:
    """(lowest scope, highest scope, first year, last year) of a non-empty frame."""
    return frame.select(
        pl.col("s").min().alias("lo"), pl.col("s").max().alias("hi"),
        pl.col("y").min().alias("y0"), pl.col("y").max().alias("y1"),
    ).row(0)  # fmt: skip


def fits(frame: pl.DataFrame) -> bool:
    if frame.is_empty():
        return True
    return bool(frame.select(pl.col("v").abs().max() < VALUE_LIMIT).item())


def with_derived_ratio(cfg: Config, frame: pl.DataFrame, national: dict) -> pl.DataFrame:
    """Add convicted_ratio_national = convicted x 10,000 // national convicted (floor, as
    `single.with_derived_ratio`) where the scope has no stored ratio for that year."""
    ratio, convicted = cfg.by_code.get(RATIO_CODE), cfg.by_code.get(CONVICTED_CODE)
    if ratio is None or convicted is None:
        return frame
    bases = [(y, b) for y, b in national.get(convicted.id, {}).items() if b]
    if not bases:
        return frame
    base = pl.DataFrame(bases, schema={"y": pl.Int64, "base": pl.Int64}, orient="row")
    stored = frame.filter(pl.col("i") == ratio.id).select("s", "y")
    derived = (
        frame.filter(pl.col("i") == convicted.id)
        .join(base, on="y", how="inner")
        .join(stored, on=["s", "y"], how="anti")
        .select(
            "s",
            pl.lit(ratio.id, dtype=pl.Int64).alias("i"),
            "y",
            ((pl.col("v") * SCALE) // pl.col("base")).alias("v"),
        )
    )
    if derived.is_empty():
        return frame
    return pl.concat([frame, derived])


def policy_frames(cfg: Config):
    """(policy key -> min residents x 10,000) and (policy key, colour) -> follow-up; key -1 is
    the global policy."""
    mins, follow = [], []
    for key, policy in cfg.policies.items():
        p = -1 if key is None else key
        mins.append((p, policy.min_residents * SCALE))
        for colour in ("green", "yellow", "red"):
            follow.append(
                (p, colour, policy.follow_up.get(colour, ""), policy.review_months.get(colour))
            )
    minimum = pl.DataFrame(mins, schema={"p": pl.Int64, "min_scaled": pl.Int64}, orient="row")
    follow_up = pl.DataFrame(
        follow,
        schema={"p": pl.Int64, "colour": pl.String, "follow_up": pl.String,
                "review_months": pl.Int64},
        orient="row",
    )  # fmt: skip
    return minimum.join(follow_up, on="p")


def light_rows(
    cfg: Config,
    frame: pl.DataFrame,
    scopes: pl.DataFrame,
    policies: pl.DataFrame,
    years: set[int] | None,
) -> pl.DataFrame:
    """The lights of the scopes in `frame` (already with the derived ratio).

    `scopes`: (s, p) = scope id and its policy key; `policies`: (p, min_scaled) and the
    follow-up per colour (p, colour, follow_up, review_months). Returns the columns
    s, y, score, colour, indicators, recommendation, follow_up, review_months, sorted by
    (s, y)."""
    if frame.is_empty():
        return pl.DataFrame(schema=RESULT_SCHEMA)
    grid = _Grid.of(cfg, frame)
    y = pl.col("y")
    first = grid.year_min
    # the grid's row before is the same scope one year earlier, except in its first year
    one_back, two_back = y > first, y > first + 1
    residents = cfg.by_code.get(RESIDENTS_CODE)
    wide = grid.frame.join(
        scopes.join(policies.select("p", "min_scaled").unique(), on="p", how="left").select(
            "s", "min_scaled"
        ),
        on="s",
        how="left",
    )
    if residents is None:
        sup = pl.lit(True)
    else:
        r = pl.col(f"v{grid.rank[residents.id]}")
        sup = ~(r >= pl.col("min_scaled")).fill_null(False)
    light_ids = {info.id for info in cfg.light_infos}
    wide = wide.with_columns(sup.alias("sup")).with_columns(
        (
            pl.when(pl.col("sup")).then(None).otherwise(pl.col(f"v{k}"))
            if info.suppressible
            else pl.col(f"v{k}")
        ).alias(f"e{k}")
        for k, info in enumerate(cfg.infos)
    )
    wide = wide.with_columns(
        _colour(cfg.legends[info.id], pl.col(f"e{k}")).alias(f"c{k}")
        for k, info in enumerate(cfg.infos)
        if info.id in light_ids
    )
    span = grid.year_max - first + 2
    # last year's value, the year before's, whether last year had a value of the same colour
    # (the colour's run goes on), and whether the scope has any colour of this indicator
    wide = wide.with_columns(
        expr
        for k, info in enumerate(cfg.infos)
        if info.id in light_ids
        for expr in (
            pl.when(one_back).then(pl.col(f"e{k}").shift(1)).alias(f"p{k}"),
            pl.when(two_back).then(pl.col(f"e{k}").shift(2)).alias(f"q{k}"),
            (
                one_back
                & pl.col(f"v{k}").shift(1).is_not_null()
                & (pl.col(f"c{k}").shift(1) == pl.col(f"c{k}"))
            )
            .fill_null(False)
            .alias(f"r{k}"),
            pl.col(f"c{k}").is_not_null().any().over("s").alias(f"a{k}"),
        )
    )
    codes, points, used, red_bits = [], [], [], []
    for k, info in enumerate(cfg.infos):
        present = pl.col(f"v{k}").is_not_null()
        if info.id not in light_ids:
            # never coloured: code (rank, no colour, no trend, no direction, no since, no set)
            codes.append(pl.when(present).then(pl.lit(k * 4 * 4 * 4 * span * 2, dtype=pl.Int64)))
            continue
        e, c = pl.col(f"e{k}"), pl.col(f"c{k}")
        trend, direction = _trend_direction(e, pl.col(f"p{k}"), pl.col(f"q{k}"), info.higher_worse)
        coloured = c.is_not_null()
        since = pl.when(~pl.col(f"r{k}")).then(y).forward_fill()
        code = (
            (((k * 4 + (c.cast(pl.Int64) + 1).fill_null(0)) * 4
              + pl.when(coloured).then(trend).otherwise(0)) * 4
             + pl.when(coloured).then(direction).otherwise(0)) * span
            + pl.when(coloured).then(since - first + 1).otherwise(0)
        ) * 2 + pl.col(f"a{k}").cast(pl.Int64)  # fmt: skip
        codes.append(pl.when(present).then(code))
        weight = cfg.weights_scaled.get(info.id, 0)
        points.append(c.cast(pl.Int64) * (weight * 50))
        used.append(pl.when(coloured).then(weight))
        if info.theme:
            red_bits.append(pl.when(c == 2).then(1 << k))
    wide = wide.with_columns(
        *(code.alias(f"t{k}") for k, code in enumerate(codes)),
        _sum(points).alias("num"),
        _sum(used).alias("used"),
        _sum(red_bits).alias("red_mask"),
    )
    found = pl.concat([wide.get_column(f"t{k}").unique() for k in range(len(cfg.infos))])
    tails = _lookup(_tails(cfg, found.unique().drop_nulls().to_list(), first, span))
    lights = wide.filter(pl.col("exists")).with_columns(
        pl.concat_str(
            [
                pl.concat_str(
                    pl.lit(f"{info.id},"),
                    pl.col(f"e{k}").cast(pl.String).fill_null(""),
                    _text_of(pl.col(f"t{k}"), tails),
                )
                for k, info in enumerate(cfg.infos)
            ],
            separator=";",
            ignore_nulls=True,
        ).alias("indicators")
    )
    if years is not None:
        lights = lights.filter(y.is_in(sorted(years)))
    return _finish(
        cfg, lights.select("s", "y", "indicators", "num", "used", "red_mask"), scopes, policies
    )


def _lookup(texts: dict[int, str]):
    """How `_text_of` finds the text of a code: when the codes are small, a series with each
    text at its code's position (a gather is 20 x faster than a hash lookup), else the dict."""
    top = max(texts, default=0)
    if top >= DENSE_CODES:
        return texts
    dense = [""] * (top + 1)
    for key, text in texts.items():
        dense[key] = text
    return pl.Series(dense, dtype=pl.String)


def _text_of(code: pl.Expr, lookup) -> pl.Expr:
    """The text of each code by `_lookup`'s `lookup`; null stays null."""
    if isinstance(lookup, dict):
        return code.replace_strict(lookup, return_dtype=pl.String)
    return pl.lit(lookup).gather(code)


def _sum(exprs: list[pl.Expr]) -> pl.Expr:
    return pl.sum_horizontal(exprs) if exprs else pl.lit(0, dtype=pl.Int64)


def _colour(legend, value: pl.Expr) -> pl.Expr:
    """Colour code (0 green, 1 yellow, 2 red) of `value` under `legend`, null without a value:
    bisect_right, i.e. the number of boundaries <= value picks the range."""
    codes = [_COLOUR_CODES[c] for c in legend.colours]
    expr = None
    for k in range(len(legend.boundaries), 0, -1):
        cond = value >= legend.boundaries[k - 1]
        expr = pl.when(cond).then(codes[k]) if expr is None else expr.when(cond).then(codes[k])
    expr = pl.lit(codes[0]) if expr is None else expr.otherwise(codes[0])
    return pl.when(value.is_not_null()).then(expr).cast(pl.Int8)


def _trend_direction(e: pl.Expr, v1: pl.Expr, v2: pl.Expr, higher_worse: bool):
    """(trend, direction) codes of value `e` with last year's `v1` and the year before's `v2`.

    Trend: 0 none, 1 unchanged, 2 worse, 3 better. Direction: `scoring.direction_of` in closed
    form, 0 none, 1 stable, 2 worsening, 3 improving. The least-squares slope of the window
    (year - 2, year - 1, year) is (e - v1) / 1 with only v1, and (e - v2) / 2 with v2 (with or
    without v1); stable when |slope| <= tolerance x |mean of the n values|, i.e. |num| x n x
    tol.den <= tol.num x den x |sum|, computed as |num| <= tol.num x den x |sum| // (n x
    tol.den) (the same for integers): a derived ratio can be near 10^18, and the left product
    would not fit 64 bits."""
    worse = (lambda a, b: a > b) if higher_worse else (lambda a, b: a < b)
    with_v2 = v2.is_not_null()
    slope_num = pl.when(with_v2).then(e - v2).otherwise(e - v1)
    slope_den = pl.when(with_v2).then(2).otherwise(1)
    n = 1 + v1.is_not_null().cast(pl.Int64) + with_v2.cast(pl.Int64)
    sv = e + v1.fill_null(0) + v2.fill_null(0)
    stable = slope_num.abs() <= (_TOL.numerator * slope_den * sv.abs()) // (n * _TOL.denominator)
    direction = (
        pl.when(n < 2).then(0).when(stable).then(1).when(worse(slope_num, 0)).then(2).otherwise(3)
    )
    trend = pl.when(v1.is_null()).then(0).when(e == v1).then(1).when(worse(e, v1)).then(2)
    return trend.otherwise(3), direction


class _Grid:
    """The values of a frame as one row per (scope, year) of a dense grid, s-major, every year
    from the first to the last: columns s, y, exists (a value of any indicator, also one not
    in the light, is stored: the (scope, year) gets a light) and v0, v1, ... = the value of
    the indicator of that rank in `cfg.infos`, null when none is stored. Each value lands in
    its place with one scatter; the row before a row is the same scope one year earlier,
    except in the first year (`light_rows` shifts with that)."""

    def __init__(self, frame, rank, year_min, year_max):
        self.frame, self.rank, self.year_min, self.year_max = frame, rank, year_min, year_max

    @classmethod
    def of(cls, cfg: Config, frame: pl.DataFrame) -> _Grid:
        rank = {info.id: k for k, info in enumerate(cfg.infos)}
        lo, hi, year_min, year_max = _bounds(frame)
        years = year_max - year_min + 1
        scope_ids = None
        if (hi - lo + 1) * years > _grid_limit(frame):  # sparse ids: number the scopes
            scope_ids = frame.get_column("s").unique().sort()
            index = scope_ids.search_sorted(frame.get_column("s")).cast(pl.Int64)
            rows = index * years + (frame.get_column("y") - year_min)
            n_scopes = scope_ids.len()
        else:
            rows = frame.select((pl.col("s") - lo) * years + (pl.col("y") - year_min)).to_series()
            n_scopes = hi - lo + 1
        size = n_scopes * years
        exists = pl.repeat(False, size, dtype=pl.Boolean, eager=True).scatter(rows, True)
        ranks = frame.get_column("i").replace_strict(rank, default=None, return_dtype=pl.Int64)
        known = ranks.is_not_null()
        flat = pl.repeat(None, size * len(rank), dtype=pl.Int64, eager=True)
        if known.any():
            flat = flat.scatter(
                (ranks.filter(known) * size + rows.filter(known)),
                frame.get_column("v").filter(known),
            )
        index = pl.int_range(0, size, eager=True, dtype=pl.Int64)
        columns = {
            "s": index // years + lo if scope_ids is None else scope_ids.gather(index // years),
            "y": index % years + year_min,
            "exists": exists,
            **{f"v{k}": flat.slice(k * size, size) for k in range(len(rank))},
        }
        return cls(pl.DataFrame(columns), rank, year_min, year_max)


def _grid_limit(frame: pl.DataFrame) -> int:
    """Most grid rows a frame of this many values may take (each row is a value per indicator):
    with scope ids as row numbers, beyond it (ids far apart) the scopes are numbered first;
    with the scopes numbered, beyond it (years far apart) `handles` refuses the frame."""
    return 2 * frame.height + 1024


# flag characters by code (index 0 = none), in the order of the codes above
_COLOUR_FLAGS = [cells.COLOURS[None], cells.COLOURS["green"], cells.COLOURS["yellow"],
                 cells.COLOURS["red"]]  # fmt: skip
_TREND_FLAGS = [cells.TRENDS[k] for k in (None, "unchanged", "worse", "better")]
_DIRECTION_FLAGS = [cells.DIRECTIONS[k] for k in (None, "stable", "worsening", "improving")]


def _tails(cfg: Config, keys: list[int], year_min: int, span: int) -> dict[int, str]:
    """The cell text after the value (`screening.cells`), ',flags,since,legend_version,
    legend_set', for each distinct code of (indicator rank, colour, trend, direction, since,
    legend set) that occurs. A suppressed value has no colour, hence '---' and no since or
    version."""
    tails = {}
    for key in keys:
        rest, with_set = divmod(key, 2)
        rest, since = divmod(rest, span)
        rest, direction = divmod(rest, 4)
        rest, trend = divmod(rest, 4)
        rank, colour = divmod(rest, 4)
        legend = cfg.legends.get(cfg.infos[rank].id)
        version = str(legend.version) if colour and legend else ""
        legend_set = str(legend.legend_set_id) if with_set and legend else ""
        since_text = str(year_min + since - 1) if since else ""
        flags = _COLOUR_FLAGS[colour] + _TREND_FLAGS[trend] + _DIRECTION_FLAGS[direction]
        tails[key] = f",{flags},{since_text},{version},{legend_set}"
    return tails


def _decimal_text(col: pl.Expr) -> pl.Expr:
    """str(Decimal(v).scaleb(-4)) for an integer v: "-12.0340", "0.0000" (exact: the integer
    as a decimal with 4 places, divided by 10,000)."""
    return (col.cast(pl.Decimal(24, 4)) / SCALE).cast(pl.Decimal(24, 4)).cast(pl.String)


def _finish(cfg: Config, lights: pl.DataFrame, scopes: pl.DataFrame, policies: pl.DataFrame):
    yellow = Fraction(cfg.thresholds.yellow_from)
    red = Fraction(cfg.thresholds.red_from)
    num, used = pl.col("num").fill_null(0), pl.col("used").fill_null(0)
    scaled = num * SCALE
    q = scaled // pl.when(used > 0).then(used).otherwise(1)
    rem = scaled - q * used
    rounded = q + ((2 * rem > used) | ((2 * rem == used) & (q % 2 == 1))).cast(pl.Int64)
    colour = (
        pl.when(used <= 0)
        .then(pl.lit("none"))
        .when(num * yellow.denominator < yellow.numerator * used)
        .then(pl.lit("green"))
        .when(num * red.denominator < red.numerator * used)
        .then(pl.lit("yellow"))
        .otherwise(pl.lit("red"))
    )
    lights = lights.with_columns(
        pl.when(used > 0).then(_decimal_text(rounded)).alias("score"),
        colour.alias("colour"),
        pl.col("indicators").fill_null(""),
        pl.col("red_mask").fill_null(0),
    )
    themes = {}
    for mask in lights.get_column("red_mask").unique().to_list():
        names = [i.theme for r, i in enumerate(cfg.infos) if mask >> r & 1 and i.theme]
        themes[mask] = json.dumps(list(dict.fromkeys(names)), ensure_ascii=False)
    follow = policies.select("p", "colour", "follow_up", "review_months")
    return (
        lights.with_columns(
            pl.col("red_mask")
            .replace_strict(themes, return_dtype=pl.String)
            .alias("recommendation"),
        )
        .join(scopes, on="s", how="left")
        .join(follow, on=["p", "colour"], how="left")
        .with_columns(pl.col("follow_up").fill_null(""))
        .select(
            "s",
            "y",
            "score",
            "colour",
            "indicators",
            "recommendation",
            "follow_up",
            "review_months",
        )
        .sort("s", "y")
    )
