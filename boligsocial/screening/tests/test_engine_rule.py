"""The traffic-light rule exists once: each column expression of the bulk path gives what the
pure `trafficlight` function gives (the single path calls those functions). No database."""

from decimal import Decimal
from fractions import Fraction

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boligsocial.screening.engine import bulk
from boligsocial.screening.engine.config import CompiledLegend, Config, Info, Policy
from boligsocial.screening.engine.single import compute_scope
from boligsocial.screening.trafficlight.legends import Colour, colour_for
from boligsocial.screening.trafficlight.scoring import (
    STORED_SCORE_DECIMALS,
    CompositeThresholds,
    Polarity,
    composite,
    direction,
    direction_of,
    since_when,
    trend,
)

TRENDS = [None, "unchanged", "worse", "better"]  # bulk's codes 0..3
DIRECTIONS = [None, "stable", "worsening", "improving"]
COLOUR_OF_CODE = [Colour.GREEN, Colour.YELLOW, Colour.RED]
# values x 10,000 as the bulk path sees them: stored (< 10^14) and derived ratios (< 10^18)
scaled = st.one_of(
    st.integers(min_value=-30, max_value=30),
    st.integers(min_value=-(10**14) + 1, max_value=10**14 - 1),
    st.integers(min_value=-(10**18) + 1, max_value=10**18 - 1),
)


def _bulk_trend_direction(rows, higher_worse):
    frame = pl.DataFrame(rows, schema={"e": pl.Int64, "v1": pl.Int64, "v2": pl.Int64}, orient="row")
    trend_code, direction_code = bulk._trend_direction(
        pl.col("e"), pl.col("v1"), pl.col("v2"), higher_worse
    )
    out = frame.select(trend_code.alias("t"), direction_code.alias("d"))
    return [(TRENDS[t], DIRECTIONS[d]) for t, d in out.iter_rows()]


def _pure(e, v1, v2, polarity):
    year = 2024
    by_year = {
        y: Decimal(v).scaleb(-4) for y, v in ((2022, v2), (2023, v1), (2024, e)) if v is not None
    }
    previous = by_year.get(2023)
    return (
        None if previous is None else trend(by_year[2024], previous, polarity),
        direction(by_year, year, polarity),
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(scaled, st.one_of(st.none(), scaled), st.one_of(st.none(), scaled)),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from(list(Polarity)),
)
def test_bulk_trend_and_direction_equal_the_pure_trend_and_direction(rows, polarity):
    higher_worse = polarity is Polarity.HIGHER_IS_WORSE
    expected = [_pure(e, v1, v2, polarity) for e, v1, v2 in rows]
    assert _bulk_trend_direction(rows, higher_worse) == expected


def test_a_derived_ratio_near_10_to_the_18_is_improving_not_stable():
    """Found by hypothesis: (e - v1) x n x 50 did not fit 64 bits and wrapped to "stable"."""
    v1, e = -461_168_601_841_580_000, 1_310_000  # ratio = convicted x 10,000 // 1
    assert direction_of([(-1, v1), (0, e)], Polarity.HIGHER_IS_BETTER) == "improving"
    assert _bulk_trend_direction([(e, v1, None)], False) == [("better", "improving")]
    assert _bulk_trend_direction([(e, v1, None)], True) == [("worse", "worsening")]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(min_value=-(10**6), max_value=10**6), max_size=4, unique=True),
    st.lists(scaled, min_size=1, max_size=20),
    st.randoms(use_true_random=False),
)
def test_bulk_colour_equals_colour_for(bounds, values, rnd):
    bounds = sorted(bounds)
    colours = tuple(rnd.choice(["green", "yellow", "red"]) for _ in range(len(bounds) + 1))
    legend = CompiledLegend(1, 1, tuple(bounds), colours)
    frame = pl.DataFrame({"v": values}, schema={"v": pl.Int64})
    codes = frame.select(bulk._colour(legend, pl.col("v")).alias("c")).get_column("c").to_list()
    expected = [colour_for(Decimal(v).scaleb(-4), legend.ranges) for v in values]
    assert [COLOUR_OF_CODE[c] for c in codes] == expected


WEIGHT = st.sampled_from([Decimal(0), Decimal(1), Decimal("0.5"), Decimal("2.125"), Decimal(999)])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(list(Colour)), WEIGHT), max_size=8),
    st.sampled_from([Decimal("0"), Decimal("33.34"), Decimal("50")]),
    st.sampled_from([Decimal("50"), Decimal("66.67"), Decimal("100")]),
)
def test_bulk_composite_score_and_colour_equal_the_pure_composite(items, yellow, red):
    thresholds = CompositeThresholds(yellow, red)
    cfg = Config([], {}, {}, 7, {}, thresholds, {None: Policy(0, {}, {})})
    points = {Colour.GREEN: 0, Colour.YELLOW: 50, Colour.RED: 100}
    num = sum(int(w.scaleb(3)) * points[c] for c, w in items)
    used = sum(int(w.scaleb(3)) for c, w in items)
    lights = pl.DataFrame(
        [(1, 2024, "", num, used, 0)],
        schema={"s": pl.Int64, "y": pl.Int64, "indicators": pl.String, "num": pl.Int64,
                "used": pl.Int64, "red_mask": pl.Int64},
        orient="row",
    )  # fmt: skip
    scopes = pl.DataFrame({"s": [1], "p": [-1]}, schema={"s": pl.Int64, "p": pl.Int64})
    policies = bulk.policy_frames(cfg)
    row = bulk._finish(cfg, lights, scopes, policies).row(0, named=True)
    pure = composite(items, thresholds)
    if pure.colour is None:
        assert (row["score"], row["colour"]) == (None, "none")
    else:
        score = pure.rounded_score(STORED_SCORE_DECIMALS)
        assert (row["score"], row["colour"]) == (str(score), pure.colour.value)


