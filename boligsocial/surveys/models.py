"""Resident surveys (issue 15, C5; decision 0032).

A `Survey` asks the households of chosen departments one question guide version over a period.
`Invitation` is one lease's invitation: the hashes of its token and code, and whether the
household has answered (a yes, never a time). `SurveyAnswer` is one household's answer, stored
**without** the lease, the invitation or any time: a random UUID, the department and building
(for the results), the channel (web, paper, visit), the language and the values by question key.
The answer holds `edit_key`, a keyed hash of the household's code, so the household (and only
someone holding its letter) can find and change its own answer until the survey closes; closing
drops the edit keys and rewrites the answers in random order (decision 0032 says why).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from boligsocial.guides.models import GuideVersion
from boligsocial.organisations.models import Department, Lease, Organisation

MIN_K = 3
DEFAULT_K = 5


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Channel(models.TextChoices):
    WEB = "web", _("Online")
    PAPER = "paper", _("On paper (entered by staff)")
    VISIT = "visit", _("During a visit (entered by staff)")


class Survey(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("housing organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    guide_version = models.ForeignKey(
        GuideVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("question guide")
    )
    departments = models.ManyToManyField(
        Department, related_name="surveys", verbose_name=_("departments")
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    min_count = models.PositiveSmallIntegerField(
        _("minimum answers per group (k)"),
        default=DEFAULT_K,
        validators=[MinValueValidator(MIN_K), MaxValueValidator(50)],
        help_text=_("Groups with fewer answers are not shown. At least 3."),
    )
    languages = models.JSONField(
        _("further languages"),
        default=list,
        blank=True,
        help_text=_("Language codes beyond Danish and English, e.g. ar, so, tr."),
    )
    index_keys = models.JSONField(
        _("index questions"), default=list, blank=True, help_text=_("Question keys.")
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous survey (for comparison)"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # Bumped by every submitted or changed answer: the key of the cached result counts.
    answers_version = models.PositiveIntegerField(default=0, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["-opens_on", "name"]
        verbose_name = _("resident survey")
        verbose_name_plural = _("resident surveys")
        constraints = [
            models.CheckConstraint(condition=models.Q(min_count__gte=MIN_K), name="survey_k_min"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="survey_period"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN


class Invitation(models.Model):
    """One lease's invitation. Only hashes of the token and the code are stored; `answered` is
    a yes/no without a time (the response rate and the reminders need no more)."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey")
    )
    lease = models.ForeignKey(
        Lease, on_delete=models.CASCADE, related_name="+", verbose_name=_("lease")
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="+", verbose_name=_("department")
    )
    building = models.CharField(_("building"), max_length=200)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    answered = models.BooleanField(_("answered"), default=False)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("mobile"), max_length=20, blank=True)

    class Meta:
        ordering = ["department", "building", "lease"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "lease"], name="survey_invitation_lease")
        ]

    def __str__(self) -> str:
        return f"{self.survey} – {self.lease_id}"


class SurveyAnswer(models.Model):
    """One household's answer: no lease, no invitation, no time, a random id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="answers", verbose_name=_("survey")
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="+", verbose_name=_("department")
    )
    building = models.CharField(_("building"), max_length=200)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=10, default="da")
    values = models.JSONField(_("answers"), default=dict)
    submitted = models.BooleanField(_("submitted"), default=False)
    # NULL, not "": many answers have none (staff-entered, closed surveys) and "" is not unique.
    edit_key = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        indexes = [models.Index(fields=["survey", "submitted"], name="survey_answer_sub")]

    def __str__(self) -> str:
        return str(self.id)


class ReminderRound(models.Model):
    """One round of reminders to the households that had not answered."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="reminder_rounds", verbose_name=_("survey")
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    count = models.PositiveIntegerField(_("reminders"))
    channel = models.CharField(_("channel"), max_length=20)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder round")
        verbose_name_plural = _("reminder rounds")

    def __str__(self) -> str:
        return f"{self.survey} – {self.count}"


class ResultGroup(models.Model):
    """One group's protected results (`results.publish`), stored once per answers version
    (`stamp`: answers version, status and k), so a results page reads the groups it shows and
    recounts nothing (decision 0041). `summary` is what the overview needs; `detail` the
    per-question figures and the free texts (read only for the groups a page shows them for;
    the texts only for the social unit). Rows of an older stamp are deleted when a new set is
    written. Aggregates only: no answer, no lease."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="+", verbose_name=_("survey")
    )
    stamp = models.CharField(max_length=40)
    position = models.PositiveIntegerField()
    key = models.CharField(max_length=300)
    level = models.CharField(max_length=15)
    department_id = models.IntegerField(null=True)
    summary = models.JSONField(default=dict)
    detail = models.JSONField(default=dict)

    class Meta:
        ordering = ["survey", "stamp", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "stamp", "position"], name="survey_result_group"
            )
        ]
        indexes = [models.Index(fields=["survey", "stamp", "level"], name="survey_result_level")]

    def __str__(self) -> str:
        return self.key
