"""The work on one batch, the same in the request and in the worker (`tasks.run_batch`).

Two steps (docs/decisions/0018-imports-app.md):
- check (`Step.CHECK`): read the whole file (a file that cannot be read changes nothing), check
  every row outside any transaction (so the progress, `rows_done` of `rows_total`, is visible),
  and plan what it would change. With problems the batch fails with its report (`errors`: the
  first MAX_ISSUES_SHOWN as {"row", "column", "message"}, then {"more": n}); a file that would
  change nothing is done at once; otherwise the batch waits for its confirmation (`preview`).
- write (`Step.WRITE`, after the user confirmed): read and check again, then in one transaction
  plan under lock, and write only if the plan is the one previewed (its fingerprint); else the
  batch shows the new preview. The write records the undo record, one audit entry for the batch
  (the master-data kinds add one per row) and runs the kind's follow-up (the re-screening).

Every step marks the batch's sign of life (`heartbeat_at`, see `liveness`). An error in the
system fails the batch with a Danish message; it never stays "running"."""

import io
import logging
from pathlib import Path, PurePath

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.core.importkinds import ImportContext, ImportKind, run_atomic
from boligsocial.core.importreport import MAX_ISSUES_SHOWN, ImportIssue, ImportResult
from boligsocial.core.memory import paused_gc
from boligsocial.core.tables import TableError, read_table
from boligsocial.imports import registry
from boligsocial.imports.models import ImportBatch, UndoRecord

logger = logging.getLogger(__name__)

Status, Step = ImportBatch.Status, ImportBatch.Step
PREVIEW_LIMIT = 200  # changes shown in the preview (all are counted)
STORE = "imports"  # folder under PRIVATE_MEDIA_ROOT for files between upload and write


def stored_path(batch: ImportBatch) -> Path:
    suffix = PurePath(batch.filename).suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx"):
        suffix = ""
    return Path(settings.PRIVATE_MEDIA_ROOT) / STORE / f"{batch.pk}{suffix}"


def kind_of(batch: ImportBatch) -> ImportKind:
    kind = registry.by_code(batch.kind)
    if kind is None:
        raise LookupError(f"no import kind {batch.kind!r}")
    return kind


def context(batch: ImportBatch, *, lock: bool = False, follow_up: bool = True) -> ImportContext:
    def progress(done: int) -> None:
        batch.rows_done = done
        ImportBatch.objects.filter(pk=batch.pk).update(rows_done=done, heartbeat_at=timezone.now())

    return ImportContext(
        user=batch.created_by,
        organisation=batch.organisation,
        filename=batch.filename,
        batch_id=batch.pk,
        progress=progress,
        lock=lock,
        follow_up=follow_up,
    )


def _mark(batch: ImportBatch, **fields) -> None:
    for name, value in fields.items():
        setattr(batch, name, value)
    batch.heartbeat_at = timezone.now()
    batch.save(update_fields=[*fields, "heartbeat_at"])


def run_stored(batch_id: int) -> None:
    """The background task's work: run the batch's step on its stored file."""
    batch = ImportBatch.objects.select_related("created_by", "organisation").get(pk=batch_id)
    if not batch.is_active:  # cancelled, or given up as stale meanwhile
        return
    try:
        data = stored_path(batch).read_bytes()
    except FileNotFoundError:
        fail(batch, [ImportIssue(0, "", _("The uploaded file is gone. Upload it again."))], 1)
        return
    run_guarded(batch, data, reraise=True)


def run_guarded(batch: ImportBatch, data: bytes, *, reraise: bool = False) -> None:
    """Run the batch's step; an error in the system fails the batch (and is logged)."""
    try:
        with paused_gc():
            if batch.step == Step.WRITE:
                write_step(batch, data)
            else:
                check_step(batch, data)
    except Exception:
        logger.exception("Import %s failed", batch.pk)
        message = _("The import stopped because of an error in the system. Nothing was imported.")
        fail(batch, [ImportIssue(0, "", message)], 1)
        if reraise:
            raise


def _read(kind: ImportKind, batch: ImportBatch, data: bytes):
    try:
        table = read_table(io.BytesIO(data), batch.filename, kind.names)
    except TableError as error:
        fail(batch, error.result.issues, error.result.issue_count)
        return None
    _mark(batch, rows_total=len(table.rows))
    return table


def check_step(batch: ImportBatch, data: bytes) -> None:
    kind = kind_of(batch)
    _mark(batch, status=Status.RUNNING, step=Step.CHECK, rows_done=0)
    table = _read(kind, batch, data)
    if table is None:
        return
    ctx = context(batch)
    checked, issues = kind.check(table, ctx)
    if issues:
        fail(batch, issues.shown, issues.count)
        return
    plan = kind.plan(checked, ctx)
    _set_organisation(batch, plan.organisation_ids)
    if not (plan.created or plan.updated):
        _finish_unchanged(batch, plan.unchanged)
        return
    _show_preview(batch, plan, notice="")


