"""The case, its parties, the organisation's case settings and the reference counter."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from boligsocial.cases.models.choices import (
    CaseKind,
    Category,
    LegalStep,
    Outcome,
    PartyRole,
    Priority,
    Source,
    Status,
    Track,
)
from boligsocial.organisations.models import Department, Lease, Organisation

USER = settings.AUTH_USER_MODEL


class CaseSettings(models.Model):
    """Per-organisation case settings; `settings_for(org)` gives defaults when no row exists."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="case_settings",
        verbose_name=_("housing organisation"),
    )
    first_contact_working_days = models.PositiveSmallIntegerField(
        _("first contact within (working days)"),
        default=2,
        validators=[MaxValueValidator(30)],
        help_text=_("Working days from receipt until the parties must have been contacted."),
    )
    warning_follow_up_working_days = models.PositiveSmallIntegerField(
        _("follow-up after a warning (working days)"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(250)],
    )
    retention_years_after_closing = models.PositiveSmallIntegerField(
        _("anonymise closed cases after (years)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Default 3 years: the window in which a repeat breach counts."),
    )
    due_soon_working_days = models.PositiveSmallIntegerField(
        _("due soon (working days before the deadline)"),
        default=1,
        validators=[MaxValueValidator(20)],
    )
    reminders_enabled = models.BooleanField(_("daily reminder e-mails"), default=True)
    #: The sender block of letters, under the organisation's name (services.letters).
    letter_unit = models.CharField(
        _("sending unit in letters"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Den boligsociale enhed. Printed under the organisation's name."),
    )
    letter_contact = models.CharField(
        _("contact in letters"),
        max_length=300,
        blank=True,
        help_text=_("The unit's address, phone and opening hours, as printed in letters."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("case settings")
        verbose_name_plural = _("case settings")

    def __str__(self) -> str:
        return str(self.organisation)


def settings_for(organisation) -> CaseSettings:
    """The organisation's settings, or an unsaved row with the defaults."""
    org_id = getattr(organisation, "pk", organisation)
    found = CaseSettings.objects.filter(organisation_id=org_id).first()
    return found or CaseSettings(organisation_id=org_id)


class ReferenceCounter(models.Model):
    """The last case number used in a year; locked with select_for_update when a case opens."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("case reference counter")
        verbose_name_plural = _("case reference counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


SEARCH_TEXT_MAX_BYTES = 2_000


def build_search_text(reference: str, address: str, names) -> str:
    """What the case search matches: reference, address and the parties' names, lower-cased,
    one per line (a query never spans two of them: the search box has no line breaks).

    At most SEARCH_TEXT_MAX_BYTES of UTF-8, cut at a whole character: the text is in the
    covering index `case_org_status_cat_text`, and PostgreSQL refuses an index entry over
    2,704 bytes, which would refuse to save a case with hundreds of parties (decision 0009).
    The names beyond that are not searchable; the reference and the address always are."""
    text = "\n".join([reference or "", address or "", *names]).lower()
    data = text.encode()
    if len(data) <= SEARCH_TEXT_MAX_BYTES:
        return text
    return data[:SEARCH_TEXT_MAX_BYTES].decode(errors="ignore")


def refresh_search_text(case_ids) -> None:
    """Recompute `Case.search_text` of these cases from their rows and their parties' names
    (after a write that bypasses Case.save / Party.save: update(), bulk_create, delete())."""
    ids = list(case_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        names: dict[int, list[str]] = {pk: [] for pk in chunk}
        for case_id, name in (
            Party.objects.filter(case_id__in=chunk).order_by("id").values_list("case_id", "name")
        ):
            names[case_id].append(name)
        cases = list(Case.objects.filter(pk__in=chunk).only("id", "reference", "address"))
        for case in cases:
            case.search_text = build_search_text(case.reference, case.address, names[case.pk])
        Case.objects.bulk_update(cases, ["search_text"])


class CaseQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Bulk-inserted cases get their search text from reference and address (parties
        bulk-inserted afterwards refresh it: PartyQuerySet.bulk_create)."""
        objs = list(objs)
        for case in objs:
            if not case.search_text:
                case.search_text = build_search_text(case.reference, case.address, ())
        return super().bulk_create(objs, *args, **kwargs)


class PartyQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        refresh_search_text({p.case_id for p in created})
        return created


class Case(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("housing organisation"),
        editable=False,
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="cases", verbose_name=_("department")
    )
    #: The lease the complaint is ABOUT (the household complained about), never the
    #: complainant's: the complainant's lease and address are on their Party row.
    lease = models.ForeignKey(
        Lease,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("lease"),
        help_text=_("The lease the complaint is about (not the complainant's)."),
    )
    #: The address the complaint is about (from `lease` when chosen), never the complainant's.
    address = models.CharField(
        _("address"),
        max_length=200,
        blank=True,
        help_text=_("The address the complaint is about (not the complainant's)."),
    )
    #: `address` lower-cased with whitespace and punctuation folded (services.normalise_address);
    #: what "same address" means for repeats.
    address_key = models.CharField(max_length=200, blank=True, editable=False)
    #: reference, address and party names, lower-cased (build_search_text): the case search is
    #: one LIKE on this column. Kept current by Case.save, Party.save/delete, the bulk_create of
    #: both, and refresh_search_text after update()s that touch the address.
    search_text = models.TextField(blank=True, default="", editable=False)
    kind = models.CharField(_("type"), max_length=20, choices=CaseKind.choices)
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.TextField(_("description"), blank=True)
    #: Behaviour dangerous to people or property (weapons, dangerous materials): the
    #: complaints board needs no prior warning (domain.md § 5.1).
    dangerous_conduct = models.BooleanField(
        _("dangerous to people or property"),
        default=False,
        help_text=_("E.g. weapons or dangerous materials."),
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    assignee = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("case worker"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    received_at = models.DateTimeField(_("received"))
    first_contact_due = models.DateField(_("first contact due"))
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    #: The earliest unmet deadline while the case is open (null when closed or none): the
    #: overdue and due-soon lists filter on this one indexed column.
    next_due = models.DateField(_("next deadline"), null=True, blank=True, editable=False)
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.STAFF
    )
    created_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    legal_step = models.CharField(
        _("legal step"), max_length=20, choices=LegalStep.choices, blank=True
    )
    # Mediation: that it happened and by whom, never what was said.
    mediation_offered_at = models.DateTimeField(_("mediation offered"), null=True, blank=True)
    mediation_held_at = models.DateTimeField(_("mediation held"), null=True, blank=True)
    mediator = models.CharField(_("mediator"), max_length=200, blank=True)
    mediation_agreement = models.BooleanField(_("agreement reached"), null=True, blank=True)
    # Crisis response
    incident_at = models.DateTimeField(_("incident time"), null=True, blank=True)
    crisis_ended_at = models.DateTimeField(_("crisis response ended"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(
                fields=["organisation", "status", "first_contact_due"], name="case_org_status_due"
            ),
            # The overdue / due-soon lists; with status in it, their count reads the index alone
            # (decision 0009).
            models.Index(fields=["organisation", "next_due", "status"], name="case_org_due_status"),
            models.Index(fields=["organisation", "-received_at"], name="case_org_received"),
            # The filtered list (category + open statuses, newest first) at 200,000 cases.
            models.Index(
                fields=["organisation", "category", "status", "-received_at"],
                name="case_org_cat_status_recv",
            ),
            # The count under a filtered search (the list's "N cases"): every filter column and
            # search_text are in the index, so the LIKE runs on the index alone, never the rows
            # (decision 0009). Status before category: "open cases" is the common filter.
            models.Index(
                fields=["organisation", "status", "category", "search_text"],
                name="case_org_status_cat_text",
            ),
            models.Index(fields=["department", "received_at"], name="case_dept_received"),
            models.Index(fields=["lease"], name="case_lease"),
            models.Index(fields=["address_key"], name="case_address_key"),
            models.Index(fields=["assignee", "next_due"], name="case_assignee_due"),
            # The today view's workload per case worker and its count of unassigned open cases
            # read this index alone (at 200,000 cases: ~340 ms → ~10 ms on SQLite).
            models.Index(
                fields=["organisation", "status", "assignee", "next_due"],
                name="case_org_status_assignee",
            ),
            # The open crises (the today view, the Beredskab): few among many cases.
            models.Index(fields=["organisation", "kind", "status"], name="case_org_kind_status"),
            models.Index(fields=["closed_at"], name="case_closed_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="case_closed_has_closed_at",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"reference", "address"} & set(update_fields):
            names = (
                ()
                if self._state.adding or self.pk is None
                else self.parties.order_by("id").values_list("name", flat=True)
            )
            self.search_text = build_search_text(self.reference, self.address, names)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class Party(models.Model):
    """A person in a case: name, lease or address, phone, e-mail — nothing more. A
    complainant's own address is here, never on the case (issue 13, item 1)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="parties", verbose_name=_("case")
    )
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    name = models.CharField(_("name"), max_length=200)
    lease = models.ForeignKey(
        Lease,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lease"),
    )
    address = models.CharField(
        _("address"),
        max_length=200,
        blank=True,
        help_text=_("The party's own address when no lease is chosen."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["role", "name", "id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        refresh_search_text([self.case_id])

    def delete(self, *args, **kwargs):
        case_id = self.case_id
        result = super().delete(*args, **kwargs)
        refresh_search_text([case_id])
        return result
