"""Forms of the legal track and the letters (issue 13, items 1-3). They parse input; the
services (services/legal_track.py, services/letters.py) validate the rules and write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligsocial.cases import models
from boligsocial.core.forms import DkfdsForm, choices, date_field


def _today():
    return timezone.localdate()


class LegalStepForm(DkfdsForm):
    """The day the step happened (default today; back-dating allowed, never the future)."""

    on = date_field(
        _("Date"),
        required=False,
        help_text=_("The day it happened. An earlier day is allowed; a future day is not."),
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = _today


class DecisionForm(DkfdsForm):
    """The decision of the complaints board or the judgment of the housing court."""

    decided_on = date_field(
        _("Date of the decision"),
        help_text=_(
            "The day the decision was made. An earlier day is allowed; a future day is not."
        ),
    )
    outcome = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the decision.")},
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=500
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = choices(models.LegalProceeding, "outcome")
        self.fields["decided_on"].error_messages["required"] = _("Write the date of the decision.")


class LetterCreateForm(DkfdsForm):
    """Who the new letter is to: one of the case's parties."""

    recipient = forms.ModelChoiceField(
        label=_("Recipient"),
        queryset=None,
        required=False,
        empty_label=_("Nobody chosen: write the name and address in the draft"),
        help_text=_(
            "The letter is addressed to this party only. Nothing about the other parties is "
            "filled in."
        ),
    )

    def __init__(self, *args, parties=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = parties
        self.fields["recipient"].label_from_instance = lambda p: (
            f"{p.name} ({p.get_role_display().lower()})"
        )


class LetterDraftForm(DkfdsForm):
    recipient_name = forms.CharField(label=_("Recipient's name"), max_length=200)
    recipient_address = forms.CharField(
        label=_("Recipient's address"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        help_text=_("As printed in the address field of the letter, e.g. street and town."),
    )
    subject = forms.CharField(
        label=_("Subject"), max_length=200, widget=forms.TextInput(attrs={"lang": "da"})
    )
    rendered_body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 18, "lang": "da"}),
        max_length=20000,
    )


class LetterSenderForm(DkfdsForm):
    unit = forms.CharField(
        label=_("Sending unit"),
        max_length=200,
        required=False,
        help_text=_("E.g. Den boligsociale enhed. Printed under the organisation's name."),
    )
    contact = forms.CharField(
        label=_("Contact"),
        max_length=300,
        required=False,
        help_text=_("The unit's address, phone and opening hours, as printed in letters."),
    )