def test_rounded_score_is_half_even_from_the_exact_value():
    result = composite([(Colour.RED, Decimal(1)), (Colour.GREEN, Decimal(2))])
    assert result.exact_score == Fraction(100, 3)
    assert result.rounded_score(4) == Decimal("33.3333")
    assert result.rounded_score(1) == result.display_score == Decimal("33.3")
    eighth = composite([(Colour.YELLOW, Decimal(1)), (Colour.GREEN, Decimal(799))])
    assert eighth.exact_score == Fraction(1, 16)  # 0.0625: half-even to 0.062
    assert eighth.rounded_score(3) == Decimal("0.062")
    assert composite([(None, Decimal(1))]).rounded_score(4) is None


def _cfg(higher_worse=True):
    infos = [
        Info(1, "residents", "beboere", "", False, False, 0, "", False),
        Info(2, "outside", "andel uden for arbejde", "%", higher_worse, True, 1, "Job", True),
    ]
    legend = CompiledLegend(20, 2, (250_000, 400_000), ("green", "yellow", "red"))
    policy = Policy(100, {"green": "Årlig", "yellow": "Halvårlig", "red": "Kvartal"}, {"red": 3})
    return Config(
        infos,
        {i.code: i for i in infos},
        {2: legend},
        7,
        {2: Decimal(1)},
        CompositeThresholds(),
        {None: policy},
    )


@pytest.mark.parametrize("higher_worse", [True, False])
def test_the_single_path_stores_what_the_pure_functions_say(higher_worse):
    """One department, three years: every stored fact is the pure function's answer."""
    cfg = _cfg(higher_worse)
    polarity = Polarity.HIGHER_IS_WORSE if higher_worse else Polarity.HIGHER_IS_BETTER
    outside = {2022: Decimal("41.5"), 2023: Decimal("42"), 2024: Decimal("39.9")}
    values = {
        1: dict.fromkeys(outside, 500 * 10000),
        2: {y: int(v * 10_000) for y, v in outside.items()},
    }
    rows = compute_scope(cfg, values, cfg.policy(None), None)
    ranges = cfg.legends[2].ranges
    colours = {y: colour_for(v, ranges) for y, v in outside.items()}
    assert colours == {2022: Colour.RED, 2023: Colour.RED, 2024: Colour.YELLOW}
    for year, score, colour, indicators, themes, follow, review, versions in rows:
        cell = indicators["outside"]
        pure = composite([(colours[year], Decimal(1))])
        previous = outside.get(year - 1)
        assert cell == {
            "value": str(outside[year].quantize(Decimal("0.0001"))),
            "colour": colours[year].value,
            "trend": None if previous is None else trend(outside[year], previous, polarity),
            "direction": direction(outside, year, polarity),
            "since": since_when(colours, year),
            "suppressed": False,
            "legend_version": 2,
        }
        assert (score, colour) == (pure.rounded_score(4), pure.colour.value)
        assert themes == (["Job"] if colours[year] is Colour.RED else [])
        assert (follow, review, versions) == (
            {"red": "Kvartal", "yellow": "Halvårlig"}[colour],
            3 if colour == "red" else None,
            {"outside": 20},
        )
    assert [r[0] for r in rows] == [2022, 2023, 2024]
    assert rows[2][3]["outside"]["trend"] == ("better" if higher_worse else "worse")
    assert rows[1][3]["outside"]["since"] == 2022


def test_the_single_path_suppresses_below_the_minimum_and_without_residents():
    cfg = _cfg()
    values = {1: {2023: 99 * 10_000, 2024: 100 * 10_000}, 2: {2022: 300_000, 2023: 300_000,
              2024: 300_000}}  # fmt: skip
    rows = {r[0]: r for r in compute_scope(cfg, values, cfg.policy(None), None)}
    assert [rows[y][3]["outside"]["suppressed"] for y in (2022, 2023, 2024)] == [True, True, False]
    assert [rows[y][2] for y in (2022, 2023, 2024)] == ["none", "none", "yellow"]
    assert rows[2024][3]["outside"]["since"] == 2024  # suppressed years break the run
    assert rows[2024][3]["outside"]["trend"] is None
    negative = {1: {2024: -5 * 10_000}, 2: {2024: 300_000}}  # counts as unknown: suppressed
    [(_, _, colour, indicators, *_)] = compute_scope(cfg, negative, Policy(0, {}, {}), None)
    assert (colour, indicators["outside"]["suppressed"]) == ("none", True)
