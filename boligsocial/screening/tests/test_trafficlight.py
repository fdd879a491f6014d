"""Tests for the traffic-light rules (legends, scoring, analysis). Pure Python, no DB."""

import itertools
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.screening.trafficlight import (
    DEFAULT_FOLLOW_UP,
    DEFAULT_THRESHOLDS,
    Colour,
    Comparison,
    CompositeResult,
    CompositeThresholds,
    IndicatorResult,
    LegendRange,
    Polarity,
    analyse,
    colour_for,
    composite,
    direction,
    follow_up,
    format_number,
    join_danish,
    least_squares_slope,
    since_when,
    suppress,
    trend,
    validate_legend,
)

# Mutation testing (`make mutation`, decision 0017) of scoring.py and legends.py, measured again
# after the engine's single path moved onto these functions (issue 12): 513 of 528 mutants
# killed (97.2 %; every mutant of legends.py). The 15 that survive in scoring.py cannot be
# killed by a test:
# * direction__mutmut_36 (`_require_decimal(name, None)`): raises the same message as for the
#   bad value; _40 (t + year): the slope does not change when every year is shifted;
#   _46, _49, _51 and least_squares_slope__mutmut_9, _12, _13: zip's strict= (one length).
# * direction_of__mutmut_15 (num >= 0): a slope of 0 (num 0) is "stable" before the sign is
#   looked at.
# * trend__mutmut_26 (current >= previous): equal values are "unchanged" before.
# * _round_half_even__mutmut_14, _16 (quantize in the default context), _19 (Decimal(2) instead
#   of Decimal(1)): the value is already rounded by Fraction's round(), so quantize only sets
#   the exponent, which 2 and 1 share.
# * CompositeThresholds.colour_for_score__mutmut_2, _3: Fraction(score) of a Fraction is the
#   same Fraction.

D = Decimal
G, Y, R = Colour.GREEN, Colour.YELLOW, Colour.RED
WORSE, BETTER = Polarity.HIGHER_IS_WORSE, Polarity.HIGHER_IS_BETTER


def legend(*bounds_and_colours):
    """legend(G, "25", Y, "40", R) -> [(-inf, 25) green, [25, 40) yellow, [40, inf) red]."""
    colours = bounds_and_colours[::2]
    bounds = [None, *(D(b) for b in bounds_and_colours[1::2]), None]
    return [LegendRange(bounds[i], bounds[i + 1], c) for i, c in enumerate(colours)]


def rng(lower, upper, colour=G):
    return LegendRange(
        None if lower is None else D(lower), None if upper is None else D(upper), colour
    )


STANDARD = legend(G, "25", Y, "40", R)


def test_trafficlight_package_imports_no_django():
    code = (
        "import sys, boligsocial.screening.trafficlight; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- colours, numbers


@pytest.mark.parametrize(
    ("colour", "value", "label", "plural", "neuter"),
    [
        (G, "green", "grøn", "grønne", "grønt"),
        (Y, "yellow", "gul", "gule", "gult"),
        (R, "red", "rød", "røde", "rødt"),
    ],
)
def test_colour_has_stable_value_and_danish_labels(colour, value, label, plural, neuter):
    assert (colour.value, colour.label, colour.label_plural, colour.label_neuter) == (
        value,
        label,
        plural,
        neuter,
    )


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        ("43.14", 1, "43,1"),
        ("43.15", 1, "43,2"),  # halvt-lige: 1 er ulige -> op
        ("43.25", 1, "43,2"),  # halvt-lige: 2 er lige -> ned
        ("12", 1, "12,0"),
        ("1234.5", 1, "1.234,5"),
        ("1234567", 0, "1.234.567"),
        ("999", 0, "999"),
        ("-1234.56", 1, "-1.234,6"),
        ("-0.04", 1, "0,0"),
        ("30.0", None, "30,0"),
        ("1E+3", None, "1.000"),
        ("0.125", None, "0,125"),
    ],
)
def test_format_number_uses_danish_separators_and_half_even(value, decimals, expected):
    assert format_number(D(value), decimals) == expected


def test_format_number_rejects_float():
    with pytest.raises(
        TypeError, match=r"^value skal være en endelig decimal\.Decimal \(ikke float\)$"
    ):
        format_number(1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], ""), (["a"], "a"), (["a", "b"], "a og b"), (["a", "b", "c"], "a, b og c")],
)
def test_join_danish_has_no_comma_before_og(items, expected):
    assert join_danish(items) == expected


# --------------------------------------------------------------------------- legends


@pytest.mark.parametrize(
    "ranges",
    [
        legend(G, "25", Y, "40", R),
        legend(R, "55", Y, "65", G),  # højere er bedre (indkomst)
        legend(G, "0", R),
        legend(G, "-1.5", Y, "0.25", Y, "1000", R),
    ],
)
def test_valid_legends_have_no_errors(ranges):
    assert validate_legend(ranges) == []


