"""The service-visit tile on the home page: the running campaigns the user works on, with
their progress (for an assigned caretaker: their own leases)."""

ORDER = 26
KEY = "visit_campaigns"
TEMPLATE = "visits/dashboard/campaigns.html"


def data(user, scope) -> dict | None:
    from boligsocial.core import permissions
    from boligsocial.visits import access, selectors
    from boligsocial.visits.models import CampaignStatus

    running = [
        c
        for c in access.visible_campaigns(user)
        .filter(status=CampaignStatus.RUNNING)
        .select_related("department")
        .order_by("starts_on", "pk")[:5]
        if permissions.can(user, access.VIEW_CAMPAIGN, c)
    ]
    if not running:
        return None
    return {
        "campaigns": [
            {"campaign": c, "progress": selectors.progress(access.visible_visits(user, c))}
            for c in running
        ]
    }
