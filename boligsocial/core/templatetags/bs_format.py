"""`{% load bs_format %}`: the Danish number and date formats of core/formatting.py in templates.

    {{ n|dk_int }}             18.096
    {{ x|dk_number:1 }}        43,1      (a Decimal, int or float; rounded half-even)
    {{ d|dk_date }}            05-03-2026
    {{ t|dk_datetime }}        05-03-2026 14:30   ({{ t|dk_datetime:"seconds" }}: 14:30:05)
    {{ d|dk_long_date }}       5. marts 2026      (running text: letters)

An empty value (None or "") gives "" so templates can add `|default:"–"`."""

from datetime import date, datetime
from decimal import Decimal

from django import template

from boligsocial.core import formatting

register = template.Library()


def _empty(value) -> bool:
    return value is None or value == ""


@register.filter
def dk_int(value) -> str:
    if _empty(value):
        return ""
    return formatting.format_integer(int(value))


@register.filter
def dk_number(value, decimals=None) -> str:
    if _empty(value):
        return ""
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return formatting.format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def dk_date(value) -> str:
    return "" if _empty(value) else formatting.format_date(value)


@register.filter
def dk_datetime(value, arg="") -> str:
    if _empty(value):
        return ""
    if not isinstance(value, datetime) and isinstance(value, date):
        return formatting.format_date(value)
    return formatting.format_datetime(value, seconds=arg == "seconds")


@register.filter
def dk_long_date(value) -> str:
    return "" if _empty(value) else formatting.format_long_date(value)