LEGEND_ERRORS = [
    (
        "gap",
        [rng(None, "25"), rng("30", "40"), rng("40", None)],
        ["Interval 2 starter ved 30, men interval 1 slutter ved 25: der er et hul."],
    ),
    (
        "overlap",
        [rng(None, "25"), rng("20", "40"), rng("40", None)],
        [
            "Interval 2 starter ved 20, men interval 1 slutter først ved 25: "
            "intervallerne overlapper."
        ],
    ),
    (
        "same lower bound twice is an overlap",
        [rng(None, "25"), rng("25", "40"), rng("25", None)],
        [
            "Interval 3 starter ved 25, men interval 2 slutter først ved 40: "
            "intervallerne overlapper."
        ],
    ),
    (
        "unordered",
        [rng(None, "25"), rng("40", None), rng("25", "40")],
        [
            "Interval 3 starter ved 25, men interval 2 starter ved 40: "
            "intervallerne skal stå i stigende rækkefølge."
        ],
    ),
    (
        "descending",
        [rng("60", None), rng("30", "60"), rng(None, "30")],
        [
            "Interval 2 starter ved 30, men interval 1 starter ved 60: "
            "intervallerne skal stå i stigende rækkefølge.",
            "Interval 3 har ingen nedre grænse, men står efter interval 2: "
            "intervallerne skal stå i stigende rækkefølge.",
        ],
    ),
    (
        "single range",
        [rng(None, None)],
        ["Farveskalaen skal have mindst 2 intervaller, men har 1."],
    ),
    ("no ranges", [], ["Farveskalaen skal have mindst 2 intervaller, men har 0."]),
    (
        "first range bounded below",
        [rng("0", "25"), rng("25", None)],
        ["Interval 1 skal være åbent nedadtil (uden nedre grænse), men starter ved 0."],
    ),
    (
        "last range bounded above",
        [rng(None, "25"), rng("25", "100.5")],
        ["Interval 2 skal være åbent opadtil (uden øvre grænse), men slutter ved 100,5."],
    ),
    (
        "both ends bounded",
        [rng("0", "25"), rng("25", "100")],
        [
            "Interval 1 skal være åbent nedadtil (uden nedre grænse), men starter ved 0.",
            "Interval 2 skal være åbent opadtil (uden øvre grænse), men slutter ved 100.",
        ],
    ),
    (
        "lower equals upper",
        [rng(None, "30"), rng("30", "30"), rng("30", None)],
        [
            "Interval 2 starter ved 30 og slutter ved 30: "
            "den nedre grænse skal være mindre end den øvre."
        ],
    ),
    (
        "inverted range",
        [rng(None, "30"), rng("30", "20"), rng("20", None)],
        [
            "Interval 2 starter ved 30 og slutter ved 20: "
            "den nedre grænse skal være mindre end den øvre.",
            "Interval 3 starter ved 20, men interval 2 starter ved 30: "
            "intervallerne skal stå i stigende rækkefølge.",
        ],
    ),
    (
        "interior range unbounded below",
        [rng(None, "25"), rng(None, "40"), rng("40", None)],
        ["Interval 2 mangler en nedre grænse: kun interval 1 må være åbent nedadtil."],
    ),
    (
        "interior range unbounded above",
        [rng(None, "25"), rng("25", None), rng("40", None)],
        ["Interval 2 mangler en øvre grænse: kun det sidste interval må være åbent opadtil."],
    ),
    (
        "thousands and decimals in the message",
        [rng(None, "1000.5"), rng("1234.25", None)],
        ["Interval 2 starter ved 1.234,25, men interval 1 slutter ved 1.000,5: der er et hul."],
    ),
]


@pytest.mark.parametrize(
    ("ranges", "expected"),
    [(r, e) for _, r, e in LEGEND_ERRORS],
    ids=[name for name, _, _ in LEGEND_ERRORS],
)
def test_validate_legend_reports_danish_messages(ranges, expected):
    assert validate_legend(ranges) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("-1000000", G),
        ("0", G),
        ("24.999999", G),
        ("25", Y),  # præcis på grænsen -> det øverste interval, [25, 40)
        ("25.0000", Y),
        ("39.99", Y),
        ("40", R),
        ("40.000001", R),
        ("1E+9", R),
    ],
)
def test_colour_for_uses_half_open_ranges(value, expected):
    assert colour_for(D(value), STANDARD) is expected


def test_colour_for_higher_is_better_legend():
    income = legend(R, "55", Y, "65", G)
    assert [colour_for(D(v), income) for v in ("54.99", "55", "64.99", "65")] == [R, Y, Y, G]


def test_colour_for_value_outside_an_invalid_legend_raises_danish_error():
    with pytest.raises(
        ValueError, match=r"^Værdien 1\.000 ligger ikke i noget interval i farveskalaen\.$"
    ):
        colour_for(D("1000"), [rng("0", "25"), rng("25", "100")])


BOUND = r" skal være None eller en endelig decimal\.Decimal \(ikke float\)$"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: LegendRange(25.0, None, G), "^lower" + BOUND),  # type: ignore[arg-type]
        (lambda: LegendRange(None, D("NaN"), G), "^upper" + BOUND),
        (lambda: LegendRange(None, D("Infinity"), G), "^upper" + BOUND),
        (lambda: LegendRange(None, D(1), "green"), r"^colour skal være en Colour$"),  # type: ignore[arg-type]
        (
            lambda: colour_for(25.0, STANDARD),  # type: ignore[arg-type]
            r"^value skal være en endelig decimal\.Decimal \(ikke float\)$",
        ),
    ],
)
def test_floats_and_non_finite_bounds_are_rejected(make, message):
    with pytest.raises(TypeError, match=message):
        make()


