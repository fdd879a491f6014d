"""This app's entry in the main navigation (see core/contributions.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem

ORDER = 41
GROUP = "fieldwork"
NAMESPACE = "visits"


def items(user, scope) -> list[NavItem]:
    from boligsocial.core import permissions
    from boligsocial.organisations.roles import Role
    from boligsocial.visits import access

    # From the roles alone (no query on every page): the social unit and maintenance manage;
    # caretakers and staff are assigned leases; boards see the findings.
    assigned_or_board = {Role.CARETAKER, Role.SOCIAL_STAFF, Role.DEPT_BOARD, Role.ORG_BOARD}
    if permissions.can(user, access.MANAGE, None) or assigned_or_board & set(scope.roles):
        return [NavItem(NAMESPACE, _("Service visits"), reverse("visits:list"))]
    return []
