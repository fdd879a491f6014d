"""This app's entry in the main navigation (see core/contributions.py): "Brugere" for heads of
social services and administrators."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem

ORDER = 80
GROUP = "data"
NAMESPACE = "accounts"


def items(user, scope) -> list[NavItem]:
    """NavItem objects for this user; `scope` is organisations.access.scope(user)."""
    from boligsocial.accounts.access import head_org_ids

    if scope.is_admin or head_org_ids(scope):
        return [NavItem(NAMESPACE, _("People"), reverse("accounts:people"))]
    return []
