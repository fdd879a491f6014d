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


#: A photo chosen in a quick report that failed validation waits here, per user, until the
#: report is sent (then it becomes the case's attachment) or `PENDING_MAX_AGE_SECONDS` pass.
PENDING_DIR = "quick_pending"
PENDING_MAX_AGE_SECONDS = 24 * 60 * 60


def _pending_dir(user_id: int) -> str:
    return f"{PENDING_DIR}/{int(user_id)}"


def save_pending(user_id: int, content) -> str:
    """Store an upload under the user's pending folder; returns its storage name."""
    storage = private_storage()
    purge_pending(user_id)
    return storage.save(f"{_pending_dir(user_id)}/{uuid.uuid4().hex}", content)


def is_pending_of(user_id: int, name: str) -> bool:
    """True when `name` is a file in this user's pending folder (no other path)."""
    prefix = f"{_pending_dir(user_id)}/"
    rest = name[len(prefix) :] if name.startswith(prefix) else ""
    return len(rest) == 32 and all(c in "0123456789abcdef" for c in rest)


def purge_pending(user_id: int, *, max_age_seconds: int = PENDING_MAX_AGE_SECONDS) -> int:
    """Delete the user's pending files older than `max_age_seconds`; returns how many."""
    import time

    storage = private_storage()
    folder = _pending_dir(user_id)
    if not storage.exists(folder):
        return 0
    removed = 0
    for name in storage.listdir(folder)[1]:
        path = f"{folder}/{name}"
        if time.time() - os.path.getmtime(storage.path(path)) > max_age_seconds:
            storage.delete(path)
            removed += 1
    return removed
