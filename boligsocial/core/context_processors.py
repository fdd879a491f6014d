"""Layout context: the role-aware navigation and the demo banner."""

from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.organisations import access


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: str


# Apps that add entries to the navigation: each module has NAMESPACE (its URL namespace, also
# the key that marks its entries active) and items(user, scope) -> list[NavItem].
NAV_MODULES = ("boligsocial.screening.nav", "boligsocial.cases.nav", "boligsocial.imports.nav")


def _active_key(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    name = match.url_name or ""
    if match.namespace == "core":
        return "home"
    for module in NAV_MODULES:
        if match.namespace == import_module(module).NAMESPACE:
            return match.namespace
    for key in ("municipality", "organisation", "area"):
        if name.startswith(key):
            return key
    if name == "department" or name.startswith("import"):
        return "organisation"
    return ""


def navigation(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    items = [NavItem("home", _("Overview"), reverse("core:home"))]
    scope = access.scope(user)
    if scope.is_empty:
        return items
    items += [
        NavItem("municipality", _("Municipalities"), reverse("organisations:municipality_list")),
        NavItem("organisation", _("Organisations"), reverse("organisations:organisation_list")),
        NavItem("area", _("Housing areas"), reverse("organisations:area_list")),
    ]
    for module in NAV_MODULES:
        items += import_module(module).items(user, scope)
    if scope.is_admin and user.is_staff:
        items.append(NavItem("admin", _("Administration"), reverse("admin:index")))
    return items


def layout(request) -> dict:
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "nav_items": navigation(request.user) if hasattr(request, "user") else [],
        "nav_active": _active_key(request),
    }
