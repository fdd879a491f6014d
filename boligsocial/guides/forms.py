from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from boligsocial.core.forms import DkfdsForm
from boligsocial.guides import spec
from boligsocial.guides.models import QuestionType


class ImportForm(DkfdsForm):
    file = forms.FileField(
        label=_("XLSForm file (.xlsx)"),
        help_text=_("The survey, choices and settings sheets, as ODK and KoboToolbox use them."),
    )


def _choice_lines(choices) -> str:
    return "\n".join(
        f"{c.value} | {c.label} | {'' if c.score is None else c.score}" for c in choices
    )


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
    weight = forms.DecimalField(label=_("Weight"), min_value=0, max_digits=6, decimal_places=3)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=30)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line: value | text | points (0–100, empty = not scored)."),
    )
    show_if_key = forms.CharField(label=_("Shown only if question (key)"), required=False)
    show_if_values = forms.CharField(
        label=_("… was answered with (values, separated by spaces)"), required=False
    )

    @staticmethod
    def initial_for(question: spec.Question) -> dict:
        return {
            "text": question.text,
            "text_en": question.text_en,
            "help_text": question.help_text,
            "type": question.type,
            "required": question.required,
            "weight": question.weight,
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
            if len(parts) != 3 or not parts[0] or not parts[1]:
                raise ValidationError(_("Line %(n)s: write value | text | points.") % {"n": number})
            try:
                score = Decimal(parts[2].replace(",", ".")) if parts[2] else None
            except InvalidOperation:
                raise ValidationError(
                    _("Line %(n)s: the points must be a number.") % {"n": number}
                ) from None
            rows.append(spec.Choice(parts[0], parts[1], "", score))
        return tuple(rows)

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data["show_if_values"] = tuple(data["show_if_values"].split())
        return data
