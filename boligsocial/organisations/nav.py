"""This app's entries in the main navigation (see core/contributions.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem

ORDER = 10
NAMESPACE = "organisations"


def items(user, scope) -> list[NavItem]:
    """Municipalities, organisations and areas for everyone with a scope (each page shows only
    what the access module lets the user see)."""
    return [
        NavItem("municipality", _("Municipalities"), reverse("organisations:municipality_list")),
        NavItem("organisation", _("Organisations"), reverse("organisations:organisation_list")),
        NavItem("area", _("Housing areas"), reverse("organisations:area_list")),
    ]


def active_key(url_name: str) -> str:
    for key in ("municipality", "organisation", "area"):
        if url_name.startswith(key):
            return key
    if url_name == "department" or url_name.startswith("import"):
        return "organisation"
    return ""
