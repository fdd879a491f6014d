"""Import of departments and leases from CSV and XLSX, for one housing organisation at a time.

The two kinds are declared in `organisations/import_kinds.py` and run by the imports app (upload,
preview, confirm, undo). `import_departments(*, organisation, file, filename, user)` and
`import_leases(...)` import a file at once, without preview (services, commands, tests), and
return an ImportResult."""

from boligsocial.core.importkinds import ImportContext, import_file
from boligsocial.core.importreport import ImportResult


def import_departments(*, organisation, file, filename: str, user) -> ImportResult:
    """Import the departments in `file` (CSV or XLSX, binary file-like) into `organisation`.
    All or nothing: with any issue, nothing is written and the result lists the issues."""
    from boligsocial.organisations.imports.departments import KIND as DEPARTMENTS

    ctx = ImportContext(user=user, organisation=organisation, filename=filename)
    return import_file(DEPARTMENTS, file, ctx)


def import_leases(*, organisation, file, filename: str, user) -> ImportResult:
    """Import the leases in `file` (CSV or XLSX, binary file-like) into the departments of
    `organisation`. All or nothing: with any issue, nothing is written and the result lists the
    issues."""
    from boligsocial.organisations.imports.leases import KIND as LEASES

    ctx = ImportContext(user=user, organisation=organisation, filename=filename)
    return import_file(LEASES, file, ctx)
