"""This app's entry in the main navigation: "Styringsdialog" for those who see a report or may
build one."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem

ORDER = 57
GROUP = "efforts"
NAMESPACE = "reports"


def items(user, scope) -> list[NavItem]:
    from boligsocial.organisations.roles import Role

    if scope.is_empty:
        return []
    sees = (
        scope.is_admin
        or scope.social_org_ids
        or Role.DEPT_BOARD in scope.roles
        or Role.MUNICIPAL in scope.roles
    )
    if not sees:
        return []
    return [NavItem(NAMESPACE, _("Styringsdialog"), reverse("reports:index"))]
