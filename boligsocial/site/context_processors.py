"""Layout context: the role-aware navigation and the demo banner."""

from django.conf import settings

from boligsocial.site.navigation import active_key, entries, menu


def layout(request) -> dict:
    found = entries(request.user) if hasattr(request, "user") else []
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "nav_items": [item for _group, item in found],
        "nav_menu": menu(found),
        "nav_active": active_key(request),
    }
