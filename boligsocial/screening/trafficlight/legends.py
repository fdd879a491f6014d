"""Farveskalaer (legend sets, som i DHIS2) for det boligsociale trafiklys.

Legend sets for the traffic light. Pure Python, no Django.

En farveskala er en ordnet liste af halvåbne intervaller ``[nedre, øvre)`` -> grøn/gul/rød.
``None`` som grænse betyder ubegrænset. En gyldig skala dækker hele tallinjen: første interval er
åbent nedadtil, sidste åbent opadtil, og hvert intervals øvre grænse er det næstes nedre grænse
(ingen huller, intet overlap). En værdi præcis på en grænse hører derfor til det øverste af de to
intervaller. Skalaen valideres, når den gemmes (``validate_legend``); ``colour_for`` stoler på den.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from boligsocial.core.formatting import format_number

MIN_RANGES = 2


class Colour(Enum):
    """Trafiklysets farver. Værdierne er stabile (bruges i database, CSV og API)."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        """Dansk navn, ental fælleskøn: grøn / gul / rød."""
        return _LABELS[self][0]

    @property
    def label_plural(self) -> str:
        """Flertal: grønne / gule / røde ("2 indikatorer er røde")."""
        return _LABELS[self][1]

    @property
    def label_neuter(self) -> str:
        """Intetkøn: grønt / gult / rødt ("trafiklyset er gult")."""
        return _LABELS[self][2]


_LABELS: dict[Colour, tuple[str, str, str]] = {
    Colour.GREEN: ("grøn", "grønne", "grønt"),
    Colour.YELLOW: ("gul", "gule", "gult"),
    Colour.RED: ("rød", "røde", "rødt"),
}


def _require_bound(name: str, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite():
        raise TypeError(f"{name} skal være None eller en endelig decimal.Decimal (ikke float)")


@dataclass(frozen=True)
class LegendRange:
    """Ét interval ``[lower, upper)``; ``None`` = ubegrænset. At ``lower < upper`` og at
    intervallerne passer sammen, kontrolleres af ``validate_legend`` (så brugeren får en
    dansk fejlbesked i stedet for en undtagelse)."""

    lower: Decimal | None
    upper: Decimal | None
    colour: Colour

    def __post_init__(self) -> None:
        _require_bound("lower", self.lower)
        _require_bound("upper", self.upper)
        if not isinstance(self.colour, Colour):
            raise TypeError("colour skal være en Colour")

    def contains(self, value: Decimal) -> bool:
        return (self.lower is None or self.lower <= value) and (
            self.upper is None or value < self.upper
        )


def _fmt(value: Decimal) -> str:
    return format_number(value)


def _ordering_errors(ranges: Sequence[LegendRange]) -> list[str]:
    """Par af naboer, hvor det senere interval starter før det forrige (None = minus uendelig)."""
    errors: list[str] = []
    for number in range(2, len(ranges) + 1):
        prev, cur = ranges[number - 2], ranges[number - 1]
        if prev.lower is None:
            continue
        if cur.lower is None:
            errors.append(
                f"Interval {number} har ingen nedre grænse, men står efter interval "
                f"{number - 1}: intervallerne skal stå i stigende rækkefølge."
            )
        elif cur.lower < prev.lower:
            errors.append(
                f"Interval {number} starter ved {_fmt(cur.lower)}, men interval {number - 1} "
                f"starter ved {_fmt(prev.lower)}: intervallerne skal stå i stigende rækkefølge."
            )
    return errors


def _pair_error(number: int, prev: LegendRange, cur: LegendRange) -> str | None:
    if prev.upper is None or cur.lower is None:
        return None  # dækkes af beskeden om manglende grænse
    if cur.lower > prev.upper:
        return (
            f"Interval {number} starter ved {_fmt(cur.lower)}, men interval {number - 1} "
            f"slutter ved {_fmt(prev.upper)}: der er et hul."
        )
    if cur.lower < prev.upper:
        return (
            f"Interval {number} starter ved {_fmt(cur.lower)}, men interval {number - 1} "
            f"slutter først ved {_fmt(prev.upper)}: intervallerne overlapper."
        )
    return None


def validate_legend(ranges: Sequence[LegendRange]) -> list[str]:
    """Danske fejlbeskeder for en farveskala; en tom liste betyder gyldig.

    Intervaller nummereres fra 1. Rækkefølgen af beskeder: for få intervaller (så stopper
    kontrollen); tomme/omvendte intervaller; forkert rækkefølge (så stopper kontrollen, fordi
    huller og overlap ikke giver mening i en uordnet liste); derefter for hvert interval de
    ubegrænsede ender og hul/overlap mod det forrige interval.
    """
    count = len(ranges)
    if count < MIN_RANGES:
        return [f"Farveskalaen skal have mindst {MIN_RANGES} intervaller, men har {count}."]
    errors: list[str] = []
    for number, item in enumerate(ranges, start=1):
        if item.lower is not None and item.upper is not None and item.lower >= item.upper:
            errors.append(
                f"Interval {number} starter ved {_fmt(item.lower)} og slutter ved "
                f"{_fmt(item.upper)}: den nedre grænse skal være mindre end den øvre."
            )
    ordering = _ordering_errors(ranges)
    if ordering:
        return errors + ordering
    for number, item in enumerate(ranges, start=1):
        first, last = number == 1, number == count
        if first and item.lower is not None:
            errors.append(
                "Interval 1 skal være åbent nedadtil (uden nedre grænse), men starter ved "
                f"{_fmt(item.lower)}."
            )
        if not first and item.lower is None:
            errors.append(
                f"Interval {number} mangler en nedre grænse: kun interval 1 må være åbent nedadtil."
            )
        if last and item.upper is not None:
            errors.append(
                f"Interval {number} skal være åbent opadtil (uden øvre grænse), men slutter ved "
                f"{_fmt(item.upper)}."
            )
        if not last and item.upper is None:
            errors.append(
                f"Interval {number} mangler en øvre grænse: kun det sidste interval må være "
                "åbent opadtil."
            )
        if not first:
            message = _pair_error(number, ranges[number - 2], item)
            if message:
                errors.append(message)
    return errors


def colour_for(value: Decimal, ranges: Sequence[LegendRange]) -> Colour:
    """Farven for ``value``: det første interval med ``lower <= value < upper``.

    Skalaen forudsættes gyldig (``validate_legend``); findes intet interval, rejses ValueError.
    """
    if not isinstance(value, Decimal) or not value.is_finite():
        raise TypeError("value skal være en endelig decimal.Decimal (ikke float)")
    for item in ranges:
        if item.contains(value):
            return item.colour
    raise ValueError(f"Værdien {_fmt(value)} ligger ikke i noget interval i farveskalaen.")
