"""The two import formats: indicator values, and the published lists."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from boligsocial.organisations.imports.tables import Column
from boligsocial.screening.imports import lists, values
from boligsocial.screening.models import ImportBatch


@dataclass(frozen=True)
class ImportKind:
    slug: str  # in URLs and template file names
    batch_kind: str  # ImportBatch.kind
    label: Promise
    columns: tuple[Column, ...]
    check: Callable  # (table, lookups, progress) -> (entries, IssueCollector)
    write: Callable  # (entries, batch id) -> ImportResult

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


KINDS: dict[str, ImportKind] = {
    "vaerdier": ImportKind(
        "vaerdier",
        ImportBatch.Kind.VALUES,
        _("Indicator values"),
        values.COLUMNS,
        values.check_table,
        values.write,
    ),
    "lister": ImportKind(
        "lister",
        ImportBatch.Kind.PUBLISHED_LISTS,
        _("Published lists"),
        lists.COLUMNS,
        lists.check_table,
        lists.write,
    ),
}
KIND_BY_BATCH_KIND = {k.batch_kind: k for k in KINDS.values()}
