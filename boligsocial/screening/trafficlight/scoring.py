"""Trafiklysets beregninger: udvikling, samlet score, diskretionering og opfølgning.

Traffic-light scoring. Pure Python, no Django; exact arithmetic (``Decimal`` in, integers and
``Fraction`` inside, never float).

**Hvornår er en afdeling rød? / When is a department red?** Here, and nowhere else:

1. each indicator in the light gets a colour from its legend (``legends.colour_for``: a value on
   a boundary belongs to the upper range); a register or survey figure of a year with fewer
   residents than the policy's minimum, or none known, gets none (``suppress``);
2. the department's score is the weighted mean of the points of the coloured indicators (green
   0, yellow 50, red 100), weights from the weight set (``composite``);
3. the score is red from ``CompositeThresholds.red_from`` (default 66.67), yellow from
   ``yellow_from`` (33.34), else green; with no coloured weight there is no colour.

Where these rules run: the screening engine's single path (``screening/engine/single.py``, one
department or area at a time) calls the functions of this module. Its bulk path
(``screening/engine/bulk.py``, 80,000 lights at once) is **the same rules** written as polars
column expressions on the values x 10,000, not other rules: ``test_bulk.py`` compares its rows
with the single path's on generated data and ``test_engine_rule.py`` each expression with the
function here. Change a rule here and change its expression there; the tests fail until both
agree (decision 0016).

* ``trend``: sammenligning med sidste år under indikatorens polaritet.
* ``direction``: 3-års-retning ud fra mindste kvadraters hældning over årene ``year - 2 .. year``
  (mindst 2 værdier). Stabil, når ``|hældning| <= tolerance x |gennemsnit|`` pr. år; standard-
  tolerancen er 2 % af gennemsnittet pr. år (``DEFAULT_STABLE_TOLERANCE``). Med ``<=`` er en flad
  serie altid stabil, også når gennemsnittet er 0. ``direction_of`` er samme regel på heltal i
  én enhed (skærmningens værdier x 10.000), eksakt i lukket form.
* ``since_when``: første år i den igangværende række af samme farve; et manglende år bryder rækken.
* ``composite``: vægtet gennemsnit af point (grøn 0, gul 50, rød 100; højere = mere udsat) over de
  indikatorer, der har en farve; diskretionerede/manglende springes over, og deres vægt tæller
  ikke med. Scoren holdes eksakt (``Fraction``); den samlede farve findes ved eksakt sammenligning
  med ``CompositeThresholds``; afrunding (halvt-lige) sker kun i ``rounded_score``: 1 decimal
  til visning (``display_score``), 4 i det gemte trafiklys.
* ``suppress``: værdier beregnet på færre end ``min_residents`` beboere vises ikke. LBF's
  Beboerdata diskretionerer tal, hvor enkeltpersoner kan identificeres, men grænsen er ikke kendt
  (domain.md § 1.5), så ``min_residents`` er et påkrævet argument uden standardværdi.
* ``follow_up``: den foreskrevne opfølgning for en farve; reglerne kan sættes pr. organisation.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Context, Decimal, Inexact
from enum import Enum
from fractions import Fraction
from types import MappingProxyType
from typing import Literal, TypeVar

from boligsocial.screening.trafficlight.legends import Colour

T = TypeVar("T")

Trend = Literal["better", "worse", "unchanged"]
Direction = Literal["improving", "worsening", "stable"]

DIRECTION_WINDOW = 3  # årene year-2, year-1, year
DIRECTION_MIN_VALUES = 2
DEFAULT_STABLE_TOLERANCE = Decimal("0.02")  # 2 % af gennemsnittet pr. år
DEFAULT_TOLERANCE = Fraction(DEFAULT_STABLE_TOLERANCE)  # the same, for ``direction_of``

POINTS: Mapping[Colour, int] = MappingProxyType(
    {Colour.GREEN: 0, Colour.YELLOW: 50, Colour.RED: 100}
)
SCORE_DISPLAY_DECIMALS = 1
STORED_SCORE_DECIMALS = 4  # `Light.score`

_EXACT = Context(prec=1000, traps=[Inexact])
_ZERO = Decimal(0)
_GREEN, _YELLOW, _RED = Colour.GREEN, Colour.YELLOW, Colour.RED
_SCORE_CONTEXT = Context(prec=40, rounding=ROUND_HALF_EVEN)


class Polarity(Enum):
    """Om en høj værdi er et dårligt tegn (fx andel uden for arbejde) eller et godt (indkomst)."""

    HIGHER_IS_WORSE = "higher_is_worse"
    HIGHER_IS_BETTER = "higher_is_better"


def _require_decimal(name: str, value: object, *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, Decimal) or not value.is_finite():
        raise TypeError(f"{name} skal være en endelig decimal.Decimal (ikke float)")


@functools.lru_cache(maxsize=32)
def _fraction(value: Decimal) -> Fraction:
    """``Fraction(value)``, remembered: the tolerance is the same in every call."""
    return Fraction(value)


def _require_int(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} skal være et heltal")


def trend(current: Decimal | None, previous: Decimal | None, polarity: Polarity) -> Trend | None:
    """Udviklingen fra sidste år: ``better``/``worse``/``unchanged`` (eksakt sammenligning);
    None, hvis et af årene mangler."""
    _require_decimal("current", current, optional=True)
    _require_decimal("previous", previous, optional=True)
    if current is None or previous is None:
        return None
    if current == previous:
        return "unchanged"
    higher = current > previous
    return "worse" if higher == (polarity is Polarity.HIGHER_IS_WORSE) else "better"


def _in_one_unit(values: Sequence) -> list[int]:
    """Exact numbers (Decimal, int, Fraction) as integers in one common unit (each value x the
    least common denominator): sums and products of them are then exact integer arithmetic."""
    ratios = [v.as_integer_ratio() for v in values]
    unit = math.lcm(*(d for _, d in ratios))
    return [n * (unit // d) for n, d in ratios]


def _slope_terms(points: Sequence[tuple[int, int]]) -> tuple[int, int, int]:
    """(num, den, sum of the values) of integer points: the least-squares slope is num / den
    (the closed form n·Σtv − Σt·Σv over n·Σt² − (Σt)²; den > 0 with 2 different years)."""
    st = sv = stt = stv = 0
    for t, v in points:
        st += t
        sv += v
        stt += t * t
        stv += t * v
    n = len(points)
    return n * stv - st * sv, n * stt - st * st, sv


def least_squares_slope(points: Sequence[tuple[int, Decimal]]) -> Fraction:
    """Mindste kvadraters hældning (enheder pr. år), eksakt. Kræver mindst 2 forskellige år."""
    values = _in_one_unit([v for _, v in points])
    unit = math.lcm(*(v.as_integer_ratio()[1] for _, v in points))
    num, den, _ = _slope_terms([(t, v) for (t, _), v in zip(points, values, strict=True)])
    return Fraction(num, den * unit)


def direction_of(
    points: Sequence[tuple[int, int]],
    polarity: Polarity,
    tolerance: Fraction = DEFAULT_TOLERANCE,
) -> Direction | None:
    """The rule of ``direction`` on a window's points (year, value) that have a value, the
    values integers in one unit (e.g. value x 10,000, as the screening engine stores them): None
    with fewer than 2 points. Exact: |slope| <= tolerance x |mean| is |num / den| <=
    tolerance x |sum / n| (``_slope_terms``), i.e. |num| x n x tol.den <= tol.num x den x |sum|.
    """
    n = len(points)
    if n < DIRECTION_MIN_VALUES:
        return None
    num, den, total = _slope_terms(points)
    if abs(num) * n * tolerance.denominator <= tolerance.numerator * den * abs(total):
        return "stable"
    rising = num > 0
    return "worsening" if rising == (polarity is Polarity.HIGHER_IS_WORSE) else "improving"


def direction(
    values_by_year: Mapping[int, Decimal | None],
    year: int,
    polarity: Polarity,
    *,
    tolerance: Decimal = DEFAULT_STABLE_TOLERANCE,
) -> Direction | None:
    """3-års-retningen til og med ``year``. None med færre end 2 værdier i vinduet.

    ``improving``/``worsening`` afhænger af ``polarity``; ``stable`` når
    ``|hældning| <= tolerance x |gennemsnittet af vinduets værdier|`` (``direction_of``).
    """
    _require_int("year", year)
    _require_decimal("tolerance", tolerance)
    if tolerance < 0:
        raise ValueError("tolerance må ikke være negativ")
    years: list[int] = []
    values: list[Decimal] = []
    for t in range(year - DIRECTION_WINDOW + 1, year + 1):
        value = values_by_year.get(t)
        if value is not None:
            if not isinstance(value, Decimal) or not value.is_finite():
                _require_decimal(f"værdien for {t}", value)
            years.append(t - year)
            values.append(value)
    points = list(zip(years, _in_one_unit(values), strict=True))
    return direction_of(points, polarity, _fraction(tolerance))


def since_when(colours_by_year: Mapping[int, Colour | None], year: int) -> int | None:
    """Første år i den igangværende række af år med samme farve som ``year``.

    None, hvis ``year`` ingen farve har. Et manglende eller diskretioneret år bryder rækken.
    Antal år i farven er ``year - since_when(...) + 1``.
    """
    _require_int("year", year)
    colour = colours_by_year.get(year)
    if colour is None:
        return None
    start = year
    while colours_by_year.get(start - 1) == colour:
        start -= 1
    return start


@dataclass(frozen=True)
class CompositeThresholds:
    """Grænser for den samlede farve: score < ``yellow_from`` er grøn, score < ``red_from``
    er gul, ellers rød. Standard: grøn under 33,34, gul under 66,67, ellers rød."""

    yellow_from: Decimal = Decimal("33.34")
    red_from: Decimal = Decimal("66.67")
    _exact: tuple[Fraction, Fraction] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _require_decimal("yellow_from", self.yellow_from)
        _require_decimal("red_from", self.red_from)
        if not Decimal(0) <= self.yellow_from <= self.red_from <= Decimal(100):
            raise ValueError(
                "Grænserne skal opfylde 0 <= grænsen for gul <= grænsen for rød <= 100."
            )
        object.__setattr__(self, "_exact", (Fraction(self.yellow_from), Fraction(self.red_from)))

    def colour_for_score(self, score: Fraction | Decimal) -> Colour:
        exact = score if isinstance(score, Fraction) else Fraction(score)
        yellow, red = self._exact
        if exact < yellow:
            return Colour.GREEN
        if exact < red:
            return Colour.YELLOW
        return Colour.RED


DEFAULT_THRESHOLDS = CompositeThresholds()


def _round_half_even(value: Fraction, decimals: int) -> Decimal:
    rounded = round(value, decimals)  # Fraction.__round__ runder halvt-lige
    exact = _EXACT.divide(Decimal(rounded.numerator), Decimal(rounded.denominator))
    return exact.quantize(Decimal(1).scaleb(-decimals), context=_EXACT)


@dataclass(frozen=True)
class CompositeResult:
    """Samlet score 0-100 (højere = mere udsat), samlet farve og den vægt, der blev brugt.

    ``score`` er eksakt, når kvotienten har en endelig decimalbrøk, ellers afrundet til 40
    betydende cifre; ``exact_score`` er altid eksakt og bruges til farve og ``display_score``.
    """

    score: Decimal | None
    colour: Colour | None
    used_weight: Decimal
    exact_score: Fraction | None = field(default=None, compare=False, repr=False)

    @property
    def display_score(self) -> Decimal | None:
        """Scoren til visning: 1 decimal, afrundet halvt-lige fra den eksakte værdi."""
        return self.rounded_score(SCORE_DISPLAY_DECIMALS)

    def rounded_score(self, decimals: int) -> Decimal | None:
        """Scoren med ``decimals`` decimaler, afrundet halvt-lige fra den eksakte værdi (det
        gemte trafiklys har 4, ``STORED_SCORE_DECIMALS``; visningen 1)."""
        if self.exact_score is not None:
            return _round_half_even(self.exact_score, decimals)
        if self.score is None:
            return None
        return _round_half_even(Fraction(self.score), decimals)


def composite(
    colours_and_weights: Sequence[tuple[Colour | None, Decimal]],
    thresholds: CompositeThresholds = DEFAULT_THRESHOLDS,
) -> CompositeResult:
    """Vægtet gennemsnit af point over indikatorer med farve (None = diskretioneret/mangler).

    Vægte er ``Decimal`` >= 0. Er den brugte vægt 0 (ingen farver eller kun vægt 0), er både
    score og farve None.
    """
    # the weights per colour, exactly; the points are multiplied in once at the end
    green = yellow = red = _ZERO
    for colour, weight in colours_and_weights:
        _require_decimal("weight", weight)
        if weight < _ZERO:
            raise ValueError("En vægt må ikke være negativ.")
        if colour is None:
            continue
        if colour is _RED:
            red = _EXACT.add(red, weight)
        elif colour is _YELLOW:
            yellow = _EXACT.add(yellow, weight)
        elif colour is _GREEN:
            green = _EXACT.add(green, weight)
        else:
            raise TypeError("colour skal være en Colour eller None")
    used = _EXACT.add(_EXACT.add(green, yellow), red)
    if used == 0:
        return CompositeResult(None, None, used)
    numerator = _EXACT.add(
        _EXACT.add(
            _EXACT.multiply(green, POINTS[_GREEN]), _EXACT.multiply(yellow, POINTS[_YELLOW])
        ),
        _EXACT.multiply(red, POINTS[_RED]),
    )  # sum of weight x points
    (n, d), (used_n, used_d) = numerator.as_integer_ratio(), used.as_integer_ratio()
    exact = Fraction(n * used_d, d * used_n)  # numerator / used, exactly
    num, den = Decimal(exact.numerator), Decimal(exact.denominator)
    try:
        score = _EXACT.divide(num, den)
    except Inexact:
        score = _SCORE_CONTEXT.divide(num, den)
    return CompositeResult(score, thresholds.colour_for_score(exact), used, exact)


def suppress(value: T | None, residents: int | None, min_residents: int) -> T | None:
    """``value``, eller None hvis den er beregnet på færre end ``min_residents`` beboere.

    Et ukendt beboertal (None) diskretioneres også. ``min_residents`` = 0 slår det fra.
    """
    _require_int("min_residents", min_residents)
    if min_residents < 0:
        raise ValueError("min_residents må ikke være negativ")
    if residents is None:
        return None
    _require_int("residents", residents)
    if residents < 0:
        raise ValueError("residents må ikke være negativ")
    return None if residents < min_residents else value


DEFAULT_FOLLOW_UP: Mapping[Colour, str] = MappingProxyType(
    {
        Colour.RED: "Handlingsplan og opfølgning hvert kvartal",
        Colour.YELLOW: "Opfølgning hvert halve år",
        Colour.GREEN: "Årlig screening",
    }
)


def follow_up(colour: Colour, rules: Mapping[Colour, str] = DEFAULT_FOLLOW_UP) -> str:
    """Den foreskrevne opfølgning for ``colour`` efter ``rules`` (standard ``DEFAULT_FOLLOW_UP``).

    En manglende regel giver ValueError med dansk besked.
    """
    if not isinstance(colour, Colour):
        raise TypeError("colour skal være en Colour")
    try:
        return rules[colour]
    except KeyError:
        raise ValueError(f"Der er ikke angivet nogen opfølgning for {colour.label}.") from None
