"""Coordination (C8, issue 17): the shared vocabulary of target groups, the municipality's
districts, efforts of every owner and the decisions on their overlaps.

* `TargetGroup`: age band (inclusive years, `age_max` None = no upper limit) and kind; shared by
  every municipality so that efforts can be compared (seeded by migration 0002).
* `District`: a part of a municipality named by its postal codes (the municipality's own
  division, e.g. "Gellerup/Hasle"); it covers the municipality's departments with those codes.
* `Effort`: anything done for target groups in one place over a period. `source` tells where it
  comes from: registered here (the municipality, police, a school, an association or a housing
  organisation), the Beredskab's standing work (registered by the housing organisation), or a
  plan activity (`activity` set): those are kept in step with the plan by `sync.py` and never
  edited here. `version` goes up on every change of what the overlap rule reads, so a decision
  on an overlap knows when it is stale.
* `OverlapDecision`: "koordineret" or "reel dobbelthed" for one pair of efforts (lower pk first),
  with the versions of both efforts when it was decided (see decision 0034).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from boligsocial.organisations.models import Area, Department, Municipality, Organisation


class TargetKind(models.TextChoices):
    GENERAL = "general", _("All residents")
    FAMILIES = "families", _("Families with small children")
    SCHOOLING = "schooling", _("Schooling and education")
    CRIME = "crime", _("At risk of crime")
    EMPLOYMENT = "employment", _("Outside work and education")
    ISOLATION = "isolation", _("Isolated and lonely")
    ECONOMY = "economy", _("Debt and risk of eviction")
    HEALTH = "health", _("Health and well-being")


class TargetGroup(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=TargetKind.choices)
    age_min = models.PositiveSmallIntegerField(_("from age"), default=0)
    age_max = models.PositiveSmallIntegerField(
        _("to age (inclusive)"), null=True, blank=True, help_text=_("Empty: no upper limit.")
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "age_min", "name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.CheckConstraint(
                condition=Q(age_max__isnull=True) | Q(age_max__gte=F("age_min")),
                name="targetgroup_ages_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def age_label(self) -> str:
        if self.age_max is None:
            return f"{self.age_min}+"
        return f"{self.age_min}–{self.age_max}"


class District(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="coordination_districts",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=120)
    postal_codes = models.JSONField(_("postal codes"), default=list)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="district_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class OwnerKind(models.TextChoices):
    HOUSING = "housing", _("Housing organisation")
    MUNICIPALITY = "municipality", _("Municipality")
    POLICE = "police", _("Police")
    SCHOOL = "school", _("School")
    ASSOCIATION = "association", _("Association")


class Source(models.TextChoices):
    REGISTERED = "registered", _("Registered here")
    BEREDSKAB = "beredskab", _("The Beredskab's standing work")
    PLAN = "plan", _("Plan activity")


class PlaceKind(models.TextChoices):
    DEPARTMENT = "department", _("Department")
    AREA = "area", _("Housing area")
    DISTRICT = "district", _("District of the municipality")
    MUNICIPALITY = "municipality", _("The whole municipality")


class Effort(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="efforts",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.REGISTERED
    )
    activity = models.OneToOneField(
        "plans.Activity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coordination_effort",
        verbose_name=_("plan activity"),
    )
    owner_kind = models.CharField(_("owner"), max_length=12, choices=OwnerKind.choices)
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="efforts",
        verbose_name=_("housing organisation"),
    )
    owner_name = models.CharField(
        _("owner's name"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Børn og Unge, Østjyllands Politi, Gellerupskolen."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, related_name="efforts", verbose_name=_("target groups")
    )
    themes = models.JSONField(_("themes"), default=list, blank=True)
    place_kind = models.CharField(_("place"), max_length=12, choices=PlaceKind.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="efforts",
        verbose_name=_("department"),
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="efforts",
        verbose_name=_("housing area"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="efforts",
        verbose_name=_("district"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to (inclusive)"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget per year (kr.)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    class Meta:
        ordering = ["municipality", "starts_on", "name", "pk"]
        verbose_name = _("effort")
        verbose_name_plural = _("efforts")
        indexes = [models.Index(fields=["municipality", "starts_on"], name="effort_muni_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="effort_period_ordered",
            ),
            models.CheckConstraint(
                condition=(
                    Q(place_kind="department", department__isnull=False)
                    | Q(place_kind="area", area__isnull=False)
                    | Q(place_kind="district", district__isnull=False)
                    | Q(place_kind="municipality")
                ),
                name="effort_place_given",
            ),
            models.CheckConstraint(
                condition=~Q(owner_kind="housing") | Q(owner_organisation__isnull=False),
                name="effort_housing_owner_named",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def groups(self) -> list:
        """The target groups: as `selectors.load` attached them (one query for all efforts),
        else read (through a prefetch where there is one)."""
        cached = getattr(self, "_groups", None)
        if cached is None:
            cached = self._groups = list(self.target_groups.all())
        return cached

    @property
    def is_derived(self) -> bool:
        return self.activity_id is not None

    @property
    def owner_label(self) -> str:
        if self.owner_kind == OwnerKind.HOUSING and self.owner_organisation_id:
            return self.owner_organisation.name
        return self.owner_name or self.get_owner_kind_display()

    @property
    def place_label(self) -> str:
        if self.place_kind == PlaceKind.DEPARTMENT:
            return str(self.department)
        if self.place_kind == PlaceKind.AREA:
            return str(self.area)
        if self.place_kind == PlaceKind.DISTRICT:
            return str(self.district)
        return str(self.municipality)


class Decision(models.TextChoices):
    COORDINATED = "coordinated", _("Coordinated")
    DUPLICATE = "duplicate", _("Real duplication")


class OverlapDecision(models.Model):
    effort_a = models.ForeignKey(Effort, on_delete=models.CASCADE, related_name="+")
    effort_b = models.ForeignKey(Effort, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True)
    agreed_by = models.CharField(_("agreed by"), max_length=300)
    action = models.TextField(_("agreed action"), blank=True)
    version_a = models.PositiveIntegerField()
    version_b = models.PositiveIntegerField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), auto_now=True)

    class Meta:
        verbose_name = _("overlap decision")
        verbose_name_plural = _("overlap decisions")
        constraints = [
            models.UniqueConstraint(fields=["effort_a", "effort_b"], name="overlap_pair_unique"),
            models.CheckConstraint(
                condition=Q(effort_a__lt=F("effort_b")), name="overlap_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.effort_a_id}/{self.effort_b_id}: {self.decision}"
