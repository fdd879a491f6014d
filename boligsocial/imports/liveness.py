"""When an import that should be making progress is given up as dead, and when a preview that
waits for its confirmation has expired. Pure Python (no Django): the callers pass the batch's
status and times.

A batch is worked on by one process (the request, or `manage.py db_worker`), which marks its
sign of life (`ImportBatch.heartbeat_at`) when it starts a step and every few thousand rows.
A process that dies (killed, out of memory, the server restarted) leaves the batch "waiting" or
"running"; without a rule it would show as running forever. The rule:
- running: no sign of life for more than RUNNING_STALE_AFTER (the longest silent stretch is the
  write of 100,000 values with the re-screening, seconds; reading a large workbook, tens of
  seconds): the process is dead;
- waiting: not started for more than PENDING_STALE_AFTER (no worker runs, or it is stuck);
- a preview expires after PREVIEW_EXPIRES_AFTER: the data it compared with is old by then.
A stale batch is shown, and stored, as failed; a process that comes back later finds it failed
and leaves it alone."""

from datetime import datetime, timedelta

PENDING, RUNNING, PREVIEW = "pending", "running", "preview"
PENDING_STALE_AFTER = timedelta(minutes=30)
RUNNING_STALE_AFTER = timedelta(minutes=10)
PREVIEW_EXPIRES_AFTER = timedelta(hours=24)


def last_sign(heartbeat_at: datetime | None, created_at: datetime) -> datetime:
    return heartbeat_at if heartbeat_at is not None else created_at


def is_stale(
    status: str, heartbeat_at: datetime | None, created_at: datetime, now: datetime
) -> bool:
    """Has the process that should work on a waiting or running batch died?"""
    silent = now - last_sign(heartbeat_at, created_at)
    if status == RUNNING:
        return silent > RUNNING_STALE_AFTER
    if status == PENDING:
        return silent > PENDING_STALE_AFTER
    return False


def preview_expired(
    status: str, heartbeat_at: datetime | None, created_at: datetime, now: datetime
) -> bool:
    """Is a preview too old to be confirmed?"""
    return status == PREVIEW and now - last_sign(heartbeat_at, created_at) > PREVIEW_EXPIRES_AFTER
