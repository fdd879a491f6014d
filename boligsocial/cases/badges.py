"""The deadline badge the case pages show beside a date, by `workdays.deadline_status`: the one
place that decides it (the case list's rows and the `due_badge` template filter ask here)."""

from datetime import date

from boligsocial.cases import workdays

#: The badge per deadline status; due soon (and ok) show none.
BADGES = {"overdue": "overdue", "due_today": "today"}


def badge_for(due: date | None, today: date) -> str:
    """ "overdue" before today, "today" on the day, "" otherwise or without a deadline."""
    return BADGES.get(workdays.deadline_status(due, today), "") if due else ""