def _show_preview(batch: ImportBatch, plan, *, notice: str) -> None:
    batch.preview = {
        "changes": [
            {
                "line": c.line,
                "subject": c.subject,
                "action": c.action,
                "fields": [[f.label, f.old, f.new] for f in c.fields],
            }
            for c in plan.changes(PREVIEW_LIMIT)
        ],
        "fingerprint": plan.fingerprint,
        "notice": notice,
    }
    _mark(
        batch,
        status=Status.PREVIEW,
        step=Step.WRITE,
        preview=batch.preview,
        created=plan.created,
        updated=plan.updated,
        unchanged=plan.unchanged,
        rows_done=batch.rows_total,
        errors=[],
    )


def _set_organisation(batch: ImportBatch, organisation_ids: frozenset[int]) -> None:
    if batch.organisation_id is None and len(organisation_ids) == 1:
        batch.organisation_id = next(iter(organisation_ids))  # drops a cached organisation
        batch.save(update_fields=["organisation"])


def _finish_unchanged(batch: ImportBatch, unchanged: int) -> None:
    _mark(
        batch,
        status=Status.DONE,
        created=0,
        updated=0,
        unchanged=unchanged,
        rows_done=batch.rows_total,
        preview={},
        errors=[],
    )
    stored_path(batch).unlink(missing_ok=True)


class _PlanChanged(Exception):
    def __init__(self, plan) -> None:
        super().__init__("the plan is not the one previewed")
        self.plan = plan


def write_step(batch: ImportBatch, data: bytes, *, follow_up: bool = True) -> ImportResult | None:
    """Read, check and write (the confirmed preview, or at once without one: `import_now`)."""
    kind = kind_of(batch)
    _mark(batch, status=Status.RUNNING, step=Step.WRITE, rows_done=0)
    table = _read(kind, batch, data)
    if table is None:
        return None
    ctx = context(batch, lock=True, follow_up=follow_up)
    checked, issues = kind.check(table, ctx)
    if issues:
        fail(batch, issues.shown, issues.count)
        return None
    return write_checked(batch, kind, checked, ctx)


def write_checked(batch: ImportBatch, kind: ImportKind, checked, ctx: ImportContext):
    """Plan under lock and write `checked` as `batch` in one transaction; record the outcome."""
    expected = (batch.preview or {}).get("fingerprint")

    def work() -> ImportResult:
        plan = kind.plan(checked, ctx)
        if expected and plan.fingerprint != expected:
            raise _PlanChanged(plan)
        written = kind.write(plan, ctx)
        result = written.result
        _set_organisation(batch, plan.organisation_ids)
        batch.created, batch.updated, batch.unchanged = (
            result.created,
            result.updated,
            result.unchanged,
        )
        batch.rows_done = batch.rows_total
        batch.status = Status.DONE
        batch.errors = []
        batch.preview = {}
        batch.heartbeat_at = timezone.now()
        batch.save()
        if written.undo is not None and (result.created or result.updated):
            UndoRecord.objects.update_or_create(batch=batch, defaults={"data": written.undo})
        if result.created or result.updated:
            record_change(
                actor=ctx.user,
                obj=batch,
                action=ChangeAction.IMPORT,
                changes={
                    "kind": (None, batch.kind),
                    "created": (None, result.created),
                    "updated": (None, result.updated),
                    "unchanged": (None, result.unchanged),
                },
            )
            if ctx.follow_up:
                kind.follow_up(batch.pk)
        return result

    try:
        result = run_atomic(work)
    except _PlanChanged as changed:
        batch.refresh_from_db()
        _show_preview(
            batch,
            changed.plan,
            notice=_(
                "The data changed after you saw the preview, so nothing was imported. Check the "
                "new preview below and confirm again."
            ),
        )
        return None
    if not result.ok:
        fail(batch, result.issues, result.issue_count)
        return result
    stored_path(batch).unlink(missing_ok=True)
    return result


def import_now(batch: ImportBatch, data: bytes, *, follow_up: bool = True) -> ImportResult | None:
    """Check and write at once, without a preview (the benchmark, commands)."""
    batch.preview = {}
    with paused_gc():
        return write_step(batch, data, follow_up=follow_up)


def fail(batch: ImportBatch, issues, count: int) -> ImportResult:
    errors = [{"row": i.line, "column": i.column, "message": str(i.message)} for i in issues]
    if count > len(errors):
        errors.append({"more": count - len(errors)})
    batch.status = Status.FAILED
    batch.errors = errors[: MAX_ISSUES_SHOWN + 1]
    batch.created = batch.updated = batch.unchanged = 0
    batch.heartbeat_at = timezone.now()
    batch.save()
    if batch.pk is not None:
        stored_path(batch).unlink(missing_ok=True)
    return ImportResult(issues=list(issues), issue_count=count)
