"""The write phase shared by the imports: sort parsed rows into create / update / unchanged by
comparing with the rows already stored, then write them in bulk with history."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from boligsocial.organisations.imports.report import ImportIssue, ImportResult
from boligsocial.organisations.imports.tables import Column, Table, TableError, read_table
from boligsocial.organisations.signals import bulk_updated

BATCH_SIZE = 1000


@dataclass
class Plan:
    model: type[models.Model]
    create: list[models.Model] = field(default_factory=list)
    update: list[models.Model] = field(default_factory=list)
    changed_fields: set[str] = field(default_factory=set)
    unchanged: int = 0

    def add(
        self, existing: models.Model | None, values: dict, new: Callable[[], models.Model]
    ) -> None:
        """Plan one row: `values` are attribute -> value; `new()` builds the row to create."""
        if existing is None:
            self.create.append(new())
            return
        changed = [name for name, value in values.items() if getattr(existing, name) != value]
        if not changed:
            self.unchanged += 1
            return
        for name in changed:
            setattr(existing, name, values[name])
        self.changed_fields.update(changed)
        self.update.append(existing)

    def write(self, *, user, filename: str) -> ImportResult:
        """Write the plan (the caller holds the transaction). Unchanged rows are not touched."""
        reason = (_("Imported from %(filename)s") % {"filename": filename})[:100]
        history_user = user if getattr(user, "is_authenticated", False) else None
        if self.create:
            bulk_create_with_history(
                self.create,
                self.model,
                batch_size=BATCH_SIZE,
                default_user=history_user,
                default_change_reason=reason,
            )
        if self.update:
            bulk_update_with_history(
                self.update,
                self.model,
                sorted(self.changed_fields),
                batch_size=BATCH_SIZE,
                default_user=history_user,
                default_change_reason=reason,
            )
            bulk_updated.send(
                sender=self.model, objects=self.update, fields=frozenset(self.changed_fields)
            )
        return ImportResult(
            created=len(self.create), updated=len(self.update), unchanged=self.unchanged
        )


def read_and_import(
    file, filename: str, columns: tuple[Column, ...], work: Callable[[Table], ImportResult]
) -> ImportResult:
    """Read the whole file first (a file that cannot be read changes nothing), then run
    `work(table)` in one transaction."""
    try:
        table = read_table(file, filename, [c.name for c in columns])
    except TableError as error:
        return error.result
    return run_atomic(lambda: work(table))


def run_atomic(work: Callable[[], ImportResult]) -> ImportResult:
    """Run `work` in one transaction; a result with issues rolls back whatever it did."""
    try:
        with transaction.atomic():
            result = work()
            if not result.ok:
                transaction.set_rollback(True)
            return result
    except IntegrityError:
        message = _(
            "The data was changed by someone else while the file was imported. Nothing was "
            "imported; try again."
        )
        return ImportResult(issues=[ImportIssue(0, "", message)], issue_count=1)
