"""Writing the audit app's two logs.

Reads: every route that shows personal data calls `log_read` once per object it shows (pages,
API, PDF, exports). Writes: every service that changes data calls `record_change` once per
object it changes, inside its transaction, so the entry commits or rolls back with the write.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from boligsocial.audit.models import AccessLogEntry, ChangeLogEntry

MASK = "•••"  # stands for a personal value in the change log: that it changed, not what it was


def log_read(*, user, obj: models.Model, route: str, purpose: str = "") -> AccessLogEntry:
    return AccessLogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        route=route[:200],
        purpose=purpose[:200],
    )


def log_reads(*, user, objs: Iterable[models.Model], route: str, purpose: str = "") -> int:
    """One row per object, in one INSERT (list pages and exports)."""
    rows = [
        AccessLogEntry(
            user=user,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            route=route[:200],
            purpose=purpose[:200],
        )
        for obj in objs
    ]
    AccessLogEntry.objects.bulk_create(rows)
    return len(rows)


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value (model instances by pk, dates as ISO text)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields' current values (a foreign key by its id), to diff after a change."""
    out = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attr = field.attname if getattr(field, "many_to_one", False) else name
        out[name] = _plain(getattr(obj, attr))
    return out


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The fields whose value differs, as {field: (old, new)}; a field in only one side counts
    as changed from/to None. An empty text and None are the same (a blank field)."""
    keys = list(dict.fromkeys([*before, *after]))

    def norm(value):
        value = _plain(value)
        return None if value == "" else value

    return {
        k: (before.get(k), after.get(k)) for k in keys if norm(before.get(k)) != norm(after.get(k))
    }


def record_change(
    *,
    actor,
    obj: models.Model,
    action: str,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    personal: Iterable[str] = (),
    organisation_id: int | None = None,
) -> ChangeLogEntry:
    """Write one change-log entry: `actor` (a user, or None for the system) did `action` on
    `obj`; `changes` maps each changed field to (old, new). Fields named in `personal` are
    recorded as changed with both values masked. Call it inside the service's transaction."""
    masked = frozenset(personal)
    stored = {
        name: [MASK, MASK] if name in masked else [_plain(old), _plain(new)]
        for name, (old, new) in (changes or {}).items()
    }
    if organisation_id is None:
        organisation_id = getattr(obj, "organisation_id", None)
    return ChangeLogEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=str(action)[:40],
        changes=stored,
        organisation_id=organisation_id,
    )


def changes_of(obj: models.Model) -> models.QuerySet[ChangeLogEntry]:
    """The change-log entries of one object, newest first."""
    return ChangeLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")
