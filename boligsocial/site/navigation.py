"""The main navigation: the overview, each app's entries (its `nav.py`, found by discovery, see
core/contributions.py) in ORDER, and the Django admin for staff administrators.

A `nav.py` may name a GROUP (a key of GROUPS): the entries of one group share a submenu in the
bar and in the phone's drawer, placed where its first entry would stand. A group the user has
one entry of shows that entry on its own."""

from dataclasses import dataclass
from types import ModuleType

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem
from boligsocial.organisations import access
from boligsocial.site.discovery import app_modules

HOME = "home"
REQUIRED = {"ORDER": int, "NAMESPACE": str, "items": callable}
GROUPS = {
    "fieldwork": _("Field work"),
    "efforts": _("Efforts and plans"),
    "data": _("Data and users"),
}


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str
    items: tuple[NavItem, ...]

    def is_group(self) -> bool:
        return True


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


def entries(user) -> list[tuple[str, NavItem]]:
    """(group key or "", entry) for every entry the user has, in order."""
    if not user.is_authenticated:
        return []
    entries = [("", NavItem(HOME, _("Overview"), reverse("site:home")))]
    scope = access.scope(user)
    if scope.is_empty:
        return entries
    for module in nav_modules():
        group = getattr(module, "GROUP", "")
        if group and group not in GROUPS:
            raise ValueError(f"{module.__name__}.GROUP {group!r} is not one of {sorted(GROUPS)}")
        entries += [(group, item) for item in module.items(user, scope)]
    if scope.is_admin and user.is_staff:
        entries.append(("data", NavItem("admin", _("Administration"), reverse("admin:index"))))
    return entries


def navigation(user) -> list[NavItem]:
    """Every entry, flat, in order."""
    return [item for _group, item in entries(user)]


def menu(entries: list[tuple[str, NavItem]]) -> list[NavItem | NavGroup]:
    """`entries` as the menu shows them: a group's entries together in one submenu."""
    members: dict[str, list[NavItem]] = {}
    for group, item in entries:
        if group:
            members.setdefault(group, []).append(item)
    shown, placed = [], set()
    for group, item in entries:
        if not group or len(members[group]) == 1:
            shown.append(item)
        elif group not in placed:
            placed.add(group)
            shown.append(NavGroup(group, GROUPS[group], tuple(members[group])))
    return shown
