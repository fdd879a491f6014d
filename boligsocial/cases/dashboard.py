"""This app's tile on the home page (see core/contributions.py): the case figures."""

from boligsocial.cases import access

ORDER = 10
KEY = "case_counts"
TEMPLATE = "cases/dashboard/case_counts.html"


def data(user, scope) -> dict | None:
    """Overdue, due soon and open for those who work on cases (the cases they can read); open
    cases by count only for boards, caretakers and the municipality; None for nobody."""
    from boligsocial.cases import services
    from boligsocial.cases.models import OPEN_STATUSES, Case

    if access.case_create_departments(user).exists():
        cases = access.visible_cases(user)
        mine = cases.filter(assignee=user)
        return {
            "content": True,
            "overdue": services.overdue(cases).count(),
            "due_soon": services.due_soon(cases).count(),
            "open": cases.filter(status__in=OPEN_STATUSES).count(),
            "mine_open": mine.filter(status__in=OPEN_STATUSES).count(),
        }
    departments = access.case_count_departments(user)
    if not departments.exists():
        return None
    return {
        "content": False,
        "open": Case.objects.filter(department__in=departments, status__in=OPEN_STATUSES).count(),
    }
