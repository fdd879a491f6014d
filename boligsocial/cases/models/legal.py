"""Letters and their templates, the board and court proceedings, crisis response, sharing with
the municipality, intake."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from boligsocial.cases.models.case import USER, Case, Party
from boligsocial.cases.models.choices import (
    CrisisTaskKind,
    DecisionOutcome,
    Forum,
    LetterKind,
    LetterStatus,
    ShareReason,
)
from boligsocial.organisations.models import Organisation


class LetterTemplate(models.Model):
    """An editable letter; `organisation` null is the default used when the organisation has
    none. `body` uses {{ placeholders }} (services.LETTER_PLACEHOLDERS), rendered escaped."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="letter_templates",
        verbose_name=_("housing organisation"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=LetterKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["organisation_id", "kind"]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind"],
                name="letter_template_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return self.subject


class IssuedLetterIsFinal(Exception):
    """An issued letter is never changed: it is what the recipient got."""


class Letter(models.Model):
    """A letter on a case: a DRAFT filled from the organisation's template (services.letters),
    edited by the caseworker, then ISSUED: the PDF is rendered once, stored in `pdf` and never
    changed afterwards (save() refuses; the services never try).

    The letter is addressed to one party (`recipient`, default the household complained about)
    with the address block in `recipient_name`/`recipient_address`; nothing about the other
    parties is filled in automatically (issue 13, item 1)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="letters", verbose_name=_("case")
    )
    kind = models.CharField(_("type"), max_length=20, choices=LetterKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.DRAFT
    )
    recipient = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("recipient"),
    )
    recipient_name = models.CharField(_("recipient's name"), max_length=200, blank=True)
    recipient_address = models.TextField(_("recipient's address"), blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    rendered_body = models.TextField(_("text"))
    #: The sender block as printed (organisation, unit, caseworker, contact), frozen at issue.
    sender = models.TextField(_("sender"), blank=True)
    letter_date = models.DateField(_("letter date"), null=True, blank=True)
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
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    issued_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    #: The issued PDF exactly as sent; null for a draft (and for letters issued before
    #: issue 13, which are rendered from their stored text).
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(issued_at__isnull=False),
                name="letter_issued_has_issued_at",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            stored = Letter.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == LetterStatus.ISSUED:
                raise IssuedLetterIsFinal(f"Letter {self.pk} has been issued and is final.")
        super().save(*args, **kwargs)

    @property
    def is_issued(self) -> bool:
        return self.status == LetterStatus.ISSUED


class LegalProceeding(models.Model):
    """The case before the tenants' complaints board or the housing court: when it was brought
    there, when it was decided and what the outcome was (services.legal)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="proceedings", verbose_name=_("case")
    )
    forum = models.CharField(_("forum"), max_length=20, choices=Forum.choices)
    #: null only for cases brought there before the date was recorded.
    brought_on = models.DateField(_("brought there on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=DecisionOutcome.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["case_id", "created_at", "id"]
        verbose_name = _("legal proceeding")
        verbose_name_plural = _("legal proceedings")
        constraints = [
            models.UniqueConstraint(fields=["case", "forum"], name="proceeding_one_per_forum"),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True, outcome="")
                | (Q(decided_on__isnull=False) & ~Q(outcome="")),
                name="proceeding_decided_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_forum_display()} {self.case}"

    @property
    def is_decided(self) -> bool:
        return self.decided_on is not None


class CrisisTask(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="crisis_tasks", verbose_name=_("case")
    )
    kind = models.CharField(_("task"), max_length=30, choices=CrisisTaskKind.choices)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("crisis task")
        verbose_name_plural = _("crisis tasks")
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="crisis_task_unique"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class PresenceDay(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="presence_days", verbose_name=_("case")
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("presence day")
        verbose_name_plural = _("presence days")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}"


class CaseShare(models.Model):
    """A case shown to one named municipal user until revoked."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="shares", verbose_name=_("case")
    )
    user = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="case_shares", verbose_name=_("shared with")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ShareReason.choices)
    explanation = models.TextField(_("explanation"))
    created_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("shared by"),
    )
    created_at = models.DateTimeField(_("shared"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("case share")
        verbose_name_plural = _("case shares")
        indexes = [models.Index(fields=["user", "revoked_at"], name="caseshare_user_active")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=Q(revoked_at__isnull=True),
                name="caseshare_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.user}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class IntakeSubmission(models.Model):
    """Bookkeeping for the public form's rate limit: a hash of the client address, never the
    address itself. Old rows are deleted by the retention task."""

    client_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    accepted = models.BooleanField(default=False)
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("intake submission")
        verbose_name_plural = _("intake submissions")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}"
