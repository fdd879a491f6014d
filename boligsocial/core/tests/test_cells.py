"""Danish numbers and dates in import cells (`core.cells`): table tests and properties. Messages
are compared in English (the msgids)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.core import cells

NOT_A_NUMBER = (
    "“%s” is not a number (expected e.g. 1.283 or 72,5: a point between thousands, a comma "
    "before the decimals)."
)
NOT_WHOLE = "“%s” is not a whole number (expected e.g. 1283 or 1.283)."


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def message(call, *args) -> str:
    with pytest.raises(ValidationError) as caught:
        call(*args)
    return cells.message_of(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("72,5", "72.5"),
        ("1283", "1283"),
        ("1.283", "1283"),  # a Danish thousands point
        ("1.283,5", "1283.5"),
        ("1.283.000,25", "1283000.25"),
        ("-1.283", "-1283"),
        ("72.5", "72.5"),  # a decimal point: not three digits after it
        ("0.125", "0.125"),  # a leading 0 is no thousands group
        ("12.3456", "12.3456"),
        ("-0,5", "-0.5"),
        ("0", "0"),
        ("72.500", "72500"),  # the one ambiguous text is read the Danish way
    ],
)
def test_danish_and_plain_numbers(text, expected):
    assert cells.number_text(text) == expected
    assert cells.decimal(text, 4) == Decimal(expected)


@pytest.mark.parametrize(
    "text", ["1 283", "1,283,5", "12.34.5", ",5", "5,", "1.2834,5", "abc", "1e5", "١٢"]
)
def test_what_is_no_number_says_which_format_was_expected(text):
    assert cells.number_text(text) is None
    assert message(cells.decimal, text, 2) == NOT_A_NUMBER % text


def test_an_empty_number_must_be_filled_in():
    assert message(cells.decimal, "", 1) == "The field must be filled in."
    assert message(cells.integer, "") == "The field must be filled in."


@pytest.mark.parametrize(
    ("text", "expected"), [("1283", 1283), ("1.283", 1283), ("-5", -5), ("20.000", 20000)]
)
def test_whole_numbers_may_have_thousands_points(text, expected):
    assert cells.integer(text) == expected


@pytest.mark.parametrize("text", ["12,5", "1.28", "mange", "1 000", "0.125"])
def test_what_is_no_whole_number(text):
    assert message(cells.integer, text) == NOT_WHOLE % text


def test_trailing_zeros_beyond_the_places_are_dropped():
    assert str(cells.decimal("72,50", 1)) == "72.5"
    assert str(cells.decimal("72,55", 1)) == "72.55"  # the field's validator refuses it


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31-12-2024", datetime.date(2024, 12, 31)),
        ("1.2.2024", datetime.date(2024, 2, 1)),
        ("01/02/2024", datetime.date(2024, 2, 1)),
        ("2024-12-31", datetime.date(2024, 12, 31)),
        ("2024-12-31T00:00:00", datetime.date(2024, 12, 31)),  # an Excel date cell
    ],
)
def test_dates(text, expected):
    assert cells.date(text) == expected


@pytest.mark.parametrize("text", ["31-13-2024", "30.02.2024", "2024/12/31", "i går", "12-2024"])
def test_what_is_no_date(text):
    assert message(cells.date, text) == f"“{text}” is not a date (expected e.g. 31-12-2024)."


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_a_whole_number_reads_back_with_or_without_thousands_points(n):
    grouped = f"{n:,}".replace(",", ".")
    assert cells.integer(str(n)) == n
    assert cells.integer(grouped) == n


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False))
def test_a_decimal_written_the_danish_way_reads_back(value):
    whole, _, fraction = f"{abs(value):,f}".partition(".")
    text = (
        ("-" if value < 0 else "") + whole.replace(",", ".") + ("," + fraction if fraction else "")
    )
    assert cells.decimal(text, 4) == value


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
def test_a_plain_decimal_with_a_point_reads_back_unless_it_looks_like_thousands(value):
    text = f"{value:f}"
    whole, _, fraction = text.partition(".")
    looks_like_thousands = len(fraction) == 3 and whole[0] != "0" and len(whole) <= 3
    assert looks_like_thousands or cells.decimal(text, 4) == value
