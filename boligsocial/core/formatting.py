"""Danish numbers and dates, the one way every page, PDF, e-mail and export shows them.

Numbers: decimal comma and a thousands point (``Decimal("1234.5")`` -> ``"1.234,5"``), whatever
the interface language, as Danish users read them. Rounding happens only here, at presentation,
and always as bankers' rounding (ROUND_HALF_EVEN).

Dates: one format across the interface, ``05-03-2026`` (and ``05-03-2026 14:30`` with the time,
in Copenhagen time), which tables, forms and exports share (the date fields accept it back, see
core/forms.py). Running text (letters, e-mails, a case's description) writes the date out in
words, ``5. marts 2026``, in the active language: `format_long_date`.

The number and numeric date functions are plain Python: the pure rule modules (e.g.
screening/trafficlight) use them, and importing this module imports no Django.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Context, Decimal

DATE_FORMAT = "%d-%m-%Y"
TIME_FORMAT = "%H:%M"
SECONDS_FORMAT = "%H:%M:%S"
#: The same formats in Django's template syntax (for DateInput widgets and the like).
DJANGO_DATE_FORMAT = "d-m-Y"
LONG_DATE_FORMAT = "j. F Y"  # Django syntax: 5. marts 2026

_CONTEXT = Context(prec=200, rounding=ROUND_HALF_EVEN)


def format_number(value: Decimal, decimals: int | None = None) -> str:
    """``value`` in Danish; with ``decimals`` rounded half-even to that many decimals, otherwise
    with exactly the decimals it has (``Decimal("30.0")`` -> ``"30,0"``). A result that rounds
    to zero is shown without a sign."""
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


def format_integer(value: int) -> str:
    """A count with a thousands point: ``18096`` -> ``"18.096"``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("value skal være et heltal")
    return format_number(Decimal(value))


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and value.tzinfo is not None:
        from django.utils import timezone  # only for aware datetimes: the pure callers pass dates

        return timezone.localtime(value)
    return value


def format_date(value: date | datetime) -> str:
    """``05-03-2026``; an aware datetime by its day in local (Copenhagen) time."""
    if not isinstance(value, date):
        raise TypeError("value skal være en dato")
    return _local(value).strftime(DATE_FORMAT)


def format_datetime(value: datetime, *, seconds: bool = False) -> str:
    """``05-03-2026 14:30`` (``14:30:05`` with seconds), in local (Copenhagen) time."""
    if not isinstance(value, datetime):
        raise TypeError("value skal være et tidspunkt (datetime)")
    return _local(value).strftime(f"{DATE_FORMAT} {SECONDS_FORMAT if seconds else TIME_FORMAT}")


def format_long_date(value: date | datetime, *, time: bool = False) -> str:
    """``5. marts 2026`` (``5. marts 2026 14:30`` with the time) in the active language, for
    running text: letters, e-mails, a case's description."""
    from django.utils import formats

    if not isinstance(value, date):
        raise TypeError("value skal være en dato")
    return formats.date_format(_local(value), LONG_DATE_FORMAT + (" H:i" if time else ""))