# --------------------------------------------------------------------------- trend, direction


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "expected"),
    [
        ("43.1", "40.0", WORSE, "worse"),
        ("39.9", "40.0", WORSE, "better"),
        ("40.00", "40", WORSE, "unchanged"),
        ("60", "55", BETTER, "better"),
        ("50", "55", BETTER, "worse"),
        ("55", "55", BETTER, "unchanged"),
        ("40.0000001", "40", WORSE, "worse"),
        (None, "40", WORSE, None),
        ("40", None, WORSE, None),
    ],
)
def test_trend_against_last_year(current, previous, polarity, expected):
    as_d = lambda v: None if v is None else D(v)  # noqa: E731
    assert trend(as_d(current), as_d(previous), polarity) == expected


def series(**values):
    return {int(k[1:]): (None if v is None else D(v)) for k, v in values.items()}


@pytest.mark.parametrize(
    ("values", "polarity", "expected"),
    [
        (series(y2023="30", y2024="35", y2025="40"), WORSE, "worsening"),
        (series(y2023="30", y2024="35", y2025="40"), BETTER, "improving"),
        (series(y2023="40", y2024="35", y2025="30"), WORSE, "improving"),
        # hældning 2 pr. år, gennemsnit 100: 2 <= 2 % x 100 -> stabil (grænsen er med)
        (series(y2024="99", y2025="101"), WORSE, "stable"),
        # hældning 2,02 > 2 % x 100 = 2 -> forværret
        (series(y2024="98.99", y2025="101.01"), WORSE, "worsening"),
        # hældning 2,005 > 2 % x 100,0025 = 2,00005 -> forværret (gennemsnittet er præcist)
        (series(y2024="99", y2025="101.005"), WORSE, "worsening"),
        # mindste kvadrater: 10, 20, 12 -> hældning 1, gennemsnit 14 -> 1 > 0,28
        (series(y2023="10", y2024="20", y2025="12"), WORSE, "worsening"),
        # 10, 30, 10.4 -> hældning 0,2, gennemsnit 16,8 -> 0,2 <= 0,336 -> stabil
        (series(y2023="10", y2024="30", y2025="10.4"), WORSE, "stable"),
        (series(y2023="0", y2024="0", y2025="0"), WORSE, "stable"),
        (series(y2023="30", y2024=None, y2025="40"), WORSE, "worsening"),
        (series(y2023="30", y2025="40"), BETTER, "improving"),
        (series(y2025="40"), WORSE, None),
        (series(y2023="30", y2024=None, y2025=None), WORSE, None),
        # 2022 ligger uden for vinduet 2023-2025
        (series(y2022="10", y2025="40"), WORSE, None),
        # 2026 ligger efter analyseåret og tæller ikke
        (series(y2024="50", y2025="50", y2026="90"), WORSE, "stable"),
        ({}, WORSE, None),
    ],
)
def test_direction_over_three_years(values, polarity, expected):
    assert direction(values, 2025, polarity) == expected


@pytest.mark.parametrize(
    ("tolerance", "expected"),
    [("0", "worsening"), ("0.0099", "worsening"), ("0.01", "stable"), ("0.5", "stable")],
)
def test_direction_tolerance_is_a_parameter(tolerance, expected):
    # hældning 1, gennemsnit 100 -> stabil når tolerance x 100 >= 1
    values = series(y2023="99", y2024="100", y2025="101")
    assert direction(values, 2025, WORSE, tolerance=D(tolerance)) == expected


def test_direction_rejects_negative_tolerance_and_float_values():
    with pytest.raises(ValueError, match=r"^tolerance må ikke være negativ$"):
        direction(series(y2024="1", y2025="2"), 2025, WORSE, tolerance=D("-0.01"))
    message = r"^værdien for 2024 skal være en endelig decimal\.Decimal \(ikke float\)$"
    with pytest.raises(TypeError, match=message):
        direction({2024: 1.0, 2025: D(2)}, 2025, WORSE)


DECIMAL = r" skal være en endelig decimal\.Decimal \(ikke float\)$"
INTEGER = r" skal være et heltal$"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: trend(40.0, D(40), WORSE), "^current" + DECIMAL),
        (lambda: trend(D(40), 40.0, WORSE), "^previous" + DECIMAL),
        (lambda: direction(series(y2025="1"), "2025", WORSE), "^year" + INTEGER),
        (lambda: direction(series(y2025="1"), 2025, WORSE, tolerance=0.02), "^tolerance" + DECIMAL),
        (lambda: direction(series(y2025="1"), 2025, WORSE, tolerance=None), "^tolerance" + DECIMAL),
        (lambda: since_when({2025: R}, 2025.0), "^year" + INTEGER),
        (lambda: CompositeThresholds(yellow_from=30.0), "^yellow_from" + DECIMAL),
        (lambda: CompositeThresholds(red_from=60.0), "^red_from" + DECIMAL),
        (lambda: CompositeThresholds(red_from=None), "^red_from" + DECIMAL),
        (lambda: follow_up("red"), r"^colour skal være en Colour$"),
    ],
)
def test_the_rules_name_the_argument_that_has_the_wrong_type(call, message):
    with pytest.raises(TypeError, match=message):
        call()


