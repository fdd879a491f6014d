"""A plan's documents with versions (issue 16 part 7): upload a document, upload a new version of
it (the old ones stay downloadable), remove one version (asked first on its own page). Files are
checked by size and by their first bytes (never by their name) and kept in private storage
(`core.storage`, served only by the plan's download view after its access check). Every write
is audited; each download is logged as a read (the views).

Who (`access`): every owner uploads (EDIT_PART); a version is removed by the secretariat or by
whoever uploaded it (REMOVE_DOCUMENT). Documents are attachments, not plan content: an approved
plan takes new documents and versions without a revision, and the old versions stay."""

import io
import zipfile
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.http import FileResponse, Http404

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import log_read, record_change
from boligsocial.core.formatting import format_number
from boligsocial.core.storage import DOCX, sniff_content_type
from boligsocial.plans.models import DocumentKind, DocumentVersion, PlanDocument
from boligsocial.plans.services import PlanError

MAX_BYTES = 20 * 1024 * 1024  # a signed plan scanned as PDF runs to a few MB
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: content type -> label; recognised by the file's first bytes, never by its name.
ALLOWED = {
    "application/pdf": "PDF",
    DOCX: "Word (DOCX)",
    XLSX: "Excel (XLSX)",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
}


def content_type_of(uploaded) -> str | None:
    """The sniffed type among ALLOWED, or None. A ZIP is a DOCX (word/document.xml) or an XLSX
    (xl/workbook.xml); only its directory is read."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(uploaded.read())) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            uploaded.seek(0)
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
        return None
    found = sniff_content_type(head)
    return found if found in ALLOWED else None


def check_upload(uploaded) -> str:
    """The file's content type, or PlanError with the Danish reason."""
    size = getattr(uploaded, "size", None) or 0
    if size == 0:
        raise PlanError("Filen er tom.")
    if size > MAX_BYTES:
        raise PlanError(
            f"Filen er for stor ({format_number(Decimal(size) / (1024 * 1024), 1)} MB). "
            f"Den største tilladte størrelse er {MAX_BYTES // 1024 // 1024} MB."
        )
    content_type = content_type_of(uploaded)
    if content_type is None:
        raise PlanError("Filtypen er ikke tilladt. Tilladt: " + ", ".join(ALLOWED.values()) + ".")
    return content_type


def _name(uploaded) -> str:
    name = (getattr(uploaded, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    return name[:255] or "fil"


def _store(document: PlanDocument, *, number: int, uploaded, by, note: str) -> DocumentVersion:
    content_type = check_upload(uploaded)
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=_name(uploaded),
        content_type=content_type,
        size=uploaded.size,
        note=note.strip()[:200],
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    version.file.save(version.original_name, uploaded, save=False)
    try:
        version.save()
        record_change(
            actor=by,
            obj=version,
            action=ChangeAction.CREATE,
            changes={
                "original_name": (None, version.original_name),
                "size": (None, version.size),
                "content_type": (None, content_type),
            },
        )
    except Exception:
        version.file.delete(save=False)  # no row, no file
        raise
    return version


@transaction.atomic
def add_document(*, plan, by, kind: str, title: str, uploaded, note: str = "") -> PlanDocument:
    if kind not in DocumentKind.values:
        raise PlanError("Vælg, hvilken slags dokument det er.")
    if not title.strip():
        raise PlanError("Giv dokumentet en titel.")
    check_upload(uploaded)  # before the row: a refused file leaves nothing
    document = PlanDocument.objects.create(
        plan=plan,
        kind=kind,
        title=title.strip()[:200],
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    record_change(
        actor=by, obj=document, action=ChangeAction.CREATE, changes={"kind": (None, kind)}
    )
    _store(document, number=1, uploaded=uploaded, by=by, note=note)
    return document


@transaction.atomic
def add_version(*, document: PlanDocument, by, uploaded, note: str = "") -> DocumentVersion:
    document = PlanDocument.objects.select_for_update().get(pk=document.pk)
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return _store(document, number=number, uploaded=uploaded, by=by, note=note)


@transaction.atomic
def remove_version(*, version: DocumentVersion, by) -> bool:
    """Delete one version (row now, file when the deletion is committed). The last version
    takes its document with it; returns whether the document is gone too."""
    document = PlanDocument.objects.select_for_update().get(pk=version.document_id)
    version = DocumentVersion.objects.get(pk=version.pk)
    storage, path = version.file.storage, version.file.name
    record_change(
        actor=by,
        obj=version,
        action=ChangeAction.DELETE,
        changes={"original_name": (version.original_name, None)},
    )
    version.delete()
    if path:
        transaction.on_commit(lambda: storage.delete(path))
    if document.versions.exists():
        return False
    record_change(actor=by, obj=document, action=ChangeAction.DELETE, changes={})
    document.delete()
    return True


def file_response(version: DocumentVersion, *, user, route: str) -> FileResponse:
    """The version's file as an attachment, its read logged (the page and the API); a file
    missing from the storage is a 404."""
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    log_read(user=user, obj=version, route=route, purpose="plandokument")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
