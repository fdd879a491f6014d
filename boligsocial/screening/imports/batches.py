"""Running an import of screening data as an `ImportBatch`: small files at once, large files as a
background task (django-tasks; `manage.py db_worker` runs it) whose progress the page polls.

Phases: read the whole file (a file that cannot be read changes nothing); check every row, outside
any transaction so that the progress (`rows_done` of `rows_total`) is visible to the page; then
write everything, and re-screen what changed, in one transaction. A file with any problem writes
nothing; the batch keeps the problems (`errors`: the first MAX_ISSUES_SHOWN as
``{"row", "column", "message"}``, then ``{"more": n}`` if there were more)."""

import hashlib
import io
import logging
from pathlib import Path, PurePath

from django.conf import settings
from django.db.models import Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from boligsocial.core.memory import paused_gc
from boligsocial.organisations import access
from boligsocial.organisations.imports.report import MAX_ISSUES_SHOWN, ImportIssue, ImportResult
from boligsocial.organisations.imports.tables import TableError, read_table
from boligsocial.organisations.imports.upsert import run_atomic
from boligsocial.screening import engine as compute
from boligsocial.screening.imports.kinds import KIND_BY_BATCH_KIND, ImportKind
from boligsocial.screening.imports.lookups import Lookups
from boligsocial.screening.models import ImportBatch

logger = logging.getLogger(__name__)

# Files up to this size are imported while the user waits; larger ones in the background.
SYNC_MAX_BYTES = 256 * 1024
Status = ImportBatch.Status


def sync_max_bytes() -> int:
    return getattr(settings, "SCREENING_IMPORT_SYNC_MAX_BYTES", SYNC_MAX_BYTES)


def may_import(user) -> bool:
    s = access.scope(user)
    return s.is_admin or bool(s.manage_org_ids)


def visible_batches(user) -> QuerySet[ImportBatch]:
    """Administrators see every import; other importers the imports of the organisations they
    manage and their own."""
    s = access.scope(user)
    qs = ImportBatch.objects.all()
    if s.is_admin:
        return qs
    if not s.manage_org_ids:
        return qs.none()
    return qs.filter(Q(organisation_id__in=s.manage_org_ids) | Q(created_by=user))


def start(*, kind: ImportKind, upload, user) -> ImportBatch:
    """Create the batch for an uploaded file and import it, now or in the background."""
    batch = ImportBatch(kind=kind.batch_kind, filename=upload.name[:255], created_by=user)
    limit = settings.IMPORT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        message = _("The file is larger than the limit of %(limit)s.") % {
            "limit": filesizeformat(limit)
        }
        _fail(batch, [ImportIssue(0, "", message)], 1)
        return batch
    upload.seek(0)
    data = upload.read()
    batch.sha256 = hashlib.sha256(data).hexdigest()
    batch.save()
    if len(data) <= sync_max_bytes():
        process(batch, data)
        return batch
    path = stored_path(batch)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    from boligsocial.screening.tasks import import_batch

    result = import_batch.enqueue(batch.pk, translation.get_language() or settings.LANGUAGE_CODE)
    ImportBatch.objects.filter(pk=batch.pk, task_id="").update(task_id=str(result.id)[:64])
    batch.refresh_from_db()
    return batch


def stored_path(batch: ImportBatch) -> Path:
    suffix = PurePath(batch.filename).suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx"):
        suffix = ""
    return Path(settings.PRIVATE_MEDIA_ROOT) / "screening-imports" / f"{batch.pk}{suffix}"


def process_stored(batch_id: int) -> None:
    """The background task's work: import the stored file of a batch, then delete the file."""
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status not in (Status.PENDING, Status.RUNNING):
        return
    path = stored_path(batch)
    try:
        process(batch, path.read_bytes())
    except Exception:
        logger.exception("Screening import %s failed", batch_id)
        message = _("The import stopped because of an error in the system. Nothing was imported.")
        _fail(batch, [ImportIssue(0, "", message)], 1)
        raise
    finally:
        path.unlink(missing_ok=True)


