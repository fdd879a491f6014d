"""This app's entry in the main navigation (see core/contributions.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem

ORDER = 41
GROUP = "fieldwork"
NAMESPACE = "visits"


def items(user, scope) -> list[NavItem]:
    from boligsocial.core import permissions
    from boligsocial.visits import access

    if permissions.can(user, access.MANAGE, None) or access.visible_campaigns(user).exists():
        return [NavItem(NAMESPACE, _("Service visits"), reverse("visits:list"))]
    return []
