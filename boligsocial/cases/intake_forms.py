"""The public complaint form and the caretaker's quick report, with the public form's spam guard
(a signed start time: a form filled in faster than a person can, or left open for more than a
day, is issued anew). Forms only parse and validate input; writing is done by
`cases.services`."""

import time

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligsocial.cases import models
from boligsocial.core import ratelimit
from boligsocial.core.forms import DkfdsForm, choices, datetime_field

# --- the public form's spam guard --------------------------------------------------------------

INTAKE_SALT = "boligsocial.cases.intake"
MIN_FILL_SECONDS = 5  # a person needs longer than this to fill in the complaint form
MAX_FORM_AGE_SECONDS = 24 * 60 * 60  # a form left open longer than a day is issued anew


def new_started_token(now: float | None = None) -> str:
    """A signed timestamp put in the form when it is shown (no cookie, no third party)."""
    return signing.dumps(now if now is not None else time.time(), salt=INTAKE_SALT)


class IntakeForm(DkfdsForm):
    """A resident's complaint. Named on purpose: complaints about neighbours cannot be anonymous
    (domain.md § 5.1)."""

    department = forms.ModelChoiceField(
        label=_("Your housing department"),
        queryset=None,
        empty_label=_("Choose your department"),
        help_text=_("The department (boligafdeling) you live in. You find it in your lease."),
        error_messages={"required": _("Choose the department you live in.")},
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        error_messages={"required": _("Write your name. A complaint cannot be anonymous.")},
    )
    address = forms.CharField(
        label=_("Your address"),
        max_length=200,
        help_text=_("Street, number and floor, e.g. Alfavej 1, st. tv."),
        error_messages={"required": _("Write your address.")},
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("We send the receipt with the case number here."),
        error_messages={"invalid": _("Write a valid e-mail address, e.g. navn@example.dk.")},
    )
    category = forms.ChoiceField(label=_("What is it about?"), choices=())
    respondent = forms.CharField(
        label=_("Who is the complaint about?"),
        max_length=200,
        required=False,
        help_text=_("The name and/or address of the household, if you know it."),
    )
    happened_at = datetime_field(_("When did it happen?"))
    place = forms.CharField(
        label=_("Where did it happen?"),
        max_length=200,
        help_text=_("E.g. the staircase, the courtyard or the flat above yours."),
        error_messages={"required": _("Write where it happened.")},
    )
    description = forms.CharField(
        label=_("What happened?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Describe exactly what happened. If it has happened before, say when."),
        error_messages={"required": _("Describe what happened.")},
    )
    # Spam guard: a field people never see (bots fill it in) and a signed start time.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["department"].label_from_instance = lambda d: (
            f"{d.name}, {d.address}, {d.postal_code} {d.city} ({d.organisation.name})"
        )
        self.fields["category"].choices = choices(
            models.Case, "category", blank=_("Choose what it is about")
        )
        self.fields["category"].error_messages["required"] = _("Choose what it is about.")
        if not self.is_bound:
            self.initial["started"] = new_started_token()
        self.is_spam = False

    def clean_happened_at(self):
        value = self.cleaned_data["happened_at"]
        if value and value > timezone.now() + timezone.timedelta(minutes=5):
            raise forms.ValidationError(_("The time cannot be in the future."))
        return value

    def clean(self):
        data = super().clean()
        if not self.is_valid_started():
            raise forms.ValidationError(
                _(
                    "The form was sent faster than a person can fill it in, or it was open for "
                    "more than a day. Check your answers and send it again."
                ),
                code="timing",
            )
        if self.data.get("website"):
            self.is_spam = True
            raise forms.ValidationError(
                _("The form could not be sent. Leave the last field empty."), code="honeypot"
            )
        if not data.get("phone") and not data.get("email"):
            self.add_error(
                "phone", _("Write a phone number or an e-mail address so we can contact you.")
            )
        if not self._errors and not ratelimit.claim_once(
            f"cases:intake-started:{self.data.get('started', '')}",
            timeout_seconds=MAX_FORM_AGE_SECONDS + 60,
        ):
            # The same start token a second time: a replayed POST, not a person (the shared
            # cache sees the first use in every worker).
            self.renew_started()
            raise forms.ValidationError(
                _(
                    "This form has already been sent. If you want to send another complaint, "
                    "check your answers and send the form again."
                ),
                code="reused",
            )
        return data

    def renew_started(self) -> None:
        """A fresh start token in the form, so the person can send it again."""
        self.data = self.data.copy()
        self.data["started"] = new_started_token()

    def is_valid_started(self) -> bool:
        try:
            started = signing.loads(
                self.data.get("started", ""), salt=INTAKE_SALT, max_age=MAX_FORM_AGE_SECONDS
            )
        except (signing.BadSignature, TypeError, ValueError):
            self.data = self.data.copy()
            self.data["started"] = new_started_token()
            return False
        age = time.time() - float(started)
        if age > MAX_FORM_AGE_SECONDS:
            self.data = self.data.copy()
            self.data["started"] = new_started_token()
            return False
        return age >= MIN_FILL_SECONDS


class QuickReportForm(DkfdsForm):
    """The caretaker's report from the phone: department, what, optional photo.

    Few departments are radio buttons; more (an organisation's caretaker sees dozens) are one
    drop-down, preselected with the department of the caretaker's last report (`last`).
    `kept_photo` carries a photo kept across a validation error (views/caretaker.py)."""

    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the department.")},
    )
    category = forms.ChoiceField(
        label=_("What?"), choices=(), error_messages={"required": _("Choose what it is about.")}
    )
    photo = forms.FileField(label=_("Photo"), required=False)
    note = forms.CharField(label=_("Short note"), max_length=500, required=False)
    kept_photo = forms.CharField(widget=forms.HiddenInput, required=False)

    #: What a caretaker meets, most common first.
    QUICK_CATEGORIES = (
        "noise",
        "waste",
        "property_damage",
        "violence_threats",
        "harassment",
        "crime_insecurity",
        "neglect",
        "pets",
        "other",
    )
    #: Up to this many departments are radio buttons; more are a drop-down.
    MAX_RADIOS = 6

    def __init__(self, *args, departments=None, last=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        if departments is not None and len(departments) > self.MAX_RADIOS:
            field.widget = forms.Select(attrs={"class": "form-select"})
            field.empty_label = _("Choose department")
        field.queryset = departments
        field.label_from_instance = lambda d: d.name
        all_categories = dict(choices(models.Case, "category"))
        self.fields["category"].choices = [
            (c, all_categories[c]) for c in self.QUICK_CATEGORIES if c in all_categories
        ]
        if departments is not None and len(departments) == 1 and not self.is_bound:
            self.initial["department"] = departments[0].pk
        elif last is not None and not self.is_bound:
            self.initial["department"] = last.pk


# --- staff forms ---------------------------------------------------------------------------------
