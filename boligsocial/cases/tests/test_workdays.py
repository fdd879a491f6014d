"""Working-day deadlines on the Danish calendar. Pure Python, no database.

Expected dates below were worked out by hand from a calendar, not from the code under test.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boligsocial.cases.workdays import (
    DEFAULT,
    DEFAULT_EXTRA_CLOSED_DAYS,
    WorkCalendar,
    add_working_days,
    danish_holidays,
    deadline_status,
    is_working_day,
    local_date,
    working_days_between,
)

# Mutation testing (`make mutation`, decision 0017): 194 of 203 mutants killed (95.6 %). The 9
# that survive are equivalent, no test can tell them from the original:
# * _closed_weekdays_in__mutmut_8 and _12: the loop over years starts a year early
#   (`lo - 1`) or ends a year late (`+ 2`); that year's closed days all lie outside (lo, hi],
#   so bisect counts none of them.
# * danish_holidays__mutmut_8, _12, _16, _17: `language="da"` dropped, None, "DA" or "XXdaXX";
#   the language names the holidays, and only their dates are returned.
# * danish_holidays__mutmut_9 and _13: `categories=("public",)` dropped or None; the library's
#   default category is "public".
# * working_days_between__mutmut_6: `hi < lo` becomes `hi <= lo`; for hi == lo the swap changes
#   nothing and the next line returns 0.

D = date
CPH = ZoneInfo("Europe/Copenhagen")
PUBLIC_ONLY = WorkCalendar(extra_closed_days=frozenset())


# --- the holidays library and the closed days ----------------------------------------------------


def test_danish_public_holidays_2026_are_exactly_the_official_helligdage():
    assert danish_holidays(2026) == {
        D(2026, 1, 1),  # nytårsdag
        D(2026, 4, 2),  # skærtorsdag
        D(2026, 4, 3),  # langfredag
        D(2026, 4, 5),  # påskedag
        D(2026, 4, 6),  # 2. påskedag
        D(2026, 5, 14),  # Kristi himmelfartsdag
        D(2026, 5, 24),  # pinsedag
        D(2026, 5, 25),  # 2. pinsedag
        D(2026, 12, 25),  # juledag
        D(2026, 12, 26),  # 2. juledag
    }


def test_store_bededag_is_a_holiday_in_2023_and_abolished_from_2024():
    assert D(2023, 5, 5) in danish_holidays(2023)
    assert D(2024, 4, 26) not in danish_holidays(
        2024
    )  # would have been the 4th Friday after Easter
    assert len(danish_holidays(2023)) == 11
    assert len(danish_holidays(2024)) == 10
    assert is_working_day(D(2023, 5, 5)) is False
    assert is_working_day(D(2024, 4, 26)) is True


def test_danish_holidays_accepts_several_years():
    both = danish_holidays([2025, 2026])
    assert both == danish_holidays(2025) | danish_holidays(2026)
    assert len(both) == 20


def test_library_lists_the_default_extra_closed_days_as_optional_not_public():
    optional = holidays.country_holidays("DK", years=2026, language="da", categories=("optional",))
    assert dict(optional) == {
        D(2026, 5, 1): "Arbejdernes kampdag",
        D(2026, 6, 5): "Grundlovsdag",
        D(2026, 12, 24): "Juleaftensdag",
        D(2026, 12, 31): "Nytårsaften",
    }
    assert {(d.month, d.day) for d in optional} > DEFAULT_EXTRA_CLOSED_DAYS
    assert not set(optional) & danish_holidays(2026)


def test_default_calendar_closes_grundlovsdag_juleaften_and_nytaarsaften_but_not_first_of_may():
    assert DEFAULT.extra_closed_days == frozenset({(6, 5), (12, 24), (12, 31)})
    assert DEFAULT.closed_days(2026) == danish_holidays(2026) | {
        D(2026, 6, 5),
        D(2026, 12, 24),
        D(2026, 12, 31),
    }
    assert is_working_day(D(2026, 5, 1)) is True  # Friday, arbejdernes kampdag


def test_first_of_may_can_be_configured_as_closed():
    with_may_day = WorkCalendar(extra_closed_days=DEFAULT_EXTRA_CLOSED_DAYS | {(5, 1)})
    assert is_working_day(D(2026, 5, 1), calendar=with_may_day) is False
    assert add_working_days(D(2026, 4, 30), 1, calendar=with_may_day) == D(2026, 5, 4)
    assert add_working_days(D(2026, 4, 30), 1) == D(2026, 5, 1)


def test_calendar_is_frozen_hashable_and_normalises_its_days_to_a_frozenset():
    calendar = WorkCalendar(extra_closed_days={(12, 24), (6, 5), (12, 31)})
    assert calendar == DEFAULT
    assert hash(calendar) == hash(DEFAULT)
    assert isinstance(calendar.extra_closed_days, frozenset)
    with pytest.raises(AttributeError, match=r"^cannot assign to field 'extra_closed_days'$"):
        calendar.extra_closed_days = frozenset()  # type: ignore[misc]


def test_closed_days_per_year_are_cached():
    assert DEFAULT.closed_days(2026) is DEFAULT.closed_days(2026)


@pytest.mark.parametrize("bad", [(2, 30), (13, 1), (0, 5), (4, 31), (6, 0)])
def test_calendar_rejects_a_day_that_is_not_in_the_year(bad):
    month, day = bad
    message = rf"^Not a day of the year: \(month={month}, day={day}\)$"
    with pytest.raises(ValueError, match=message):
        WorkCalendar(extra_closed_days=frozenset({bad}))


def test_a_january_day_can_be_closed():
    # month 1 is a month of the year: 2 January 2026 is a Friday between nytårsdag and a weekend
    calendar = WorkCalendar(extra_closed_days=frozenset({(1, 2)}))
    assert calendar.extra_closed_days == frozenset({(1, 2)})
    assert is_working_day(D(2026, 1, 2), calendar=calendar) is False
    assert add_working_days(D(2025, 12, 31), 1, calendar=calendar) == D(2026, 1, 5)
    assert calendar.closed_days(2026) == danish_holidays(2026) | {D(2026, 1, 2)}


def test_leap_day_can_be_closed_and_is_skipped_in_other_years():
    calendar = WorkCalendar(extra_closed_days=frozenset({(2, 29)}))
    assert is_working_day(D(2028, 2, 29), calendar=calendar) is False  # Tuesday
    assert is_working_day(D(2028, 2, 29)) is True
    assert calendar.closed_days(2026) == danish_holidays(2026)


# --- is_working_day -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 3, 27), True),  # Friday
        (D(2026, 3, 28), False),  # Saturday
        (D(2026, 3, 29), False),  # Sunday
        (D(2025, 4, 17), False),  # skærtorsdag
        (D(2025, 4, 18), False),  # langfredag
        (D(2025, 4, 21), False),  # 2. påskedag
        (D(2025, 4, 22), True),
        (D(2026, 5, 14), False),  # Kristi himmelfartsdag
        (D(2026, 5, 15), True),  # the Friday after is an ordinary working day
        (D(2026, 5, 25), False),  # 2. pinsedag
        (D(2026, 6, 5), False),  # Grundlovsdag (Friday)
        (D(2025, 12, 24), False),
        (D(2025, 12, 25), False),
        (D(2025, 12, 26), False),
        (D(2025, 12, 29), True),
        (D(2025, 12, 31), False),
        (D(2026, 1, 1), False),
        (D(2026, 1, 2), True),
    ],
)
def test_weekends_holidays_and_closed_days_are_not_working_days(day, expected):
    assert is_working_day(day) is expected


def test_grundlovsdag_is_a_working_day_when_only_public_holidays_are_closed():
    assert is_working_day(D(2026, 6, 5), calendar=PUBLIC_ONLY) is True
    assert is_working_day(D(2025, 12, 24), calendar=PUBLIC_ONLY) is True
    assert is_working_day(D(2025, 12, 25), calendar=PUBLIC_ONLY) is False


# --- add_working_days: exact tables -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # An ordinary week and weekends.
        (D(2026, 1, 12), 0, D(2026, 1, 12)),  # Monday
        (D(2026, 1, 12), 1, D(2026, 1, 13)),
        (D(2026, 1, 12), 2, D(2026, 1, 14)),
        (D(2026, 1, 12), 5, D(2026, 1, 19)),
        (D(2026, 1, 12), 10, D(2026, 1, 26)),
        (D(2026, 3, 27), 0, D(2026, 3, 27)),  # Friday
        (D(2026, 3, 27), 1, D(2026, 3, 30)),
        (D(2026, 3, 27), 2, D(2026, 3, 31)),  # received Friday, due Tuesday
        (D(2026, 3, 28), 0, D(2026, 3, 30)),  # Saturday: next working day is Monday
        (D(2026, 3, 28), 1, D(2026, 3, 30)),
        (D(2026, 3, 28), 2, D(2026, 3, 31)),  # Saturday counts from Monday
        (D(2026, 3, 29), 1, D(2026, 3, 30)),  # Sunday
        (D(2026, 3, 29), 5, D(2026, 4, 8)),  # Sunday, across Easter 2026
        # Easter 2025: skærtorsdag 17, langfredag 18, 2. påskedag 21 April.
        (D(2025, 4, 16), 0, D(2025, 4, 16)),
        (D(2025, 4, 16), 1, D(2025, 4, 22)),
        (D(2025, 4, 16), 2, D(2025, 4, 23)),
        (D(2025, 4, 15), 2, D(2025, 4, 22)),
        (D(2025, 4, 11), 5, D(2025, 4, 23)),
        (D(2025, 4, 16), 10, D(2025, 5, 5)),  # 1 May is a working day
        (D(2025, 4, 17), 0, D(2025, 4, 22)),
        (D(2025, 4, 18), 1, D(2025, 4, 22)),
        (D(2025, 4, 21), 2, D(2025, 4, 23)),
        # Easter 2026: 2, 3 and 6 April.
        (D(2026, 4, 1), 1, D(2026, 4, 7)),
        (D(2026, 4, 1), 2, D(2026, 4, 8)),
        (D(2026, 3, 31), 2, D(2026, 4, 7)),
        (D(2026, 4, 3), 0, D(2026, 4, 7)),
        (D(2026, 3, 23), 10, D(2026, 4, 9)),
        # Kristi himmelfartsdag (Thursday 14 May) and pinse (2. pinsedag Monday 25 May) 2026.
        (D(2026, 5, 13), 1, D(2026, 5, 15)),
        (D(2026, 5, 13), 2, D(2026, 5, 18)),
        (D(2026, 5, 13), 5, D(2026, 5, 21)),
        (D(2026, 5, 13), 10, D(2026, 5, 29)),
        (D(2026, 5, 14), 0, D(2026, 5, 15)),
        (D(2026, 5, 22), 1, D(2026, 5, 26)),
        (D(2026, 5, 22), 2, D(2026, 5, 27)),
        # Grundlovsdag 2026 is Friday 5 June.
        (D(2026, 6, 4), 0, D(2026, 6, 4)),
        (D(2026, 6, 4), 1, D(2026, 6, 8)),
        (D(2026, 6, 4), 2, D(2026, 6, 9)),
        (D(2026, 6, 5), 0, D(2026, 6, 8)),
        (D(2026, 6, 3), 5, D(2026, 6, 11)),
        # Christmas and New Year 2025-26: 24, 25, 26, 31 Dec and 1 Jan closed.
        (D(2025, 12, 19), 2, D(2025, 12, 23)),
        (D(2025, 12, 23), 0, D(2025, 12, 23)),
        (D(2025, 12, 23), 1, D(2025, 12, 29)),
        (D(2025, 12, 23), 2, D(2025, 12, 30)),
        (D(2025, 12, 23), 3, D(2026, 1, 2)),
        (D(2025, 12, 23), 5, D(2026, 1, 6)),
        (D(2025, 12, 23), 10, D(2026, 1, 13)),
        (D(2025, 12, 24), 0, D(2025, 12, 29)),
        (D(2025, 12, 24), 1, D(2025, 12, 29)),
        (D(2025, 12, 30), 1, D(2026, 1, 2)),
        (D(2025, 12, 31), 0, D(2026, 1, 2)),
        (D(2026, 1, 1), 2, D(2026, 1, 5)),
        # Store bededag: Friday 5 May 2023 closed; Friday 26 April 2024 open.
        (D(2023, 5, 4), 1, D(2023, 5, 8)),
        (D(2023, 5, 4), 2, D(2023, 5, 9)),
        (D(2024, 4, 25), 1, D(2024, 4, 26)),
        (D(2024, 4, 25), 2, D(2024, 4, 29)),
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2026, 6, 4), 1, D(2026, 6, 5)),  # Grundlovsdag open
        (D(2025, 12, 23), 1, D(2025, 12, 24)),  # juleaftensdag open
        (D(2025, 12, 23), 2, D(2025, 12, 29)),
        (D(2025, 12, 30), 1, D(2025, 12, 31)),  # nytårsaftensdag open
        (D(2026, 4, 1), 1, D(2026, 4, 7)),  # Easter stays closed
    ],
)
def test_add_working_days_with_only_public_holidays_closed(start, n, expected):
    assert add_working_days(start, n, calendar=PUBLIC_ONLY) == expected


def test_add_working_days_rejects_a_negative_count():
    with pytest.raises(ValueError, match=r"^n must be 0 or more, got -1$"):
        add_working_days(D(2026, 1, 12), -1)


# --- datetimes are read in Copenhagen -----------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "local_day"),
    [
        # Winter time (CET, UTC+1).
        (datetime(2026, 3, 27, 23, 30, tzinfo=UTC), D(2026, 3, 28)),
        (datetime(2026, 3, 27, 22, 59, tzinfo=UTC), D(2026, 3, 27)),
        (datetime(2026, 3, 27, 23, 0, tzinfo=UTC), D(2026, 3, 28)),
        (datetime(2026, 1, 8, 23, 0, tzinfo=UTC), D(2026, 1, 9)),
        # Summer time (CEST, UTC+2): 22:30 UTC is already the next day.
        (datetime(2026, 6, 9, 22, 30, tzinfo=UTC), D(2026, 6, 10)),
        (datetime(2026, 6, 9, 21, 59, tzinfo=UTC), D(2026, 6, 9)),
        (datetime(2026, 6, 9, 22, 0, tzinfo=UTC), D(2026, 6, 10)),
        # Other zones and local Copenhagen times.
        (datetime(2026, 6, 9, 20, 0, tzinfo=ZoneInfo("America/New_York")), D(2026, 6, 10)),
        (datetime(2026, 3, 27, 16, 45, tzinfo=CPH), D(2026, 3, 27)),
        (datetime(2026, 3, 28, 0, 30, tzinfo=CPH), D(2026, 3, 28)),
    ],
)
def test_datetimes_are_read_as_their_date_in_copenhagen(moment, local_day):
    assert local_date(moment) == local_day


@pytest.mark.parametrize(
    ("received", "n", "expected"),
    [
        # Thursday 23:30 UTC in winter is Friday 00:30 in Copenhagen.
        (datetime(2026, 3, 26, 23, 30, tzinfo=UTC), 1, D(2026, 3, 30)),
        (datetime(2026, 3, 26, 22, 30, tzinfo=UTC), 1, D(2026, 3, 27)),
        # Friday 23:30 UTC is Saturday in Copenhagen: n=0 moves to Monday.
        (datetime(2026, 3, 27, 23, 30, tzinfo=UTC), 0, D(2026, 3, 30)),
        (datetime(2026, 3, 27, 22, 30, tzinfo=UTC), 0, D(2026, 3, 27)),
        (datetime(2026, 3, 27, 23, 30, tzinfo=UTC), 2, D(2026, 3, 31)),
        # Summer time: Tuesday 22:30 UTC is Wednesday 00:30 in Copenhagen.
        (datetime(2026, 6, 9, 22, 30, tzinfo=UTC), 1, D(2026, 6, 11)),
        (datetime(2026, 6, 9, 21, 30, tzinfo=UTC), 1, D(2026, 6, 10)),
        # Friday afternoon in Copenhagen with N=2 is due Tuesday.
        (datetime(2026, 3, 27, 16, 45, tzinfo=CPH), 2, D(2026, 3, 31)),
        # Juleaftensdag 23:30 UTC is juledag in Copenhagen; either way the next day is 29 Dec.
        (datetime(2025, 12, 23, 23, 30, tzinfo=UTC), 0, D(2025, 12, 29)),
        (datetime(2025, 12, 23, 22, 30, tzinfo=UTC), 0, D(2025, 12, 23)),
    ],
)
def test_add_working_days_reads_datetimes_in_copenhagen(received, n, expected):
    assert add_working_days(received, n) == expected


NAIVE = r"^A naive datetime has no day in Copenhagen: give it a timezone\.$"


def test_naive_datetimes_are_rejected_everywhere():
    naive = datetime(2026, 3, 27, 12, 0)
    with pytest.raises(ValueError, match=NAIVE):
        add_working_days(naive, 2)
    with pytest.raises(ValueError, match=NAIVE):
        is_working_day(naive)
    with pytest.raises(ValueError, match=NAIVE):
        working_days_between(naive, D(2026, 4, 1))
    with pytest.raises(ValueError, match=NAIVE):
        deadline_status(D(2026, 4, 1), naive)


@pytest.fixture
def process_in_new_york(monkeypatch):
    """The process's own time zone is New York (Django sets it from TIME_ZONE otherwise)."""
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_datetimes_are_read_in_copenhagen_whatever_the_process_time_zone(process_in_new_york):
    assert datetime(2026, 3, 27, 23, 30, tzinfo=UTC).astimezone().utcoffset() == timedelta(hours=-4)
    assert local_date(datetime(2026, 3, 27, 23, 30, tzinfo=UTC)) == D(2026, 3, 28)
    assert local_date(datetime(2026, 3, 28, 3, 30, tzinfo=UTC)) == D(2026, 3, 28)


