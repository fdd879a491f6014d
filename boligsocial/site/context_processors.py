"""Layout context: the role-aware navigation and the demo banner."""

from django.conf import settings

from boligsocial.site.navigation import active_key, navigation


def layout(request) -> dict:
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "nav_items": navigation(request.user) if hasattr(request, "user") else [],
        "nav_active": active_key(request),
    }
