"""C4 Servicebesøg (issue 14, parts 4–6; decision 0031): a visit campaign covers the leases of
a department (or chosen addresses, i.e. buildings or staircases); each lease gets one `Visit`
row, planned and then recorded on a phone (often offline) with the checklist of a guide version.

Views, the API and the imports never write these models directly: they call
`visits.services`. A recording carries a client-generated id (`client_id`, unique): sending it
again is a no-op; a recording from another client id over a lease already recorded is kept as
a `VisitConflict` and shown, never written over the first.

Residents' data: a visit holds no CPR number and no name; the lease is the unit. Lease-level
answers are deleted after the retention period (`VISIT_RETENTION_YEARS`, default 3 years after
the campaign ended); the campaign keeps its aggregates (`summary`)."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from boligsocial.analyses.models import FollowUpAction
from boligsocial.cases.models import Case
from boligsocial.core.fields import due_date_field, status_field
from boligsocial.core.storage import private_photo_fields
from boligsocial.guides.models import GuideVersion
from boligsocial.organisations.models import Department, Lease, Organisation


class CampaignStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")


class Outcome(models.TextChoices):
    PENDING = "", _("Not visited yet")
    VISITED = "visited", _("Visited")
    NO_ACCESS = "no_access", _("No access")
    DECLINED = "declined", _("Declined")
    MOVED = "moved", _("Moved / empty")


class VisitCampaign(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="visit_campaigns",
        verbose_name=_("housing organisation"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        related_name="visit_campaigns",
        verbose_name=_("department"),
    )
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(
        _("purpose of the visit"),
        max_length=2000,
        help_text=_("Printed in the notice letter to every lease."),
    )
    # The chosen buildings or staircases (lease addresses); empty: the whole department.
    addresses = models.JSONField(_("addresses"), default=list, blank=True)
    starts_on = models.DateField(_("first day of visits"))
    ends_on = models.DateField(_("last day of visits"))
    guide_version = models.ForeignKey(
        GuideVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("checklist")
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="visit_campaigns",
        verbose_name=_("assigned staff and caretakers"),
    )
    kits_stock = models.PositiveIntegerField(
        _("kits in stock"), default=0, validators=[MaxValueValidator(100_000)]
    )
    status = status_field(CampaignStatus, CampaignStatus.RUNNING, max_length=10)
    # The vulnerability analysis's follow-up action the campaign carries out, if any (the
    # action's "Start a service-visit campaign").
    follow_up_action = models.ForeignKey(
        FollowUpAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up action"),
    )
    # The aggregates, kept when the lease-level data are deleted (see services.summarise).
    summary = models.JSONField(_("aggregated findings"), default=dict, blank=True)
    purged_at = models.DateTimeField(_("lease-level data deleted"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("visit campaign")
        verbose_name_plural = _("visit campaigns")

    def __str__(self) -> str:
        return self.name


class Visit(models.Model):
    """One lease of a campaign: planned, then recorded (outcome, checklist answers, kits)."""

    campaign = models.ForeignKey(
        VisitCampaign, on_delete=models.CASCADE, related_name="visits", verbose_name=_("campaign")
    )
    lease = models.ForeignKey(
        Lease, on_delete=models.CASCADE, related_name="visits", verbose_name=_("lease")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_visits",
        verbose_name=_("assigned to"),
    )
    planned_at = models.DateTimeField(_("planned slot"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING, blank=True
    )
    revisit_on = models.DateField(_("revisit"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # {question key: cleaned value}, checked against the guide version (guides.answers).
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    kits = models.PositiveSmallIntegerField(
        _("kits handed out"), default=0, validators=[MinValueValidator(0), MaxValueValidator(20)]
    )
    client_id = models.UUIDField(_("client id"), null=True, blank=True, unique=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "lease__address", "lease__unit"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "lease"], name="visit_one_per_lease")
        ]
        indexes = [models.Index(fields=["campaign", "outcome"], name="visit_outcome")]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.lease}"


class VisitConflict(models.Model):
    """A recording that was not applied because the lease was already recorded by another
    client id: kept whole, shown on the campaign page, resolved by the social unit."""

    campaign = models.ForeignKey(
        VisitCampaign,
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("campaign"),
    )
    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("visit")
    )
    client_id = models.UUIDField(_("client id"), unique=True, default=uuid.uuid4)
    payload = models.JSONField(_("recording"), default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "-submitted_at"]
        verbose_name = _("visit conflict")
        verbose_name_plural = _("visit conflicts")

    def __str__(self) -> str:
        return str(self.visit)


class FollowUpKind(models.TextChoices):
    TASK = "task", _("Maintenance task")
    CASE = "case", _("House-rule case")


class FollowUp(models.Model):
    """What a finding leads to: a maintenance task, or a house-rule case (cases' services)."""

    campaign = models.ForeignKey(
        VisitCampaign,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("campaign"),
    )
    question_key = models.SlugField(_("checklist item"), max_length=60)
    kind = models.CharField(_("kind"), max_length=6, choices=FollowUpKind.choices)
    title = models.CharField(_("follow-up"), max_length=300)
    due_date = due_date_field()
    done = models.BooleanField(_("done"), default=False)
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["campaign", "done", "due_date", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return self.title


def photo_path(instance, filename: str) -> str:
    """A random name under visits/<campaign id>/: nothing of the original file name."""
    return f"visits/{instance.campaign_id}/{uuid.uuid4().hex}"


class VisitPhoto(models.Model):
    """A photo answering a checklist photo question (the damage, the blocked vent), stored
    privately (core.storage), served only through the access check (`visits:photo`), deleted
    with the lease-level data by the retention job. `client_id` is made on the phone: an upload
    sent twice is stored once; `recording` is the client id of the recording it belongs to."""

    campaign = models.ForeignKey(
        VisitCampaign, on_delete=models.CASCADE, related_name="photos", verbose_name=_("campaign")
    )
    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="photos", verbose_name=_("visit")
    )
    question_key = models.SlugField(_("checklist item"), max_length=60)
    photo, photo_type = private_photo_fields(upload_to=photo_path)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    client_id = models.UUIDField(_("client id"), unique=True)
    recording = models.UUIDField(_("recording"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["visit", "question_key", "uploaded_at", "pk"]
        verbose_name = _("visit photo")
        verbose_name_plural = _("visit photos")

    def __str__(self) -> str:
        return f"{self.visit} ({self.question_key})"
