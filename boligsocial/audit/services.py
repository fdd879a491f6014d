"""Writing the audit app's two logs.

Reads: every route that shows personal data calls `log_read` once per object it shows (pages,
API, PDF, exports). Writes: every service that changes data calls `record_change` once per
object it changes, inside its transaction, so the entry commits or rolls back with the write.
"""

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone

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


def _stored(changes: Mapping[str, tuple[Any, Any]] | None, masked: frozenset[str]) -> dict:
    """The changes as stored: {field: [old, new]} in JSON-safe values, personal ones masked."""
    return {
        name: [MASK, MASK] if name in masked else [_plain(old), _plain(new)]
        for name, (old, new) in (changes or {}).items()
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
    stored = _stored(changes, frozenset(personal))
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


def record_changes(
    *,
    actor,
    entries: Iterable[tuple[models.Model, str, Mapping[str, tuple[Any, Any]] | None]],
    personal: Iterable[str] = (),
    organisation_id: int | None = None,
) -> int:
    """`record_change` for many objects at once (an import's thousands of rows): each entry is
    (obj, action, changes); `organisation_id` (else each object's own) for all of them. Call it
    inside the service's transaction.

    One prepared INSERT run for every row (executemany): for 20,000 leases a tenth of the time
    `bulk_create` took, which prepares every field of every row through the ORM."""
    masked = frozenset(personal)
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    content_types: dict[type, int] = {}
    rows = []
    for obj, action, changes in entries:
        model = type(obj)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(obj).pk
        stored = _stored(changes, masked)
        rows.append(
            (
                now,
                actor_id,
                content_types[model],
                str(obj.pk),
                str(obj)[:200],
                str(action)[:40],
                json.dumps(stored, ensure_ascii=False),
                getattr(obj, "organisation_id", None)
                if organisation_id is None
                else organisation_id,
            )
        )
    if not rows:
        return 0
    meta = ChangeLogEntry._meta
    columns = [meta.get_field(name).column for name in _CHANGE_COLUMNS]
    quote = connection.ops.quote_name
    marks = ["%s"] * len(columns)
    if connection.vendor == "postgresql":
        marks[_CHANGE_COLUMNS.index("changes")] = "%s::jsonb"
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608 (names from _meta)
        f"VALUES ({', '.join(marks)})"
    )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(adapt(row[0]), *row[1:]) for row in rows])
    return len(rows)


_CHANGE_COLUMNS = (
    "at",
    "actor",
    "content_type",
    "object_id",
    "object_repr",
    "action",
    "changes",
    "organisation_id",
)
