"""Trafiklysets beregninger: udvikling, samlet score, diskretionering og opfølgning.

Traffic-light scoring. Pure Python, no Django; exact arithmetic (``Decimal`` in, ``Fraction``
inside, never float).

* ``trend``: sammenligning med sidste år under indikatorens polaritet.
* ``direction``: 3-års-retning ud fra mindste kvadraters hældning over årene ``year - 2 .. year``
  (mindst 2 værdier). Stabil, når ``|hældning| <= tolerance x |gennemsnit|`` pr. år; standard-
  tolerancen er 2 % af gennemsnittet pr. år (``DEFAULT_STABLE_TOLERANCE``). Med ``<=`` er en flad
  serie altid stabil, også når gennemsnittet er 0.
* ``since_when``: første år i den igangværende række af samme farve; et manglende år bryder rækken.
* ``composite``: vægtet gennemsnit af point (grøn 0, gul 50, rød 100; højere = mere udsat) over de
  indikatorer, der har en farve; diskretionerede/manglende springes over, og deres vægt tæller
  ikke med. Scoren holdes eksakt (``Fraction``); den samlede farve findes ved eksakt sammenligning
  med ``CompositeThresholds``; afrunding til 1 decimal (halvt-lige) sker kun i ``display_score``.
* ``suppress``: værdier beregnet på færre end ``min_residents`` beboere vises ikke. LBF's
  Beboerdata diskretionerer tal, hvor enkeltpersoner kan identificeres, men grænsen er ikke kendt
  (domain.md § 1.5), så ``min_residents`` er et påkrævet argument uden standardværdi.
* ``follow_up``: den foreskrevne opfølgning for en farve; reglerne kan sættes pr. organisation.
"""

from __future__ import annotations

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

POINTS: Mapping[Colour, int] = MappingProxyType(
    {Colour.GREEN: 0, Colour.YELLOW: 50, Colour.RED: 100}
)
SCORE_DISPLAY_DECIMALS = 1

_EXACT = Context(prec=1000, traps=[Inexact])
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


def least_squares_slope(points: Sequence[tuple[int, Decimal]]) -> Fraction:
    """Mindste kvadraters hældning (enheder pr. år), eksakt. Kræver mindst 2 forskellige år."""
    n = len(points)
    ts = [Fraction(t) for t, _ in points]
    vs = [Fraction(v) for _, v in points]
    t_mean = sum(ts, Fraction(0)) / n
    v_mean = sum(vs, Fraction(0)) / n
    sxx = sum(((t - t_mean) ** 2 for t in ts), Fraction(0))
    sxy = sum(((t - t_mean) * (v - v_mean) for t, v in zip(ts, vs, strict=True)), Fraction(0))
    return sxy / sxx


def direction(
    values_by_year: Mapping[int, Decimal | None],
    year: int,
    polarity: Polarity,
    *,
    tolerance: Decimal = DEFAULT_STABLE_TOLERANCE,
) -> Direction | None:
    """3-års-retningen til og med ``year``. None med færre end 2 værdier i vinduet.

    ``improving``/``worsening`` afhænger af ``polarity``; ``stable`` når
    ``|hældning| <= tolerance x |gennemsnittet af vinduets værdier|``.
    """
    _require_int("year", year)
    _require_decimal("tolerance", tolerance)
    if tolerance < 0:
        raise ValueError("tolerance må ikke være negativ")
    points: list[tuple[int, Decimal]] = []
    for t in range(year - DIRECTION_WINDOW + 1, year + 1):
        value = values_by_year.get(t)
        _require_decimal(f"værdien for {t}", value, optional=True)
        if value is not None:
            points.append((t, value))
    if len(points) < DIRECTION_MIN_VALUES:
        return None
    slope = least_squares_slope(points)
    mean = sum((Fraction(v) for _, v in points), Fraction(0)) / len(points)
    if abs(slope) <= Fraction(tolerance) * abs(mean):
        return "stable"
    rising = slope > 0
    return "worsening" if rising == (polarity is Polarity.HIGHER_IS_WORSE) else "improving"


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

    def __post_init__(self) -> None:
        _require_decimal("yellow_from", self.yellow_from)
        _require_decimal("red_from", self.red_from)
        if not Decimal(0) <= self.yellow_from <= self.red_from <= Decimal(100):
            raise ValueError(
                "Grænserne skal opfylde 0 <= grænsen for gul <= grænsen for rød <= 100."
            )

    def colour_for_score(self, score: Fraction | Decimal) -> Colour:
        exact = Fraction(score)
        if exact < Fraction(self.yellow_from):
            return Colour.GREEN
        if exact < Fraction(self.red_from):
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
        if self.exact_score is not None:
            return _round_half_even(self.exact_score, SCORE_DISPLAY_DECIMALS)
        if self.score is None:
            return None
        return _round_half_even(Fraction(self.score), SCORE_DISPLAY_DECIMALS)


def composite(
    colours_and_weights: Sequence[tuple[Colour | None, Decimal]],
    thresholds: CompositeThresholds = DEFAULT_THRESHOLDS,
) -> CompositeResult:
    """Vægtet gennemsnit af point over indikatorer med farve (None = diskretioneret/mangler).

    Vægte er ``Decimal`` >= 0. Er den brugte vægt 0 (ingen farver eller kun vægt 0), er både
    score og farve None.
    """
    numerator = Fraction(0)
    used = Decimal(0)
    for colour, weight in colours_and_weights:
        _require_decimal("weight", weight)
        if weight < 0:
            raise ValueError("En vægt må ikke være negativ.")
        if colour is None:
            continue
        if not isinstance(colour, Colour):
            raise TypeError("colour skal være en Colour eller None")
        numerator += Fraction(weight) * POINTS[colour]
        used = _EXACT.add(used, weight)
    if used == 0:
        return CompositeResult(None, None, used)
    exact = numerator / Fraction(used)
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
