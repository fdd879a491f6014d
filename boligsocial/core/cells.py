"""Turning one cell's text into a validated value, the Danish way. Each function raises
ValidationError with a message for the import report that says which format was expected; the
model field's own validators (`field_value`) decide what is allowed.

Numbers (what Danish Excel writes, and what people type):
- a comma is the decimal mark: "72,5";
- a point followed by groups of exactly three digits separates thousands: "1.283" is 1283,
  "1.283.000,5" is 1283000.5;
- any other point is a decimal point, as files from English-language tools write it: "72.5",
  "0.125", "12.3456". The one text both readings allow, a point before exactly three digits
  after a first group of 1-3 digits that is not 0 ("1.283", "72.500"), is read the Danish way.
- no spaces inside a number, no thousands separators in other places ("12.34.5" is no number).
Dates: day-month-year with "-", "." or "/" ("31-12-2024", "31.12.2024"), or ISO ("2024-12-31",
what an Excel date cell is read as)."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

# Digits are ASCII digits ([0-9], not \d, which also matches other scripts' digits).
_GROUPED = re.compile(r"-?[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?")  # 1.283 / 1.283,5
_COMMA = re.compile(r"-?[0-9]+(?:,[0-9]+)?")  # 1283 / 72,5
_POINT = re.compile(r"-?[0-9]+\.[0-9]+")  # 72.5 (not a thousands group, see _GROUPED)
_INTEGER_GROUPED = re.compile(r"-?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_INTEGER = re.compile(r"-?[0-9]+")
_DMY = re.compile(r"([0-9]{1,2})[-./]([0-9]{1,2})[-./]([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]00:00(?::00)?)?")


def message_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def required(text: str) -> str:
    if not text:
        raise ValidationError(_("The field must be filled in."), code="required")
    return text


def not_a_whole_number(text: str) -> ValidationError:
    return ValidationError(
        _("“%(value)s” is not a whole number (expected e.g. 1283 or 1.283)."),
        code="invalid",
        params={"value": text},
    )


def not_a_number(text: str) -> ValidationError:
    return ValidationError(
        _(
            "“%(value)s” is not a number (expected e.g. 1.283 or 72,5: a point between "
            "thousands, a comma before the decimals)."
        ),
        code="invalid",
        params={"value": text},
    )


def number_text(text: str) -> str | None:
    """The text of a Danish or plain number in Python's notation ("1.283,5" -> "1283.5"), or
    None if it is no number in the formats of the module docstring. No validation of size."""
    if _COMMA.fullmatch(text):
        return text.replace(",", ".")
    if _GROUPED.fullmatch(text):
        return text.replace(".", "").replace(",", ".")
    if _POINT.fullmatch(text):
        return text
    return None


def integer(text: str) -> int:
    """A whole number, with or without thousands points ("1283", "1.283", "-5")."""
    required(text)
    if _INTEGER.fullmatch(text):
        return int(text)
    if _INTEGER_GROUPED.fullmatch(text):
        return int(text.replace(".", ""))
    raise not_a_whole_number(text)


def decimal(text: str, places: int) -> Decimal:
    """A decimal number (module docstring); trailing zeros beyond `places` decimals are dropped
    ("72,50" is 72.5)."""
    plain = number_text(required(text))
    if plain is None:
        raise not_a_number(text)
    value = Decimal(plain)
    try:
        rounded = value.quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:
        return value
    return rounded if rounded == value else value


def date(text: str) -> datetime.date:
    """A date as day-month-year ("31-12-2024", "31.12.2024", "31/12/2024") or ISO."""
    required(text)
    found = _DMY.fullmatch(text)
    if found:
        day, month, year = (int(g) for g in found.groups())
    else:
        found = _ISO.fullmatch(text)
        if not found:
            raise _not_a_date(text)
        year, month, day = (int(g) for g in found.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise _not_a_date(text) from None


def _not_a_date(text: str) -> ValidationError:
    return ValidationError(
        _("“%(value)s” is not a date (expected e.g. 31-12-2024)."),
        code="invalid",
        params={"value": text},
    )


def field_value(model: type[models.Model], field_name: str, value):
    """`value` cleaned by the model field: its type, length and validators."""
    return model._meta.get_field(field_name).clean(value, None)
