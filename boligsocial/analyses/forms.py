from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from boligsocial.analyses.models import ActionStatus, ParticipantRole
from boligsocial.core.forms import DkfdsForm, date_field
from boligsocial.organisations.roles import Role

PARTICIPANT_ROWS = 6


def social_unit(organisation_id):
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__role__in=(Role.SOCIAL_STAFF, Role.SOCIAL_HEAD),
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class PlanForm(DkfdsForm):
    planned_date = date_field(_("Date of the interview"))
    interviewers = forms.ModelMultipleChoiceField(
        label=_("Interviewers (social unit)"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisation_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = social_unit(organisation_id)
        self.fields["interviewers"].label_from_instance = lambda u: u.get_full_name() or u.username
        for i in range(PARTICIPANT_ROWS):
            self.fields[f"role_{i}"] = forms.ChoiceField(
                label=_("Participant %(n)s: role") % {"n": i + 1},
                choices=[("", "—"), *ParticipantRole.choices],
                required=False,
            )
            self.fields[f"name_{i}"] = forms.CharField(
                label=_("Participant %(n)s: name (optional)") % {"n": i + 1},
                max_length=100,
                required=False,
            )
        for name in self.fields:
            widget = self.fields[name].widget
            if name.startswith("role_"):
                widget.attrs["class"] = "form-select"
            elif name.startswith("name_"):
                widget.attrs["class"] = "form-input"

    def participant_rows(self):
        return [(self[f"role_{i}"], self[f"name_{i}"]) for i in range(PARTICIPANT_ROWS)]

    def participants(self) -> list[tuple[str, str]]:
        return [
            (self.cleaned_data[f"role_{i}"], self.cleaned_data[f"name_{i}"])
            for i in range(PARTICIPANT_ROWS)
            if self.cleaned_data.get(f"role_{i}")
        ]


class CompleteForm(DkfdsForm):
    held_on = date_field(_("The interview was held on"))


class ActionForm(DkfdsForm):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=get_user_model().objects.none(), required=False
    )
    due_date = date_field(_("Due date"), required=False)
    theme_key = forms.ChoiceField(
        label=_("Theme"), required=False, widget=forms.Select(attrs={"lang": "da"})
    )

    def __init__(self, *args, organisation_id, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = social_unit(organisation_id)
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["theme_key"].choices = [("", "—"), *themes]


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActionStatus.choices)


class YearForm(DkfdsForm):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    organisation = forms.ModelChoiceField(label=_("Housing organisation"), queryset=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class IntervalForm(DkfdsForm):
    organisation = forms.ModelChoiceField(
        label=_("Housing organisation"), queryset=None, empty_label=None
    )
    interval_months = forms.IntegerField(
        label=_("Interval (months)"),
        min_value=1,
        max_value=60,
        help_text=_(
            "Each department is due an analysis this many months after the last one was held: "
            "12 = once a year."
        ),
        widget=forms.NumberInput(attrs={"class": "input-width-xs"}),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
