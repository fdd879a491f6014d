from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from boligsocial.core.forms import DkfdsForm, date_field
from boligsocial.organisations.models import Lease
from boligsocial.organisations.roles import Role
from boligsocial.visits.models import FollowUpKind
from boligsocial.visits.services import ASSIGNABLE_ROLES


def assignable(organisation_id):
    """Staff and caretakers of the organisation (caretakers may be scoped to a department)."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(memberships__organisation_id=organisation_id, memberships__role__in=ASSIGNABLE_ROLES)
            | Q(
                memberships__department__organisation_id=organisation_id,
                memberships__role=Role.CARETAKER,
            )
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _name(user) -> str:
    return user.get_full_name() or user.username


def addresses_of(department) -> list[tuple[str, str]]:
    rows = (
        Lease.objects.filter(department=department)
        .order_by("address")
        .values_list("address", flat=True)
        .distinct()
    )
    return [(a, a) for a in rows]


class CampaignForm(DkfdsForm):
    name = forms.CharField(label=_("Name of the campaign"), max_length=200)
    purpose = forms.CharField(
        label=_("What the visit is for"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Printed in the notice letter to every lease."),
    )
    starts_on = date_field(_("First day of visits"))
    ends_on = date_field(_("Last day of visits"))
    addresses = forms.MultipleChoiceField(
        label=_("Buildings or staircases"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every lease of the department."),
    )
    staff = forms.ModelMultipleChoiceField(
        label=_("Staff and caretakers on the campaign"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kits_stock = forms.IntegerField(
        label=_("Kits in stock"), min_value=0, max_value=100_000, initial=0
    )

    def __init__(self, *args, department, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addresses"].choices = addresses_of(department)
        self.fields["staff"].queryset = assignable(department.organisation_id)
        self.fields["staff"].label_from_instance = _name


class AssignForm(DkfdsForm):
    user = forms.ModelChoiceField(label=_("Assign to"), queryset=get_user_model().objects.none())
    addresses = forms.MultipleChoiceField(
        label=_("Addresses"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every lease of the campaign."),
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = assignable(campaign.organisation_id)
        self.fields["user"].label_from_instance = _name
        rows = (
            Lease.objects.filter(visits__campaign=campaign)
            .order_by("address")
            .values_list("address", flat=True)
            .distinct()
        )
        self.fields["addresses"].choices = [(a, a) for a in rows]


class FollowUpForm(DkfdsForm):
    question_key = forms.ChoiceField(label=_("Checklist item"))
    kind = forms.ChoiceField(label=_("Follow-up"), choices=FollowUpKind.choices)
    title = forms.CharField(label=_("What is to be done"), max_length=300)
    due_date = date_field(_("Due date"), required=False)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question_key"].choices = [(q.key, q.text) for q in questions]
        self.fields["question_key"].widget.attrs["lang"] = "da"  # the checklist's Danish texts
