from django import forms
from django.utils.translation import gettext_lazy as _

from boligsocial.coordination.models import (
    Decision,
    OwnerKind,
    PlaceKind,
    TargetGroup,
    TargetKind,
)
from boligsocial.core.forms import DkfdsForm, date_field
from boligsocial.screening.models import Indicator


def theme_choices() -> list[tuple[str, str]]:
    themes = Indicator.objects.exclude(theme="").order_by("theme").values_list("theme", flat=True)
    return [(t, t) for t in dict.fromkeys(themes)]


class EffortForm(DkfdsForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    owner_kind = forms.ChoiceField(label=_("Owner"))
    owner_organisation = forms.ModelChoiceField(
        queryset=None, label=_("Housing organisation"), required=False
    )
    owner_name = forms.CharField(
        label=_("Owner's name"),
        max_length=200,
        required=False,
        help_text=_("E.g. Børn og Unge, Østjyllands Politi, Gellerupskolen."),
    )
    target_groups = forms.ModelMultipleChoiceField(
        queryset=TargetGroup.objects.all(),
        label=_("Target groups"),
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes the effort is aimed at"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The themes of red indicators; a place with a red theme and no effort aimed "
            "at it is a gap."
        ),
    )
    place_kind = forms.ChoiceField(label=_("Place"), choices=PlaceKind.choices)
    department = forms.ModelChoiceField(queryset=None, label=_("Department"), required=False)
    area = forms.ModelChoiceField(queryset=None, label=_("Housing area"), required=False)
    district = forms.ModelChoiceField(queryset=None, label=_("District"), required=False)
    starts_on = date_field(_("From"))
    ends_on = date_field(_("To (inclusive)"), required=False, help_text=_("Empty: ongoing."))
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)
    budget = forms.DecimalField(
        label=_("Budget per year (kr.)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("Seen only by the owner and the municipal coordinator."),
    )

    def __init__(self, *args, owner_kinds, organisations, departments, areas, districts, **kw):
        super().__init__(*args, **kw)
        self.fields["owner_kind"].choices = [
            (k, label) for k, label in OwnerKind.choices if k in owner_kinds
        ]
        self.fields["owner_organisation"].queryset = organisations
        self.fields["department"].queryset = departments
        self.fields["area"].queryset = areas
        self.fields["district"].queryset = districts
        self.fields["themes"].choices = theme_choices()


class DecisionForm(DkfdsForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    agreed_by = forms.CharField(
        label=_("Agreed by"),
        max_length=300,
        help_text=_("Who agreed, e.g. both contact persons."),
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False)
    action = forms.CharField(
        label=_("Agreed action"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Required for a real duplication."),
    )


class TargetGroupForm(DkfdsForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=TargetKind.choices)
    age_min = forms.IntegerField(label=_("From age"), min_value=0, max_value=120)
    age_max = forms.IntegerField(
        label=_("To age (inclusive)"),
        min_value=0,
        max_value=120,
        required=False,
        help_text=_("Empty: no upper limit."),
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)


class PeriodForm(DkfdsForm):
    fra = date_field(_("From"), required=False)
    til = date_field(_("To"), required=False)
