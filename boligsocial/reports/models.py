"""The styringsdialog (C9): the yearly report of an organisation (all its departments) or of one
department, the boards' points for the agenda, the meeting's minutes and its agreements.

A report is built live from the section providers (`sections/`) while it is a draft; on
finalising, the built context is frozen in `snapshot` (JSON) and never rebuilt, so what the
municipality read is what it keeps reading (decision 0035)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from boligsocial.organisations.models import Department, Organisation


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINALISED = "finalised", _("Finalised")


class Report(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="styringsdialog_reports",
        verbose_name=_("housing organisation"),
    )
    #: None: the organisation's report (all its departments).
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="styringsdialog_reports",
        verbose_name=_("department"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    snapshot = models.JSONField(_("frozen report"), default=dict, blank=True, editable=False)
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True, editable=False)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    class Meta:
        ordering = ["-year", "organisation__name", "department__number"]
        verbose_name = _("styringsdialog report")
        verbose_name_plural = _("styringsdialog reports")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=Q(department__isnull=True),
                name="report_one_per_organisation_year",
            ),
            models.UniqueConstraint(
                fields=["department", "year"],
                condition=Q(department__isnull=False),
                name="report_one_per_department_year",
            ),
        ]

    def __str__(self) -> str:
        scope = self.department.name if self.department_id else self.organisation.name
        return f"Styringsdialog {self.year} – {scope}"

    @property
    def is_finalised(self) -> bool:
        return self.status == ReportStatus.FINALISED


class Narrative(models.Model):
    """The free text of one section (e.g. the accounts, for which the system has no data).
    Internal text is left out of the public summary."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="narratives")
    section = models.SlugField(_("section"), max_length=40)
    text = models.TextField(_("text"))
    internal = models.BooleanField(_("internal (not in the public summary)"), default=False)

    class Meta:
        ordering = ["report", "section"]
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="narrative_one_per_section")
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.section}"


class KeyFigure(models.Model):
    """A key figure the system does not compute (accounts, efficiency): entered with its source
    and year, never made up."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="key_figures")
    section = models.SlugField(_("section"), max_length=40)
    label = models.CharField(_("key figure"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        ordering = ["report", "section", "pk"]

    def __str__(self) -> str:
        return self.label


class AgendaPoint(models.Model):
    """A point for the meeting's agenda, added by a department board (or the organisation)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="agenda_points")
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    title = models.CharField(_("point"), max_length=200)
    text = models.TextField(_("background"), blank=True)
    internal = models.BooleanField(_("internal (not in the public summary)"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["report", "created_at", "pk"]
        verbose_name = _("agenda point")
        verbose_name_plural = _("agenda points")

    def __str__(self) -> str:
        return self.title


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Agreement(models.Model):
    """One agreement of the meeting (aftaledokument): binding on both sides; it comes back in
    next year's report with its status."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="agreements")
    what = models.CharField(_("agreement"), max_length=300)
    who = models.CharField(_("responsible"), max_length=200)
    due_date = models.DateField(_("by when"))
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.OPEN
    )
    status_note = models.CharField(_("status note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["report", "due_date", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.what

    def is_late(self, today) -> bool:
        return self.status in (AgreementStatus.OPEN, AgreementStatus.IN_PROGRESS) and (
            self.due_date < today
        )