@pytest.mark.parametrize(
    ("colours", "year", "expected"),
    [
        ({2023: R, 2024: R, 2025: R}, 2025, 2023),
        ({2022: Y, 2023: R, 2024: R, 2025: R}, 2025, 2023),
        ({2023: R, 2024: Y, 2025: R}, 2025, 2025),
        ({2022: R, 2023: None, 2024: R, 2025: R}, 2025, 2024),  # diskretioneret år bryder
        ({2022: R, 2024: R, 2025: R}, 2025, 2024),  # manglende år bryder
        ({2024: G, 2025: G}, 2025, 2024),
        ({2023: R, 2024: R, 2025: R}, 2024, 2023),  # senere år tæller ikke
        ({2024: R, 2025: None}, 2025, None),
        ({}, 2025, None),
    ],
)
def test_since_when_gives_first_year_of_current_run(colours, year, expected):
    assert since_when(colours, year) == expected


# --------------------------------------------------------------------------- composite

COMPOSITES = [
    ("all green", [(G, "1"), (G, "1")], "0", G, "2"),
    ("all yellow", [(Y, "1"), (Y, "2")], "50", Y, "3"),
    ("all red", [(R, "1")], "100", R, "1"),
    ("one of each", [(G, "1"), (Y, "1"), (R, "1")], "50", Y, "3"),
    ("weighted", [(G, "3"), (R, "1")], "25", G, "4"),
    ("decimal weights", [(R, "0.5"), (Y, "1.5")], "62.5", Y, "2.0"),
    # 1 rød af 3 -> 33,333... < 33,34 -> grøn
    (
        "one third red",
        [(R, "1"), (G, "1"), (G, "1")],
        "33.33333333333333333333333333333333333333",
        G,
        "3",
    ),
    # 2 røde af 3 -> 66,666... < 66,67 -> gul
    (
        "two thirds red",
        [(R, "1"), (R, "1"), (G, "1")],
        "66.66666666666666666666666666666666666667",
        Y,
        "3",
    ),
    ("exactly 33.34 is yellow", [(Y, "6668"), (G, "3332")], "33.34", Y, "10000"),
    ("just below 33.34", [(Y, "6667"), (G, "3333")], "33.335", G, "10000"),
    ("exactly 66.67 is red", [(R, "3334"), (Y, "6666")], "66.67", R, "10000"),
    ("just below 66.67", [(R, "3333"), (Y, "6667")], "66.665", Y, "10000"),
    ("suppressed skipped", [(R, "1"), (None, "5"), (G, "1")], "50", Y, "2"),
    ("suppressed only", [(None, "1"), (None, "2")], None, None, "0"),
    ("zero weight only", [(R, "0")], None, None, "0"),
    ("zero weight ignored", [(R, "0"), (G, "1")], "0", G, "1"),
    ("empty", [], None, None, "0"),
]


@pytest.mark.parametrize(
    ("items", "score", "colour", "used"),
    [(i, s, c, u) for _, i, s, c, u in COMPOSITES],
    ids=[name for name, *_ in COMPOSITES],
)
def test_composite_score_colour_and_used_weight(items, score, colour, used):
    result = composite([(c, D(w)) for c, w in items])
    assert result == CompositeResult(None if score is None else D(score), colour, D(used))
    assert result.used_weight == D(used)


@pytest.mark.parametrize(
    ("items", "display"),
    [
        ([(R, "1"), (G, "2")], "33.3"),
        ([(R, "2"), (G, "1")], "66.7"),
        ([(Y, "665"), (G, "335")], "33.2"),  # 33,25 -> halvt-lige ned
        ([(Y, "667"), (G, "333")], "33.4"),  # 33,35 -> halvt-lige op
        ([(Y, "1")], "50.0"),
        ([(None, "1")], None),
    ],
)
def test_composite_display_score_rounds_half_even_from_the_exact_value(items, display):
    result = composite([(c, D(w)) for c, w in items])
    assert result.display_score == (None if display is None else D(display))
    if display is not None:
        assert str(result.display_score) == display


def test_composite_keeps_the_exact_fraction():
    result = composite([(R, D(1)), (G, D(2))])
    assert result.exact_score == Fraction(100, 3)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([(G, "1"), (Y, "1")], G),  # 25 < 30
        ([(Y, "3"), (G, "2")], Y),  # 30 -> gul
        ([(Y, "1")], Y),  # 50 < 60
        ([(R, "1"), (Y, "4")], R),  # 60 -> rød
    ],
)
def test_composite_uses_configurable_thresholds(items, expected):
    thresholds = CompositeThresholds(yellow_from=D("30"), red_from=D("60"))
    assert composite([(c, D(w)) for c, w in items], thresholds).colour is expected


def test_default_thresholds():
    assert CompositeThresholds(D("33.34"), D("66.67")) == DEFAULT_THRESHOLDS


