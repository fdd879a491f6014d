"""What an import kind declares, so that the imports app can run it: the columns of its file,
how rows are checked, what a checked file would change (the preview), how it is written and
undone, who may import it and what its template file holds.

An app declares its kinds in `<app>/import_kinds.py` as `KINDS: tuple[ImportKind, ...]`; the
imports app finds them (`boligsocial.imports.registry`). This module lives in core so that a low
app (organisations) can declare kinds without importing the imports app, which sits above it.

The phases, as the imports app runs them (docs/decisions/0018-imports-app.md):
1. `check(table, ctx) -> (checked, issues)`: every row, no writes; `ctx.progress(rows_done)`.
2. `plan(checked, ctx) -> Plan`: compare with what is stored. Read-only for the preview; in the
   write step (`ctx.lock`) it locks the rows it may change.
3. `write(plan, ctx) -> Written`: apply the plan; the caller holds the transaction. Writes the
   audit entries and returns the record `undo` needs.
4. `undo(record, ctx, apply=...) -> UndoOutcome`: whether the import can still be undone (no
   later change would be overwritten) and, with `apply`, restore what it changed.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from django.db import IntegrityError, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from boligsocial.core.importreport import ImportIssue, ImportResult, IssueCollector
from boligsocial.core.tables import Table, TableError, read_table

CREATE, UPDATE = "create", "update"


@dataclass(frozen=True)
class Column:
    """One column of an import format: its header name, what it holds, an example value."""

    name: str
    description: str | Promise
    example: object
    required: bool = True  # must the cell be filled in (the header is always required)


@dataclass(frozen=True)
class ImportContext:
    """Who imports, for which organisation, as which batch; what the kind functions get."""

    user: Any
    organisation: Any = None  # the chosen organisation, for kinds with `per_organisation`
    filename: str = ""
    batch_id: int | None = None  # the ImportBatch (None outside the imports app)
    progress: Callable[[int], None] | None = None
    lock: bool = False  # plan for writing: lock what may change
    follow_up: bool = True  # run the kind's follow-up after writing (e.g. re-screening)

    def report(self, done: int) -> None:
        if self.progress is not None:
            self.progress(done)


@dataclass(frozen=True)
class FieldChange:
    label: str  # the column as in the file
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    """One row the import would create or change, for the preview."""

    line: int
    subject: str  # what the row is, e.g. "Afdeling 1 Alfaparken"
    action: str  # CREATE or UPDATE
    fields: tuple[FieldChange, ...] = ()


class Plan(Protocol):
    """What a checked file would do. `fingerprint` identifies the plan: the write step writes
    only if it is the one the user confirmed."""

    created: int
    updated: int
    unchanged: int
    organisation_ids: frozenset[int]  # the organisations whose data it changes

    @property
    def fingerprint(self) -> str: ...

    def changes(self, limit: int) -> list[Change]: ...


@dataclass
class Written:
    result: ImportResult
    undo: dict | None = None  # JSON-safe; given back to `ImportKind.undo`; None: cannot undo


@dataclass
class UndoOutcome:
    problems: list[str] = field(default_factory=list)  # why it cannot be undone (Danish)
    deleted: int = 0  # rows the import created, deleted again
    restored: int = 0  # rows the import changed, given their old values back

    @property
    def ok(self) -> bool:
        return not self.problems


def no_follow_up(batch_id: int | None) -> None:
    return None


@dataclass(frozen=True)
class ImportKind:
    """One import format. Who may import it is the kind's own rule, from its app's access
    rules: `may_import(user)` (may the user import this kind at all: the pages answer 403
    otherwise) and `organisations(user)` (the organisations the user may import it for)."""

    code: str  # stored in ImportBatch.kind; never changes
    slug: str  # in URLs and template file names (Danish)
    label: str | Promise
    columns: tuple[Column, ...]
    check: Callable[[Table, ImportContext], tuple[Any, IssueCollector]]
    plan: Callable[[Any, ImportContext], Plan]
    write: Callable[[Plan, ImportContext], Written]
    may_import: Callable[[Any], bool]
    organisations: Callable[[Any], Any]  # user -> QuerySet[Organisation]
    per_organisation: bool = False  # the user chooses the organisation on the upload page
    undo: Callable[..., UndoOutcome] | None = None  # (record, ctx, *, apply: bool)
    template_rows: Callable[[ImportContext], Iterable[Sequence]] | None = None
    follow_up: Callable[[int | None], None] = no_follow_up  # after write, in the transaction
    description: str | Promise = ""  # one paragraph for the upload page
    done_note: str | Promise = ""  # said when an import that changed something is done
    help_template: str = ""  # more about the format (included on the upload page)
    help_context: Callable[[Any], dict] | None = None
    order: int = 100  # on the pages, ascending
    # The kind's importers need not manage housing data (e.g. a plan's social workers): each
    # sees the imports they made and may undo their own latest one (the kind's `undo` checks
    # the rows' rights again). Managers and administrators keep their rights as for any kind.
    undo_by_importer: bool = False

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def run_atomic(work: Callable[[], ImportResult]) -> ImportResult:
    """Run `work` in one transaction; a result with issues rolls back whatever it did. A
    conflicting concurrent write (IntegrityError) is reported, and nothing is written."""
    try:
        with transaction.atomic():
            result = work()
            if not result.ok:
                transaction.set_rollback(True)
            return result
    except IntegrityError:
        return ImportResult(issues=[ImportIssue(0, "", changed_meanwhile())], issue_count=1)


def changed_meanwhile() -> str:
    return _(
        "The data was changed by someone else while the file was imported. Nothing was "
        "imported; try again."
    )


def import_file(kind: ImportKind, file, ctx: ImportContext) -> ImportResult:
    """Import `file` as `kind` at once, without preview or batch (services, commands, tests):
    read the whole file first (a file that cannot be read changes nothing), check it, then plan
    and write in one transaction. All or nothing."""
    try:
        table = read_table(file, ctx.filename, kind.names)
    except TableError as error:
        return error.result
    checked, issues = kind.check(table, ctx)
    if issues:
        return issues.result()
    locked = replace(ctx, lock=True)
    return run_atomic(lambda: kind.write(kind.plan(checked, locked), locked).result)
