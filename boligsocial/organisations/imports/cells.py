"""Turning one cell's text into a validated value. Each function raises ValidationError with a
message for the report; the model field's own validators decide what is allowed."""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

_INTEGER = re.compile(r"-?\d+")
_DECIMAL = re.compile(r"-?\d+(?:[.,]\d+)?")


def message_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def required(text: str) -> str:
    if not text:
        raise ValidationError(_("The field must be filled in."), code="required")
    return text


def integer(text: str) -> int:
    if not _INTEGER.fullmatch(required(text)):
        raise ValidationError(
            _("“%(value)s” is not a whole number."), code="invalid", params={"value": text}
        )
    return int(text)


def decimal(text: str, places: int) -> Decimal:
    """A decimal number with a point or a Danish decimal comma ("72,5"); trailing zeros beyond
    `places` decimals are dropped ("72,50" is 72.5)."""
    if not _DECIMAL.fullmatch(required(text)):
        raise ValidationError(
            _("“%(value)s” is not a number."), code="invalid", params={"value": text}
        )
    value = Decimal(text.replace(",", "."))
    try:
        rounded = value.quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:
        return value
    return rounded if rounded == value else value


def field_value(model: type[models.Model], field_name: str, value):
    """`value` cleaned by the model field: its type, length and validators."""
    return model._meta.get_field(field_name).clean(value, None)