def test_a_string_is_not_a_date():
    with pytest.raises(TypeError, match=r"^Expected a date or datetime, got str$"):
        add_working_days("2026-03-27", 2)  # type: ignore[arg-type]


# --- working_days_between -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D(2026, 3, 27), D(2026, 3, 27), 0),
        (D(2026, 3, 27), D(2026, 3, 30), 1),  # Friday -> Monday
        (D(2026, 3, 28), D(2026, 3, 29), 0),  # Saturday -> Sunday
        (D(2026, 3, 27), D(2026, 3, 29), 0),  # Friday -> Sunday
        (D(2026, 3, 26), D(2026, 3, 27), 1),
        (D(2026, 1, 12), D(2026, 1, 26), 10),
        (D(2025, 4, 16), D(2025, 4, 22), 1),  # across Easter 2025
        (D(2026, 4, 1), D(2026, 4, 7), 1),  # across Easter 2026
        (D(2025, 12, 23), D(2026, 1, 2), 3),  # 29, 30 Dec and 2 Jan
        (D(2025, 12, 23), D(2026, 1, 13), 10),
        (D(2026, 6, 4), D(2026, 6, 8), 1),  # across Grundlovsdag
        (D(2023, 5, 4), D(2023, 5, 8), 1),  # across store bededag 2023
        (D(2024, 4, 25), D(2024, 4, 29), 2),  # no store bededag in 2024
        # 2026 has 261 weekdays; after 1 January 260, of which 9 are closed.
        (D(2026, 1, 1), D(2026, 12, 31), 251),
        # 2025: 261 weekdays, 11 closed = 250; 2026 in full: 261 - 10 = 251.
        (D(2024, 12, 31), D(2026, 12, 31), 501),
        # Backwards is negative.
        (D(2026, 3, 30), D(2026, 3, 27), -1),
        (D(2026, 1, 2), D(2025, 12, 23), -3),
        (D(2026, 12, 31), D(2026, 1, 1), -251),
    ],
)
def test_working_days_between(a, b, expected):
    assert working_days_between(a, b) == expected


