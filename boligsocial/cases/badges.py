"""The deadline badge the case pages show beside a date, by `workdays.deadline_status`: the one
place that decides it (the case list's rows and the `due_badge` template filter ask here); and
the relative wording of a deadline ("om 2 arbejdsdage", "i dag", "2 arbejdsdage over fristen"),
decided by `relative_due` and put into words by `cases.today.due_phrase`."""

from dataclasses import dataclass
from datetime import date
from typing import Literal

from boligsocial.cases import workdays

#: The badge per deadline status; due soon (and ok) show none.
BADGES = {"overdue": "overdue", "due_today": "today"}


def badge_for(due: date | None, today: date) -> str:
    """ "overdue" before today, "today" on the day, "" otherwise or without a deadline."""
    return BADGES.get(workdays.deadline_status(due, today), "") if due else ""


RelativeKind = Literal["none", "overdue", "today", "ahead"]


@dataclass(frozen=True)
class RelativeDue:
    """Where a deadline stands, counted in Danish working days.

    * ``none``: no deadline (``working_days`` 0);
    * ``overdue``: the deadline has passed; ``working_days`` = the working days after the
      deadline up to and including today (0 on the closed days right after a deadline on the
      last working day before them: overdue, but not yet by a whole working day);
    * ``today``: due today (0);
    * ``ahead``: due later; ``working_days`` = the working days after today up to and including
      the deadline (0 only for a deadline on a closed day before the next working day)."""

    kind: RelativeKind
    working_days: int = 0


def relative_due(due: date | None, today: date) -> RelativeDue:
    """The deadline `due` seen from `today` (see RelativeDue)."""
    if due is None:
        return RelativeDue("none")
    if due < today:
        return RelativeDue("overdue", workdays.working_days_between(due, today))
    if due == today:
        return RelativeDue("today")
    return RelativeDue("ahead", workdays.working_days_between(today, due))
