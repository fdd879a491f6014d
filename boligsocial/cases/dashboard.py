"""This app's tile on the home page (see core/contributions.py): the case figures, with the way
into the social unit's today view; for a caretaker, the quick report itself."""

from django.conf import settings
from django.db.models import Count

from boligsocial.cases import access
from boligsocial.core.disclosure import figure
from boligsocial.organisations.access import sees_exact_counts
from boligsocial.organisations.roles import Role

ORDER = 10
KEY = "case_counts"
TEMPLATE = "cases/dashboard/case_counts.html"


def data(user, scope) -> dict | None:
    """Overdue, due soon, open, unassigned and without a next deadline for those who work on
    cases (the cases they can read); open cases by count only for boards, caretakers and the
    municipality, "<5" for 1..4 unless they are staff of the organisations; None for nobody."""
    from boligsocial.cases import services, today
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
            "unassigned": today.unassigned(cases).count(),
            "without_deadline": today.without_deadline(cases).count(),
        }
    departments = access.case_count_departments(user)
    if not departments.exists():
        return None
    # one query: the open cases per organisation (the figure covers those organisations)
    per_organisation = dict(
        Case.objects.filter(department__in=departments, status__in=OPEN_STATUSES)
        .order_by()
        .values("organisation_id")
        .annotate(n=Count("id"))
        .values_list("organisation_id", "n")
    )
    open_count = sum(per_organisation.values())
    organisations = set(per_organisation)
    found = {
        "content": False,
        # "<5" for 1..4 unless the user is staff of the organisations (core/disclosure.py)
        "open": figure(
            open_count,
            k=settings.DISCLOSURE_MIN_COUNT,
            exact=sees_exact_counts(scope, organisations),
        ),
    }
    if Role.CARETAKER in scope.roles:
        found.update(_quick_report(user))
    return found


def _quick_report(user) -> dict:
    """A caretaker lands on the quick report: the form (their last department preselected) and
    the status of their own reports, on the home page itself."""
    from boligsocial.cases import intake_forms
    from boligsocial.cases.own_reports import last_department, own_reports

    departments = access.quick_report_departments(user).order_by("name")
    if not departments.exists():
        return {}
    return {
        "quick_form": intake_forms.QuickReportForm(
            departments=departments, last=last_department(user)
        ),
        "reports": list(own_reports(user)[:5]),
    }