def test_working_days_between_with_only_public_holidays_closed():
    assert working_days_between(D(2026, 1, 1), D(2026, 12, 31), calendar=PUBLIC_ONLY) == 254
    assert working_days_between(D(2025, 12, 23), D(2026, 1, 2), calendar=PUBLIC_ONLY) == 5


def test_working_days_between_reads_datetimes_in_copenhagen():
    friday_night = datetime(2026, 3, 26, 23, 30, tzinfo=UTC)  # Friday 00:30 in Copenhagen
    assert working_days_between(friday_night, D(2026, 3, 30)) == 1
    assert working_days_between(D(2026, 3, 26), friday_night) == 1


# --- deadline_status ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "today", "soon_days", "expected"),
    [
        (D(2026, 3, 31), D(2026, 4, 1), 1, "overdue"),
        (D(2026, 3, 27), D(2026, 3, 28), 1, "overdue"),  # a Saturday after a Friday deadline
        (D(2026, 3, 31), D(2026, 3, 31), 1, "due_today"),
        (D(2026, 3, 31), D(2026, 3, 30), 1, "due_soon"),
        (D(2026, 3, 30), D(2026, 3, 27), 1, "due_soon"),  # Monday, seen on Friday
        (D(2026, 3, 31), D(2026, 3, 27), 1, "ok"),
        (D(2026, 3, 31), D(2026, 3, 27), 2, "due_soon"),
        (D(2026, 4, 7), D(2026, 4, 1), 1, "due_soon"),  # across Easter 2026
        (D(2025, 12, 29), D(2025, 12, 23), 1, "due_soon"),  # across Christmas
        (D(2026, 3, 31), D(2026, 3, 30), 0, "ok"),
        (D(2026, 3, 31), D(2026, 3, 31), 0, "due_today"),
        (D(2026, 4, 30), D(2026, 3, 2), 1, "ok"),
    ],
)
def test_deadline_status(due, today, soon_days, expected):
    assert deadline_status(due, today, soon_days=soon_days) == expected