@pytest.mark.parametrize(
    ("yellow_from", "red_from", "colours"),
    [
        # (score -> colour) at and around the edges that are allowed
        ("0", "50", {"0": Y, "49.99": Y, "50": R}),  # nothing is green
        ("40", "40", {"39.99": G, "40": R, "100": R}),  # nothing is yellow
        ("50", "100", {"49.99": G, "50": Y, "99.99": Y, "100": R}),  # only 100 is red
        ("0", "0", {"0": R, "100": R}),
        ("100", "100", {"99.99": G, "100": R}),
    ],
)
def test_thresholds_at_their_edges_are_accepted(yellow_from, red_from, colours):
    thresholds = CompositeThresholds(yellow_from=D(yellow_from), red_from=D(red_from))
    assert (thresholds.yellow_from, thresholds.red_from) == (D(yellow_from), D(red_from))
    assert {score: thresholds.colour_for_score(D(score)) for score in colours} == colours


THRESHOLDS = r"^Grænserne skal opfylde 0 <= grænsen for gul <= grænsen for rød <= 100\.$"


@pytest.mark.parametrize(("yellow_from", "red_from"), [("70", "60"), ("-1", "50"), ("40", "100.1")])
def test_invalid_thresholds_are_rejected(yellow_from, red_from):
    with pytest.raises(ValueError, match=THRESHOLDS):
        CompositeThresholds(D(yellow_from), D(red_from))


WEIGHT = r"^weight skal være en endelig decimal\.Decimal \(ikke float\)$"


@pytest.mark.parametrize(
    ("items", "error", "message"),
    [
        ([(R, D("-1"))], ValueError, r"^En vægt må ikke være negativ\.$"),
        ([(R, 1.0)], TypeError, WEIGHT),
        ([(R, D("NaN"))], TypeError, WEIGHT),
        ([(R, None)], TypeError, WEIGHT),
        ([("red", D(1))], TypeError, r"^colour skal være en Colour eller None$"),
    ],
)
def test_composite_rejects_bad_weights_and_colours(items, error, message):
    with pytest.raises(error, match=message):
        composite(items)


# --------------------------------------------------------------------------- suppression


@pytest.mark.parametrize(
    ("residents", "min_residents", "expected"),
    [
        (49, 50, None),
        (50, 50, D("12.5")),  # "færre end" 50: 50 beboere er nok
        (51, 50, D("12.5")),
        (0, 0, D("12.5")),
        (99, 100, None),
        (None, 50, None),  # ukendt grundlag vises ikke
    ],
)
def test_suppress_values_from_too_few_residents(residents, min_residents, expected):
    assert suppress(D("12.5"), residents, min_residents) == expected


def test_suppress_keeps_missing_value_missing():
    assert suppress(None, 1000, 50) is None


def test_suppress_has_no_default_threshold():
    with pytest.raises(TypeError, match=r"missing 1 required positional argument: 'min_residents'"):
        suppress(D(1), 10)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("residents", "min_residents", "error", "message"),
    [
        (10, -1, ValueError, r"^min_residents må ikke være negativ$"),
        (-1, 10, ValueError, r"^residents må ikke være negativ$"),
        (10, 10.0, TypeError, r"^min_residents skal være et heltal$"),
        (True, 10, TypeError, r"^residents skal være et heltal$"),
    ],
)
def test_suppress_rejects_bad_counts(residents, min_residents, error, message):
    with pytest.raises(error, match=message):
        suppress(D(1), residents, min_residents)


# --------------------------------------------------------------------------- follow-up


@pytest.mark.parametrize(
    ("colour", "expected"),
    [
        (R, "Handlingsplan og opfølgning hvert kvartal"),
        (Y, "Opfølgning hvert halve år"),
        (G, "Årlig screening"),
    ],
)
def test_default_follow_up_per_colour(colour, expected):
    assert follow_up(colour) == expected
    assert DEFAULT_FOLLOW_UP[colour] == expected


def test_follow_up_rules_are_configurable():
    rules = {R: "Handlingsplan og opfølgning hver måned", Y: "Kvartalsvis opfølgning"}
    assert follow_up(R, rules) == "Handlingsplan og opfølgning hver måned"
    with pytest.raises(ValueError, match=r"^Der er ikke angivet nogen opfølgning for grøn\.$"):
        follow_up(G, rules)


# --------------------------------------------------------------------------- analysis

OUTSIDE = "andel uden for arbejde og uddannelse"
BASIC = "andel med grundskole som højeste uddannelse"


def ind(code, colour, value="10", **kw):
    kw.setdefault("name", f"indikator {code}")
    kw.setdefault("unit", "%")
    return IndicatorResult(
        code=code, value=None if value is None else D(value), colour=colour, **kw
    )


def greens(count, prefix="g"):
    return [ind(f"{prefix}{i}", G) for i in range(count)]


def test_analysis_of_the_reference_example():
    indicators = [
        ind(
            "outside",
            R,
            "43.14",
            name=OUTSIDE,
            trend="worse",
            direction="worsening",
            colour_since=2023,
        ),
        ind("basic", R, "61.2", name=BASIC, colour_since=2025),
        *greens(7),
    ]
    comparisons = {"outside": Comparison(organisation=D("34.7"), national=D("31.1"))}
    assert analyse("Skovparken", 2025, indicators, comparisons) == [
        f"I 2025 er 2 af 9 indikatorer røde: {OUTSIDE} (43,1 %) og {BASIC} (61,2 %). "
        "De resterende 7 er grønne.",
        "Andel uden for arbejde og uddannelse er forværret siden sidste år og har stået på rødt "
        "siden 2023. Set over de seneste tre år går udviklingen i den forkerte retning. "
        "Skovparken ligger 8,4 procentpoint over boligorganisationens gennemsnit og 12,0 "
        "procentpoint over landsgennemsnittet.",
    ]


