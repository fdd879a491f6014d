"""Screening (issue 3, C1): indicators, values, legend and weight sets, policies, published list
memberships, and the stored results (`Light`, `StatutoryStatus`). Values and list memberships
name the import that wrote them (`boligsocial.imports.models.ImportBatch`).

The rules themselves are pure Python (`statutory.py`, `trafficlight/`); the engine in
`engine/` reads the values, runs the rules and stores the results here.

Conventions the other screening modules rely on:

* `IndicatorValue`: exactly one of `department` / `area`, or neither = the national value of
  that indicator and year. `IndicatorValue.scaled` is value x 10,000 as an integer, kept by the
  database (a generated column, decision 0012); the screening reads it.
* `Light.indicators`: ``{code: {"value": "43.1000" | None, "colour": "red" | "yellow" |
  "green" | None, "trend": "better" | "worse" | "unchanged" | None, "direction": "improving" |
  "worsening" | "stable" | None, "since": 2021 | None, "suppressed": bool, "legend_version": 2
  | None}}`` for every active indicator with a value (values are strings: exact decimals).
  Indicators not `in_light` have colour, trend, direction and legend_version None.
* `Light.recommendation`: a list of Danish theme names (the themes of the red indicators, in
  indicator order, without repeats).
  Stored compactly as text (`screening.cells`, decision 0010), read and written as this dict.
* `Light.legend_versions` (a property): ``{code: LegendSet id}`` for every indicator of the
  light that got a colour in some year of its scope; kept in the same cells.
* `Light.analysis` (a property): the Danish analysis text, rendered when it is first read from
  the stored facts above plus the comparison figures (organisation / municipality / national)
  of its year, and cached in `Light.analysis_text` (blank = not rendered yet; a screen or an
  import that changes the comparisons blanks it). Lights fetched together by one queryset are
  rendered together (a constant number of queries), see `engine/analysis.py`.
* `StatutoryStatus.details`: see `engine/statuses.py`.
* `Light.computed_at`: when the light was stored. Its database default is the inserting
  statement's time (the bulk screening's COPY leaves it out, decision 0012), so the lights of
  one full screen can differ by the seconds between its chunks.
"""

from collections.abc import Callable
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Cast, Coalesce, Now, Round
from django.db.models.query import ModelIterable
from django.utils.translation import gettext_lazy as _

