"""This app's entries in the main navigation (see core/contributions.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem

ORDER = 20
NAMESPACE = "screening"


def items(user, scope) -> list[NavItem]:
    """NavItem objects for this user; `scope` is organisations.access.scope(user).

    "Trafiklys" for everyone with any scope: each page shows only what the access module lets
    the user see."""
    if scope.is_empty:
        return []
    return [NavItem(NAMESPACE, _("Traffic light"), reverse("screening:index"))]
