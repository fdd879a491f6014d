"""The bulk screening path: many scopes at once, vectorised with polars (benchmark P1).

`light_rows(cfg, frame, ...)` computes the stored facts of every light of the scopes in `frame`
(one row per stored indicator value: scope `s`, indicator `i`, year `y`, value x 10,000 `v`)
and returns a polars frame with the `Light` columns, bit for bit what the single path
(`compute.compute_scope` + `compute._light_rows`) gives for the same input (tested, also with
hypothesis on generated data). Every rule is on exact integers (values x 10,000, weights x 1,000):

* suppression: register/survey figures of a (scope, year) without residents or with fewer than
  the scope's policy's `min_residents` become null, before anything else;
* colour: the compiled legend of the indicator as a chain of `>=` comparisons on the scaled
  boundaries (a value on a boundary belongs to the upper range);
* trend: the value of year - 1 of the same (scope, indicator) = the previous row, if its year is
  year - 1 (rows are sorted by scope, indicator, year);
* 3-year direction: the exact integer least-squares rule of `compute.fast_direction` on the
  window (year - 2, year - 1, year), in closed form on the previous two rows;
* since: the start of the run of equal colours in consecutive years (a cumulative run id);
* composite: sum(weight x points) / sum(weight) per (scope, year) as a group_by, colour by
  cross-multiplication with the thresholds, score rounded half-even to 4 decimals in integers;
* cells: the per-indicator text of `screening.cells` (code, scaled value, flags, since, legend
  version and legend set), built as strings from the few distinct (indicator, colour, trend,
  direction, since, legend set) combinations and joined in indicator order; the recommendation
  is a bit mask over the indicators, mapped to its JSON once per distinct mask.

Values must fit the database column (|value| < 10^10, i.e. |v| < 10^14): then every
intermediate fits in 64 bits. `handles()` checks it (and the number of indicators);
`compute.screen` falls back to the single path
otherwise.

The Danish analysis is not made here: it is rendered when a light is read (`analysis.py`).
"""

from __future__ import annotations

import json
from fractions import Fraction

import polars as pl

from boligsocial.screening import cells
from boligsocial.screening.services.compute import (
    CONVICTED_CODE,
    RATIO_CODE,
    RESIDENTS_CODE,
    SCALE,
    Config,
)

VALUE_LIMIT = 10**14  # |value x 10,000| below this: all intermediates fit in Int64
MAX_INDICATORS = 256  # the sort key is scope x 2^24 + indicator rank x 2^16 + year
FRAME_SCHEMA = {"s": pl.Int64, "i": pl.Int64, "y": pl.Int64, "v": pl.Int64}
_COLOUR_CODES = {"green": 0, "yellow": 1, "red": 2}
_TOL = Fraction(1, 50)  # DEFAULT_STABLE_TOLERANCE (checked in compute)


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
    (`fits`) and its indicators fit the sort key (`MAX_INDICATORS`)."""
    return len(cfg.infos) < MAX_INDICATORS and fits(frame)


def fits(frame: pl.DataFrame) -> bool:
    if frame.is_empty():
        return True
    return bool(frame.select(pl.col("v").abs().max() < VALUE_LIMIT).item())


def _legend_expr(cfg: Config, value: pl.Expr) -> pl.Expr:
    """Colour code (0 green, 1 yellow, 2 red) of `value` under the indicator's legend."""
    expr = None
    for info in cfg.light_infos:
        legend = cfg.legends[info.id]
        codes = [_COLOUR_CODES[c] for c in legend.colours]
        inner = None
        # bisect_right: index = number of boundaries <= value
        for k in range(len(legend.boundaries), 0, -1):
            cond = value >= legend.boundaries[k - 1]
            inner = (
                pl.when(cond).then(codes[k]) if inner is None else inner.when(cond).then(codes[k])
            )
        inner = pl.lit(codes[0]) if inner is None else inner.otherwise(codes[0])
        cond = pl.col("i") == info.id
        expr = pl.when(cond).then(inner) if expr is None else expr.when(cond).then(inner)
    if expr is None:
        return pl.lit(None, dtype=pl.Int8)
    return expr.otherwise(None).cast(pl.Int8)


