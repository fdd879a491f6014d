"""The case code's clock: now and today's date in Copenhagen. One module, so tests can set the
time for every case module at once (`monkeypatch.setattr(clock, "now", ...)`)."""

from datetime import date, datetime

from django.utils import timezone

from boligsocial.cases import workdays


def now() -> datetime:
    return timezone.now()


def local_date(value: date | datetime) -> date:
    return workdays.local_date(value)


def today() -> date:
    return local_date(now())
