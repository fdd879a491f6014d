"""Working-day deadline arithmetic for Beredskab cases (Danish calendar). Pure Python, no Django.

A *working day* is Monday–Friday that is not a *closed day*. Closed days are

* the official Danish public holidays (helligdage) as returned by the ``holidays`` library,
  category ``public``: nytårsdag, skærtorsdag, langfredag, påskedag, 2. påskedag, store bededag
  (until 2023; abolished from 2024, which the library knows), Kristi himmelfartsdag, pinsedag,
  2. pinsedag, juledag and 2. juledag; plus
* ``WorkCalendar.extra_closed_days``: (month, day) pairs on which housing organisations' offices
  are closed although they are not public holidays. The default is Grundlovsdag (5 June),
  juleaftensdag (24 December) and nytårsaftensdag (31 December). The library lists these three,
  and 1 May (arbejdernes kampdag), in its ``optional`` category; 1 May is *not* closed by default
  (a half day or a normal day in most housing organisations), but can be added.

No holiday table is written by hand here: the public holidays come from ``holidays``.

API
---
``danish_holidays(years) -> set[date]``
    The official public holidays in ``years`` (an int or an iterable of ints).
``WorkCalendar(extra_closed_days=DEFAULT_EXTRA_CLOSED_DAYS)``
    Frozen, hashable closed-days configuration. ``calendar.closed_days(year)`` is the cached
    frozenset of closed dates in that year (public holidays plus extra closed days).
``DEFAULT``
    ``WorkCalendar()``, the calendar every function uses unless given ``calendar=``.
``is_working_day(d, *, calendar=DEFAULT) -> bool``
``add_working_days(start, n, *, calendar=DEFAULT) -> date``
    Day 0 is the start date; the result is the ``n``-th working day strictly after it, so a case
    received on a Friday (any time of day) with ``n=2`` is due on Tuesday, and one received on a
    Saturday is due on Tuesday too (Monday is its first working day). ``n=0`` gives the next
    working day on or after the start date. ``n < 0`` is a ``ValueError``.
``working_days_between(a, b, *, calendar=DEFAULT) -> int``
    The number of working days ``d`` with ``a < d <= b``; ``-working_days_between(b, a)`` when
    ``b < a``. So ``working_days_between(d, add_working_days(d, n)) == n`` for ``n >= 1`` (and
    for ``n == 0`` when ``d`` is a working day). Used for "days overdue" and time to first contact.
``deadline_status(due, today, *, soon_days=1, calendar=DEFAULT)``
    ``"overdue"`` (today after due), ``"due_today"``, ``"due_soon"`` (due within ``soon_days``
    working days after today) or ``"ok"``.

Every function accepts a ``date`` or an aware ``datetime``; a datetime is converted to its date in
Europe/Copenhagen (so 2026-03-27T23:30Z is 28 March). A naive datetime is a ``ValueError``: its
day would be a guess.
"""

from __future__ import annotations

import bisect
import calendar as _calendar
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

__all__ = [
    "COPENHAGEN",
    "DEFAULT",
    "DEFAULT_EXTRA_CLOSED_DAYS",
    "DeadlineStatus",
    "WorkCalendar",
    "add_working_days",
    "danish_holidays",
    "deadline_status",
    "is_working_day",
    "local_date",
    "working_days_between",
]

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

#: Grundlovsdag, juleaftensdag, nytårsaftensdag.
DEFAULT_EXTRA_CLOSED_DAYS: frozenset[tuple[int, int]] = frozenset({(6, 5), (12, 24), (12, 31)})

DeadlineStatus = Literal["overdue", "due_today", "due_soon", "ok"]


def danish_holidays(years: int | Iterable[int]) -> set[date]:
    """The official Danish public holidays (category ``public``) in ``years``."""
    years = [years] if isinstance(years, int) else list(years)
    return set(holidays.country_holidays("DK", years=years, language="da", categories=("public",)))


@dataclass(frozen=True)
class WorkCalendar:
    """Which days the office is closed, besides weekends and public holidays."""

    extra_closed_days: frozenset[tuple[int, int]] = DEFAULT_EXTRA_CLOSED_DAYS

    def __post_init__(self) -> None:
        days = frozenset((int(month), int(day)) for month, day in self.extra_closed_days)
        for month, day in days:
            # 2000 is a leap year, so (2, 29) is accepted (and skipped in other years).
            if not 1 <= month <= 12 or not 1 <= day <= _calendar.monthrange(2000, month)[1]:
                raise ValueError(f"Not a day of the year: (month={month}, day={day})")
        object.__setattr__(self, "extra_closed_days", days)

    def closed_days(self, year: int) -> frozenset[date]:
        """Public holidays plus extra closed days in ``year`` (weekends not included)."""
        return _closed_days(year, self.extra_closed_days)


