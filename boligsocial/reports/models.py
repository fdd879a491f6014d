"""The styringsdialog (C9): the yearly report of an organisation (all its departments) or of one
department, the boards' points for the agenda, the meeting's minutes and its agreements.

A report is built live from the section providers (`sections/`) while it is a draft; on
finalising, the built context is frozen in `snapshot` (JSON) and never rebuilt, so what the
municipality read is what it keeps reading (decision 0035)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


# --- the economics (issue 18 parts 4–6, decision 0038) ----------------------------------------


class Payer(models.TextChoices):
    """The payers of the business case's command-line contract (reports/business_case.py)."""

    KOMMUNE = "kommune", _("Municipality")
    REGION = "region", _("Region")
    STAT = "stat", pgettext_lazy("payer", "State")
    BOLIGORGANISATION = "boligorganisation", _("Housing organisation")
    ANDRE = "andre", _("Others")


class PriceKind(models.TextChoices):
    """Budgetøkonomisk (public budgets, as in SØM) and samfundsøkonomisk (socio-economic, as in
    KORA and CEBR) are never added together (domain.md § 6)."""

    BUDGET = "budget", _("Budget-economic")
    SOCIETY = "society", _("Socio-economic")


class PriceUnit(models.TextChoices):
    PER_PERSON_YEAR = "person_year", _("kr. per person per year")
    PER_PERSON = "person", _("kr. per person (once)")
    PER_PERSON_TOTAL = "person_total", _("kr. per person over several years")
    PER_CASE = "case", _("kr. per case")


