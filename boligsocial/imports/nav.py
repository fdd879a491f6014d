"""This app's entry in the main navigation (see core/contributions.py): "Import" for the users
who may import at least one kind."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem

ORDER = 60
GROUP = "data"
NAMESPACE = "imports"


def items(user, scope) -> list[NavItem]:
    """NavItem objects for this user; `scope` is organisations.access.scope(user)."""
    from boligsocial.imports.access import may_import_any

    if scope.is_empty or not may_import_any(user):
        return []
    return [NavItem(NAMESPACE, _("Import"), reverse("imports:index"))]
