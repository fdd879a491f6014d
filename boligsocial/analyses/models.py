"""C3 Sårbarhedsanalyse (issue 14, part 3; decision 0025): a yearly interview with a
department's board and caretaker by a question guide (`guides`), its scores, follow-up actions
and the coverage interval.

Views and the API never write these models directly: they call `analyses.services`. The answers
themselves are a `guides.Response` (the engine's); the analysis keeps the scores it computed
with the guide version it used (`guide_version`, whose thresholds gave `band`)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from boligsocial.cases.models import Case
from boligsocial.guides.models import GuideVersion, Response
from boligsocial.organisations.models import Department, Organisation


class AnalysisStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class ParticipantRole(models.TextChoices):
    BOARD_CHAIR = "board_chair", _("Board chair")
    BOARD_MEMBER = "board_member", _("Board member")
    CARETAKER = "caretaker", _("Caretaker (ejendomsmester)")
    ESTATE_STAFF = "estate_staff", _("Other estate staff")
    OTHER = "other", _("Other")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class CoverageSettings(models.Model):
    """How often each department of an organisation is due an analysis (default: yearly)."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="analysis_settings",
        verbose_name=_("housing organisation"),
    )
    interval_months = models.PositiveSmallIntegerField(
        _("interval (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = _("coverage settings")
        verbose_name_plural = _("coverage settings")

    def __str__(self) -> str:
        return str(self.organisation)


class Analysis(models.Model):
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="analyses", verbose_name=_("department")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="analyses",
        verbose_name=_("housing organisation"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    planned_date = models.DateField(_("planned date"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AnalysisStatus.choices, default=AnalysisStatus.PLANNED
    )
    guide_version = models.ForeignKey(
        GuideVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("guide")
    )
    response = models.OneToOneField(
        Response,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="analysis",
        verbose_name=_("answers"),
    )
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="vulnerability_analyses",
        verbose_name=_("interviewers"),
    )
    score = models.DecimalField(
        _("overall score"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    band = models.CharField(_("band"), max_length=6, blank=True)
    # {theme key: {"score": "43.8" | None, "scored": 2, "missing": 1}}
    theme_scores = models.JSONField(_("theme scores"), default=dict, blank=True)
    missing = models.PositiveIntegerField(_("unanswered scored questions"), default=0)
    notes = models.JSONField(_("notes per theme"), default=dict, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-year", "department__number"]
        verbose_name = _("vulnerability analysis")
        verbose_name_plural = _("vulnerability analyses")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year"],
                condition=~Q(status="cancelled"),
                name="analysis_one_per_department_year",
            )
        ]
        indexes = [
            models.Index(fields=["department", "status", "held_on"], name="analysis_coverage"),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.year}"


class Participant(models.Model):
    """Who took part, by role (never a CPR number; the name is optional)."""

    analysis = models.ForeignKey(
        Analysis, on_delete=models.CASCADE, related_name="participants", verbose_name=_("analysis")
    )
    role = models.CharField(_("role"), max_length=14, choices=ParticipantRole.choices)
    name = models.CharField(_("name (optional)"), max_length=100, blank=True)

    class Meta:
        ordering = ["analysis", "role", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.get_role_display()


class FollowUpAction(models.Model):
    analysis = models.ForeignKey(
        Analysis, on_delete=models.CASCADE, related_name="actions", verbose_name=_("analysis")
    )
    title = models.CharField(_("action"), max_length=300)
    theme_key = models.SlugField(_("theme"), max_length=60, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Beredskab case"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["analysis", "due_date", "id"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self) -> str:
        return self.title
