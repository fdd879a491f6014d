"""Writing the access log. Every route that shows personal data calls `log_read` once per
object it shows (pages, API, PDF, exports)."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from boligsocial.audit.models import AccessLogEntry


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


def reads_of(obj: models.Model) -> models.QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("user")
