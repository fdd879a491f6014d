"""The follow-up tile on the home page: the meeting's agreements that are late or due within
30 days (the reminders of the styringsdialog)."""

ORDER = 35
KEY = "styringsdialog_follow_up"
TEMPLATE = "reports/dashboard/follow_up.html"


def data(user, scope) -> dict | None:
    from django.utils import timezone

    from boligsocial.reports import access, selectors

    if scope.is_empty:
        return None
    today = timezone.localdate()
    due = list(selectors.agreements_to_follow_up(access.visible_reports(user), today)[:50])
    if not due:
        return None
    late = sum(1 for a in due if a.due_date < today)
    return {"late": late, "soon": len(due) - late, "first": due[:3]}
