"""Follow-up rules of the today view (docs/decisions/0029-today-view.md). Pure Python, no Django.

Two rules:

* **Every open case has a next deadline.** When the first contact is recorded (or a case is
  reopened, or its last open deadline is met) and no other task deadline is left, a follow-up
  deadline is set `CASE_FOLLOW_UP_WORKING_DAYS` working days later (`follow_up_due`). An open
  case that still has none (older data, a deadline removed by hand) is *flagged* on the today
  view, never left silent.
* **A red department's prescribed review.** The screening prescribes a review every
  `review_months` for a light (red: every quarter by default). A light of year Y is about the
  year Y, so its review cycle starts on 1 January of Y + 1: reviews fall on that day and every
  `review_months` after it (`next_review`). The cycle depends only on the light's year and
  interval, so re-screening (which rebuilds the lights) does not move it. A review is *coming up*
  when it falls within `REVIEW_NOTICE_MONTHS` from today (`review_coming_up`).

API
---
``follow_up_due(contacted_on, *, working_days=CASE_FOLLOW_UP_WORKING_DAYS) -> date``
``add_months(d, months) -> date`` (the last day of a shorter month when the day does not exist)
``next_review(light_year, review_months, today) -> date``
``review_coming_up(review_on, today, *, notice_months=REVIEW_NOTICE_MONTHS) -> bool``
"""

import calendar
from datetime import date

from boligsocial.cases import workdays

#: Working days from the first contact to the case worker's follow-up of the case.
CASE_FOLLOW_UP_WORKING_DAYS = 10
#: A department's review is shown on the today view from this many months before it falls.
REVIEW_NOTICE_MONTHS = 1


def follow_up_due(contacted_on: date, *, working_days: int = CASE_FOLLOW_UP_WORKING_DAYS) -> date:
    """The follow-up deadline of a case contacted on `contacted_on` (a date or aware datetime)."""
    return workdays.add_working_days(contacted_on, working_days)


def add_months(d: date, months: int) -> date:
    """`d` plus `months` calendar months; 31 January + 1 month is 28 (29) February."""
    if months < 0:
        raise ValueError(f"months must be 0 or more, got {months}")
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def next_review(light_year: int, review_months: int, today: date) -> date:
    """The first review of the cycle of a light of `light_year` on or after `today`: 1 January
    of `light_year + 1`, and every `review_months` after it."""
    if review_months < 1:
        raise ValueError(f"review_months must be 1 or more, got {review_months}")
    start = date(light_year + 1, 1, 1)
    if today <= start:
        return start
    months = (today.year - start.year) * 12 + today.month - start.month
    k = months // review_months
    review = add_months(start, k * review_months)
    while review < today:
        k += 1
        review = add_months(start, k * review_months)
    return review


def review_coming_up(
    review_on: date, today: date, *, notice_months: int = REVIEW_NOTICE_MONTHS
) -> bool:
    """True when the review falls today or within `notice_months` calendar months."""
    return today <= review_on <= add_months(today, notice_months)