DEFAULT = WorkCalendar()


@functools.lru_cache(maxsize=1024)
def _closed_days(year: int, extra_closed_days: frozenset[tuple[int, int]]) -> frozenset[date]:
    extra = set()
    for month, day in extra_closed_days:
        if day <= _calendar.monthrange(year, month)[1]:
            extra.add(date(year, month, day))
    return frozenset(danish_holidays(year) | extra)


@functools.lru_cache(maxsize=1024)
def _closed_weekday_ordinals(
    year: int, extra_closed_days: frozenset[tuple[int, int]]
) -> tuple[int, ...]:
    """Sorted ordinals of the closed days in ``year`` that fall on Monday–Friday."""
    return tuple(
        sorted(d.toordinal() for d in _closed_days(year, extra_closed_days) if d.weekday() < 5)
    )


def local_date(value: date | datetime) -> date:
    """The date of ``value`` in Europe/Copenhagen; a plain date is returned unchanged."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            raise ValueError("A naive datetime has no day in Copenhagen: give it a timezone.")
        return value.astimezone(COPENHAGEN).date()
    if isinstance(value, date):
        return value
    raise TypeError(f"Expected a date or datetime, got {type(value).__name__}")


def is_working_day(d: date | datetime, *, calendar: WorkCalendar = DEFAULT) -> bool:
    """Monday–Friday and not a public holiday or extra closed day."""
    d = local_date(d)
    return d.weekday() < 5 and d not in _closed_days(d.year, calendar.extra_closed_days)


def _weekdays_up_to(ordinal: int) -> int:
    """The number of Mondays–Fridays among ordinals 1..``ordinal``.

    Ordinal 1 (0001-01-01) is a Monday, so every block of seven ordinals starts on a Monday.
    """
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def _kth_weekday(k: int) -> int:
    """The ordinal of the ``k``-th Monday–Friday (k >= 1): the inverse of ``_weekdays_up_to``."""
    weeks, rest = divmod(k - 1, 5)
    return weeks * 7 + rest + 1


def _closed_weekdays_in(lo: int, hi: int, extra: frozenset[tuple[int, int]]) -> int:
    """The number of closed Mondays–Fridays with ordinal in (lo, hi], for lo < hi."""
    count = 0
    for year in range(date.fromordinal(lo + 1).year, date.fromordinal(hi).year + 1):
        ordinals = _closed_weekday_ordinals(year, extra)
        count += bisect.bisect_right(ordinals, hi) - bisect.bisect_right(ordinals, lo)
    return count


def add_working_days(start: date | datetime, n: int, *, calendar: WorkCalendar = DEFAULT) -> date:
    """The ``n``-th working day strictly after ``start``'s date (``n=0``: on or after it)."""
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n}")
    origin = local_date(start).toordinal()
    if n == 0:  # the first working day after the day before start
        origin, n = origin - 1, 1
    extra = calendar.extra_closed_days
    # Jump to the n-th weekday after origin; every closed weekday passed on the way pushes the
    # target one weekday further. When a jump passes no closed day, the target is a working day
    # with exactly n working days in (origin, target], so it is the n-th working day.
    k = _weekdays_up_to(origin) + n
    checked, target = origin, _kth_weekday(k)
    while passed := _closed_weekdays_in(checked, target, extra):
        k += passed
        checked, target = target, _kth_weekday(k)
    return date.fromordinal(target)


def working_days_between(
    a: date | datetime, b: date | datetime, *, calendar: WorkCalendar = DEFAULT
) -> int:
    """Working days after ``a`` up to and including ``b``; negative (mirrored) if ``b < a``."""
    lo, hi = local_date(a).toordinal(), local_date(b).toordinal()
    sign = 1
    if hi < lo:
        lo, hi, sign = hi, lo, -1
    if lo == hi:
        return 0
    weekdays = _weekdays_up_to(hi) - _weekdays_up_to(lo)
    return sign * (weekdays - _closed_weekdays_in(lo, hi, calendar.extra_closed_days))


def deadline_status(
    due: date | datetime,
    today: date | datetime,
    *,
    soon_days: int = 1,
    calendar: WorkCalendar = DEFAULT,
) -> DeadlineStatus:
    """Where ``today`` stands relative to the deadline ``due``.

    ``due_soon`` means ``due`` is at most ``soon_days`` working days after ``today`` (with the
    default 1, a deadline on Monday is due soon on the Friday before).
    """
    if soon_days < 0:
        raise ValueError(f"soon_days must be 0 or more, got {soon_days}")
    due, today = local_date(due), local_date(today)
    if today > due:
        return "overdue"
    if today == due:
        return "due_today"
    if working_days_between(today, due, calendar=calendar) <= soon_days:
        return "due_soon"
    return "ok"
