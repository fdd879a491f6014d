from django import forms
from django.utils.translation import gettext_lazy as _

from boligsocial.catalogue.models import Evidence, LbfArea
from boligsocial.core.forms import DkfdsForm
from boligsocial.screening.models import Indicator


class LocalInterventionForm(DkfdsForm):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    name = forms.CharField(label=_("Name"), max_length=200)
    main_area = forms.ModelChoiceField(
        queryset=LbfArea.objects.filter(period__code="2019-26"), label=_("Main area of work")
    )
    target_group = forms.CharField(label=_("Target group"), max_length=200)
    age_band = forms.CharField(label=_("Age band"), max_length=60, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea)
    indicators = forms.ModelMultipleChoiceField(
        queryset=Indicator.objects.filter(is_active=True).order_by("position", "code"),
        label=_("Target indicators"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    evidence = forms.ChoiceField(
        choices=[("", _("Not rated")), *Evidence.choices], label=_("Evidence level"), required=False
    )
    evidence_sources = forms.CharField(
        label=_("Evidence sources"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("A local intervention is shown as evidence-rated only with a source."),
    )
    cost = forms.CharField(
        label=_("Cost and staffing"),
        required=False,
        help_text=_("Only where a source gives it; leave empty if unknown."),
    )
    cost_source = forms.CharField(label=_("Source of the cost"), max_length=200, required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if data.get("evidence") and not (data.get("evidence_sources") or "").strip():
            self.add_error(
                "evidence_sources",
                _("Give the source of the evidence level, or leave the level empty."),
            )
        if (data.get("cost") or "").strip() and not (data.get("cost_source") or "").strip():
            self.add_error("cost_source", _("Give the source of the cost, or leave it empty."))
        return data
