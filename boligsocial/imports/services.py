"""The use cases of the import pages: upload (`start`), confirm or cancel a preview, undo the
last import of a kind for an organisation, and giving up a batch whose process died.

Small files are checked and written while the user waits (`SYNC_MAX_BYTES`); larger ones by the
background task (`tasks.run_batch`, run by `manage.py db_worker`; `make run` starts one beside
the server, decision 0018), whose progress the batch page polls."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.core.importkinds import ImportContext, ImportKind, UndoOutcome
from boligsocial.core.importreport import ImportIssue
from boligsocial.imports import liveness, processing
from boligsocial.imports.models import ImportBatch, UndoRecord
from boligsocial.imports.tasks import run_batch  # tasks -> processing, never back: no circle

# Files up to this size are checked and written while the user waits; larger ones in the
# background.
SYNC_MAX_BYTES = 256 * 1024
Status, Step = ImportBatch.Status, ImportBatch.Step


def sync_max_bytes() -> int:
    return getattr(settings, "IMPORT_SYNC_MAX_BYTES", SYNC_MAX_BYTES)


def start(*, kind: ImportKind, upload, user, organisation=None) -> ImportBatch:
    """Create the batch for an uploaded file and check it, now or in the background. The file
    is kept (privately) until the batch is written, failed or cancelled (previews nobody
    confirmed are cancelled after a day, here, by the next upload)."""
    expire_previews()
    batch = ImportBatch(
        kind=kind.code,
        filename=upload.name[:255],
        created_by=user,
        organisation=organisation,
        language=(translation.get_language() or settings.LANGUAGE_CODE)[:10],
        step=Step.CHECK,
        heartbeat_at=timezone.now(),
    )
    limit = settings.IMPORT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        message = _("The file is larger than the limit of %(limit)s.") % {
            "limit": filesizeformat(limit)
        }
        processing.fail(batch, [ImportIssue(0, "", message)], 1)
        return batch
    upload.seek(0)
    data = upload.read(limit + 1)
    batch.sha256 = hashlib.sha256(data).hexdigest()
    batch.save()
    path = processing.stored_path(batch)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    _run(batch, data)
    return batch


def _run(batch: ImportBatch, data: bytes) -> None:
    if len(data) <= sync_max_bytes():
        processing.run_guarded(batch, data)
        return

    result = run_batch.enqueue(batch.pk)
    ImportBatch.objects.filter(pk=batch.pk).update(task_id=str(result.id)[:64])
    batch.refresh_from_db()


def confirm(*, batch: ImportBatch, user) -> ImportBatch:
    """Write a previewed batch (the uploader confirmed it). A second click, or a preview that was
    cancelled or has expired meanwhile, changes nothing: the page shows the batch as it is."""
    refresh(batch)
    if batch.status != Status.PREVIEW:
        return batch
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=Status.PREVIEW).update(
        status=Status.PENDING,
        step=Step.WRITE,
        confirmed_at=timezone.now(),
        heartbeat_at=timezone.now(),
        language=(translation.get_language() or settings.LANGUAGE_CODE)[:10],
    )
    batch.refresh_from_db()
    if not claimed:
        return batch
    path = processing.stored_path(batch)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        processing.fail(
            batch, [ImportIssue(0, "", _("The uploaded file is gone. Upload it again."))], 1
        )
        return batch
    _run(batch, data)
    return batch


def cancel(*, batch: ImportBatch, user) -> ImportBatch:
    """Drop a previewed batch: nothing is written, the file is deleted."""
    ImportBatch.objects.filter(pk=batch.pk, status=Status.PREVIEW).update(
        status=Status.CANCELLED, heartbeat_at=timezone.now()
    )
    batch.refresh_from_db()
    if batch.status == Status.CANCELLED:
        processing.stored_path(batch).unlink(missing_ok=True)
    return batch


def refresh(batch: ImportBatch, *, now=None) -> ImportBatch:
    """Apply the liveness rule (`liveness`): a batch whose process died is failed, an expired
    preview is cancelled (each with a Danish message), in the database too."""
    now = now or timezone.now()
    if liveness.is_stale(batch.status, batch.heartbeat_at, batch.created_at, now):
        message = _(
            "The import stopped: the process that worked on it did not answer for too long "
            "(the server may have been restarted). Nothing was imported. Upload the file again."
        )
        errors = [{"row": 0, "column": "", "message": message}]
        stuck = ImportBatch.objects.filter(
            pk=batch.pk, status=batch.status, heartbeat_at=batch.heartbeat_at
        )
        if stuck.update(status=Status.FAILED, errors=errors, heartbeat_at=now):
            processing.stored_path(batch).unlink(missing_ok=True)
        batch.refresh_from_db()
    elif liveness.preview_expired(batch.status, batch.heartbeat_at, batch.created_at, now):
        message = _("The preview has expired: it is more than a day old. Upload the file again.")
        expired = ImportBatch.objects.filter(pk=batch.pk, status=Status.PREVIEW)
        if expired.update(
            status=Status.CANCELLED,
            errors=[{"row": 0, "column": "", "message": message}],
            heartbeat_at=now,
        ):
            processing.stored_path(batch).unlink(missing_ok=True)
        batch.refresh_from_db()
    return batch


def expire_previews(*, now=None) -> int:
    """Cancel the previews that have expired (`liveness`) and delete their files."""
    now = now or timezone.now()
    old = ImportBatch.objects.filter(
        status=Status.PREVIEW, heartbeat_at__lt=now - liveness.PREVIEW_EXPIRES_AFTER
    )
    count = 0
    for batch in old:
        refresh(batch, now=now)
        count += batch.status == Status.CANCELLED
    return count


# --- undo ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UndoState:
    possible: bool
    reasons: tuple[str, ...] = ()
    outcome: UndoOutcome | None = None  # what undoing would do (when possible)


def latest_undoable(kind_code: str, organisation_id: int | None):
    """The latest done import of a kind for an organisation (or of no single organisation) that
    changed something and is not undone: the only one that can be undone."""
    return (
        ImportBatch.objects.filter(
            kind=kind_code, organisation_id=organisation_id, status=Status.DONE
        )
        .exclude(created=0, updated=0)
        .order_by("-created_at", "-id")
        .first()
    )


def undo_state(batch: ImportBatch, *, user, check_rows: bool = True) -> UndoState:
    """Can `batch` be undone? `check_rows=False` skips asking the kind whether its rows were
    changed since (the batch page's cheap answer; the undo page and the undo itself ask)."""
    kind = processing.kind_of(batch)
    if kind.undo is None:
        return UndoState(False, (_("Imports of this kind cannot be undone."),))
    if batch.status == Status.UNDONE:
        return UndoState(False, (_("The import has been undone already."),))
    if batch.status != Status.DONE or not (batch.created or batch.updated):
        return UndoState(False, (_("Only an import that changed something can be undone."),))
    record = UndoRecord.objects.filter(batch=batch).first()
    if record is None:
        return UndoState(False, (_("This import was made before imports could be undone."),))
    latest = latest_undoable(batch.kind, batch.organisation_id)
    if latest is not None and latest.pk != batch.pk:
        return UndoState(
            False,
            (
                _(
                    "Only the last import of %(kind)s can be undone; “%(filename)s” was imported "
                    "after this one. Undo that one first."
                )
                % {"kind": str(kind.label).lower(), "filename": latest.filename},
            ),
        )
    busy = ImportBatch.objects.filter(
        kind=batch.kind,
        organisation_id=batch.organisation_id,
        step=Step.WRITE,
        status__in=[Status.PENDING, Status.RUNNING],
    )
    if busy.exists():
        return UndoState(False, (_("Another import of this kind is being written right now."),))
    if not check_rows:
        return UndoState(True)
    outcome = kind.undo(record.data, _undo_context(batch, user), apply=False)
    if not outcome.ok:
        return UndoState(False, tuple(outcome.problems))
    return UndoState(True, (), outcome)


def _undo_context(batch: ImportBatch, user) -> ImportContext:
    return ImportContext(
        user=user, organisation=batch.organisation, filename=batch.filename, batch_id=batch.pk
    )


def undo(*, batch: ImportBatch, user) -> UndoState:
    """Undo `batch` in one transaction, if it can still be undone (`undo_state`)."""
    with transaction.atomic():
        locked = (
            ImportBatch.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=batch.pk)
        )
        state = undo_state(locked, user=user)
        if not state.possible:
            return state
        kind = processing.kind_of(locked)
        outcome = kind.undo(
            UndoRecord.objects.get(batch=locked).data, _undo_context(locked, user), apply=True
        )
        if not outcome.ok:  # changed between the check and the lock
            transaction.set_rollback(True)
            return UndoState(False, tuple(outcome.problems))
        locked.status = Status.UNDONE
        locked.undone_at = timezone.now()
        locked.undone_by = user
        locked.save(update_fields=["status", "undone_at", "undone_by"])
        record_change(
            actor=user,
            obj=locked,
            action=ChangeAction.UNDO,
            changes={
                "status": (Status.DONE, Status.UNDONE),
                "deleted": (None, outcome.deleted),
                "restored": (None, outcome.restored),
            },
        )
    batch.refresh_from_db()
    return UndoState(True, (), outcome)
