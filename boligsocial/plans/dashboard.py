"""The plans tile on the home page: the plans the user sees, by where they are in their life."""

ORDER = 29
KEY = "plans"
TEMPLATE = "plans/dashboard/plans.html"


def data(user, scope) -> dict | None:
    from django.db.models import Count

    from boligsocial.plans import access
    from boligsocial.plans.models import Status

    if scope.is_empty:
        return None
    rows = dict(access.visible_plans(user).values_list("status").annotate(n=Count("id")).order_by())
    if not rows:
        return None
    return {
        "counts": [
            (status, label, rows.get(status, 0))
            for status, label in Status.choices
            if status != Status.ENDED
        ],
        "total": sum(rows.values()),
        "awaiting": access.visible_plans(user).filter(reapproval_pending=True).count(),
    }