def process(batch: ImportBatch, data: bytes, *, rescreen: bool = True) -> ImportResult:
    """Import `data` (the file's bytes) as `batch`; store and return the outcome."""
    with paused_gc():
        return _process(batch, data, rescreen=rescreen)


def _process(batch: ImportBatch, data: bytes, *, rescreen: bool) -> ImportResult:
    kind = KIND_BY_BATCH_KIND[batch.kind]
    batch.status = Status.RUNNING
    batch.save(update_fields=["status"])
    try:
        table = read_table(io.BytesIO(data), batch.filename, kind.names)
    except TableError as error:
        return _fail(batch, error.result.issues, error.result.issue_count)
    batch.rows_total = len(table.rows)
    batch.save(update_fields=["rows_total"])

    def progress(done: int) -> None:
        batch.rows_done = done
        ImportBatch.objects.filter(pk=batch.pk).update(rows_done=done)

    lookups = Lookups(batch.created_by)
    entries, issues = kind.check(table, lookups, progress)
    if issues:
        return _fail(batch, issues.shown, issues.count)
    result = write(kind, entries, batch, lookups, rescreen=rescreen)
    if not result.ok:
        return _fail(batch, result.issues, result.issue_count)
    return result


def write(
    kind: ImportKind, entries: list, batch: ImportBatch, lookups: Lookups, *, rescreen: bool = True
) -> ImportResult:
    """Write checked entries as `batch` in one transaction and record the outcome."""
    if len(lookups.touched_org_ids) == 1:
        batch.organisation_id = next(iter(lookups.touched_org_ids))

    def work() -> ImportResult:
        result = kind.write(entries, batch.pk)
        batch.created, batch.updated, batch.unchanged = (
            result.created,
            result.updated,
            result.unchanged,
        )
        batch.rows_done = batch.rows_total = max(batch.rows_total, len(entries))
        batch.status = Status.DONE
        batch.errors = []
        batch.save()
        if rescreen and (result.created or result.updated):
            rescreen_after_import(batch)
        return result

    result = run_atomic(work)
    if not result.ok:
        batch.refresh_from_db()
    return result


def rescreen_after_import(batch: ImportBatch) -> None:
    """Re-compute the traffic lights and statutory statuses that the batch's values touch."""
    compute.rescreen_after_import(batch)


def _fail(batch: ImportBatch, issues, count: int) -> ImportResult:
    errors = [{"row": i.line, "column": i.column, "message": str(i.message)} for i in issues]
    if count > len(errors):
        errors.append({"more": count - len(errors)})
    batch.status = Status.FAILED
    batch.errors = errors
    batch.created = batch.updated = batch.unchanged = 0
    batch.save()
    return ImportResult(issues=list(issues), issue_count=count)


API_FILENAME = "API"


def start_items(*, items: list[dict], user, sha256: str, type_issues=None) -> ImportBatch:
    """Import values posted to the API (already parsed to typed dicts, see values.check_items)
    as one batch. `type_issues` are problems the API's serializer found; with any, nothing is
    imported."""
    from boligsocial.screening.imports import values
    from boligsocial.screening.imports.kinds import KINDS

    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.VALUES,
        filename=API_FILENAME,
        sha256=sha256,
        created_by=user,
        status=Status.RUNNING,
        rows_total=len(items),
    )
    if type_issues:
        _fail(batch, type_issues[:MAX_ISSUES_SHOWN], len(type_issues))
        return batch
    lookups = Lookups(user)
    entries, issues = values.check_items(items, lookups)
    batch.rows_done = len(items)
    if issues:
        _fail(batch, issues.shown, issues.count)
        return batch
    result = write(KINDS["vaerdier"], entries, batch, lookups)
    if not result.ok:
        _fail(batch, result.issues, result.issue_count)
    return batch
