"""Import of departments and leases from CSV and XLSX, for one housing organisation at a time.

Public API (used by the web view, and by the API and management commands):
`import_departments(*, organisation, file, filename, user)` and `import_leases(...)` return an
ImportResult; `KINDS` describes each import format (URL slug, label, columns, function)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from boligsocial.organisations.imports import departments, leases
from boligsocial.organisations.imports.departments import import_departments
from boligsocial.organisations.imports.leases import import_leases
from boligsocial.organisations.imports.report import MAX_ISSUES_SHOWN, ImportIssue, ImportResult
from boligsocial.organisations.imports.tables import MAX_ROWS, Column

__all__ = [
    "KINDS",
    "MAX_ISSUES_SHOWN",
    "MAX_ROWS",
    "Column",
    "ImportIssue",
    "ImportKind",
    "ImportResult",
    "import_departments",
    "import_leases",
]


@dataclass(frozen=True)
class ImportKind:
    slug: str  # in URLs and file names
    label: str
    columns: tuple[Column, ...]
    run: Callable[..., ImportResult]


KINDS: dict[str, ImportKind] = {
    "afdelinger": ImportKind(
        "afdelinger", _("Departments"), departments.COLUMNS, import_departments
    ),
    "lejemaal": ImportKind("lejemaal", _("Leases"), leases.COLUMNS, import_leases),
}
