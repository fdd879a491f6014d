"""The economics' forms (decision 0038): prices, business cases and their lines, effect
measurements, outcome contracts and their parties, events and repayment steps."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from boligsocial.core.forms import DkfdsForm, date_field
from boligsocial.reports.models import PartyRole, Payer, PriceKind, PriceUnit

RATE = {"max_digits": 6, "decimal_places": 4, "min_value": Decimal(0), "max_value": Decimal(1)}
KR = {"max_digits": 14, "decimal_places": 2}


def rate_field(label, **kwargs):
    return forms.DecimalField(
        label=label,
        help_text=kwargs.pop("help_text", _("Between 0 and 1, e.g. 0,3.")),
        **RATE,
        **kwargs,
    )


class PriceForm(DkfdsForm):
    organisation = forms.ModelChoiceField(
        widget=forms.Select(attrs={"lang": "da"}), queryset=None, label=_("Housing organisation")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    value = forms.DecimalField(label=_("Value (kr.)"), min_value=Decimal(0), **KR)
    unit = forms.ChoiceField(label=_("Unit"), choices=PriceUnit.choices)
    payer = forms.ChoiceField(
        label=_("Payer"),
        choices=[("", _("Not split between payers in the source")), *Payer.choices],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=PriceKind.choices,
        help_text=_(
            "Budget-economic: public budgets (as in SØM). Socio-economic: society as a whole. "
            "The two are never added together."
        ),
    )
    price_year = forms.IntegerField(
        label=_("Price year"),
        min_value=1990,
        max_value=2100,
        required=False,
        help_text=_("Leave it empty if the source gives no price year."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        help_text=_("Who says so, and where, e.g. the municipality's own calculation 2025."),
    )
    source_url = forms.URLField(
        label=_("Link to the source"), max_length=500, required=False, assume_scheme="https"
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations

    def clean_source(self):
        value = self.cleaned_data["source"].strip()
        if not value:
            raise forms.ValidationError(_("A price needs its source."))
        return value


class CaseForm(DkfdsForm):
    organisation = forms.ModelChoiceField(
        widget=forms.Select(attrs={"lang": "da"}), queryset=None, label=_("Housing organisation")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    intervention = forms.ModelChoiceField(
        widget=forms.Select(attrs={"lang": "da"}),
        queryset=None,
        label=_("Catalogue intervention"),
        required=False,
    )
    plan = forms.ModelChoiceField(
        widget=forms.Select(attrs={"lang": "da"}),
        queryset=None,
        label=pgettext_lazy("business case", "Plan"),
        required=False,
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=PriceKind.choices,
        help_text=_("A business case is budget-economic as in SØM unless you choose otherwise."),
    )
    start_year = forms.IntegerField(label=_("Start year (year 0)"), min_value=2000, max_value=2100)
    horizon_years = forms.IntegerField(
        label=_("Horizon (years)"), min_value=1, max_value=10, help_text=_("1 to 10 years.")
    )
    discount_rate = rate_field(_("Discount rate"), help_text=_("E.g. 0,035 for 3,5 % a year."))

    def __init__(self, *args, organisations=None, interventions, plans, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
        self.fields["intervention"].queryset = interventions
        self.fields["plan"].queryset = plans

    def clean(self):
        data = super().clean()
        if data.get("intervention") is None and data.get("plan") is None:
            raise forms.ValidationError(_("Choose the intervention or the plan the case is for."))
        return data


class CostForm(DkfdsForm):
    label = forms.CharField(label=_("Cost"), max_length=200)
    year = forms.IntegerField(label=_("Year (0 = start year)"), min_value=0, max_value=9)
    payer = forms.ChoiceField(label=_("Payer"), choices=Payer.choices)
    amount = forms.DecimalField(label=_("Amount (kr.)"), min_value=Decimal(0), **KR)


class OutcomeForm(DkfdsForm):
    name = forms.CharField(label=pgettext_lazy("business case", "Outcome"), max_length=200)
    persons = forms.IntegerField(
        label=_("Target group (persons)"), min_value=0, max_value=1_000_000
    )
    success_rate = rate_field(_("Success rate, expected"))
    success_low = rate_field(_("Success rate, low"))
    success_high = rate_field(_("Success rate, high"))
    deadweight = rate_field(
        _("Deadweight, expected"), help_text=_("The share who would have reached it anyway.")
    )
    deadweight_low = rate_field(_("Deadweight, low"))
    deadweight_high = rate_field(_("Deadweight, high"))
    attribution = rate_field(
        _("Attribution"),
        help_text=_("The share of the effect that is due to this effort; 1 = all."),
    )
    success_source = forms.CharField(
        label=_("Source of the success rate"), max_length=300, required=False
    )

    def clean(self):
        data = super().clean()
        for name in ("success", "deadweight"):
            mid = data.get("success_rate" if name == "success" else "deadweight")
            low, high = data.get(f"{name}_low"), data.get(f"{name}_high")
            if None not in (low, mid, high) and not low <= mid <= high:
                self.add_error(f"{name}_low", _("Low, expected and high must lie in that order."))
        return data


class MeasuredRateForm(DkfdsForm):
    """Take the success rate from a row of an effect measurement."""

    row = forms.ChoiceField(
        label=_("Measured effect"), choices=(), widget=forms.Select(attrs={"lang": "da"})
    )

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["row"].choices = rows


class ConsequenceForm(DkfdsForm):
    price = forms.ModelChoiceField(
        widget=forms.Select(attrs={"lang": "da"}), queryset=None, label=_("Unit price")
    )
    payer = forms.ChoiceField(
        label=_("Payer"),
        choices=[("", _("The price's own payer")), *Payer.choices],
        required=False,
        help_text=_("Needed when the source does not split the amount between payers."),
    )
    share = forms.DecimalField(
        label=_("Share of the price"),
        max_digits=6,
        decimal_places=4,
        min_value=Decimal(0),
        max_value=Decimal(10),
        initial=Decimal(1),
        help_text=_("1 = the whole price per effect person and year."),
    )
    first_year = forms.IntegerField(label=_("From year"), min_value=0, max_value=9)
    last_year = forms.IntegerField(label=_("To year"), min_value=0, max_value=9)

    def __init__(self, *args, prices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["price"].queryset = prices

    def clean(self):
        data = super().clean()
        price = data.get("price")
        if price is not None and not data.get("payer"):
            if not price.payer:
                self.add_error(
                    "payer", _("The source does not split this price; choose the payer.")
                )
            else:
                data["payer"] = price.payer
        first, last = data.get("first_year"), data.get("last_year")
        if first is not None and last is not None and last < first:
            self.add_error("last_year", _("The last year cannot come before the first year."))
        return data


class MeasurementForm(DkfdsForm):
    organisation = forms.ModelChoiceField(
        widget=forms.Select(attrs={"lang": "da"}), queryset=None, label=_("Housing organisation")
    )
    intervention = forms.ModelChoiceField(
        widget=forms.Select(attrs={"lang": "da"}),
        queryset=None,
        label=_("Catalogue intervention"),
        required=False,
    )
    plan = forms.ModelChoiceField(
        widget=forms.Select(attrs={"lang": "da"}),
        queryset=None,
        label=pgettext_lazy("business case", "Plan"),
        required=False,
    )

    def __init__(self, *args, organisations=None, interventions, plans, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
        self.fields["intervention"].queryset = interventions
        self.fields["plan"].queryset = plans

    def clean(self):
        data = super().clean()
        if (data.get("intervention") is None) == (data.get("plan") is None):
            raise forms.ValidationError(_("Choose either an intervention or a plan."))
        return data


class ContractForm(DkfdsForm):
    organisation = forms.ModelChoiceField(
        widget=forms.Select(attrs={"lang": "da"}), queryset=None, label=_("Housing organisation")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    plan = forms.ModelChoiceField(
        widget=forms.Select(attrs={"lang": "da"}),
        queryset=None,
        label=pgettext_lazy("business case", "Plan"),
        required=False,
    )
    metric = forms.CharField(
        label=_("Outcome metric"),
        max_length=300,
        help_text=_("What counts as one outcome, e.g. self-supporting for 6 months."),
    )
    measurement = forms.CharField(
        label=_("How the outcome is measured"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The data source and who verifies it."),
    )
    price_per_outcome = forms.DecimalField(
        label=_("Price per outcome (kr.)"), min_value=Decimal("0.01"), **KR
    )
    cap = forms.DecimalField(label=_("Cap (kr.)"), min_value=Decimal("0.01"), **KR)
    start_date = date_field(_("Start"))
    end_date = date_field(_("End"))

    def __init__(self, *args, organisations=None, plans, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
        self.fields["plan"].queryset = plans

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot come before the start."))
        return data


class PartyForm(DkfdsForm):
    name = forms.CharField(label=_("Party"), max_length=200)
    role = forms.ChoiceField(label=_("Role"), choices=PartyRole.choices)


class EventForm(DkfdsForm):
    reference = forms.CharField(
        label=_("Cohort or period"),
        max_length=200,
        help_text=_("E.g. cohort 1, 2. quarter. Never a name or a CPR number."),
    )
    outcomes = forms.IntegerField(label=_("Outcomes reached"), min_value=1, max_value=100_000)
    occurred_on = date_field(_("Reached on"))
    verified_on = date_field(_("Verified on"))
    verified_by = forms.CharField(
        label=_("Verified by"),
        max_length=200,
        help_text=_("E.g. the jobcentre's register extract."),
    )


class RepaymentForm(DkfdsForm):
    due_date = date_field(_("Due"))
    payer = forms.ModelChoiceField(
        widget=forms.Select(attrs={"lang": "da"}), queryset=None, label=_("From")
    )
    payee = forms.ModelChoiceField(
        widget=forms.Select(attrs={"lang": "da"}), queryset=None, label=_("To")
    )
    share = forms.DecimalField(
        label=_("Cumulative share of the amount earned"),
        max_digits=6,
        decimal_places=4,
        min_value=Decimal("0.0001"),
        max_value=Decimal(1),
        help_text=_("E.g. 0,25, 0,5, 0,75 and 1 for four yearly steps."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payer"].queryset = parties
        self.fields["payee"].queryset = parties

    def clean(self):
        data = super().clean()
        if data.get("payer") and data.get("payer") == data.get("payee"):
            self.add_error("payee", _("A party cannot owe itself."))
        return data
