from django import forms
from django.utils.translation import gettext_lazy as _

from boligsocial.core.forms import DkfdsForm, date_field
from boligsocial.reports.models import AgreementStatus


class CreateForm(DkfdsForm):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Housing organisation"))
    department = forms.ModelChoiceField(
        queryset=None,
        label=_("Department"),
        required=False,
        empty_label=_("All departments (the organisation's report)"),
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, organisations, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["department"].queryset = departments

    def clean(self):
        data = super().clean()
        org, dept = data.get("organisation"), data.get("department")
        if org and dept and dept.organisation_id != org.pk:
            self.add_error("department", _("The department does not belong to the organisation."))
        return data


class NarrativeForm(DkfdsForm):
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    internal = forms.BooleanField(label=_("Internal (not in the public summary)"), required=False)


class KeyFigureForm(DkfdsForm):
    section = forms.ChoiceField(label=_("Section"), choices=())
    label = forms.CharField(label=_("Key figure"), max_length=200)
    value = forms.DecimalField(label=_("Value"), max_digits=16, decimal_places=2)
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("Where the figure comes from, e.g. the accounts 2025 or almeneffektivitet.dk."),
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = sections


class PointForm(DkfdsForm):
    title = forms.CharField(label=_("Point for the agenda"), max_length=200)
    text = forms.CharField(
        label=_("Background"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    internal = forms.BooleanField(label=_("Internal (not in the public summary)"), required=False)


class MinutesForm(DkfdsForm):
    meeting_date = date_field(_("Meeting date"), required=False)
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )


class AgreementForm(DkfdsForm):
    what = forms.CharField(label=_("Agreement"), max_length=300)
    who = forms.CharField(
        label=_("Responsible"),
        max_length=200,
        help_text=_("The party or role, e.g. the municipality or the social unit."),
    )
    due_date = date_field(_("By when"))


class AgreementStatusForm(DkfdsForm):
    status = forms.ChoiceField(label=_("Status"), choices=AgreementStatus.choices)
    note = forms.CharField(label=_("Status note"), max_length=300, required=False)
