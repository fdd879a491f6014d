"""This app's entry in the main navigation (see core/contributions.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem

ORDER = 40
GROUP = "fieldwork"
NAMESPACE = "analyses"


def items(user, scope) -> list[NavItem]:
    from boligsocial.analyses import access
    from boligsocial.core import permissions

    if permissions.can(user, access.VIEW_COVERAGE, None):
        return [NavItem(NAMESPACE, _("Vulnerability analyses"), reverse("analyses:coverage"))]
    return []
