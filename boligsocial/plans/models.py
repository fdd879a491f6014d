"""Comprehensive plans (helhedsplaner, C7): a plan with its partners, groups, strategic agreement,
one sub-agreement (delaftale) per chosen LBF area, goals with a baseline frozen when the goal is
set, activities with their log, funders and budget lines, approvals and revisions.

See docs/decisions/0026-catalogue-and-plans.md for the lifecycle and the lock."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from boligsocial.catalogue.models import Intervention, LbfArea, LbfPeriod
from boligsocial.organisations.models import Area, Department, Municipality, Organisation
from boligsocial.screening.models import Indicator

MONEY = {"max_digits": 14, "decimal_places": 2}


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")


LOCKED = frozenset({Status.APPROVED, Status.RUNNING, Status.ENDED})

# The strategic agreement's sections (domain.md § 1.3), in order.
AGREEMENT_FIELDS = (
    "purpose",
    "organisation_text",
    "interplay",
    "measurements",
    "local_evaluation",
    "revision_text",
)


class Plan(models.Model):
    name = models.CharField(_("name"), max_length=200)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="plans", verbose_name=_("municipality")
    )
    organisations = models.ManyToManyField(
        Organisation, related_name="plans", verbose_name=_("housing organisations")
    )
    # The organisation that runs the plan's secretariat (decision 0033): its social unit edits
    # the whole plan; the other owners edit their own parts. One of `organisations`.
    secretariat = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("secretariat"),
    )
    departments = models.ManyToManyField(
        Department, related_name="plans", verbose_name=_("departments"), blank=True
    )
    areas = models.ManyToManyField(
        Area, related_name="plans", verbose_name=_("housing areas"), blank=True
    )
    period = models.ForeignKey(
        LbfPeriod, on_delete=models.PROTECT, related_name="plans", verbose_name=_("LBF period")
    )
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    purpose = models.TextField(_("purpose and frame"), blank=True)
    organisation_text = models.TextField(_("organisation"), blank=True)
    interplay = models.TextField(_("interplay with other efforts"), blank=True)
    measurements = models.TextField(_("cross-cutting measurements"), blank=True)
    local_evaluation = models.TextField(_("local evaluation and follow-up"), blank=True)
    revision_text = models.TextField(_("revision of the agreements"), blank=True)
    approved_snapshot = models.JSONField(_("approved version"), default=dict, blank=True)
    reapproval_pending = models.BooleanField(_("awaiting re-approval"), default=False)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="plans", verbose_name=_("plan staff"), blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    class Meta:
        ordering = ["-first_year", "name"]
        verbose_name = _("comprehensive plan")
        verbose_name_plural = _("comprehensive plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year")), name="plan_years_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_locked(self) -> bool:
        return self.status in LOCKED

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))


class PartnerKind(models.TextChoices):
    HOUSING = "housing", _("Housing organisation")
    MUNICIPALITY = "municipality", _("Municipality")
    OTHER = "other", _("Other (e.g. police, school)")


class Partner(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="partners", verbose_name=_("plan")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=PartnerKind.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail for reports"), blank=True)

    class Meta:
        ordering = ["plan", "kind", "name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


class GroupKind(models.TextChoices):
    BOARD = "board", _("Local board")
    FOLLOW_UP = "follow_up", _("Follow-up group")
    SECRETARIAT = "secretariat", _("Secretariat")


class Group(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="groups", verbose_name=_("plan")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=GroupKind.choices)
    name = models.CharField(_("name"), max_length=200)
    members = models.TextField(_("members"), blank=True)

    class Meta:
        ordering = ["plan", "kind", "name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name


class SubAgreement(models.Model):
    """A delaftale: one per chosen area of work of the plan's period."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="sub_agreements", verbose_name=_("plan")
    )
    area = models.ForeignKey(
        LbfArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("area of work")
    )
    text = models.TextField(_("agreement"), blank=True)

    class Meta:
        ordering = ["plan", "area__position"]
        verbose_name = _("sub-agreement")
        verbose_name_plural = _("sub-agreements")
        constraints = [
            models.UniqueConstraint(fields=["plan", "area"], name="subagreement_one_per_area")
        ]

    def __str__(self) -> str:
        return str(self.area)


