"""Model fields declared the same way in several apps (decision 0042): what a follow-up of a
finding carries (an owner, a due date, a status). A factory per field, so that folding them
changes no schema: each returns exactly the field the apps declared before."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def due_date_field(verbose_name=None) -> models.DateField:
    """An optional due date (walk findings, visit follow-ups)."""
    return models.DateField(verbose_name or _("due date"), null=True, blank=True)


def owner_name_field(verbose_name=None) -> models.CharField:
    """The person or unit responsible, as free text (150 characters, optional)."""
    return models.CharField(
        verbose_name or _("responsible person or unit"), max_length=150, blank=True
    )


def status_field(choices, default, *, max_length: int = 12, verbose_name=None):
    """A status from `choices` (a TextChoices class) with its default."""
    return models.CharField(
        verbose_name or _("status"), max_length=max_length, choices=choices.choices,
        default=default,
    )  # fmt: skip