def test_deadline_status_counts_with_the_calendar_it_is_given():
    # Thursday 4 June 2026 -> Monday 8 June: Grundlovsdag (Friday 5) closed by default
    assert deadline_status(D(2026, 6, 8), D(2026, 6, 4)) == "due_soon"
    assert deadline_status(D(2026, 6, 8), D(2026, 6, 4), calendar=PUBLIC_ONLY) == "ok"


def test_deadline_status_default_is_one_working_day_ahead():
    assert deadline_status(D(2026, 3, 30), D(2026, 3, 27)) == "due_soon"
    assert deadline_status(D(2026, 3, 31), D(2026, 3, 27)) == "ok"


def test_deadline_status_rejects_negative_soon_days():
    with pytest.raises(ValueError, match=r"^soon_days must be 0 or more, got -1$"):
        deadline_status(D(2026, 3, 31), D(2026, 3, 27), soon_days=-1)


# --- properties ---------------------------------------------------------------------------------

dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2045, 12, 31))
counts = st.integers(min_value=0, max_value=60)
calendars = st.sampled_from([DEFAULT, PUBLIC_ONLY, WorkCalendar(frozenset({(5, 1)}))])
aware = st.datetimes(
    min_value=datetime(2015, 1, 1),
    max_value=datetime(2045, 12, 31),
    timezones=st.sampled_from([UTC, CPH, ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")]),
)
# Cold years cost a holidays-library call; the deadline would make the first examples flaky.
properties = settings(deadline=None, max_examples=200)


def _count_by_walking(a: date, b: date, calendar: WorkCalendar) -> int:
    if b < a:
        return -_count_by_walking(b, a, calendar)
    days = (a + timedelta(days=i) for i in range(1, (b - a).days + 1))
    return sum(is_working_day(d, calendar=calendar) for d in days)


@properties
@given(dates, counts, calendars)
def test_result_is_a_working_day(start, n, calendar):
    assert is_working_day(add_working_days(start, n, calendar=calendar), calendar=calendar)


@properties
@given(dates, counts, calendars)
def test_result_is_monotone_in_n(start, n, calendar):
    """Strictly increasing, except that n=0 and n=1 agree when start is not a working day."""
    now = add_working_days(start, n, calendar=calendar)
    later = add_working_days(start, n + 1, calendar=calendar)
    if n == 0 and not is_working_day(start, calendar=calendar):
        assert now == later
    else:
        assert now < later


@properties
@given(dates, st.integers(min_value=1, max_value=60), calendars)
def test_result_is_after_start_for_positive_n(start, n, calendar):
    assert add_working_days(start, n, calendar=calendar) > start


@properties
@given(dates, calendars)
def test_zero_days_is_start_exactly_when_start_is_a_working_day(start, calendar):
    result = add_working_days(start, 0, calendar=calendar)
    assert result >= start
    assert (result == start) is is_working_day(start, calendar=calendar)
    assert working_days_between(start, result, calendar=calendar) in (0, 1)


@properties
@given(dates, counts, calendars)
def test_between_inverts_add_from_a_working_day(start, n, calendar):
    working_start = add_working_days(start, 0, calendar=calendar)
    due = add_working_days(working_start, n, calendar=calendar)
    assert working_days_between(working_start, due, calendar=calendar) == n


@properties
@given(dates, st.integers(min_value=1, max_value=60), calendars)
def test_between_inverts_add_from_any_day_for_positive_n(start, n, calendar):
    due = add_working_days(start, n, calendar=calendar)
    assert working_days_between(start, due, calendar=calendar) == n
    assert working_days_between(start, due - timedelta(days=1), calendar=calendar) == n - 1


@properties
@given(dates, st.integers(min_value=1, max_value=30), st.integers(min_value=0, max_value=30))
def test_adding_in_two_steps_equals_adding_at_once(start, m, n):
    assert add_working_days(add_working_days(start, m), n) == add_working_days(start, m + n)


@properties
@given(dates, dates, calendars)
def test_between_is_antisymmetric(a, b, calendar):
    assert working_days_between(a, b, calendar=calendar) == -working_days_between(
        b, a, calendar=calendar
    )


@properties
@given(dates, dates, dates)
def test_between_is_additive(a, b, c):
    assert working_days_between(a, c) == working_days_between(a, b) + working_days_between(b, c)


@properties
@given(dates, st.integers(min_value=-800, max_value=800), calendars)
def test_between_matches_walking_day_by_day(a, span, calendar):
    b = a + timedelta(days=span)
    assert working_days_between(a, b, calendar=calendar) == _count_by_walking(a, b, calendar)


@properties
@given(dates, counts)
def test_add_matches_walking_day_by_day(start, n):
    day = start if n == 0 else start + timedelta(days=1)
    found = 0
    while True:
        if is_working_day(day):
            found += 1
            if found == max(n, 1):
                break
        day += timedelta(days=1)
    assert add_working_days(start, n) == day


@properties
@given(dates, counts)
def test_more_closed_days_never_make_a_deadline_earlier(start, n):
    assert add_working_days(start, n, calendar=PUBLIC_ONLY) <= add_working_days(start, n)


@properties
@given(aware, counts)
def test_datetime_gives_the_same_result_as_its_copenhagen_date(moment, n):
    copenhagen_day = moment.astimezone(CPH).date()
    assert add_working_days(moment, n) == add_working_days(copenhagen_day, n)


@properties
@given(dates, dates, st.integers(min_value=0, max_value=5))
def test_deadline_status_agrees_with_working_days_between(due, today, soon_days):
    status = deadline_status(due, today, soon_days=soon_days)
    remaining = working_days_between(today, due)
    if today > due:
        assert status == "overdue"
    elif today == due:
        assert status == "due_today"
    else:
        assert status == ("due_soon" if remaining <= soon_days else "ok")