ANALYSES = [
    (
        "all green",
        greens(3),
        {},
        ["I 2025 er alle 3 indikatorer grønne."],
    ),
    (
        "single indicator",
        [ind("a", R, "43.1", name=OUTSIDE)],
        {},
        [f"I 2025 er den eneste indikator rød: {OUTSIDE} (43,1 %)."],
    ),
    (
        "one red is singular",
        [ind("a", R, "43.1", name=OUTSIDE), *greens(1)],
        {},
        [
            f"I 2025 er 1 af 2 indikatorer rød: {OUTSIDE} (43,1 %). "
            "Den resterende indikator er grøn."
        ],
    ),
    (
        "yellow only",
        [
            ind("ev", Y, "3.25", name="udsættelser", unit="pr. 1.000 lejemål"),
            ind("mv", Y, "1234.5", name="fraflytninger", unit=""),
            *greens(2),
        ],
        {},
        [
            "I 2025 er ingen af de 4 indikatorer røde, men 2 er gule: udsættelser "
            "(3,2 pr. 1.000 lejemål) og fraflytninger (1.234,5). De resterende 2 er grønne."
        ],
    ),
    (
        "red and yellow, no greens",
        [ind("a", R, "41", name="a"), ind("b", Y, "50", name="b"), ind("c", Y, None, name="c")],
        {},
        ["I 2025 er 1 af 3 indikatorer rød: a (41,0 %). Desuden er 2 gule: b (50,0 %) og c."],
    ),
    (
        "suppressed indicators are neither counted nor mentioned",
        [ind("a", R, "41", name="a"), ind("s", None, None, name="s"), *greens(1)],
        {"s": Comparison(D("1"), D("2"), D("3"))},
        ["I 2025 er 1 af 2 indikatorer rød: a (41,0 %). Den resterende indikator er grøn."],
    ),
    (
        "no sentence for missing trend, run and comparisons",
        [ind("a", R, "41", name="a", colour_since=2025), *greens(1)],
        {"a": Comparison()},
        ["I 2025 er 1 af 2 indikatorer rød: a (41,0 %). Den resterende indikator er grøn."],
    ),
    (
        "improvement while still red, municipality below and level",
        [
            ind(
                "a",
                R,
                "41.00",
                name=OUTSIDE,
                trend="better",
                direction="improving",
                colour_since=2021,
            ),
            ind(
                "b",
                Y,
                "20",
                name="andel børn",
                trend="unchanged",
                direction="stable",
                colour_since=2024,
            ),
        ],
        {
            "a": Comparison(municipality=D("45.04"), national=D("40.96")),
            "b": Comparison(organisation=D("20.04"), municipality=D("21")),
        },
        [
            f"I 2025 er 1 af 2 indikatorer rød: {OUTSIDE} (41,0 %). Desuden er 1 gul: "
            "andel børn (20,0 %).",
            "Andel uden for arbejde og uddannelse er forbedret siden sidste år, men har stået "
            "på rødt siden 2021. Set over de seneste tre år går udviklingen i den rigtige retning. "
            "Skovparken ligger 4,0 procentpoint under kommunens gennemsnit og på niveau med "
            "landsgennemsnittet.",
            "Andel børn er uændret siden sidste år og har stået på gult siden 2024. Set over de "
            "seneste tre år er niveauet stabilt. Skovparken ligger på niveau med "
            "boligorganisationens gennemsnit og 1,0 procentpoint under kommunens gennemsnit.",
        ],
    ),
    (
        "only direction or comparison: the indicator is named first",
        [
            ind(
                "a",
                R,
                "12",
                name="udsættelser",
                unit="pr. 1.000 lejemål",
                decimals=0,
                direction="worsening",
            ),
            ind("b", Y, "1500", name="antal beboere", unit="", decimals=0),
        ],
        {"a": Comparison(national=D("2")), "b": Comparison(national=D("250"))},
        [
            "I 2025 er 1 af 2 indikatorer rød: udsættelser (12 pr. 1.000 lejemål). "
            "Desuden er 1 gul: antal beboere (1.500).",
            "Udsættelser står på rødt. Set over de seneste tre år går udviklingen i den forkerte "
            "retning. Skovparken ligger 10 pr. 1.000 lejemål over landsgennemsnittet.",
            "Antal beboere står på gult. Skovparken ligger 1.250 over landsgennemsnittet.",
        ],
    ),
    (
        "no comparison sentence without a value",
        [ind("a", R, None, name="a", trend="worse")],
        {"a": Comparison(national=D("2"))},
        ["I 2025 er den eneste indikator rød: a.", "A er forværret siden sidste år."],
    ),
    (
        "green indicators that worsened",
        [
            ind("a", G, name="andel børn", trend="worse"),
            ind("b", G, name="b"),
            ind("c", G, name="andel enlige forsørgere", trend="worse"),
        ],
        {},
        [
            "I 2025 er alle 3 indikatorer grønne.",
            "Andel børn og andel enlige forsørgere står stadig på grønt, men er forværret siden "
            "sidste år.",
        ],
    ),
    (
        "one green indicator that worsened",
        [ind("a", G, name="andel børn", trend="worse"), ind("b", R, name="b")],
        {},
        [
            "I 2025 er 1 af 2 indikatorer rød: b (10,0 %). Den resterende indikator er grøn.",
            "Andel børn står stadig på grønt, men er forværret siden sidste år.",
        ],
    ),
    ("nothing coloured", [ind("a", None, None)], {}, []),
    ("no indicators", [], {}, []),
]


