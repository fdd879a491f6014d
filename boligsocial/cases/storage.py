"""The cases' own private-file paths: attachments and the quick report's pending photos. The
private storage itself is shared (`core.storage`); `private_storage` is imported here because
the migrations 0001 of cases and walks reference `boligsocial.cases.storage.private_storage` by
path (decision 0042)."""

import os
import uuid

from boligsocial.core.storage import private_storage


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
