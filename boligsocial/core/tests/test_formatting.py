"""core.formatting and the bs_format template filters: the one Danish format of numbers and
dates."""

from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.core.formatting import (
    format_date,
    format_datetime,
    format_integer,
    format_long_date,
    format_number,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (D("0"), None, "0"),
        (D("1234.5"), None, "1.234,5"),
        (D("30.0"), None, "30,0"),
        (D("1283"), None, "1.283"),
        (D("1000000"), 0, "1.000.000"),
        (D("-1234.56"), 1, "-1.234,6"),
        (D("0.25"), 1, "0,2"),  # half-even
        (D("0.35"), 1, "0,4"),
        (D("-0.04"), 1, "0,0"),  # rounds to zero: no sign
        (D("999.95"), 1, "1.000,0"),
        (D("12"), 2, "12,00"),
    ],
)
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "error"),
    [
        (1.5, None, TypeError),
        (D("NaN"), None, TypeError),
        (D("1"), -1, ValueError),
        (D("1"), True, ValueError),
    ],
)
def test_format_number_refuses_what_is_not_a_finite_decimal(value, decimals, error):
    with pytest.raises(error, match="skal være"):
        format_number(value, decimals)


@pytest.mark.parametrize(
    ("value", "expected"), [(0, "0"), (999, "999"), (1000, "1.000"), (18096, "18.096")]
)
def test_format_integer(value, expected):
    assert format_integer(value) == expected


def test_format_integer_refuses_a_bool():
    with pytest.raises(TypeError, match="heltal"):
        format_integer(True)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_an_integer_reads_back_without_its_thousands_points(n):
    text = format_integer(n)
    assert int(text.replace(".", "")) == n
    assert all(len(group) == 3 for group in text.lstrip("-").split(".")[1:])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 3, 5), "05-03-2026"),
        (date(2026, 12, 31), "31-12-2026"),
        # 23:30 UTC on 1 March is 00:30 on 2 March in Copenhagen
        (datetime(2026, 3, 1, 23, 30, tzinfo=UTC), "02-03-2026"),
    ],
)
def test_format_date(value, expected):
    assert format_date(value) == expected


@pytest.mark.parametrize(
    ("value", "seconds", "expected"),
    [
        (datetime(2026, 3, 1, 23, 30, 5, tzinfo=UTC), False, "02-03-2026 00:30"),
        (datetime(2026, 7, 1, 12, 0, 5, tzinfo=UTC), True, "01-07-2026 14:00:05"),  # summer time
        (datetime(2026, 3, 5, 9, 7), False, "05-03-2026 09:07"),  # naive: as given
    ],
)
def test_format_datetime(value, seconds, expected):
    assert format_datetime(value, seconds=seconds) == expected


def test_format_datetime_refuses_a_plain_date():
    with pytest.raises(TypeError, match="tidspunkt"):
        format_datetime(date(2026, 3, 5))


@pytest.mark.parametrize(
    ("language", "value", "time", "expected"),
    [
        ("da", date(2025, 3, 5), False, "5. marts 2025"),
        ("en", date(2025, 3, 5), False, "5. March 2025"),
        ("da", datetime(2026, 3, 1, 22, 30, tzinfo=UTC), True, "1. marts 2026 23:30"),
    ],
)
def test_format_long_date_writes_the_month_in_the_active_language(language, value, time, expected):
    with translation.override(language):
        assert format_long_date(value, time=time) == expected


def _render(source: str, **context) -> str:
    return Template("{% load bs_format %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("source", "context", "expected"),
    [
        ("{{ n|dk_int }}", {"n": 18096}, "18.096"),
        ("{{ n|dk_int }}", {"n": None}, ""),
        ("{{ x|dk_number:1 }}", {"x": D("43.15")}, "43,2"),
        ("{{ x|dk_number:1 }}", {"x": 2.25}, "2,2"),
        ("{{ x|dk_number }}", {"x": D("1234.50")}, "1.234,50"),
        ("{{ d|dk_date }}", {"d": date(2026, 3, 5)}, "05-03-2026"),
        ("{{ d|dk_date|default:'–' }}", {"d": None}, "–"),
        (
            "{{ t|dk_datetime }}",
            {"t": datetime(2026, 3, 5, 13, 30, tzinfo=UTC)},
            "05-03-2026 14:30",
        ),
        (
            '{{ t|dk_datetime:"seconds" }}',
            {"t": datetime(2026, 3, 5, 13, 30, 9, tzinfo=UTC)},
            "05-03-2026 14:30:09",
        ),
        ("{{ d|dk_datetime }}", {"d": date(2026, 3, 5)}, "05-03-2026"),
        ("{{ d|dk_long_date }}", {"d": date(2026, 3, 5)}, "5. marts 2026"),
    ],
)
def test_template_filters(source, context, expected):
    assert _render(source, **context) == expected


def test_numbers_stay_danish_in_the_english_interface():
    with translation.override("en"):
        assert _render("{{ n|dk_int }} {{ d|dk_date }}", n=1283, d=date(2026, 3, 5)) == (
            "1.283 05-03-2026"
        )
