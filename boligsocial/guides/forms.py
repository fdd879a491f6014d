from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from boligsocial.core.forms import DkfdsForm
from boligsocial.guides import checks, spec
from boligsocial.guides.models import GuideKind, QuestionType

KEY_HELP = _(
    "Letters (a–z), digits, _ and -, starting with a letter. The key never changes: it keeps "
    "results comparable across versions."
)


def clean_key(value: str, taken=()) -> str:
    value = (value or "").strip()
    if not checks.KEY.match(value):
        raise ValidationError(
            _("Use only letters (a–z), digits, _ and -, and start with a letter (at most 60).")
        )
    if value in taken:
        raise ValidationError(
            _("The key »%(key)s« is already used in this version.") % {"key": value}
        )
    return value


class ImportForm(DkfdsForm):
    file = forms.FileField(
        label=_("XLSForm file (.xlsx)"),
        help_text=_("The survey, choices and settings sheets, as ODK and KoboToolbox use them."),
    )


def _choice_lines(choices) -> str:
    return "\n".join(
        f"{c.value} | {c.label} | {'' if c.score is None else c.score}"
        + (f" | {c.label_en}" if c.label_en else "")
        for c in choices
    )


NOT_SHOWN_IF = ("", _("Always shown"))


class CommaDecimalField(forms.DecimalField):
    """A decimal number written the Danish way (2,5) or with a point."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


def _danish_number(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")


class QuestionForm(DkfdsForm):
    text = forms.CharField(
        label=_("Question (Danish)"), widget=forms.Textarea(attrs={"rows": 2, "lang": "da"})
    )
    text_en = forms.CharField(
        label=_("Question (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    help_text = forms.CharField(
        label=_("Help text"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    type = forms.ChoiceField(label=_("Type"), choices=QuestionType.choices)
    required = forms.BooleanField(label=_("Required"), required=False)
    weight = CommaDecimalField(
        label=_("Weight"),
        min_value=0,
        max_digits=6,
        decimal_places=3,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input-width-xs"}),
        help_text=_("How much the question counts in its theme's score (e.g. 1 or 2,5)."),
    )
    unit = forms.CharField(label=_("Unit"), required=False, max_length=30)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "da"}),
        help_text=_(
            "One per line: value | text | points (0–100, empty = not scored) | English text "
            "(optional). A scale has the five steps 1–5, a text for each; yes/no/don't know is "
            "filled in for you when left empty."
        ),
    )
    show_if_key = forms.ChoiceField(
        label=_("Shown only if question"),
        required=False,
        widget=forms.Select(attrs={"lang": "da"}),  # the questions' Danish texts
        help_text=_("An earlier question with choices (skip logic). Empty: always shown."),
    )
    show_if_values = forms.CharField(
        label=_("… was answered with (values, separated by spaces)"), required=False
    )

    def __init__(self, *args, earlier=(), **kwargs):
        """`earlier`: the questions (spec.Question) before this one in the version; only those
        with choices can steer it."""
        super().__init__(*args, **kwargs)
        self.fields["show_if_key"].choices = [NOT_SHOWN_IF] + [
            (q.key, f"{q.key}: {q.text[:60]}") for q in earlier if q.choices
        ]

    def clean(self):
        data = super().clean()
        kind, choices = data.get("type"), data.get("choices")
        if kind == spec.YES_NO and choices == ():
            data["choices"] = tuple(
                spec.Choice(c.value, c.label, c.label_en, None)
                for c in spec.yes_no_choices(yes_score=None, no_score=None)
            )
        elif kind == spec.SCALE and choices == ():
            self.add_error(
                "choices", _("Write a text for each of the five steps: 1 | text | points.")
            )
        elif kind in spec.CHOICE_TYPES and choices == ():
            self.add_error("choices", _("Write the choices, one per line."))
        elif kind not in spec.CHOICE_TYPES and choices:
            self.add_error(
                "choices",
                _("This type has no choices: empty the field or choose another type."),
            )
        if data.get("show_if_key") and not data.get("show_if_values", "").split():
            self.add_error("show_if_values", _("Write the answers that show the question."))
        if not data.get("show_if_key"):
            data["show_if_values"] = ""
        return data

    @staticmethod
    def initial_for(question: spec.Question) -> dict:
        return {
            "text": question.text,
            "text_en": question.text_en,
            "help_text": question.help_text,
            "type": question.type,
            "required": question.required,
            "weight": _danish_number(question.weight),
            "unit": question.unit,
            "choices": _choice_lines(question.choices),
            "show_if_key": question.show_if_key,
            "show_if_values": " ".join(question.show_if_values),
        }

    def clean_choices(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["choices"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3:
                parts.append("")
            if len(parts) != 4 or not parts[0] or not parts[1]:
                raise ValidationError(_("Line %(n)s: write value | text | points.") % {"n": number})
            try:
                score = Decimal(parts[2].replace(",", ".")) if parts[2] else None
            except InvalidOperation:
                raise ValidationError(
                    _("Line %(n)s: the points must be a number.") % {"n": number}
                ) from None
            rows.append(spec.Choice(parts[0], parts[1], parts[3], score))
        return tuple(rows)

    def changes(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "key"}
        data["show_if_values"] = tuple(data["show_if_values"].split())
        if data["type"] != spec.NUMBER:
            data["unit"] = ""
        return data


class NewQuestionForm(QuestionForm):
    key = forms.CharField(label=_("Key"), max_length=60, help_text=KEY_HELP)
    field_order = ["key"]

    def __init__(self, *args, taken=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.taken = frozenset(taken)
        self.order_fields(["key", *[f for f in self.fields if f != "key"]])

    def clean_key(self):
        return clean_key(self.cleaned_data["key"], self.taken)

    def question(self) -> spec.Question:
        return spec.Question(key=self.cleaned_data["key"], **self.changes())


class ThemeForm(DkfdsForm):
    title = forms.CharField(
        label=_("Title (Danish)"), max_length=200, widget=forms.TextInput(attrs={"lang": "da"})
    )
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    help_text = forms.CharField(
        label=_("Help text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "da"}),
        help_text=_("Shown under the title: what the theme is about, how to ask."),
    )


class NewThemeForm(ThemeForm):
    key = forms.CharField(label=_("Key"), max_length=60, help_text=KEY_HELP)

    def __init__(self, *args, taken=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.taken = frozenset(taken)
        self.order_fields(["key", "title", "title_en", "help_text"])

    def clean_key(self):
        return clean_key(self.cleaned_data["key"], self.taken)


class GuideForm(DkfdsForm):
    key = forms.CharField(label=_("Key"), max_length=60, help_text=KEY_HELP)
    name = forms.CharField(
        label=_("Name (Danish)"), max_length=200, widget=forms.TextInput(attrs={"lang": "da"})
    )
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=GuideKind.choices)
    description = forms.CharField(
        label=_("Description (Danish)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "da"}),
    )
    organisation = forms.ChoiceField(label=_("Housing organisation"))
    theme_key = forms.CharField(label=_("First theme: key"), max_length=60, help_text=KEY_HELP)
    theme_title = forms.CharField(
        label=_("First theme: title (Danish)"),
        max_length=200,
        widget=forms.TextInput(attrs={"lang": "da"}),
        help_text=_("A guide has at least one theme; add more and the questions afterwards."),
    )

    def __init__(self, *args, organisations=(), shared=False, **kwargs):
        """`organisations`: those the user may author guides for; `shared`: may make a guide
        shared by every organisation (administrators)."""
        super().__init__(*args, **kwargs)
        options = [(str(o.pk), o.name) for o in organisations]
        if shared:
            options.insert(0, ("", _("Shared by every organisation")))
        self.fields["organisation"].choices = options
        self.fields["organisation"].required = not shared
        self.organisations = {str(o.pk): o for o in organisations}

    def clean_key(self):
        from boligsocial.guides.models import Guide

        key = clean_key(self.cleaned_data["key"])
        if Guide.objects.filter(key=key).exists():
            raise ValidationError(_("A guide with the key »%(key)s« exists.") % {"key": key})
        return key

    def clean_theme_key(self):
        return clean_key(self.cleaned_data["theme_key"])

    def clean_organisation(self):
        value = self.cleaned_data["organisation"]
        return self.organisations.get(value) if value else None