from boligsocial.imports.models import ImportBatch
from boligsocial.organisations.models import Area, Department, Organisation
from boligsocial.screening import cells
from boligsocial.screening.choices import (
    LightColour,
    LightResult,
    Polarity,
    Source,
    StatutoryKey,
    Unit,
)
from boligsocial.screening.fields import (
    CellsField,
    JSONTextField,
    RebuiltAutoField,
)


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name (Danish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    polarity = models.CharField(_("polarity"), max_length=13, choices=Polarity.choices)
    description = models.TextField(_("description (Danish)"), blank=True)
    decimals = models.PositiveSmallIntegerField(
        _("decimals shown"), default=1, validators=[MaxValueValidator(4)]
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    statutory_key = models.CharField(
        _("statutory criterion"),
        max_length=30,
        choices=StatutoryKey.choices,
        blank=True,
        help_text=_("The § 61a/§ 61b criterion this indicator feeds, if any."),
    )
    in_light = models.BooleanField(
        _("counts in the traffic light"),
        default=True,
        help_text=_("Indicators that describe the area without judging it do not count."),
    )
    theme = models.CharField(
        _("theme (Danish)"),
        max_length=200,
        blank=True,
        help_text=_("The theme recommended when the indicator is red."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class LegendSet(models.Model):
    """One version of an indicator's legend. Immutable once saved: an edit is a new version.
    The current legend of an indicator is its highest version."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="legend_sets",
        verbose_name=_("indicator"),
    )
    version = models.PositiveIntegerField(_("version"), validators=[MinValueValidator(1)])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["indicator__position", "indicator__code", "-version"]
        verbose_name = _("legend set")
        verbose_name_plural = _("legend sets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "version"], name="legend_set_version")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} v{self.version}"


class LegendRange(models.Model):
    """A half-open range [lower, upper) -> colour; None = unbounded."""

    legend_set = models.ForeignKey(
        LegendSet, on_delete=models.CASCADE, related_name="ranges", verbose_name=_("legend set")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    lower = models.DecimalField(
        _("from (inclusive)"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    upper = models.DecimalField(
        _("to (exclusive)"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    colour = models.CharField(_("colour"), max_length=6, choices=LightColour.choices)

    class Meta:
        ordering = ["legend_set", "position"]
        verbose_name = _("legend range")
        verbose_name_plural = _("legend ranges")
        constraints = [
            models.UniqueConstraint(fields=["legend_set", "position"], name="legend_range_position")
        ]

    def __str__(self) -> str:
        return f"[{self.lower}, {self.upper}) {self.colour}"


class WeightSet(models.Model):
    """One version of the indicator weights and the composite thresholds. Current = highest."""

    version = models.PositiveIntegerField(
        _("version"), unique=True, validators=[MinValueValidator(1)]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    note = models.TextField(_("note"), blank=True)
    yellow_from = models.DecimalField(
        _("yellow from score"),
        max_digits=5,
        decimal_places=2,
        default="33.34",
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("A composite score (0–100) below this is green."),
    )
    red_from = models.DecimalField(
        _("red from score"),
        max_digits=5,
        decimal_places=2,
        default="66.67",
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("A composite score (0–100) at or above this is red."),
    )

    class Meta:
        ordering = ["-version"]
        verbose_name = _("weight set")
        verbose_name_plural = _("weight sets")

    def __str__(self) -> str:
        return f"v{self.version}"


class IndicatorWeight(models.Model):
    weight_set = models.ForeignKey(
        WeightSet, on_delete=models.CASCADE, related_name="weights", verbose_name=_("weight set")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="weights", verbose_name=_("indicator")
    )
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=3, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["weight_set", "indicator__position"]
        verbose_name = _("indicator weight")
        verbose_name_plural = _("indicator weights")
        constraints = [
            models.UniqueConstraint(
                fields=["weight_set", "indicator"], name="indicator_weight_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.weight}"


class ScreeningPolicy(models.Model):
    """Suppression and follow-up per organisation; the row without organisation is the global
    default that organisations without their own policy use."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="screening_policy",
        verbose_name=_("housing organisation"),
        help_text=_("Empty = the default for organisations without their own policy."),
    )
    min_residents = models.PositiveIntegerField(
        _("minimum number of residents"),
        default=100,
        help_text=_(
            "Register and survey figures for departments and areas with fewer residents are "
            "suppressed. LBF suppresses small numbers too, but its threshold is not published; "
            "this number is the organisation's own choice."
        ),
    )
    follow_up_green = models.TextField(_("follow-up, green"), default="Årlig screening")
    follow_up_yellow = models.TextField(_("follow-up, yellow"), default="Opfølgning hvert halve år")
    follow_up_red = models.TextField(
        _("follow-up, red"), default="Handlingsplan og opfølgning hvert kvartal"
    )
    review_months_green = models.PositiveSmallIntegerField(
        _("review interval, green (months)"), default=12
    )
    review_months_yellow = models.PositiveSmallIntegerField(
        _("review interval, yellow (months)"), default=6
    )
    review_months_red = models.PositiveSmallIntegerField(
        _("review interval, red (months)"), default=3
    )

    class Meta:
        verbose_name = _("screening policy")
        verbose_name_plural = _("screening policies")
        constraints = [
            # At most one global row (organisation NULL), on SQLite too (which ignores
            # nulls_distinct): the expression maps NULL to 0, which no organisation has.
            models.UniqueConstraint(
                Coalesce("organisation", Value(0)), name="screening_policy_one_global"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation) if self.organisation_id else str(_("Default policy"))


def _one_scope_at_most() -> Q:
    return Q(department__isnull=True) | Q(area__isnull=True)


class IndicatorValue(models.Model):
    """A value per department, per area, or (neither) national, per year.

    The keys to the indicator and to the import batch are not database constraints: checking
    them row by row cost 1.2 s of a 100,000-value import on PostgreSQL (decision 0011).
    Indicators and batches are never deleted (the admin does not allow it), and an import
    locks the indicators it refers to and checks that they exist, in its transaction
    (`imports.values.write`). Departments and areas, which users do delete, keep theirs."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="values",
        verbose_name=_("indicator"),
        db_constraint=False,  # see the class docstring
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_values",
        verbose_name=_("department"),
        db_index=False,  # the index of value_unique_department serves, see Meta
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_values",
        verbose_name=_("housing area"),
        db_index=False,  # the index of value_unique_area serves, see Meta
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    # The value x 10,000 as an integer, kept by the database: the screening reads it as a
    # 64-bit integer instead of converting a decimal per row, which was half of the database's
    # work in reading 1,000,000 values (benchmark P1, decision 0012). Exact: the value has 4
    # decimals at most (on SQLite, where decimals are floating point, ROUND makes it exact).
    scaled = models.GeneratedField(
        expression=Cast(Round(F("value") * 10_000), models.BigIntegerField()),
        output_field=models.BigIntegerField(),
        db_persist=True,
        verbose_name=_("value x 10,000"),
    )
    numerator = models.BigIntegerField(_("numerator"), null=True, blank=True)
    denominator = models.BigIntegerField(_("denominator"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="values",
        verbose_name=_("import"),
        db_constraint=False,  # see the class docstring
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.CheckConstraint(condition=_one_scope_at_most(), name="value_one_scope"),
            # The department constraint's index (department, indicator, year) is also the index
            # of the screening's hot read per department, and, with the area constraint's, the
            # index for any filter on the department or area: a condition `department = x` or
            # `department IN (...)` implies `department IS NOT NULL`, so both databases use the
            # partial index. A plain index on each key as well made every imported value update
            # two more indexes (0.4 s of 1.3 s writing 100,000 values on PostgreSQL; P3).
            models.UniqueConstraint(
                fields=["department", "indicator", "year"],
                condition=Q(department__isnull=False),
                name="value_unique_department",
            ),
            models.UniqueConstraint(
                fields=["area", "indicator", "year"],
                condition=Q(area__isnull=False),
                name="value_unique_area",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(department__isnull=True, area__isnull=True),
                name="value_unique_national",
            ),
        ]
        indexes = [models.Index(fields=["year", "indicator"], name="value_year_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value}"


class PublishedListMembership(models.Model):
    class List(models.TextChoices):
        UDSAT = "udsat", _("vulnerable area")
        PARALLELSAMFUND = "parallelsamfund", _("parallel society")
        OMDANNELSE = "omdannelse", _("transformation area")
        FOREBYGGELSE = "forebyggelse", _("prevention area")

    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        related_name="published_lists",
        verbose_name=_("housing area"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    list = models.CharField(_("list"), max_length=20, choices=List.choices)
    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="list_memberships",
        verbose_name=_("import"),
    )

    class Meta:
        ordering = ["area", "year", "list"]
        verbose_name = _("published list membership")
        verbose_name_plural = _("published list memberships")
        constraints = [
            models.UniqueConstraint(fields=["area", "year", "list"], name="published_list_unique")
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year}: {self.list}"


def _exactly_one_scope() -> Q:
    return Q(department__isnull=False, area__isnull=True) | Q(
        department__isnull=True, area__isnull=False
    )


class LightQuerySet(models.QuerySet):
    """Lights fetched by one query know each other, so that reading `.analysis` of one renders
    the analyses of all of them that are not rendered yet in one go (like prefetch_related)."""

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._iterable_class is ModelIterable:
            batch = [
                light
                for light in self._result_cache
                if "analysis_text" in light.__dict__ and not light.analysis_text
            ]
            if len(batch) > 1:
                for light in batch:
                    light._analysis_batch = batch


class Light(models.Model):
    """The stored traffic light of a department or an area in one year (see the module
    docstring for the fields).

    Lights are derived data: only `engine.screen` writes them, from departments and
    areas it reads in the same transaction, and a screen rebuilds them. Their foreign keys are
    therefore not database constraints (deleting a department or an area still deletes its
    lights, through the ORM's CASCADE); on PostgreSQL the deferred checks of 160,000 keys cost
    1.6 s of the 80,000-light screen at commit (decision 0010)."""

    id = RebuiltAutoField(primary_key=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lights",
        verbose_name=_("department"),
        db_index=False,  # light_unique_department (department, year) serves it
        db_constraint=False,  # derived data, see the class docstring
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lights",
        verbose_name=_("housing area"),
        db_index=False,  # light_unique_area (area, year) serves it
        db_constraint=False,
    )
    year = models.PositiveSmallIntegerField(_("year"))
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=4, null=True, blank=True)
    colour = models.CharField(_("colour"), max_length=6, choices=LightResult.choices)
    indicators = CellsField(_("indicators"), blank=True, default=cells.Cells)
    analysis_text = models.TextField(
        _("analysis"),
        blank=True,
        help_text=_("Rendered when first read; blank until then."),
    )
    recommendation = JSONTextField(_("recommendation"), default=list)
    follow_up = models.TextField(_("follow-up"), blank=True)
    review_months = models.PositiveSmallIntegerField(
        _("review interval (months)"), null=True, blank=True
    )
    weight_set = models.ForeignKey(
        WeightSet,
        on_delete=models.PROTECT,
        related_name="lights",
        verbose_name=_("weight set"),
        db_index=False,  # weight sets are never deleted; no query filters lights by them
        db_constraint=False,
    )
    # The database's default is the time of the inserting statement (PostgreSQL's COPY of the
    # bulk screening leaves the column out; decision 0012).
    computed_at = models.DateTimeField(_("computed"), db_default=Now())

    objects = LightQuerySet.as_manager()

    class Meta:
        ordering = ["year"]
        verbose_name = _("traffic light")
        verbose_name_plural = _("traffic lights")
        constraints = [
            models.CheckConstraint(condition=_exactly_one_scope(), name="light_one_scope"),
            models.UniqueConstraint(
                fields=["department", "year"],
                condition=Q(department__isnull=False),
                name="light_unique_department",
            ),
            models.UniqueConstraint(
                fields=["area", "year"],
                condition=Q(area__isnull=False),
                name="light_unique_area",
            ),
        ]
        # Every read filters by department or area (and year): the two unique indexes are the
        # only ones, each index more costs the 80,000-light screen time (decision 0010).

    def __str__(self) -> str:
        return f"{self.department or self.area} {self.year}: {self.colour}"

    @property
    def legend_versions(self) -> dict:
        """``{code: LegendSet id}``: the legend sets the light was computed with (kept in the
        cells of `indicators`)."""
        return getattr(self.indicators, "legend_sets", {})

    @legend_versions.setter
    def legend_versions(self, value: dict) -> None:
        self.indicators = cells.Cells(self.indicators or {}, legend_sets=value)

    # What renders a missing text: the engine's `render_analyses`, connected by the app's
    # ready() (the engine imports this module, so this module does not import the engine).
    render_analyses: ClassVar[Callable[..., None] | None] = None

    @property
    def analysis(self) -> str:
        """The Danish analysis (paragraphs separated by a blank line); rendered and cached on
        the row on first read."""
        if not self.analysis_text:
            batch = getattr(self, "_analysis_batch", None)
            Light.render_analyses(batch if batch and self in batch else [self])
        return self.analysis_text


class StatutoryStatus(models.Model):
    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        related_name="statutory_statuses",
        verbose_name=_("housing area"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    lists = models.JSONField(_("lists"), default=list)
    criteria_met = models.JSONField(_("criteria met"), default=list)
    details = models.JSONField(_("details"), default=dict)
    from_published = models.BooleanField(_("from the published list"), default=False)
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        ordering = ["area", "year"]
        verbose_name = _("statutory status")
        verbose_name_plural = _("statutory statuses")
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="statutory_status_unique")
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year}: {', '.join(self.lists) or '-'}"
