from django import forms
from django.utils.translation import gettext_lazy as _

from boligsocial.core.forms import DkfdsForm, date_field
from boligsocial.guides.models import GuideKind, GuideVersion
from boligsocial.surveys.models import DEFAULT_K, MIN_K, Channel
from boligsocial.surveys.services import LANGUAGES


def survey_versions():
    return (
        GuideVersion.objects.filter(guide__kind=GuideKind.SURVEY, published_at__isnull=False)
        .select_related("guide")
        .order_by("guide__name", "-number")
    )


class SurveyForm(DkfdsForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.ModelChoiceField(label=_("Housing organisation"), queryset=None)
    guide_version = forms.ModelChoiceField(label=_("Question guide"), queryset=None)
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    opens_on = date_field(_("Opens"))
    closes_on = date_field(_("Closes"))
    min_count = forms.IntegerField(
        label=_("Minimum answers per group (k)"),
        min_value=MIN_K,
        max_value=50,
        initial=DEFAULT_K,
        help_text=_("Groups with fewer answers are not shown to anyone. At least 3."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Further languages"),
        choices=list(LANGUAGES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Danish and English always. A language without texts in the guide shows Danish."
        ),
    )
    index_keys = forms.CharField(
        label=_("Index questions"),
        required=False,
        help_text=_("Question keys separated by commas. Empty: every question with points."),
    )
    previous = forms.ModelChoiceField(
        label=_("Previous survey (for comparison)"), queryset=None, required=False
    )

    def __init__(self, *args, organisations, departments, previous, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["departments"].queryset = departments
        self.fields["departments"].label_from_instance = lambda d: f"{d.number} {d.name}"
        self.fields["guide_version"].queryset = survey_versions()
        self.fields["guide_version"].label_from_instance = lambda v: f"{v.guide.name} (v{v.number})"
        self.fields["previous"].queryset = previous

    def clean_index_keys(self):
        return [k.strip() for k in self.cleaned_data["index_keys"].split(",") if k.strip()]


class StaffAnswerForm(DkfdsForm):
    invitation = forms.ModelChoiceField(label=_("Household (lease)"), queryset=None)
    channel = forms.ChoiceField(
        label=_("How was the answer given?"),
        choices=[(Channel.PAPER, Channel.PAPER.label), (Channel.VISIT, Channel.VISIT.label)],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitation"].queryset = invitations
        self.fields["invitation"].label_from_instance = lambda i: str(i.lease)


class SurveyEditForm(DkfdsForm):
    """A draft's settings; once the survey is open only the closing date (the other fields
    are shown disabled)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    opens_on = date_field(_("Opens"))
    closes_on = date_field(_("Closes"))
    min_count = forms.IntegerField(
        label=_("Minimum answers per group (k)"),
        min_value=MIN_K,
        max_value=50,
        help_text=_("Groups with fewer answers are not shown to anyone. At least 3."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Further languages"),
        choices=list(LANGUAGES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Danish and English always. A language without texts in the guide shows Danish."
        ),
    )

    def __init__(self, *args, departments, only_closing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = departments
        self.fields["departments"].label_from_instance = lambda d: f"{d.number} {d.name}"
        if only_closing:
            for name, field in self.fields.items():
                if name != "closes_on":
                    field.disabled = True
                    field.required = False

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date must be on or after the opening date."))
        return data


class ReissueSearchForm(forms.Form):
    q = forms.CharField(label=_("Address"), max_length=100, required=False)
