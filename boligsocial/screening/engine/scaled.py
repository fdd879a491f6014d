"""The engine's numbers: indicator values as exact integers, value x 10,000.

Values have at most 4 decimals (`IndicatorValue.value`), so the engine reads them as integers
(`IndicatorValue.scaled`, kept by the database) and every rule works on exact integers, or on
Decimals made from them without rounding; nothing is floating point. Where a figure is a
quotient (a mean, a ratio), it is rounded half-even to 4 decimals, here."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal

SCALE = 10_000  # values have 4 decimals
PLACES = 4
CONTEXT = Context(prec=40, rounding=ROUND_HALF_EVEN)  # quotients, before rounding to 4 places
FOUR_PLACES = Decimal("0.0001")


def to_decimal(scaled: int) -> Decimal:
    """The value whose x 10,000 is `scaled`, exactly (`12340` -> `Decimal("1.2340")`)."""
    return Decimal(scaled).scaleb(-PLACES)


def to_scaled(value: Decimal | None) -> int | None:
    """The value x 10,000 as an integer (None stays None); exact for up to 4 decimals."""
    return None if value is None else int(value.scaleb(PLACES))


def quotient(numerator: Decimal, denominator: Decimal) -> Decimal:
    """`numerator / denominator` rounded half-even to 4 decimals (the comparison figures)."""
    return CONTEXT.divide(numerator, denominator).quantize(FOUR_PLACES, context=CONTEXT)


def mean(total_scaled: int, count: int) -> Decimal:
    """The mean of `count` values whose sum x 10,000 is `total_scaled`, to 4 decimals."""
    return quotient(to_decimal(total_scaled), Decimal(count))
