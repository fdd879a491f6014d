"""The safety-walk tile on the home page: open findings past their due date, open findings,
walks planned (the user's visible walks)."""

ORDER = 28
KEY = "walk_findings"
TEMPLATE = "walks/dashboard/open_findings.html"


def data(user, scope) -> dict | None:
    from django.db.models import Count, Q
    from django.utils import timezone

    from boligsocial.walks import access
    from boligsocial.walks.models import OPEN_STATUSES, Category, WalkStatus

    if scope.is_empty:
        return None
    today = timezone.localdate()
    walks = access.visible_walks(user)
    counts = walks.aggregate(
        planned=Count("id", filter=Q(status=WalkStatus.PLANNED), distinct=True),
        open=Count(
            "findings",
            filter=Q(findings__status__in=OPEN_STATUSES) & ~Q(findings__category=Category.GOOD),
        ),
        overdue=Count(
            "findings",
            filter=Q(findings__status__in=OPEN_STATUSES, findings__due_date__lt=today)
            & ~Q(findings__category=Category.GOOD),
        ),
    )
    if not (counts["planned"] or counts["open"]):
        return None
    return counts
