"""Import of indicator values per department, area or the whole country, per year.

One row is one value. Its scope is given by which columns are filled in:
- `organisation` (LBF number) + `afdeling` (department number): a department's value;
- `omraade` (area name) + `kommunekode`: an area's value (e.g. the published values of the
  statutory criteria);
- none of the four: the national value (e.g. the national share of convicted residents).
Key: (indicator, department / area / country, year). A new key is created, an existing one with a
different value, count or source is updated, an identical one is left untouched. Values that are
not in the file are kept. All or nothing: with any problem, nothing is written.

This module: the columns, one checked value (`Entry`) and the rules on it (`Rules`), shared by
the file (`values_check`), the API's bulk endpoint (`values_api`) and the write
(`values_write`: plan, write, undo, the template's rows)."""

import re
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core import cells
from boligsocial.core.importkinds import Column
from boligsocial.screening.models import Indicator, IndicatorValue
from boligsocial.screening.statutory import FIRST_RULE_YEAR

MIN_YEAR = 2000  # a sanity bound of ours: no series we know of goes further back
PROGRESS_EVERY = 5000  # rows between progress reports

_VALUE_FIELD = IndicatorValue._meta.get_field("value")
SOURCE_MAX = IndicatorValue._meta.get_field("source").max_length
_DECIMAL_VALIDATOR = DecimalValidator(_VALUE_FIELD.max_digits, _VALUE_FIELD.decimal_places)
_INTEGER = re.compile(r"[0-9]+")
_INTEGER_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")

COLUMNS = (
    Column("aar", gettext_lazy("The year the value is for, e.g. 2024."), 2024),
    Column(
        "organisation",
        gettext_lazy(
            "For a department's value: the housing organisation's number at Landsbyggefonden "
            "(LBF number). Empty for an area's value and for a national value."
        ),
        123,
        required=False,
    ),
    Column(
        "afdeling",
        gettext_lazy(
            "For a department's value: the department's number in the housing organisation."
        ),
        1,
        required=False,
    ),
    Column(
        "omraade",
        gettext_lazy(
            "For an area's value: the housing area's name, as on the list of areas. Empty for a "
            "department's value and for a national value."
        ),
        "",
        required=False,
    ),
    Column(
        "kommunekode",
        gettext_lazy("For an area's value: the area's municipality code, e.g. 751 for Aarhus."),
        "",
        required=False,
    ),
    Column(
        "indikator",
        gettext_lazy("The indicator's code, see the list of indicators below."),
        "outside_work_education",
    ),
    Column(
        "vaerdi",
        gettext_lazy(
            "The value, with a decimal comma and at most 4 decimals; a point separates "
            "thousands (1.283). Percentages are 0–100."
        ),
        "23,4",
    ),
    Column(
        "taeller",
        gettext_lazy("Optional: the count behind the value, e.g. persons, as a whole number."),
        187,
        required=False,
    ),
    Column(
        "naevner",
        gettext_lazy("Optional: the count the value is out of, as a whole number."),
        799,
        required=False,
    ),
    Column(
        "kilde",
        gettext_lazy("Optional: where the value comes from, e.g. Danmarks Statistik."),
        "Danmarks Statistik",
        required=False,
    ),
)
NAMES = tuple(c.name for c in COLUMNS)


class Entry(NamedTuple):
    """One checked value, ready to be written (a tuple: 100,000 of them are cheap)."""

    line: int
    indicator_id: int
    department_id: int | None
    area_id: int | None
    year: int
    value: Decimal
    numerator: int | None
    denominator: int | None
    source: str

    @property
    def key(self) -> tuple:
        return (self.indicator_id, self.department_id, self.area_id, self.year)


class Rules:
    """The checks on one value, each raising ValidationError with a Danish message."""

    def __init__(self) -> None:
        self.max_year = timezone.localdate().year

    def year(self, year: int, indicator: Indicator | None, *, area: bool) -> int:
        if year < MIN_YEAR or year > self.max_year:
            raise ValidationError(
                _("The year must be between %(min)s and %(max)s."),
                code="range",
                params={"min": MIN_YEAR, "max": self.max_year},
            )
        if area and indicator is not None and indicator.statutory_key and year < FIRST_RULE_YEAR:
            raise ValidationError(
                _(
                    "Values of the statutory criteria for areas can only be imported from "
                    "%(first)s, the first list under the current rules. For earlier years, import "
                    "the published lists."
                ),
                code="statutory_year",
                params={"first": FIRST_RULE_YEAR},
            )
        return year

    def value(self, value: Decimal, indicator: Indicator) -> Decimal:
        """Range and kind of a value already parsed (and so within the stored digits)."""
        low, high = bounds(indicator)
        if value < low or (high is not None and value > high):
            if high is None:
                message = _("The value must not be negative.")
            elif indicator.unit == "percent":
                message = _("A percentage must be between 0 and 100.")
            else:
                message = _("The value must be between %(low)s and %(high)s.") % {
                    "low": low,
                    "high": high,
                }
            raise ValidationError(message, code="range")
        if indicator.unit == "count" and value != value.to_integral_value():
            raise ValidationError(_("A count must be a whole number."), code="whole")
        return value

    def counts(self, numerator: int | None, denominator: int | None, indicator: Indicator):
        if denominator == 0:
            raise ValidationError(_("The denominator must be greater than 0."), code="zero")
        if (
            numerator is not None
            and denominator is not None
            and indicator.unit == "percent"
            and numerator > denominator
        ):
            raise ValidationError(
                _("The numerator (%(numerator)s) is greater than the denominator."),
                code="counts",
                params={"numerator": numerator},
            )

    def source(self, text: str) -> str:
        if len(text) > SOURCE_MAX:
            raise ValidationError(
                _("The source may be at most %(max)s characters long."),
                code="length",
                params={"max": SOURCE_MAX},
            )
        return text


def bounds(indicator: Indicator) -> tuple[Decimal, Decimal | None]:
    """(lowest, highest or None) value an indicator can take. Shares in percent are 0–100; income
    as a percentage of the region's can exceed 100; all other units are counts, rates, amounts or
    scores, none of them negative."""
    if indicator.unit == "percent" and indicator.statutory_key != "income_pct_of_region":
        return Decimal(0), Decimal(100)
    return Decimal(0), None


_MAX_WHOLE_DIGITS = _VALUE_FIELD.max_digits - _VALUE_FIELD.decimal_places


def parse_decimal(text: str) -> Decimal:
    """A number in the formats of `core.cells` (decimal comma, thousands points), with at most
    the stored number of digits (the validator's message only when the quick check on the text
    fails)."""
    plain = cells.number_text(text)
    if plain is None:
        cells.required(text)
        raise cells.not_a_number(text)
    value = Decimal(plain)
    whole, _dot, fraction = plain.removeprefix("-").partition(".")
    if (
        len(whole.lstrip("0")) > _MAX_WHOLE_DIGITS
        or len(fraction.rstrip("0")) > _VALUE_FIELD.decimal_places
    ):
        _DECIMAL_VALIDATOR(value)
    return value


def parse_count(text: str) -> int | None:
    if not text:
        return None
    if _INTEGER.fullmatch(text):
        return int(text)
    if _INTEGER_GROUPED.fullmatch(text):
        return int(text.replace(".", ""))
    raise ValidationError(
        _("“%(value)s” is not a whole number of 0 or more (expected e.g. 1283 or 1.283)."),
        code="invalid",
        params={"value": text},
    )


def duplicate_message(line: int) -> str:
    return _(
        "The same indicator, year and department, area or country is already on line %(line)s."
    ) % {"line": line}
