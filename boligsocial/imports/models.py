"""One import of one file (or one API request) as one kind: its progress, its preview, its
outcome and the problems found (the per-row report), and what undoing it needs.

The table was `screening_importbatch` (the screening's import record) until the imports app
took it over (migration imports 0001 renames it, keeping every row)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from boligsocial.organisations.models import Organisation


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        PREVIEW = "preview", _("awaiting confirmation")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")
        UNDONE = "undone", _("undone")

    class Step(models.TextChoices):
        CHECK = "check", _("check and preview")
        WRITE = "write", _("write")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="import_batches",
        verbose_name=_("housing organisation"),
    )
    # The kind's code (core.importkinds.ImportKind.code): "departments", "values", ...
    kind = models.CharField(_("kind"), max_length=40, default="values")
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    step = models.CharField(_("step"), max_length=10, choices=Step.choices, default=Step.CHECK)
    # Set by the process working on the batch whenever it reports; a pending or running batch
    # whose heartbeat is too old is failed (`liveness`).
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    rows_total = models.PositiveIntegerField(_("rows in total"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    # {"changes": [{"line", "subject", "action", "fields": [[label, old, new], ...]}, ...],
    #  "fingerprint": "...", "created": n, "updated": n, "unchanged": n}
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [
            models.Index(fields=["kind", "organisation", "status"], name="import_kind_org_status")
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def kind_label(self) -> str:
        from boligsocial.imports import registry  # the kinds are found once the apps are ready

        return registry.label_of(self.kind)

    @property
    def is_active(self) -> bool:
        """Waiting for or being worked on by a process (not a final state, not a preview)."""
        return self.status in (self.Status.PENDING, self.Status.RUNNING)


class UndoRecord(models.Model):
    """What the kind needs to undo a done batch (`ImportKind.undo`), kept apart from the batch so
    that lists and progress updates never carry it."""

    batch = models.OneToOneField(
        ImportBatch,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="undo_record",
        verbose_name=_("import"),
    )
    data = models.JSONField(_("data"), default=dict)

    class Meta:
        verbose_name = _("undo record")
        verbose_name_plural = _("undo records")

    def __str__(self) -> str:
        return str(self.batch)
