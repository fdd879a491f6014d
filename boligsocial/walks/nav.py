"""This app's entry in the main navigation: "Tryghedsvandringer" for everyone with a scope
except caretakers-only and users without one (they see no walk anyway)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem

ORDER = 43
GROUP = "fieldwork"
NAMESPACE = "walks"


def items(user, scope) -> list[NavItem]:
    if scope.is_empty:
        return []
    return [NavItem(NAMESPACE, _("Safety walks"), reverse("walks:index"))]
