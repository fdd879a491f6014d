"""The main navigation: the overview, each app's entries (its `nav.py`, found by discovery, see
core/contributions.py) in ORDER, and the Django admin for staff administrators."""

from types import ModuleType

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem
from boligsocial.organisations import access
from boligsocial.site.discovery import app_modules

HOME = "home"
REQUIRED = {"ORDER": int, "NAMESPACE": str, "items": callable}


def nav_modules() -> list[ModuleType]:
    return app_modules("nav", REQUIRED)


def active_key(request) -> str:
    """The key of the entry the current page belongs to ("" if none)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.namespace == "site":
        return HOME
    for module in nav_modules():
        if match.namespace == module.NAMESPACE:
            choose = getattr(module, "active_key", None)
            return choose(match.url_name or "") if choose else module.NAMESPACE
    return ""


def navigation(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    items = [NavItem(HOME, _("Overview"), reverse("site:home"))]
    scope = access.scope(user)
    if scope.is_empty:
        return items
    for module in nav_modules():
        items += module.items(user, scope)
    if scope.is_admin and user.is_staff:
        items.append(NavItem("admin", _("Administration"), reverse("admin:index")))
    return items
