"""This app's entries in the main navigation (see core/contributions.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem

ORDER = 30
NAMESPACE = "cases"


def items(user, scope) -> list[NavItem]:
    """NavItem objects for this user; `scope` is organisations.access.scope(user)."""
    from boligsocial.organisations.roles import Role

    if scope.is_admin or scope.social_org_ids or Role.MUNICIPAL in scope.roles:
        return [NavItem(NAMESPACE, _("Cases"), reverse("cases:list"))]
    if Role.CARETAKER in scope.roles:
        return [NavItem(NAMESPACE, _("Quick report"), reverse("cases:quick_report"))]
    return [NavItem(NAMESPACE, _("Case statistics"), reverse("cases:statistics"))]
