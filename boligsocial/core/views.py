from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from boligsocial.organisations import access, selectors


def case_counts(user) -> dict | None:
    """The dashboard's case figures: overdue, due soon and open for those who work on cases (the
    cases they can read); open cases by count only for boards, caretakers and the municipality."""
    from boligsocial.cases import access as case_access
    from boligsocial.cases import services
    from boligsocial.cases.models import OPEN_STATUSES, Case

    if case_access.case_create_departments(user).exists():
        cases = case_access.visible_cases(user)
        mine = cases.filter(assignee=user)
        return {
            "content": True,
            "overdue": services.overdue(cases).count(),
            "due_soon": services.due_soon(cases).count(),
            "open": cases.filter(status__in=OPEN_STATUSES).count(),
            "mine_open": mine.filter(status__in=OPEN_STATUSES).count(),
        }
    departments = case_access.case_count_departments(user)
    if not departments.exists():
        return None
    return {
        "content": False,
        "open": Case.objects.filter(department__in=departments, status__in=OPEN_STATUSES).count(),
    }


def home(request):
    """The start page: the user's roles and what they can reach from here."""
    user = request.user
    scope = access.scope(user)
    return render(
        request,
        "core/home.html",
        {
            "memberships": sorted(scope.memberships, key=lambda m: m.role),
            "is_admin": scope.is_admin,
            "organisations": selectors.organisations_with_counts(user).order_by("name")[:20],
            "municipalities": selectors.municipalities_with_counts(user)
            .filter(department_total__gt=0)
            .order_by("name")[:20],
            "areas": selectors.areas_with_departments(user).order_by("name")[:20],
            "case_counts": case_counts(user),
        },
    )


@login_not_required
@require_GET
@never_cache
def health(request):
    """For the load balancer: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
