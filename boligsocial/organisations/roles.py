"""The roles of product.md and what each may do with the housing model.

This table is data for `access.py`, which is the only place that turns it into decisions."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SOCIAL_STAFF = "social_staff", _("Housing social worker")
    SOCIAL_HEAD = "social_head", _("Head of social services")
    ORG_BOARD = "org_board", _("Organisation board (elected member)")
    ORG_MANAGEMENT = "org_management", _("Business manager (forretningsfører)")
    DEPT_BOARD = "dept_board", _("Department board")
    CARETAKER = "caretaker", _("Caretaker")
    MUNICIPAL = "municipal", _("Municipal coordinator")
    ADMIN = "admin", _("Administrator")


class ScopeKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    DEPARTMENT = "department", _("Department")
    MUNICIPALITY = "municipality", _("Municipality")
    GLOBAL = "global", _("Everything")


@dataclass(frozen=True)
class RoleRule:
    scopes: frozenset[str]  # which ScopeKind a membership of this role may have
    sees_leases: bool  # may list the leases of departments in scope
    manages_housing: bool  # may import and edit departments and leases in scope
    social_unit: bool  # belongs to the organisation's social unit (sees case content later)


ROLE_RULES: dict[str, RoleRule] = {
    Role.SOCIAL_STAFF: RoleRule(frozenset({ScopeKind.ORGANISATION}), True, False, True),
    Role.SOCIAL_HEAD: RoleRule(frozenset({ScopeKind.ORGANISATION}), True, True, True),
    # Elected board members see and report; the forretningsfører imports and edits (issue 12).
    Role.ORG_BOARD: RoleRule(frozenset({ScopeKind.ORGANISATION}), True, False, False),
    Role.ORG_MANAGEMENT: RoleRule(frozenset({ScopeKind.ORGANISATION}), True, True, False),
    Role.DEPT_BOARD: RoleRule(frozenset({ScopeKind.DEPARTMENT}), False, False, False),
    Role.CARETAKER: RoleRule(
        frozenset({ScopeKind.ORGANISATION, ScopeKind.DEPARTMENT}), True, False, False
    ),
    Role.MUNICIPAL: RoleRule(frozenset({ScopeKind.MUNICIPALITY}), False, False, False),
    Role.ADMIN: RoleRule(frozenset({ScopeKind.GLOBAL}), True, True, False),
}
