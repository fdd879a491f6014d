"""Danske talformater / Danish number formatting.

Decimalkomma og punktum som tusindtalsseparator: ``Decimal("1234.5")`` -> ``"1.234,5"``.
Afrunding sker kun her, ved præsentationen, og altid som bankers rounding (ROUND_HALF_EVEN).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal

_CONTEXT = Context(prec=200, rounding=ROUND_HALF_EVEN)


def format_number(value: Decimal, decimals: int | None = None) -> str:
    """Formatér ``value`` på dansk; med ``decimals`` afrundes halvt-lige til så mange decimaler,
    ellers vises værdien med præcis de decimaler, den har (``Decimal("30.0")`` -> ``"30,0"``).
    Et resultat, der afrundes til nul, vises uden fortegn."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise TypeError("value skal være en endelig decimal.Decimal (ikke float)")
    if decimals is not None:
        if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
            raise ValueError("decimals skal være et heltal >= 0")
        value = value.quantize(Decimal(1).scaleb(-decimals), context=_CONTEXT)
    whole, _, fraction = format(abs(value), "f").partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    sign = "-" if value < 0 else ""
    text = sign + ".".join([whole, *groups])
    return f"{text},{fraction}" if fraction else text
