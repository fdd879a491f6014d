"""The response-rate tile on the home page: the open surveys the user follows (or the latest
closed one), answered of invited households and the reminder rounds sent."""

ORDER = 27
KEY = "survey_responses"
TEMPLATE = "surveys/dashboard/responses.html"


def data(user, scope) -> dict | None:
    from django.db.models import Count, Q

    from boligsocial.core import permissions
    from boligsocial.surveys import access
    from boligsocial.surveys.models import SurveyStatus

    if not permissions.can(user, access.VIEW_RESULTS, None):
        return None
    followed = [
        s
        for s in access.visible_surveys(user)
        .exclude(status=SurveyStatus.DRAFT)
        .select_related("organisation")
        .annotate(
            invited=Count("invitations", distinct=True),
            answered_count=Count(
                "invitations", filter=Q(invitations__answered=True), distinct=True
            ),
            rounds=Count("reminder_rounds", distinct=True),
        )
        .order_by("status", "-opens_on")[:3]
        if permissions.can(user, access.VIEW, s)
    ]
    if not followed:
        return None
    return {
        "surveys": [
            {
                "id": s.pk,
                "name": s.name,
                "invited": s.invited,
                "answered": s.answered_count,
                "percent": round(100 * s.answered_count / s.invited, 1) if s.invited else None,
                "reminders": s.rounds,
            }
            for s in followed
        ]
    }
