"""This app's entry in the main navigation (see core/contributions.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem

ORDER = 42
GROUP = "fieldwork"
NAMESPACE = "surveys"


def items(user, scope) -> list[NavItem]:
    from boligsocial.core import permissions
    from boligsocial.surveys import access

    if permissions.can(user, access.VIEW_RESULTS, None):
        return [NavItem(NAMESPACE, _("Resident surveys"), reverse("surveys:list"))]
    return []