class UnitPrice(models.Model):
    """One unit cost or gain with its value, unit, payer, price year and source. Seeded from
    domain.md § 6 as sourced (`seeded`, read-only); an organisation's own (local) prices are
    added by its head or an administrator and always need a source."""

    name = models.CharField(_("name"), max_length=200)
    value = models.DecimalField(_("value (kr.)"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20, choices=PriceUnit.choices)
    #: None: the source does not split the amount between payers (the business case chooses).
    payer = models.CharField(
        _("payer"), max_length=20, choices=Payer.choices, blank=True, default=""
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PriceKind.choices)
    #: None: the source gives no price year.
    price_year = models.PositiveSmallIntegerField(_("price year"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=500)
    source_url = models.URLField(_("link to the source"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    seeded = models.BooleanField(_("from the domain research"), default=False, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="unit_prices",
        verbose_name=_("housing organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("unit price")
        verbose_name_plural = _("unit prices")
        constraints = [
            models.CheckConstraint(
                condition=Q(seeded=True) | Q(organisation__isnull=False),
                name="unitprice_local_has_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local(self) -> bool:
        return not self.seeded


class BusinessCase(models.Model):
    """A business case (SØM's structure) of an intervention or a plan: its costs, outcomes and
    their consequences from the price table. Computed by `reports.business_case.compute` (the
    command's module) from `economics.case_input`, never stored as figures."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="business_cases",
        verbose_name=_("housing organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    intervention = models.ForeignKey(
        "catalogue.Intervention",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("catalogue intervention"),
    )
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan"),
    )
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=PriceKind.choices, default=PriceKind.BUDGET
    )
    start_year = models.PositiveSmallIntegerField(_("start year (year 0)"))
    horizon_years = models.PositiveSmallIntegerField(_("horizon (years)"), default=10)
    discount_rate = models.DecimalField(
        _("discount rate"), max_digits=6, decimal_places=4, default=0
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("business case")
        verbose_name_plural = _("business cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(horizon_years__gte=1) & Q(horizon_years__lte=10),
                name="businesscase_horizon_1_10",
            ),
            models.CheckConstraint(
                condition=Q(discount_rate__gte=0) & Q(discount_rate__lte=1),
                name="businesscase_rate_0_1",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CaseCost(models.Model):
    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="costs")
    label = models.CharField(_("cost"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year (0 = start year)"))
    payer = models.CharField(_("payer"), max_length=20, choices=Payer.choices)
    amount = models.DecimalField(_("amount (kr.)"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["case", "year", "pk"]

    def __str__(self) -> str:
        return self.label


class CaseOutcome(models.Model):
    """An expected outcome: persons × success rate × (1 − deadweight) × attribution, with the
    low and high values of the success rate and the deadweight for the sensitivity table."""

    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="outcomes")
    name = models.CharField(_("outcome"), max_length=200)
    persons = models.PositiveIntegerField(_("target group (persons)"))
    success_rate = models.DecimalField(_("success rate"), max_digits=6, decimal_places=4)
    success_low = models.DecimalField(_("success rate, low"), max_digits=6, decimal_places=4)
    success_high = models.DecimalField(_("success rate, high"), max_digits=6, decimal_places=4)
    deadweight = models.DecimalField(_("deadweight"), max_digits=6, decimal_places=4)
    deadweight_low = models.DecimalField(_("deadweight, low"), max_digits=6, decimal_places=4)
    deadweight_high = models.DecimalField(_("deadweight, high"), max_digits=6, decimal_places=4)
    attribution = models.DecimalField(_("attribution"), max_digits=6, decimal_places=4, default=1)
    #: Where the success rate came from, when taken from our own effect measurement.
    success_source = models.CharField(_("source of the success rate"), max_length=300, blank=True)

    class Meta:
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return self.name


class CaseConsequence(models.Model):
    """A consequence per effect person of an outcome: the price table's value × share, for the
    payer, in each year from `first_year` to `last_year` (counted from the start year)."""

    outcome = models.ForeignKey(CaseOutcome, on_delete=models.CASCADE, related_name="consequences")
    price = models.ForeignKey(
        UnitPrice, on_delete=models.PROTECT, related_name="uses", verbose_name=_("unit price")
    )
    payer = models.CharField(_("payer"), max_length=20, choices=Payer.choices)
    share = models.DecimalField(_("share of the price"), max_digits=6, decimal_places=4, default=1)
    first_year = models.PositiveSmallIntegerField(_("from year"))
    last_year = models.PositiveSmallIntegerField(_("to year"))

    class Meta:
        ordering = ["outcome", "first_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year")),
                name="caseconsequence_years_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.outcome} {self.price}"


class EffectMeasurement(models.Model):
    """The effect of an intervention or a plan on its target indicators: difference in
    differences against the twin departments that did not have it (issue 18 part 6). `result`
    holds the computed rows (effects.measure) as JSON, recomputed on request."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="effect_measurements",
        verbose_name=_("housing organisation"),
    )
    intervention = models.ForeignKey(
        "catalogue.Intervention",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("catalogue intervention"),
    )
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan"),
    )
    result = models.JSONField(_("result"), default=dict, editable=False)
    computed_at = models.DateTimeField(_("computed"), null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("effect measurement")
        verbose_name_plural = _("effect measurements")
        constraints = [
            models.CheckConstraint(
                condition=Q(intervention__isnull=True, plan__isnull=False)
                | Q(intervention__isnull=False, plan__isnull=True),
                name="effectmeasurement_intervention_or_plan",
            )
        ]

    def __str__(self) -> str:
        subject = self.intervention or self.plan
        return f"Effektmåling – {subject}"


class OutcomeContract(models.Model):
    """A social impact investment's contract on result terms (domain.md § 7): modelled and
    shown, no payments are made through the system."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="outcome_contracts",
        verbose_name=_("housing organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan"),
    )
    metric = models.CharField(_("outcome metric"), max_length=300)
    measurement = models.TextField(_("how the outcome is measured"))
    price_per_outcome = models.DecimalField(
        _("price per outcome (kr.)"), max_digits=14, decimal_places=2
    )
    cap = models.DecimalField(_("cap (kr.)"), max_digits=14, decimal_places=2)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("outcome contract")
        verbose_name_plural = _("outcome contracts")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="outcomecontract_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PartyRole(models.TextChoices):
    AUTHORITY = "authority", _("Public authority (pays for outcomes)")
    SUPPLIER = "supplier", _("Supplier (delivers the service)")
    INVESTOR = "investor", _("Investor (funds and bears the risk)")
    OTHER = "other", _("Other party")


class ContractParty(models.Model):
    contract = models.ForeignKey(OutcomeContract, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(_("party"), max_length=200)
    role = models.CharField(_("role"), max_length=10, choices=PartyRole.choices)

    class Meta:
        ordering = ["contract", "pk"]

    def __str__(self) -> str:
        return self.name


class OutcomeEvent(models.Model):
    """Outcomes reached, recorded once verified: a count for a cohort or period, never a name."""

    contract = models.ForeignKey(OutcomeContract, on_delete=models.CASCADE, related_name="events")
    reference = models.CharField(_("cohort or period"), max_length=200)
    outcomes = models.PositiveIntegerField(_("outcomes reached"))
    occurred_on = models.DateField(_("reached on"))
    verified_on = models.DateField(_("verified on"))
    verified_by = models.CharField(_("verified by"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["contract", "verified_on", "pk"]

    def __str__(self) -> str:
        return self.reference


class Repayment(models.Model):
    """One step of the repayment schedule: by `due_date`, `payer` owes `payee` this cumulative
    share of the amount earned by then (verified outcomes × price, capped), less what the earlier
    steps between the same two parties made due (contracts.settle)."""

    contract = models.ForeignKey(
        OutcomeContract, on_delete=models.CASCADE, related_name="repayments"
    )
    due_date = models.DateField(_("due"))
    payer = models.ForeignKey(
        ContractParty, on_delete=models.CASCADE, related_name="+", verbose_name=_("from")
    )
    payee = models.ForeignKey(
        ContractParty, on_delete=models.CASCADE, related_name="+", verbose_name=_("to")
    )
    share = models.DecimalField(
        _("cumulative share of the amount earned"), max_digits=6, decimal_places=4, default=1
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["contract", "due_date", "pk"]

    def __str__(self) -> str:
        return f"{self.contract} {self.due_date}"
