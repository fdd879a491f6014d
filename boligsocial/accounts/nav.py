"""This app's entry in the main navigation (see core/context_processors.py): "Brugere" for
heads of social services and administrators."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAMESPACE = "accounts"


def items(user, scope) -> list:
    """NavItem objects for this user; `scope` is organisations.access.scope(user)."""
    from boligsocial.accounts.access import head_org_ids
    from boligsocial.core.context_processors import NavItem

    if scope.is_admin or head_org_ids(scope):
        return [NavItem(NAMESPACE, _("People"), reverse("accounts:people"))]
    return []
