"""The coverage tile on the home page: planned, done, due and overdue analyses this year."""

ORDER = 25
KEY = "analysis_coverage"
TEMPLATE = "analyses/dashboard/coverage.html"


def data(user, scope) -> dict | None:
    from django.utils import timezone

    from boligsocial.analyses import access, selectors
    from boligsocial.core import permissions
    from boligsocial.organisations.access import visible_departments

    if not permissions.can(user, access.VIEW_COVERAGE, None):
        return None
    departments = visible_departments(user)
    if not access.is_municipal_only(user):
        departments = departments.filter(organisation__in=access.coverage_organisations(user))
    result = selectors.coverage(departments, timezone.localdate())
    if not result.rows:
        return None
    return {"counts": result.counts, "total": len(result.rows)}
