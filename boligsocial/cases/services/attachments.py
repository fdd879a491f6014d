"""Attachments of a case: upload (checked by size and content) and deletion (a correction,
GDPR art. 16; the file is removed from storage only once the deletion is committed)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from boligsocial.audit.models import ChangeAction
from boligsocial.cases.models import Attachment, Case, EventKind
from boligsocial.cases.services._common import (
    audit,
    bump,
    danish,
    event,
    lock_case,
    require_not_anonymised,
    require_open,
)
from boligsocial.core.formatting import format_number
from boligsocial.core.storage import sniff_content_type

# --- attachments -----------------------------------------------------------------------------

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
#: content type -> label; recognised by the file's first bytes, never by its name.
ALLOWED_ATTACHMENT_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/heic": "HEIC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
}


def attachment_problem(uploaded) -> str | None:
    """Why the upload is refused (Danish when Danish is active), or None."""
    size = uploaded.size or 0
    if size == 0:
        return _("The file is empty.")
    if size > MAX_ATTACHMENT_BYTES:
        return _("The file is too large (%(size)s MB). The maximum is %(max)s MB.") % {
            "size": format_number(Decimal(size) / (1024 * 1024), 1),
            "max": MAX_ATTACHMENT_BYTES // 1024 // 1024,
        }
    return None


def _read_all(uploaded) -> bytes:
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


@transaction.atomic
def add_attachment(case: Case, uploaded, user) -> Attachment:
    """Validate by size and content (PDF, JPEG, PNG, HEIC, DOCX) and store privately."""
    lock_case(case)
    require_not_anonymised(case)
    require_open(case)
    problem = attachment_problem(uploaded)
    if problem:
        raise ValidationError({"file": problem})
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    content_type = sniff_content_type(head, lambda: _read_all(uploaded))
    if content_type is None:
        raise ValidationError(
            {
                "file": _("The file type is not allowed. Allowed: %(types)s.")
                % {"types": ", ".join(ALLOWED_ATTACHMENT_TYPES.values())}
            }
        )
    name = (getattr(uploaded, "name", "") or "fil").replace("\\", "/").rsplit("/", 1)[-1]
    row = Attachment(
        case=case,
        original_name=name[:255] or "fil",
        content_type=content_type,
        size=uploaded.size,
        uploaded_by=user,
    )
    row.file.save(name, uploaded, save=False)
    try:
        row.save()
        audit(user, row, ChangeAction.CREATE, {"original_name": (None, row.original_name)})
        event(
            case,
            EventKind.NOTE,
            user,
            danish(lambda: _("Attachment: %(name)s") % {"name": row.original_name}),
        )
        bump(case, actor=user)
    except Exception:
        row.file.delete(save=False)
        raise
    return row


@transaction.atomic
def delete_attachment(attachment: Attachment, user) -> None:
    """Delete an attachment (an open case's; a closed one is reopened first). The row goes in
    the transaction; the file only when it commits, so a rollback never leaves a row whose file
    is gone."""
    case = lock_case(attachment.case)
    require_not_anonymised(case)
    require_open(case)
    name = attachment.original_name
    storage, path = attachment.file.storage, attachment.file.name
    audit(user, attachment, ChangeAction.DELETE, {"original_name": (name, None)})
    attachment.delete()
    if path:
        transaction.on_commit(lambda: storage.delete(path))
    event(
        case,
        EventKind.NOTE,
        user,
        danish(lambda: _("Attachment deleted: %(name)s") % {"name": name}),
    )
    bump(case, actor=user)
