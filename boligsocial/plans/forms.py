from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from boligsocial.catalogue.models import LbfPeriod
from boligsocial.core.forms import DkfdsForm, date_field
from boligsocial.plans.models import AgeBand, ApprovalParty, DocumentKind, Gender, GroupKind

REASON_HELP = _("The plan is approved: the change is saved as a revision with this reason.")


class PlanForm(DkfdsForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisations = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Housing organisations"), widget=forms.CheckboxSelectMultiple
    )
    departments = forms.ModelMultipleChoiceField(
        queryset=None,
        label=_("Departments"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    secretariat = forms.ModelChoiceField(
        queryset=None,
        label=_("Secretariat"),
        required=False,
        empty_label=_("The first organisation chosen"),
        help_text=_(
            "The organisation whose social unit runs the plan and edits all of it. The other "
            "organisations and the municipality edit their own activities and budget rows."
        ),
    )
    municipality = forms.ModelChoiceField(queryset=None, label=_("Municipality"))
    period = forms.ModelChoiceField(queryset=LbfPeriod.objects.all(), label=_("LBF period"))
    first_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    years = forms.IntegerField(
        label=_("Number of years"),
        min_value=1,
        max_value=10,
        initial=4,
        help_text=_("Plans usually run four years."),
    )

    def __init__(self, *args, organisations, departments, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations
        self.fields["secretariat"].queryset = organisations
        self.fields["departments"].queryset = departments
        self.fields["municipality"].queryset = municipalities

    def clean(self):
        data = super().clean()
        secretariat, chosen = data.get("secretariat"), data.get("organisations")
        if secretariat is not None and chosen is not None and secretariat not in chosen:
            self.add_error(
                "secretariat", _("The secretariat must be one of the plan's organisations.")
            )
        return data


class AgreementForm(DkfdsForm):
    purpose = forms.CharField(label=_("Purpose and frame"), widget=forms.Textarea, required=False)
    organisation_text = forms.CharField(
        label=_("Organisation"), widget=forms.Textarea, required=False
    )
    interplay = forms.CharField(
        label=_("Interplay with other efforts"), widget=forms.Textarea, required=False
    )
    measurements = forms.CharField(
        label=_("Cross-cutting measurements"), widget=forms.Textarea, required=False
    )
    local_evaluation = forms.CharField(
        label=_("Local evaluation and follow-up"), widget=forms.Textarea, required=False
    )
    revision_text = forms.CharField(
        label=_("Revision of the agreements"), widget=forms.Textarea, required=False
    )
    reason = forms.CharField(
        label=_("Reason for the change"), required=False, help_text=REASON_HELP
    )


class SubAgreementForm(DkfdsForm):
    area = forms.ModelChoiceField(
        widget=forms.Select(attrs={"lang": "da"}), queryset=None, label=_("Area of work")
    )
    text = forms.CharField(label=_("Agreement"), widget=forms.Textarea, required=False)
    reason = forms.CharField(
        label=_("Reason for the change"), required=False, help_text=REASON_HELP
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class GoalForm(DkfdsForm):
    sub_agreement = forms.ModelChoiceField(queryset=None, label=_("Sub-agreement"))
    title = forms.CharField(label=_("Goal"), max_length=300)
    indicator = forms.ModelChoiceField(
        widget=forms.Select(attrs={"lang": "da"}),
        queryset=None,
        label=_("Indicator"),
        required=False,
    )
    department = forms.ModelChoiceField(
        queryset=None, label=_("Measured in department"), required=False
    )
    own_measure = forms.CharField(
        label=_("Or the plan's own measure"),
        max_length=200,
        required=False,
        help_text=_("For example: participants in the homework café."),
    )
    reason = forms.CharField(
        label=_("Reason for the change"), required=False, help_text=REASON_HELP
    )

    def __init__(self, *args, plan, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_agreement"].queryset = plan.sub_agreements.select_related("area")
        self.fields["indicator"].queryset = indicators
        self.fields["department"].queryset = plan.departments.all()
        for year in plan.years:
            self.fields[f"target_{year}"] = forms.DecimalField(
                label=_("Target %(year)s") % {"year": year},
                required=False,
                max_digits=14,
                decimal_places=4,
            )


class ActivityForm(DkfdsForm):
    sub_agreement = forms.ModelChoiceField(
        queryset=None, label=_("Sub-agreement"), widget=forms.Select(attrs={"lang": "da"})
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    owner = forms.ModelChoiceField(
        queryset=None,
        label=_("Whose part of the plan"),
        required=False,
        empty_label=_("The secretariat (shared)"),
        help_text=_("The owner edits the activity and logs its sessions."),
    )
    intervention = forms.ModelChoiceField(
        queryset=None,
        label=_("Catalogue intervention"),
        required=False,
        widget=forms.Select(attrs={"lang": "da"}),
        empty_label=_("None (local activity)"),
    )
    target_group = forms.CharField(label=_("Target group"), max_length=200, required=False)
    partners = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Partners"), required=False, widget=forms.CheckboxSelectMultiple
    )
    staff = forms.CharField(label=_("Staff"), max_length=200, required=False)
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"), required=False, max_digits=6, decimal_places=1, min_value=0
    )
    first_year = forms.IntegerField(label=_("First year"))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    reason = forms.CharField(
        label=_("Reason for the change"), required=False, help_text=REASON_HELP
    )

    def __init__(self, *args, plan, interventions, owners, shared_allowed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        if not shared_allowed:  # an owner outside the secretariat adds to its own part only
            self.fields["owner"].required = True
            self.fields["owner"].empty_label = None
        self.fields["sub_agreement"].queryset = plan.sub_agreements.select_related("area")
        self.fields["intervention"].queryset = interventions
        self.fields["partners"].queryset = plan.partners.all()
        self.fields["first_year"].initial = plan.first_year


class SessionForm(DkfdsForm):
    held_on = date_field(_("Held on"))
    notes = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("No names of participants."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for band, band_label in AgeBand.choices:
            for gender, gender_label in Gender.choices:
                self.fields[f"n_{band}_{gender}"] = forms.IntegerField(
                    label=f"{band_label}, {gender_label}",
                    min_value=0,
                    required=False,
                    widget=forms.NumberInput(
                        attrs={"inputmode": "numeric", "class": "input-width-xs"}
                    ),
                )

    def counts(self) -> dict:
        return {
            (band, gender): self.cleaned_data.get(f"n_{band}_{gender}") or 0
            for band, _label in AgeBand.choices
            for gender, _g in Gender.choices
        }

    def grid(self):
        return [
            (label, [self[f"n_{band}_{g}"] for g, _gl in Gender.choices])
            for band, label in AgeBand.choices
        ]


class ApprovalForm(DkfdsForm):
    party = forms.ChoiceField(choices=ApprovalParty.choices, label=_("Approved by"))
    organisation = forms.ModelChoiceField(
        queryset=None, label=_("Housing organisation"), required=False
    )
    approved_on = date_field(_("Approved on"))
    approver = forms.CharField(label=_("Who approved (name or committee)"), max_length=200)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = plan.organisations.all()


class ReportForm(DkfdsForm):
    """One text field per narrative section of the report type (the headings are data)."""

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        for n, title in enumerate(self.sections):
            self.fields[f"section_{n}"] = forms.CharField(
                label=format_html('<span lang="da">{}</span>', title),  # the headings are Danish
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
            )
            if title in (self.initial or {}):
                self.initial[f"section_{n}"] = self.initial[title]

    def narrative(self) -> dict[str, str]:
        return {t: self.cleaned_data[f"section_{n}"] for n, t in enumerate(self.sections)}


class PartnerForm(DkfdsForm):
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mail for reports"),
        required=False,
        help_text=_("The reports are sent to this address."),
    )


class MilestoneForm(DkfdsForm):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = date_field(_("Due on"))


class DocumentForm(DkfdsForm):
    """A new document (kind, title, file) or, with `new_version`, a new version of one."""

    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        allow_empty_file=True,  # the service says "the file is empty" in Danish
        error_messages={"required": _("Choose the file to upload.")},
    )
    note = forms.CharField(
        label=_("What changed"),
        max_length=200,
        required=False,
        help_text=_("For example: signed by all partners, or the revised budget for 2026."),
    )

    def __init__(self, *args, new_version=False, allowed="", max_mb=0, **kwargs):
        super().__init__(*args, **kwargs)
        if new_version:
            del self.fields["kind"], self.fields["title"]
        self.fields["file"].help_text = _(
            "%(types)s, at most %(size)s MB. Only the plan's readers can download it."
        ) % {"types": allowed, "size": max_mb}


class GroupForm(DkfdsForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    members = forms.CharField(
        label=_("Members"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Who sits in it, e.g. by role and organisation."),
    )


class SpendingForm(DkfdsForm):
    """Spending against the budget: one of the user's own funders, a plan year, an amount."""

    funder = forms.ModelChoiceField(queryset=None, label=_("Funder"), empty_label=None)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    amount = forms.CharField(
        label=_("Amount (kr.)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input-width-m"}),
        help_text=_("In kroner and øre, e.g. 12.500,00."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, funders, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = funders
        self.fields["year"].choices = [(y, y) for y in years]

    def clean_amount(self):
        from decimal import Decimal, InvalidOperation

        text = self.cleaned_data["amount"].strip().replace(".", "").replace(" ", "")
        try:
            return Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise forms.ValidationError(
                _("An amount is not a number. Write amounts like 250.000,00.")
            ) from None
