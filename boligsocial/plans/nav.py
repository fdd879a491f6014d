"""This app's entry in the main navigation: "Helhedsplaner" for everyone with a scope."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem

ORDER = 50
GROUP = "efforts"
NAMESPACE = "plans"


def items(user, scope) -> list[NavItem]:
    if scope.is_empty:
        return []
    return [NavItem(NAMESPACE, _("Plans"), reverse("plans:index"))]
