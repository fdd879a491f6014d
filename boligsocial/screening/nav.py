"""This app's entries in the main navigation (see core/context_processors.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAMESPACE = "screening"


def items(user, scope) -> list:
    """NavItem objects for this user; `scope` is organisations.access.scope(user).

    "Trafiklys" for everyone with any scope: each page shows only what the access module lets
    the user see."""
    from boligsocial.core.context_processors import NavItem

    if scope.is_empty:
        return []
    return [NavItem(NAMESPACE, _("Traffic light"), reverse("screening:index"))]