@pytest.mark.parametrize(
    ("indicators", "comparisons", "expected"),
    [(i, c, e) for _, i, c, e in ANALYSES],
    ids=[name for name, *_ in ANALYSES],
)
def test_analysis_paragraphs(indicators, comparisons, expected):
    assert analyse("Skovparken", 2025, indicators, comparisons) == expected


def test_analysis_red_paragraphs_come_before_yellow_in_input_order():
    indicators = [
        ind("y", Y, name="gul indikator", trend="worse"),
        ind("r1", R, name="første røde", trend="worse"),
        ind("r2", R, name="anden røde", trend="worse"),
    ]
    paragraphs = analyse("Skovparken", 2025, indicators, None)
    assert [p.split(" er ")[0] for p in paragraphs[1:]] == [
        "Første røde",
        "Anden røde",
        "Gul indikator",
    ]


@pytest.mark.parametrize(
    ("items", "sentence"),
    [
        (
            [(R, "1"), (Y, "1")],
            "Den samlede score er 75,0 ud af 100, og det samlede trafiklys er rødt.",
        ),
        (
            [(R, "1"), (G, "2")],
            "Den samlede score er 33,3 ud af 100, og det samlede trafiklys er grønt.",
        ),
    ],
)
def test_analysis_mentions_the_composite_score_when_given(items, sentence):
    indicators = [ind(str(i), c) for i, (c, _) in enumerate(items)]
    result = composite([(c, D(w)) for c, w in items])
    overview = analyse("Skovparken", 2025, indicators, composite=result)[0]
    assert overview.endswith(" " + sentence)


def test_analysis_without_composite_score_says_nothing_about_it():
    result = composite([(None, D(1))])
    assert analyse("Skovparken", 2025, greens(2), composite=result) == [
        "I 2025 er alle 2 indikatorer grønne."
    ]


@pytest.mark.parametrize(
    ("name", "indicators", "error", "message"),
    [
        (
            "Skovparken",
            [ind("a", R), ind("a", G)],
            ValueError,
            r"^Samme indikator optræder flere gange$",
        ),
        (
            "Skovparken",
            [ind("a", R, colour_since=2026)],
            ValueError,
            r"^a: colour_since ligger efter 2025$",
        ),
        (
            "Skovparken",
            [IndicatorResult("a", "a", "%", 1.5, R)],  # type: ignore[arg-type]
            TypeError,
            r"^a: value skal være en decimal\.Decimal \(ikke float\)$",
        ),
        ("  ", [ind("a", R)], ValueError, r"^department_name skal være et ikke-tomt navn$"),
    ],
)
def test_analysis_rejects_inconsistent_input(name, indicators, error, message):
    with pytest.raises(error, match=message):
        analyse(name, 2025, indicators)


# --------------------------------------------------------------------------- properties

decimals = st.decimals(
    min_value=-(10**6), max_value=10**6, places=4, allow_nan=False, allow_infinity=False
)
colours = st.sampled_from(list(Colour))


@st.composite
def valid_legends(draw):
    bounds = sorted(draw(st.lists(decimals, min_size=1, max_size=6, unique=True)))
    fills = draw(st.lists(colours, min_size=len(bounds) + 1, max_size=len(bounds) + 1))
    edges = [None, *bounds, None]
    return [LegendRange(edges[i], edges[i + 1], c) for i, c in enumerate(fills)]


@given(valid_legends(), decimals)
def test_property_a_valid_legend_colours_every_decimal(ranges, value):
    assert validate_legend(ranges) == []
    containing = [r for r in ranges if r.contains(value)]
    assert len(containing) == 1
    assert colour_for(value, ranges) is containing[0].colour


@given(valid_legends(), st.data())
def test_property_removing_an_inner_range_leaves_a_gap(ranges, data):
    if len(ranges) < 3:
        return
    index = data.draw(st.integers(min_value=1, max_value=len(ranges) - 2))
    broken = ranges[:index] + ranges[index + 1 :]
    assert validate_legend(broken) == [
        f"Interval {index + 1} starter ved {format_number(ranges[index + 1].lower)}, men "
        f"interval {index} slutter ved {format_number(ranges[index - 1].upper)}: der er et hul."
    ]


optional_bounds = st.one_of(st.none(), decimals)


@given(st.lists(st.builds(LegendRange, optional_bounds, optional_bounds, colours), max_size=6))
def test_property_validation_never_raises_and_valid_means_covering(ranges):
    errors = validate_legend(ranges)
    assert all(isinstance(e, str) and e.endswith(".") for e in errors)
    if not errors:
        assert ranges[0].lower is None and ranges[-1].upper is None
        for prev, cur in itertools.pairwise(ranges):
            assert prev.upper == cur.lower


