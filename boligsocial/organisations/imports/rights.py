"""Who may import housing data: the roles that manage it (`RoleRule.manages_housing`), for the
organisations they manage, and administrators (the housing kinds' `may_import` and
`organisations`)."""

from boligsocial.organisations import access


def may_import_housing(user) -> bool:
    s = access.scope(user)
    return s.is_admin or bool(s.manage_org_ids)


def housing_organisations(user):
    return access.managed_organisations(user)
