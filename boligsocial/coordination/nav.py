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
    # From the scope alone (no query on every page): the social unit of an organisation, the
    # municipal coordinator, administrators. coordination_codes() decides what the pages show.
    if not (scope.is_admin or scope.social_org_ids or access.municipal_codes(scope)):
        return []
    return [NavItem(NAMESPACE, _("Coordination"), reverse("coordination:index"))]
