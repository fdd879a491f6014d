"""The generic input bounds of core: JSON nesting depth, ids within 64 bits, the sane date range."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.core.forms import (
    EARLIEST_DATE,
    LATEST_DATE,
    validate_not_before_earliest,
    validate_sane_date,
)
from boligsocial.core.parsers import json_depth_exceeds
from boligsocial.core.rest import MAX_ID, check_id


@pytest.mark.parametrize(
    ("text", "limit", "exceeds"),
    [
        ("{}", 1, False),
        ("{}", 0, True),
        ("[[]]", 2, False),
        ("[[]]", 1, True),
        ('{"a": [1, {"b": []}]}', 4, False),
        ('{"a": [1, {"b": []}]}', 3, True),
        ('"[[[[[["', 1, False),  # brackets inside a string do not count
        ('["\\"[[[["]', 1, False),  # nor after an escaped quote
        ('["\\\\", [[]]]', 2, True),  # an escaped backslash ends the string
        ("[][][][]", 1, False),  # siblings, not nesting
        ("", 0, False),
        ("1", 0, False),
    ],
)
def test_json_depth_is_measured_outside_strings(text, limit, exceeds):
    assert json_depth_exceeds(text, limit) is exceeds


@given(st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=300))
def test_json_depth_of_n_nested_arrays(depth, limit):
    assert json_depth_exceeds("[" * depth + "]" * depth, limit) is (depth > limit)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, 1),
        ("42", 42),
        (MAX_ID, MAX_ID),
        (MAX_ID + 1, None),
        (2**70, None),
        (0, None),
        (-1, None),
        ("abc", None),
        (None, None),
        ("1.5", None),
    ],
)
def test_check_id(value, expected):
    assert check_id(value) == expected


@pytest.mark.parametrize(
    "value",
    [EARLIEST_DATE, LATEST_DATE, date(2026, 3, 24), datetime(2000, 1, 1, 0, 0), None],
)
def test_dates_in_the_range_are_accepted(value):
    validate_sane_date(value)


@pytest.mark.parametrize(
    "value",
    [date(1, 1, 1), date(1999, 12, 31), date(2101, 1, 1), datetime(1999, 12, 31, 23, 59)],
)
def test_dates_outside_the_range_are_refused_with_the_range_named(value):
    with pytest.raises(ValidationError) as error:
        validate_sane_date(value)
    assert error.value.code == "date_range"
    assert error.value.messages == ["Angiv en dato mellem 01-01-2000 og 31-12-2100."]


def test_the_lower_bound_alone_lets_far_future_dates_to_the_fields_own_check():
    validate_not_before_earliest(date(2999, 1, 1))
    with pytest.raises(ValidationError):
        validate_not_before_earliest(date(1999, 12, 31))
