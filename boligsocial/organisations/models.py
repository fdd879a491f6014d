"""The housing model: regions, municipalities, housing organisations, departments, areas, leases,
and the memberships that give users their roles."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boligsocial.organisations.roles import ROLE_RULES, Role, ScopeKind
from boligsocial.organisations.validators import validate_cvr, validate_postal_code


class Region(models.Model):
    code = models.PositiveIntegerField(_("region code"), primary_key=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """One of the 98 Danish municipalities; the primary key is the official kommunekode."""

    code = models.PositiveIntegerField(_("municipality code"), primary_key=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return f"{self.name} Kommune"


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    cvr = models.CharField(_("CVR number"), max_length=8, unique=True, validators=[validate_cvr])
    lbf_number = models.PositiveIntegerField(
        _("LBF organisation number"),
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(99999)],
        help_text=_("The organisation's number at Landsbyggefonden."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("housing organisation")
        verbose_name_plural = _("housing organisations")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """An afdeling: the economic and legal unit of a housing organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="departments",
        verbose_name=_("housing organisation"),
    )
    number = models.PositiveIntegerField(
        _("department number"), validators=[MinValueValidator(1), MaxValueValidator(99999)]
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=200)
    postal_code = models.CharField(
        _("postal code"), max_length=4, validators=[validate_postal_code]
    )
    city = models.CharField(_("city"), max_length=100)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="departments",
        verbose_name=_("municipality"),
    )
    lease_count = models.PositiveIntegerField(
        _("number of leases"), validators=[MaxValueValidator(20000)]
    )
    year_built = models.PositiveSmallIntegerField(
        _("year built"), validators=[MinValueValidator(1800), MaxValueValidator(2100)]
    )
    # Optional coordinates (WGS 84) for the coordination map (issue 17): from the department
    # import's optional columns or an address lookup the operator configures.
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
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "number"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="department_number_unique_in_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Area(models.Model):
    """A boligområde (the unit of almenboligloven § 61a): one or more departments, possibly of
    several organisations, in one municipality."""

    name = models.CharField(_("name"), max_length=200)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="areas", verbose_name=_("municipality")
    )
    departments = models.ManyToManyField(
        Department, related_name="areas", verbose_name=_("departments"), blank=True
    )
    history = HistoricalRecords(m2m_fields=[departments])

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("housing area")
        verbose_name_plural = _("housing areas")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="area_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Lease(models.Model):
    """A lejemål. No tenant data lives here."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="leases", verbose_name=_("department")
    )
    address = models.CharField(
        _("address"), max_length=200, help_text=_("Street and house number, e.g. Lukretiavej 12")
    )
    unit = models.CharField(
        _("floor and door"), max_length=30, blank=True, help_text=_("e.g. 2. th.")
    )
    area_m2 = models.DecimalField(
        _("size (m²)"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(5), MaxValueValidator(1000)],
    )
    rooms = models.PositiveSmallIntegerField(
        _("rooms"), validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["address", "unit"]
        verbose_name = _("lease")
        verbose_name_plural = _("leases")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "address", "unit"], name="lease_address_unique"
            )
        ]
        indexes = [models.Index(fields=["department", "address", "unit"], name="lease_sort")]

    def __str__(self) -> str:
        return f"{self.address}, {self.unit}" if self.unit else self.address


def _scope_q(kind: str) -> Q:
    """Exactly the field for `kind` is set."""
    fields = {
        ScopeKind.ORGANISATION: "organisation",
        ScopeKind.DEPARTMENT: "department",
        ScopeKind.MUNICIPALITY: "municipality",
    }
    q = Q()
    for k, field in fields.items():
        q &= Q(**{f"{field}__isnull": k != kind})
    return q


def _membership_constraint() -> Q:
    allowed = Q()
    for role, rule in ROLE_RULES.items():
        scopes = Q()
        # Iterate in declaration order, not set order: a frozenset of strings iterates in a
        # hash-seed dependent order, which made makemigrations see a "changed" constraint.
        for kind in ScopeKind:
            if kind in rule.scopes:
                scopes |= _scope_q(kind)
        allowed |= Q(role=role) & scopes
    return allowed


class Membership(models.Model):
    """A user's role, scoped to an organisation, a department or a municipality (administrators
    are global). A user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("housing organisation"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("department"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    appointed_on = models.DateField(
        _("appointed on"),
        default=timezone.localdate,
        help_text=_("The day the person took up the role (for a board member: the election)."),
    )
    reviewed_on = models.DateField(
        _("last confirmed"),
        null=True,
        blank=True,
        help_text=_("The last yearly review that confirmed the person still holds the role."),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=_membership_constraint(), name="membership_scope_matches_role"
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation", "department", "municipality"],
                name="membership_unique",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        target = self.organisation or self.department or self.municipality
        label = self.get_role_display()
        return f"{label}: {target}" if target else str(label)

    @property
    def scope_kind(self) -> str:
        if self.organisation_id:
            return ScopeKind.ORGANISATION
        if self.department_id:
            return ScopeKind.DEPARTMENT
        if self.municipality_id:
            return ScopeKind.MUNICIPALITY
        return ScopeKind.GLOBAL
