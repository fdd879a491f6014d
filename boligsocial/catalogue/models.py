"""The intervention catalogue (C6): LBF's funding periods and their areas of work as data, and
the interventions with their evidence level, target group, target indicators and sourced costs.

An intervention with an `organisation` is that organisation's own (local) one. A local
intervention is never shown as evidence-rated unless it names a source: the database refuses an
evidence level without sources for it (`intervention_local_evidence_sourced`), and
`shown_evidence` says the same to the templates. Costs and staffing are texts that are filled
only where a source gave them; empty means unknown (shown as "ukendt", never as 0)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from boligsocial.organisations.models import Organisation
from boligsocial.screening.models import Indicator


class LbfPeriod(models.Model):
    """A funding period of Landsbyggefonden (2015-18, 2019-26, ...) with its own areas."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        ordering = ["-first_year"]
        verbose_name = _("LBF funding period")
        verbose_name_plural = _("LBF funding periods")

    def __str__(self) -> str:
        return self.name


class LbfArea(models.Model):
    """One area of work (indsatsområde) of one funding period."""

    period = models.ForeignKey(
        LbfPeriod, on_delete=models.PROTECT, related_name="areas", verbose_name=_("period")
    )
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["period", "position"]
        verbose_name = _("area of work")
        verbose_name_plural = _("areas of work")
        constraints = [
            models.UniqueConstraint(fields=["period", "code"], name="lbfarea_unique_code")
        ]

    def __str__(self) -> str:
        return self.name


class Evidence(models.TextChoices):
    """Our own scale (domain.md § 2.4); the steps between two letters are kept as marked."""

    A = "A", "A"
    AB = "A/B", "A/B"
    B = "B", "B"
    BC = "B/C", "B/C"
    CB = "C/B", "C/B"
    C = "C", "C"


class Intervention(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True, unique=True)
    name = models.CharField(_("name"), max_length=200)
    main_area = models.ForeignKey(
        LbfArea,
        on_delete=models.PROTECT,
        related_name="main_interventions",
        verbose_name=_("main area"),
    )
    areas = models.ManyToManyField(
        LbfArea, related_name="interventions", verbose_name=_("areas"), blank=True
    )
    age_band = models.CharField(_("age band"), max_length=60, blank=True)
    target_group = models.CharField(_("target group"), max_length=200)
    evidence = models.CharField(
        _("evidence level"), max_length=3, choices=Evidence.choices, blank=True
    )
    evidence_uncertain = models.BooleanField(
        _("evidence not confirmed"),
        default=False,
        help_text=_("The rating rests on a source that has not been checked."),
    )
    evidence_sources = models.TextField(_("evidence sources"), blank=True)
    cfbu_checked = models.BooleanField(_("CFBU rating checked"), default=True)
    description = models.TextField(_("description"))
    cost = models.TextField(_("cost and staffing"), blank=True)
    cost_source = models.CharField(_("source of the cost"), max_length=200, blank=True)
    indicators = models.ManyToManyField(
        Indicator,
        related_name="interventions",
        verbose_name=_("target indicators"),
        blank=True,
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interventions",
        verbose_name=_("local to organisation"),
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
        ordering = ["number", "name"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=True) | Q(evidence="") | ~Q(evidence_sources=""),
                name="intervention_local_evidence_sourced",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local(self) -> bool:
        return self.organisation_id is not None

    @property
    def shown_evidence(self) -> str:
        """The level the pages show: none for a local intervention without a source."""
        if self.is_local and not self.evidence_sources.strip():
            return ""
        return self.evidence
