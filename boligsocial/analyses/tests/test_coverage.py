from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.analyses.coverage import (
    DONE,
    DUE,
    OVERDUE,
    PLANNED,
    STATUSES,
    add_months,
    coverage_status,
    days_in_month,
    next_due,
)

TODAY = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 6, 15), 12, date(2026, 6, 15)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
        (date(2026, 3, 31), 6, date(2026, 9, 30)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


@given(st.integers(min_value=1900, max_value=2200), st.integers(min_value=1, max_value=12))
def test_days_in_month_is_the_calendars(year, month):
    import calendar

    assert days_in_month(year, month) == calendar.monthrange(year, month)[1]


def test_next_due_needs_a_held_analysis_and_a_positive_interval():
    assert next_due(None, 12) is None
    with pytest.raises(ValueError):
        next_due(date(2026, 1, 1), 0)


@pytest.mark.parametrize(
    ("last_done", "next_planned", "in_progress", "months", "status"),
    [
        (date(2025, 6, 16), None, False, 12, DONE),  # due tomorrow: still done
        (date(2025, 6, 15), None, False, 12, OVERDUE),  # due today: no longer done
        (date(2025, 6, 15), TODAY, False, 12, PLANNED),  # planned today
        (date(2025, 6, 15), TODAY - timedelta(days=1), False, 12, OVERDUE),  # planned date gone
        (date(2025, 6, 15), TODAY - timedelta(days=1), True, 12, PLANNED),  # under way
        (None, None, False, 12, DUE),
        (None, TODAY + timedelta(days=30), False, 12, PLANNED),
        (None, TODAY - timedelta(days=1), False, 12, OVERDUE),
        (date(2025, 12, 16), None, False, 6, DONE),  # a 6-month interval: due 2026-06-16
        (date(2025, 12, 15), None, False, 6, OVERDUE),
        (date(2026, 1, 1), TODAY - timedelta(days=100), False, 12, DONE),  # done wins
    ],
)
def test_coverage_status(last_done, next_planned, in_progress, months, status):
    assert (
        coverage_status(
            today=TODAY,
            last_done=last_done,
            next_planned=next_planned,
            in_progress=in_progress,
            interval_months=months,
        )
        == status
    )


dates = st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))


@given(dates, dates, st.booleans(), st.integers(min_value=1, max_value=60))
def test_every_department_has_exactly_one_status(last_done, planned, in_progress, months):
    status = coverage_status(
        today=TODAY,
        last_done=last_done,
        next_planned=planned,
        in_progress=in_progress,
        interval_months=months,
    )
    assert status in STATUSES
    if last_done is not None and add_months(last_done, months) > TODAY:
        assert status == DONE