def _infos_frame(cfg: Config) -> pl.DataFrame:
    light_ids = {i.id for i in cfg.light_infos}
    rows = []
    for rank, info in enumerate(cfg.infos):
        rows.append(
            {
                "i": info.id,
                "rank": rank,
                "suppressible": info.suppressible,
                "light": info.id in light_ids,
                "hw": info.higher_worse,
                "w": cfg.weights_scaled.get(info.id, 0) if info.id in light_ids else 0,
                "theme_bit": (1 << rank) if info.theme else 0,
            }
        )
    schema = {
        "i": pl.Int64,
        "rank": pl.Int64,
        "suppressible": pl.Boolean,
        "light": pl.Boolean,
        "hw": pl.Boolean,
        "w": pl.Int64,
        "theme_bit": pl.Int64,
    }
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def with_derived_ratio(cfg: Config, frame: pl.DataFrame, national: dict) -> pl.DataFrame:
    """Add convicted_ratio_national = convicted x 10,000 // national convicted (floor, as
    `compute._with_derived_ratio`) where the scope has no stored ratio for that year."""
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
    infos = _infos_frame(cfg)
    s, i, y, e = pl.col("s"), pl.col("i"), pl.col("y"), pl.col("e")
    sy = s * 65_536 + y  # years are 0..32767
    frame = frame.with_columns(sy.alias("sy"))
    scope_years = frame.select("sy").unique()
    residents = cfg.by_code.get(RESIDENTS_CODE)
    min_by_scope = scopes.join(policies.select("p", "min_scaled").unique(), on="p", how="left")
    if residents is None:
        suppressed = scope_years.with_columns(sup=pl.lit(True))
    else:
        res = frame.filter(i == residents.id).select("sy", "s", pl.col("v").alias("r"))
        suppressed = (
            res.join(min_by_scope.select("s", "min_scaled"), on="s", how="left")
            .select("sy", (pl.col("r") >= pl.col("min_scaled")).fill_null(False).alias("ok"))
            .join(scope_years, on="sy", how="right")
            .select("sy", (~pl.col("ok").fill_null(False)).alias("sup"))
        )
    rows = (
        frame.join(infos, on="i", how="inner")
        .join(suppressed, on="sy", how="left")
        .with_columns(
            pl.when(pl.col("suppressible") & pl.col("sup"))
            .then(None)
            .otherwise(pl.col("v"))
            .alias("e"),
            (s * 2**24 + pl.col("rank") * 65_536 + y).alias("k"),
        )
        .sort("k")
    )
    # k packs (scope, indicator rank, year) and the rows are sorted by it: the row before is the
    # same scope and indicator one year earlier exactly when its k is k - 1 (two years: k - 2).
    k = pl.col("k")
    rows = rows.with_columns((k - k.shift(1)).alias("d1"), (k - k.shift(2)).alias("d2"))
    d1, d2 = pl.col("d1"), pl.col("d2")
    rows = rows.with_columns(
        pl.when(pl.col("light") & e.is_not_null()).then(_legend_expr(cfg, e)).alias("c"),
        pl.when(d1 == 1).then(e.shift(1)).alias("v1"),
        pl.when(d1 == 2).then(e.shift(1)).when(d2 == 2).then(e.shift(2)).alias("v2"),
    )
    c, v1, v2, hw = pl.col("c"), pl.col("v1"), pl.col("v2"), pl.col("hw")
    # The direction rule of `compute.fast_direction` in closed form. The least-squares slope of
    # the window (year - 2, year - 1, year) is (e - v1) / 1 with only v1, and (e - v2) / 2 with
    # v2 (with or without v1); stable when |slope| <= tolerance x |mean of the n values|, i.e.
    # |num| x n x tol.den <= tol.num x den x |sum| (no product larger than fast_direction's).
    with_v2 = v2.is_not_null()
    slope_num = pl.when(with_v2).then(e - v2).otherwise(e - v1)
    slope_den = pl.when(with_v2).then(2).otherwise(1)
    n = 1 + v1.is_not_null().cast(pl.Int64) + with_v2.cast(pl.Int64)
    sv = e + v1.fill_null(0) + v2.fill_null(0)
    stable = slope_num.abs() * n * _TOL.denominator <= _TOL.numerator * slope_den * sv.abs()
    # codes: direction 0 none, 1 stable, 2 worsening, 3 improving; trend 0 none, 1 unchanged,
    # 2 worse, 3 better
    direction = (
        pl.when(n < 2).then(0).when(stable).then(1).when((slope_num > 0) == hw).then(2).otherwise(3)
    )
    trend = (
        pl.when(v1.is_null())
        .then(0)
        .when(e == v1)
        .then(1)
        .when((e > v1) == hw)
        .then(2)
        .otherwise(3)
    )
    run_start = ~((d1 == 1) & (c.shift(1) == c)).fill_null(False)
    coloured = c.is_not_null()
    year_min, year_max = frame.select(y.min().alias("lo"), y.max().alias("hi")).row(0)
    span = year_max - year_min + 2
    rank = pl.col("rank")
    rows = rows.with_columns(
        pl.when(coloured).then(trend).otherwise(0).alias("t"),
        pl.when(coloured).then(direction).otherwise(0).alias("d"),
        pl.when(run_start).then(y).forward_fill().alias("since"),
        pl.when(coloured).then(pl.col("w") * c.cast(pl.Int64) * 50).alias("points"),
        pl.when(coloured).then(pl.col("w")).alias("used"),
        pl.when(c == 2).then(pl.col("theme_bit")).alias("red_bits"),
        # k // 2^16 = (scope, indicator rank): one integer key is cheaper than two
        (pl.col("light") & coloured.any().over(k // 65_536)).cast(pl.Int64).alias("lv"),
    ).with_columns(
        (
            (
                (
                    ((rank * 4 + (c.cast(pl.Int64) + 1).fill_null(0)) * 4 + pl.col("t")) * 4
                    + pl.col("d")
                )
                * span
                + pl.when(coloured).then(pl.col("since") - year_min + 1).otherwise(0)
            )
            * 2
            + pl.col("lv")
        ).alias("tail"),
    )
    heads, tails = _fragment_maps(cfg, rows, year_min, span)
    rows = rows.with_columns(
        pl.concat_str(
            pl.col("rank").replace_strict(heads, return_dtype=pl.String),
            e.cast(pl.String).fill_null(""),
            pl.col("tail").replace_strict(tails, return_dtype=pl.String),
        ).alias("frag")
    )
    per_light = (
        rows.group_by("sy")
        .agg(
            pl.col("frag").alias("indicators"),  # a list in row order, i.e. indicator order
            pl.col("points").sum().alias("num"),
            pl.col("used").sum().alias("used"),
            pl.col("red_bits").sum().alias("red_mask"),
        )
        .with_columns(pl.col("indicators").list.join(";"))  # 3x faster than str.join in agg
    )
    lights = scope_years.join(per_light, on="sy", how="left").with_columns(
        (pl.col("sy") // 65_536).alias("s"), (pl.col("sy") % 65_536).alias("y")
    )
    if years is not None:
        lights = lights.filter(y.is_in(sorted(years)))
    return _finish(cfg, lights, scopes, policies)


# flag characters by code (index 0 = none), in the order of the codes above
_COLOUR_FLAGS = [cells.COLOURS[None], cells.COLOURS["green"], cells.COLOURS["yellow"],
                 cells.COLOURS["red"]]  # fmt: skip
_TREND_FLAGS = [cells.TRENDS[k] for k in (None, "unchanged", "worse", "better")]
_DIRECTION_FLAGS = [cells.DIRECTIONS[k] for k in (None, "stable", "worsening", "improving")]


def _fragment_maps(cfg: Config, rows: pl.DataFrame, year_min: int, span: int):
    """The cell text around each value (`screening.cells`): head = 'code,' per indicator rank,
    tail = ',flags,since,legend_version,legend_set' for the distinct (indicator, colour, trend,
    direction, since, legend set) codes that occur. A suppressed value has no colour, hence
    '---' and no since or version."""
    heads = {rank: f"{info.code}," for rank, info in enumerate(cfg.infos)}
    tails = {}
    for key in rows.get_column("tail").unique().to_list():
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
    return heads, tails


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