weights = st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False, allow_infinity=False)
items = st.lists(st.tuples(st.one_of(st.none(), colours), weights), max_size=12)


@given(items)
def test_property_composite_score_is_between_0_and_100(entries):
    result = composite(entries)
    if result.score is None:
        assert result.colour is None
        assert result.used_weight == sum((w for c, w in entries if c is not None), D(0))
    else:
        assert D(0) <= result.score <= D(100)
        assert D(0) <= result.display_score <= D(100)


@given(st.lists(weights, min_size=1, max_size=12))
def test_property_all_green_gives_green(green_weights):
    result = composite([(G, w) for w in green_weights])
    if result.used_weight > 0:
        assert (result.score, result.colour) == (D(0), G)


@given(items, weights, weights, st.data())
def test_property_raising_a_red_weight_never_lowers_the_score(entries, weight, extra, data):
    position = data.draw(st.integers(min_value=0, max_value=len(entries)))
    before = composite([*entries[:position], (R, weight), *entries[position:]])
    after = composite([*entries[:position], (R, weight + extra), *entries[position:]])
    if before.exact_score is not None:
        assert after.exact_score >= before.exact_score
        assert [G, Y, R].index(after.colour) >= [G, Y, R].index(before.colour)


@given(items, st.randoms(use_true_random=False))
def test_property_composite_ignores_order_and_suppressed_entries(entries, random):
    shuffled = list(entries)
    random.shuffle(shuffled)
    coloured_only = [(c, w) for c, w in entries if c is not None]
    assert composite(shuffled) == composite(entries) == composite(coloured_only)


@given(decimals, decimals)
def test_property_trend_flips_with_polarity(current, previous):
    flipped = {"better": "worse", "worse": "better", "unchanged": "unchanged"}
    assert trend(current, previous, BETTER) == flipped[trend(current, previous, WORSE)]


@given(st.dictionaries(st.integers(2023, 2025), st.one_of(st.none(), decimals)))
def test_property_direction_flips_with_polarity(values):
    flipped = {"improving": "worsening", "worsening": "improving", "stable": "stable", None: None}
    assert direction(values, 2025, BETTER) == flipped[direction(values, 2025, WORSE)]


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9
    )
)
def test_property_danish_format_reads_back_to_the_same_value(value):
    text = format_number(value)
    assert D(text.replace(".", "").replace(",", ".")) == value


@pytest.mark.parametrize(
    ("points", "slope"),
    [
        ([(2020, Decimal("1")), (2021, Decimal("2")), (2022, Decimal("4"))], Fraction(3, 2)),
        ([(2020, Decimal("0.5")), (2022, Decimal("1.25"))], Fraction(3, 8)),
        # values in different units (tenths, hundredths) and a falling line
        (
            [(2019, Decimal("1.1")), (2020, Decimal("1")), (2021, Decimal("0.75"))],
            Fraction(-7, 40),
        ),
        ([(2024, Decimal("10")), (2020, Decimal("2"))], Fraction(2)),  # order does not matter
    ],
)
def test_least_squares_slope_is_exact(points, slope):
    assert least_squares_slope(points) == slope


@pytest.mark.parametrize(
    ("score", "exact", "decimals", "rounded"),
    [
        # from the exact value when there is one (2/3 -> 66.6667 at the stored 4 decimals)
        (Decimal("66.66666666666666666666666666666666666667"), Fraction(200, 3), 4, "66.6667"),
        (Decimal("66.66666666666666666666666666666666666667"), Fraction(200, 3), 1, "66.7"),
        # from the stored score when there is no exact value; half-even at the boundary
        (Decimal("12.25"), None, 1, "12.2"),
        (Decimal("12.35"), None, 1, "12.4"),
        (Decimal("12.34567"), None, 4, "12.3457"),
        (None, None, 4, None),
    ],
)
def test_rounded_score_rounds_half_even_from_the_exact_value(score, exact, decimals, rounded):
    result = CompositeResult(score, None, Decimal(1), exact)
    expected = None if rounded is None else Decimal(rounded)
    assert result.rounded_score(decimals) == expected
    if expected is not None:
        assert str(result.rounded_score(decimals)) == rounded


@pytest.mark.parametrize("bad", [1.5, Decimal("Infinity"), Decimal("NaN")])
def test_direction_refuses_a_value_that_is_not_a_finite_decimal(bad):
    with pytest.raises(
        TypeError, match=r"^værdien for 2023 skal være en endelig decimal\.Decimal \(ikke float\)$"
    ):
        direction({2023: bad, 2024: Decimal(1)}, 2024, Polarity.HIGHER_IS_WORSE)


@pytest.mark.parametrize(
    ("points", "polarity", "expected"),
    [
        # the smallest slope that is not stable: num = 1 (0 -> 0.0001 as integers x 10,000)
        ([(-1, 0), (0, 1)], WORSE, "worsening"),
        ([(-1, 0), (0, 1)], BETTER, "improving"),
        ([(-1, 1), (0, 0)], WORSE, "improving"),
        ([(-1, 5), (0, 5)], WORSE, "stable"),
        ([(0, 5)], WORSE, None),
    ],
)
def test_direction_of_scaled_points(points, polarity, expected):
    from boligsocial.screening.trafficlight.scoring import direction_of

    assert direction_of(points, polarity) == expected
