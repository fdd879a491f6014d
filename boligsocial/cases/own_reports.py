"""Reads of a caretaker's own quick reports (the caretaker rule in cases/access.py): the list
with their status, and the department of the last one (the quick report preselects it)."""

from django.db.models import QuerySet

from boligsocial.cases import access
from boligsocial.cases.models import Case


def own_reports(user) -> QuerySet[Case]:
    """The user's own reports, newest first, with only what the caretaker may see loaded."""
    return (
        access.own_reports(user)
        .select_related("department")
        .only(
            "id",
            "reference",
            "received_at",
            "status",
            "category",
            "closed_at",
            "department__name",
            "department__number",
        )
        .order_by("-received_at", "-id")
    )


def last_department(user):
    """The department of the caretaker's last report, or None."""
    last = (
        access.own_reports(user)
        .select_related("department")
        .order_by("-received_at", "-id")
        .first()
    )
    return last.department if last else None
