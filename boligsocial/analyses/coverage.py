"""Hvornår skal en afdeling have sin sårbarhedsanalyse? / When is a department due? Pure Python.

Every department of an organisation is due an analysis once per interval (the organisation's
`CoverageSettings.interval_months`, default 12). For one department on `today`:

* ``next_due(last_done, months)``: the day the interval since the last held analysis ends
  (`add_months`: the same day of the month, or the month's last day when it has fewer days);
  None when none was ever held;
* ``coverage_status``, checked in this order:

  1. **done** – an analysis was held and ``today < next_due`` (on the due day it is no longer
     done);
  2. **planned** – otherwise, one is under way, or one is planned on or after today;
  3. **overdue** – otherwise, the interval since the last one has run out, or a planned date
     has passed without the analysis being held;
  4. **due** – otherwise (never analysed and nothing planned).
"""

from __future__ import annotations

from datetime import date

DONE, PLANNED, DUE, OVERDUE = "done", "planned", "due", "overdue"
STATUSES = (PLANNED, DONE, DUE, OVERDUE)
DEFAULT_INTERVAL_MONTHS = 12


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """(calendar.monthrange is ~50 times slower: it computes the weekday too.)"""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month - 1]


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def next_due(last_done: date | None, interval_months: int) -> date | None:
    if last_done is None:
        return None
    if interval_months < 1:
        raise ValueError("the interval is at least one month")
    return add_months(last_done, interval_months)


def coverage_status(
    *,
    today: date,
    last_done: date | None,
    next_planned: date | None,
    in_progress: bool,
    interval_months: int,
) -> str:
    return status_for_due(
        today=today,
        due=next_due(last_done, interval_months),
        next_planned=next_planned,
        in_progress=in_progress,
    )


def status_for_due(
    *, today: date, due: date | None, next_planned: date | None, in_progress: bool
) -> str:
    """`coverage_status` with the due date computed already (`next_due`): the list of 8,000
    departments computes it once per department."""
    if due is not None and today < due:
        return DONE
    if in_progress or (next_planned is not None and next_planned >= today):
        return PLANNED
    if due is not None or next_planned is not None:
        return OVERDUE
    return DUE
