"""Question guides stored as data (issue 14, part 1; decision 0025): a guide has versions; a
version has themes; a theme has questions. A version is frozen once an answer uses it
(`frozen_at`): the services refuse to change it and editing makes a new version instead.
Results stay comparable across versions through the questions' stable keys.

`Response` / `Answer` are one filled-in guide (an interview, later a visit or a survey answer):
the capability that owns the occasion (an analysis, a visit) points at its response.

The shape in plain Python is `spec.Guide` (`GuideVersion.spec()`), which the scoring and the
XLSForm reader and writer use."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from boligsocial.guides import spec
from boligsocial.organisations.models import Organisation


class GuideKind(models.TextChoices):
    INTERVIEW = spec.INTERVIEW, _("Interview guide")
    CHECKLIST = spec.CHECKLIST, _("Visit checklist")
    SURVEY = spec.SURVEY, _("Survey")


class QuestionType(models.TextChoices):
    SCALE = spec.SCALE, _("Scale 1–5")
    YES_NO = spec.YES_NO, _("Yes / no / don't know")
    NUMBER = spec.NUMBER, _("Number")
    SINGLE = spec.SINGLE, _("One choice")
    MULTIPLE = spec.MULTIPLE, _("Several choices")
    TEXT = spec.TEXT, _("Free text")
    PHOTO = spec.PHOTO, _("Photo")


class Guide(models.Model):
    key = models.SlugField(_("key"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=GuideKind.choices)
    name = models.CharField(_("name (Danish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description (Danish)"), blank=True)
    proposal = models.BooleanField(
        _("our proposal"),
        default=False,
        help_text=_("No published protocol exists: the guide is Boligsocial's own proposal."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guides",
        verbose_name=_("housing organisation"),
        help_text=_("Empty: shared by every organisation."),
    )
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('Texts in further languages: {"ar": {...}, "so": {...}} (see guides/spec.py).'),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("question guide")
        verbose_name_plural = _("question guides")

    def __str__(self) -> str:
        return self.name


class GuideVersion(models.Model):
    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="versions", verbose_name=_("guide")
    )
    number = models.PositiveIntegerField(_("version"), validators=[MinValueValidator(1)])
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    frozen_at = models.DateTimeField(
        _("frozen"), null=True, blank=True, help_text=_("Set when the first answer uses it.")
    )
    yellow_from = models.DecimalField(
        _("yellow from score"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(40),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    red_from = models.DecimalField(
        _("red from score"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(60),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["guide", "-number"]
        verbose_name = _("guide version")
        verbose_name_plural = _("guide versions")
        constraints = [
            models.UniqueConstraint(fields=["guide", "number"], name="guide_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.guide} v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    def spec(self, themes=None) -> spec.Guide:
        """This version as plain data (themes and questions read in two queries unless
        prefetched)."""
        rows = themes if themes is not None else self.themes.prefetch_related("questions")
        return spec.Guide(
            key=self.guide.key,
            name=self.guide.name,
            name_en=self.guide.name_en,
            kind=self.guide.kind,
            description=self.guide.description,
            proposal=self.guide.proposal,
            version=self.number,
            yellow_from=self.yellow_from,
            red_from=self.red_from,
            themes=tuple(t.spec() for t in rows),
            translations=self.guide.translations,
        )


class Theme(models.Model):
    version = models.ForeignKey(
        GuideVersion, on_delete=models.CASCADE, related_name="themes", verbose_name=_("version")
    )
    key = models.SlugField(_("key"), max_length=60)
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    help_text = models.TextField(_("help text"), blank=True)
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('Texts in further languages: {"ar": {...}, "so": {...}} (see guides/spec.py).'),
    )

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="guide_theme_key")]

    def __str__(self) -> str:
        return self.title

    def spec(self) -> spec.Theme:
        return spec.Theme(
            key=self.key,
            title=self.title,
            title_en=self.title_en,
            help_text=self.help_text,
            questions=tuple(q.spec() for q in self.questions.all()),
            translations=self.translations,
        )


class Question(models.Model):
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="questions", verbose_name=_("theme")
    )
    # Unique within the version: enforced by the services (the theme is the key's parent here).
    key = models.SlugField(_("key"), max_length=60)
    position = models.PositiveIntegerField(_("position"), default=0)
    type = models.CharField(_("type"), max_length=10, choices=QuestionType.choices)
    text = models.TextField(_("question (Danish)"))
    text_en = models.TextField(_("question (English)"), blank=True)
    help_text = models.TextField(_("help text"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=3,
        default=Decimal(1),
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    # [{"value": "1", "label": "…", "label_en": "…", "score": "25" | null}, …]
    choices = models.JSONField(_("choices"), default=list, blank=True)
    show_if_key = models.SlugField(_("shown if question"), max_length=60, blank=True)
    show_if_values = models.JSONField(_("shown if answered"), default=list, blank=True)
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('Texts in further languages: {"ar": {...}, "so": {...}} (see guides/spec.py).'),
    )

    class Meta:
        ordering = ["theme", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.key

    def spec(self) -> spec.Question:
        return spec.Question(
            key=self.key,
            text=self.text,
            type=self.type,
            text_en=self.text_en,
            help_text=self.help_text,
            required=self.required,
            weight=self.weight,
            unit=self.unit,
            choices=tuple(
                spec.Choice(
                    c["value"],
                    c["label"],
                    c.get("label_en", ""),
                    None if c.get("score") is None else Decimal(str(c["score"])),
                )
                for c in self.choices
            ),
            show_if_key=self.show_if_key,
            show_if_values=tuple(self.show_if_values),
            translations=self.translations,
        )


def choices_json(choices) -> list[dict]:
    return [
        {
            "value": c.value,
            "label": c.label,
            "label_en": c.label_en,
            "score": None if c.score is None else str(c.score),
        }
        for c in choices
    ]


class Response(models.Model):
    """One filled-in guide version (an interview, a visit's checklist, a survey answer)."""

    version = models.ForeignKey(
        GuideVersion, on_delete=models.PROTECT, related_name="responses", verbose_name=_("version")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.version} #{self.pk}"

    def values(self) -> dict:
        return dict(self.answers.values_list("question_key", "value"))


class Answer(models.Model):
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question_key = models.SlugField(_("question"), max_length=60)
    value = models.JSONField(_("answer"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question_key"], name="guide_answer_key")
        ]

    def __str__(self) -> str:
        return self.question_key
