"""The housing model's import kinds, found by the imports app (`boligsocial.imports.registry`):
departments and leases, for one housing organisation at a time.

Who may import them: the roles that manage housing data (`RoleRule.manages_housing`), for the
organisations they manage (`access.managed_organisations`), and administrators."""

from django.utils.translation import gettext_lazy as _

from boligsocial.core.importkinds import ImportKind
from boligsocial.organisations import access
from boligsocial.organisations.imports import departments, leases


def may_import(user) -> bool:
    s = access.scope(user)
    return s.is_admin or bool(s.manage_org_ids)


DEPARTMENTS = ImportKind(
    code="departments",
    slug="afdelinger",
    label=_("Departments"),
    columns=departments.COLUMNS,
    check=departments.check,
    plan=departments.plan,
    write=departments.write,
    undo=departments.undo,
    may_import=may_import,
    organisations=access.managed_organisations,
    per_organisation=True,
    template_rows=departments.template_rows,
    description=_(
        "One row per department. A department is identified by its department number: one that "
        "is already in the organisation is updated from the file, one that is not in the file "
        "is kept."
    ),
    order=10,
)
LEASES = ImportKind(
    code="leases",
    slug="lejemaal",
    label=_("Leases"),
    columns=leases.COLUMNS,
    check=leases.check,
    plan=leases.plan,
    write=leases.write,
    undo=leases.undo,
    may_import=may_import,
    organisations=access.managed_organisations,
    per_organisation=True,
    template_rows=leases.template_rows,
    description=_(
        "One row per lease. A lease is identified by its department, address and floor/door. "
        "The departments must be imported first. A lease that is not in the file is kept."
    ),
    order=20,
)
KINDS = (DEPARTMENTS, LEASES)