class Goal(models.Model):
    """A goal on an indicator of the screening (measured in `department`) or on a plan-own count
    (`own_measure`, e.g. participants). The baseline is frozen when the goal is set: it is the
    department's value in the latest year up to the plan's first year, copied here, so a later
    import does not change it."""

    sub_agreement = models.ForeignKey(
        SubAgreement,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("sub-agreement"),
    )
    title = models.CharField(_("goal"), max_length=300)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    own_measure = models.CharField(_("plan's own measure"), max_length=200, blank=True)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_frozen_at = models.DateTimeField(_("baseline frozen"), null=True, blank=True)

    class Meta:
        ordering = ["sub_agreement", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=(Q(indicator__isnull=False) & Q(department__isnull=False))
                | (Q(indicator__isnull=True) & ~Q(own_measure="")),
                name="goal_indicator_or_own_measure",
            )
        ]

    def __str__(self) -> str:
        return self.title


class GoalYear(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"))
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    actual = models.DecimalField(
        _("actual (own measure)"), max_digits=14, decimal_places=4, null=True, blank=True
    )

    class Meta:
        ordering = ["goal", "year"]
        constraints = [models.UniqueConstraint(fields=["goal", "year"], name="goalyear_unique")]

    def __str__(self) -> str:
        return f"{self.goal} {self.year}"


class Activity(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("plan")
    )
    sub_agreement = models.ForeignKey(
        SubAgreement,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("sub-agreement"),
    )
    name = models.CharField(_("name"), max_length=200)
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("catalogue intervention"),
    )
    # The owner whose part of the plan this is (a housing organisation or the municipality, as
    # the plan's partner); None: the secretariat's shared activity (decision 0033).
    owner = models.ForeignKey(
        "Partner",
        on_delete=models.SET_NULL,  # a partner removed: its activities fall to the secretariat
        null=True,
        blank=True,
        related_name="owned_activities",
        verbose_name=_("owner"),
    )
    target_group = models.CharField(_("target group"), max_length=200, blank=True)
    partners = models.ManyToManyField(
        Partner, related_name="activities", verbose_name=_("partners"), blank=True
    )
    staff = models.CharField(_("staff"), max_length=200, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    first_year = models.PositiveSmallIntegerField(_("first year"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["plan", "sub_agreement", "name"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.name

    @property
    def is_local(self) -> bool:
        return self.intervention_id is None


class AgeBand(models.TextChoices):
    CHILD = "0-12", _("0–12 years")
    YOUTH = "13-17", _("13–17 years")
    YOUNG_ADULT = "18-29", _("18–29 years")
    ADULT = "30-64", _("30–64 years")
    SENIOR = "65+", _("65 years and older")


class Gender(models.TextChoices):
    FEMALE = "f", _("Girls/women")
    MALE = "m", _("Boys/men")
    OTHER = "x", _("Other/not stated")


class Session(models.Model):
    """One session of an activity: when, how many by age band and gender (no names), notes."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("activity")
    )
    held_on = models.DateField(_("held on"))
    notes = models.TextField(_("notes"), blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["activity", "held_on"], name="session_activity_day")]

    def __str__(self) -> str:
        return f"{self.activity} {self.held_on}"


class SessionCount(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="counts")
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "age_band", "gender"], name="sessioncount_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.age_band}/{self.gender}: {self.count}"


class FunderKind(models.TextChoices):
    LBF = "lbf", _("Landsbyggefonden")
    MUNICIPALITY = "municipality", _("Municipality")
    HOUSING = "housing", _("Housing organisation")
    OTHER = "other", _("Other")


class Funder(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="funders", verbose_name=_("plan")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=FunderKind.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pledged = models.DecimalField(_("pledged total (kr.)"), **MONEY)

    class Meta:
        ordering = ["plan", "kind", "name"]
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        constraints = [
            models.UniqueConstraint(
                fields=["plan"], condition=Q(kind="lbf"), name="funder_one_lbf_per_plan"
            )
        ]

    def __str__(self) -> str:
        return self.name


class BudgetLine(models.Model):
    """An amount of one funder in one year, for an activity or a staff/other line."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_lines")
    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="lines")
    year = models.PositiveSmallIntegerField(_("year"))
    activity = models.ForeignKey(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="budget_lines"
    )
    label = models.CharField(_("line"), max_length=200)
    amount = models.DecimalField(_("amount (kr.)"), **MONEY)

    class Meta:
        ordering = ["plan", "year", "funder", "label"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.funder} {self.year}: {self.amount}"


class Spending(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="spending")
    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="spending")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (kr.)"), **MONEY)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["plan", "year"]
        verbose_name = _("spending")
        verbose_name_plural = _("spending")

    def __str__(self) -> str:
        return f"{self.funder} {self.year}: {self.amount}"


class ApprovalParty(models.TextChoices):
    HOUSING = "housing", _("Housing organisation")
    COUNCIL = "council", _("Municipal council")
    LBF = "lbf", _("Landsbyggefonden")


class Revision(models.Model):
    """A change of an approved plan: its reason and the diff against the approved version."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    reason = models.TextField(_("reason"))
    changes = models.JSONField(_("changes"), default=dict)
    needs_reapproval = models.BooleanField(_("needs re-approval"), default=False)
    approved = models.BooleanField(_("approved"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="revision_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan} revision {self.number}"


class Approval(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="approvals")
    revision = models.ForeignKey(
        Revision, on_delete=models.CASCADE, null=True, blank=True, related_name="approvals"
    )
    party = models.CharField(_("approved by"), max_length=10, choices=ApprovalParty.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_on = models.DateField(_("approved on"))
    approver = models.CharField(_("who approved"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["plan", "approved_on", "pk"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")

    def __str__(self) -> str:
        return f"{self.plan}: {self.party} {self.approved_on}"


class ReportType(models.Model):
    """A kind of plan report (yearly status, mid-term and final evaluation, …) as data: its
    narrative sections are a list of headings, so an organisation's or a later regulation's
    report can be added without code. `per_year`: one report per plan year (the yearly status);
    else one per plan, for the year given by `year_from_end` (0: the last year)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    sections = models.JSONField(_("narrative sections"), default=list)
    per_year = models.BooleanField(_("one per year"), default=False)
    year_from_end = models.PositiveSmallIntegerField(_("years before the last"), default=0)
    midway = models.BooleanField(_("in the middle of the plan"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("report type")
        verbose_name_plural = _("report types")

    def __str__(self) -> str:
        return self.name

    def years_of(self, plan: Plan) -> list[int]:
        if self.per_year:
            return plan.years
        if self.midway:
            return [plan.first_year + (len(plan.years) - 1) // 2]
        return [max(plan.first_year, plan.last_year - self.year_from_end)]


class PlanReport(models.Model):
    """The narrative of one report of a plan (the figures are read live), its sending to the
    partners and the board's comments."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reports")
    report_type = models.ForeignKey(ReportType, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    narrative = models.JSONField(_("narrative"), default=dict, blank=True)
    sent_at = models.DateTimeField(_("sent to the partners"), null=True, blank=True)
    sent_to = models.JSONField(_("sent to"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["plan", "report_type__position", "year"]
        verbose_name = _("plan report")
        verbose_name_plural = _("plan reports")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "report_type", "year"], name="planreport_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_type} {self.year}: {self.plan}"


class BoardComment(models.Model):
    report = models.ForeignKey(PlanReport, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(_("author"), max_length=200)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["report", "created_at", "pk"]
        verbose_name = _("board comment")
        verbose_name_plural = _("board comments")

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"


class Milestone(models.Model):
    """A dated milestone of the plan (e.g. "midtvejsevaluering til LBF"), done or not. Progress,
    not plan content: it is not locked by the approval."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


# A plan's documents and their versions (decision 0044), in a module of their own.
from boligsocial.plans.document_models import (  # noqa: E402
    DocumentKind,
    DocumentVersion,
    PlanDocument,
    document_path,
)

__all__ = ["DocumentKind", "DocumentVersion", "PlanDocument", "document_path"]
