"""Private files, shared by every app that keeps uploads (case attachments, walk findings' and
visits' photos): stored under settings.PRIVATE_MEDIA_ROOT, never under MEDIA_ROOT or static,
never served by the web server; a file is read only through a view that checks access first.

- `private_storage`: the storage callable for FileField(storage=...) (migrations record the
  callable, not a path);
- `private_file_field`, `private_photo_fields`: the field factories the models use, so that a
  private file is declared the same way everywhere;
- `sniff_content_type`: a file's type by its first bytes, never by its name;
- `upload_problem`: the shared check of an upload's size and type (Danish message or None).

Moved here from `cases.storage` / `cases.services.attachments` (decision 0042); cases keeps its
own paths (`attachment_path`, the quick report's pending photos)."""

import io
import os
import zipfile

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class PrivateStorage(FileSystemStorage):
    """FileSystemStorage rooted at PRIVATE_MEDIA_ROOT, read when used (tests override it)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("base_url", None)
        super().__init__(**kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):  # pragma: no cover - there is deliberately no public URL
        raise ValueError("Private files have no public URL; serve them through an access check.")


def private_storage() -> PrivateStorage:
    """Callable for FileField(storage=...), so migrations do not record a path."""
    return PrivateStorage()


def private_file_field(verbose_name, *, upload_to, blank: bool = False) -> models.FileField:
    """A FileField in the private storage (random names from `upload_to`, 255 characters)."""
    return models.FileField(
        verbose_name, storage=private_storage, upload_to=upload_to, max_length=255, blank=blank
    )


def private_photo_fields(*, upload_to, verbose_name=None, type_verbose_name=None):
    """An optional private photo and its sniffed content type, as a pair of fields:
    `photo, photo_type = private_photo_fields(upload_to=...)`."""
    return (
        private_file_field(verbose_name or gettext_lazy("photo"), upload_to=upload_to, blank=True),
        models.CharField(
            type_verbose_name or gettext_lazy("photo type"), max_length=20, blank=True
        ),
    )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
#: content type -> label of the photos the apps take (JPEG, PNG).
PHOTO_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG"}
MAX_PHOTO_BYTES = 10 * 1024 * 1024


def sniff_content_type(head: bytes, read_all=None) -> str | None:
    """The content type by magic bytes; DOCX is a ZIP holding word/document.xml."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "image/heic"
    if head.startswith(b"PK\x03\x04") and read_all is not None:
        try:
            with zipfile.ZipFile(io.BytesIO(read_all())) as z:
                if "word/document.xml" in z.namelist():
                    return DOCX
        except zipfile.BadZipFile:
            return None
    return None


def upload_problem(
    uploaded, *, max_bytes: int = MAX_PHOTO_BYTES, allowed: dict = PHOTO_TYPES
) -> tuple[str | None, str]:
    """(why the photo is refused, in the active language, or None; its sniffed content type)."""
    size = uploaded.size or 0
    if size == 0:
        return _("The photo is empty."), ""
    if size > max_bytes:
        return _("The photo is too large. The maximum is %(max)s MB.") % {
            "max": max_bytes // 1024 // 1024
        }, ""
    uploaded.seek(0)
    content_type = sniff_content_type(uploaded.read(16))
    uploaded.seek(0)
    if content_type not in allowed:
        return _("The photo must be a JPEG or PNG image."), ""
    return None, content_type
