"""This app's entries in the main navigation: "Styringsdialog" for those who see a report or may
build one, "Economics and effect" (business cases, the price table, effect measurements, outcome
contracts) for the social units, administrators and municipal coordinators (decision 0038)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.core.contributions import NavItem

ORDER = 57
GROUP = "efforts"
NAMESPACE = "reports"
ECONOMICS = "reports-economics"


def active_key(url_name: str) -> str:
    return ECONOMICS if url_name.startswith("econ_") else NAMESPACE


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
    entries = [NavItem(NAMESPACE, _("Styringsdialog"), reverse("reports:index"))]
    if scope.is_admin or scope.social_org_ids or Role.MUNICIPAL in scope.roles:
        entries.append(NavItem(ECONOMICS, _("Economics and effect"), reverse("reports:econ_index")))
    return entries
