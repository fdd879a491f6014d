"""The audit app's two logs.

- `AccessLogEntry`: one row per read of personal data (who, when, what, through which route).
- `ChangeLogEntry`: one row per write through a service (who, when, which object, which action
  and the changed fields old -> new, personal values masked). Written by `record_change`.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLogEntry(models.Model):
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("user"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("object type")
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    route = models.CharField(
        _("route"), max_length=200, help_text=_("The page, API endpoint or export that read it.")
    )
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="accesslog_obj")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.object_repr}"


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    TRANSITION = "transition", _("Status changed")
    IMPORT = "import", _("Imported")
    UNDO = "undo", _("Undone")
    ANONYMISE = "anonymise", _("Anonymised")
    OTHER = "other", _("Other")


class ChangeLogEntry(models.Model):
    """One write. `actor` is empty for the system (background tasks, retention)."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("object type")
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    action = models.CharField(_("action"), max_length=40)
    # {"field": [old, new], ...} with personal values replaced by MASK.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    # The organisation the object belongs to, if any: heads search their own organisation's log.
    organisation_id = models.IntegerField(_("organisation"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log entries")
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="changelog_obj")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor or '-'} {self.action} {self.object_repr}"
