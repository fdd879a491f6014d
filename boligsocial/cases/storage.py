"""Private file storage for case attachments: under settings.PRIVATE_MEDIA_ROOT, never under
MEDIA_ROOT or static, never served by the web server; files are read only through a view that
checks access first."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage


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


def attachment_path(instance, filename: str) -> str:
    """A random name under cases/<case id>/: the original name is kept in the row only."""
    return f"cases/{instance.case_id}/{uuid.uuid4().hex}"
