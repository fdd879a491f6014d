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

import calendar
from datetime import date

DONE, PLANNED, DUE, OVERDUE = "done", "planned", "due", "overdue"
STATUSES = (PLANNED, DONE, DUE, OVERDUE)
DEFAULT_INTERVAL_MONTHS = 12


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


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
    due = next_due(last_done, interval_months)
    if due is not None and today < due:
        return DONE
    if in_progress or (next_planned is not None and next_planned >= today):
        return PLANNED
    if due is not None or next_planned is not None:
        return OVERDUE
    return DUE
