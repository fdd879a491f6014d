"""This app's entry in the main navigation: "Koordinering" for those who take part in the
coordination of a municipality (the municipal coordinator, the social units, administrators)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.coordination import access
from boligsocial.core.contributions import NavItem

ORDER = 55
GROUP = "efforts"
NAMESPACE = "coordination"


def items(user, scope) -> list[NavItem]:
    if not (scope.is_admin or access.coordination_codes(user)):
        return []
    return [NavItem(NAMESPACE, _("Coordination"), reverse("coordination:index"))]
