from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from boligsocial.organisations import access, selectors


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
