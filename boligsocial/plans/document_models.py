"""A plan's documents (attachments) with versions (decision 0044): the document (kind, title) and
its versions, each a file in private storage, served only through the plan's access check.
Imported by `plans.models`, so Django finds them there."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Private storage of the case attachments (moving to core/storage.py: a one-line change).
from boligsocial.core.storage import private_storage


class DocumentKind(models.TextChoices):
    AGREEMENT = "agreement", _("Strategic agreement")
    SUB_AGREEMENT = "sub_agreement", _("Sub-agreement (delaftale)")
    BUDGET = "budget", _("Budget")
    EVALUATION = "evaluation", _("Evaluation")
    OTHER = "other", _("Other")


def document_path(instance, filename: str) -> str:
    """A random name under plans/<plan id>/: the original name is kept in the row only."""
    return f"plans/{instance.document.plan_id}/{uuid.uuid4().hex}"


class PlanDocument(models.Model):
    """A document of a plan (an attachment: the signed agreement, a delaftale, the budget, an
    evaluation, …). Its file is in its versions: a new version keeps the old ones."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=15, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "kind", "title", "pk"]
        verbose_name = _("plan document")
        verbose_name_plural = _("plan documents")

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    """One version of a plan document: the file (private storage, served only through the
    plan's access check), its name, sniffed type and size, who uploaded it and when."""

    document = models.ForeignKey(PlanDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=document_path, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="documentversion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"
