"""C5 Tryghedsvandring (issue 15, part 7; decision 0036): a safety walk along a planned route
with a mixed group invited by role, the findings recorded on a phone during the walk, each
finding's owner organisation, due date and status, and the follow-up meeting about six months
later (domain.md § 4.4).

Views and the API never write these models directly: they call `walks.services`. Participants
are kept by role with an optional name and organisation (never a CPR number, never an address);
residents are normally counted, not named."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from boligsocial.core.fields import due_date_field, owner_name_field, status_field
from boligsocial.core.storage import private_photo_fields
from boligsocial.organisations.models import Area, Department, Municipality, Organisation

#: domain.md § 4.4: keep the group to at most 25 people.
MAX_PARTICIPANTS = 25
#: domain.md § 4.4 (Kolding practice): the follow-up meeting about 6 months after the walk.
FOLLOW_UP_MONTHS = 6


class WalkStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", pgettext_lazy("walk status", "Held")
    CLOSED = "closed", _("Closed")


class ParticipantRole(models.TextChoices):
    RESIDENT = "resident", _("Residents")
    BOARD = "board", _("Department board")
    ESTATE = "estate", _("Estate management (with budget authority)")
    MUNICIPAL = "municipal", _("Municipal roads/parks/planning staff")
    POLICE = "police", _("Police")
    SOCIAL = "social", _("Social housing staff")
    OTHER = "other", _("Other")


class Category(models.TextChoices):
    LIGHTING = "lighting", _("Lighting")
    SIGHTLINES = "sightlines", _("Sightlines and bushes")
    LITTER = "litter", _("Litter, graffiti and vandalism")
    SHEDS = "sheds", _("Sheds blocking the view")
    UNUSED = "unused", _("Unused or dead areas")
    TRAFFIC = "traffic", _("Traffic")
    CRIME = "crime", _("Sites of earlier crime")
    GOOD = "good", _("Good place")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class OwnerKind(models.TextChoices):
    HOUSING = "housing", _("Housing organisation")
    MUNICIPALITY = "municipality", _("Municipality")
    POLICE = "police", _("Police")


class FindingStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("finding status", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


#: Statuses of a finding still to be dealt with.
OPEN_STATUSES = (FindingStatus.OPEN, FindingStatus.IN_PROGRESS)


class Walk(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="walks",
        verbose_name=_("housing organisation"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="walks",
        verbose_name=_("municipality"),
    )
    departments = models.ManyToManyField(
        Department, related_name="walks", verbose_name=_("departments")
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="walks",
        verbose_name=_("area"),
    )
    title = models.CharField(_("title"), max_length=200)
    walk_date = models.DateField(_("date of the walk"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    meeting_point = models.CharField(_("meeting point"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=WalkStatus.choices, default=WalkStatus.PLANNED
    )
    follow_up_date = models.DateField(_("follow-up meeting"), null=True, blank=True)
    summary = models.TextField(_("closing meeting: summary and recommendations"), blank=True)
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
        ordering = ["-walk_date", "-pk"]
        verbose_name = _("safety walk")
        verbose_name_plural = _("safety walks")
        indexes = [models.Index(fields=["municipality", "walk_date"], name="walk_municipality")]

    def __str__(self) -> str:
        return self.title


class RoutePoint(models.Model):
    walk = models.ForeignKey(
        Walk, on_delete=models.CASCADE, related_name="points", verbose_name=_("walk")
    )
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        ordering = ["walk", "position"]
        verbose_name = _("route point")
        verbose_name_plural = _("route points")
        constraints = [
            models.UniqueConstraint(fields=["walk", "position"], name="walk_point_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class Participant(models.Model):
    """An invited person or group, by role: `count` people (residents are usually counted, not
    named); `name` and `organisation_name` are optional."""

    walk = models.ForeignKey(
        Walk, on_delete=models.CASCADE, related_name="participants", verbose_name=_("walk")
    )
    role = models.CharField(_("role"), max_length=10, choices=ParticipantRole.choices)
    count = models.PositiveSmallIntegerField(
        _("number of people"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTICIPANTS)],
    )
    name = models.CharField(_("name (optional)"), max_length=100, blank=True)
    organisation_name = models.CharField(_("organisation (optional)"), max_length=100, blank=True)

    class Meta:
        ordering = ["walk", "role", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.get_role_display()


def photo_path(instance, filename: str) -> str:
    import uuid

    return f"walks/{instance.walk_id}/{uuid.uuid4().hex}"


class Finding(models.Model):
    walk = models.ForeignKey(
        Walk, on_delete=models.CASCADE, related_name="findings", verbose_name=_("walk")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    point = models.ForeignKey(
        RoutePoint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("place on the route"),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    place_note = models.CharField(_("where exactly"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    description = models.TextField(_("description"), max_length=2000)
    severity = models.CharField(_("severity"), max_length=6, choices=Severity.choices, blank=True)
    photo, photo_type = private_photo_fields(upload_to=photo_path)
    owner_kind = models.CharField(
        _("responsible organisation"), max_length=12, choices=OwnerKind.choices, blank=True
    )
    owner_name = owner_name_field()
    due_date = due_date_field()
    status = status_field(FindingStatus, FindingStatus.OPEN)
    status_note = models.CharField(_("status note"), max_length=500, blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["walk", "number"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(fields=["walk", "number"], name="walk_finding_number")
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="finding_status_due")]

    def __str__(self) -> str:
        return f"{self.walk} #{self.number}"

    @property
    def is_good_place(self) -> bool:
        return self.category == Category.GOOD
