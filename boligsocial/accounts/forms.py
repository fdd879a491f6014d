"""Forms of user administration. They parse and validate; `services` writes. The choices come
from what the acting user may do (`access`, `grants`), so a forged value is a form error."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligsocial.accounts import access, grants, selectors
from boligsocial.core.forms import DkfdsForm, date_field
from boligsocial.organisations.models import Municipality
from boligsocial.organisations.roles import Role

SCOPE_MESSAGES = {
    "global_has_target": _(
        "An administrator has access to everything: choose no organisation, department or "
        "municipality."
    ),
    "municipal_has_housing": _(
        "A municipal coordinator belongs to a municipality: choose no organisation or department."
    ),
    "municipality_required": _("Choose the municipality of the municipal coordinator."),
    "municipality_not_allowed": _("Only a municipal coordinator belongs to a municipality."),
    "department_not_in_organisation": _("The department does not belong to the organisation."),
    "department_not_allowed": _(
        "This role covers the whole organisation: choose the organisation and no department."
    ),
    "organisation_required": _("Choose the organisation."),
    "department_required": _("Choose the department."),
}


def role_choices(roles) -> list[tuple[str, str]]:
    labels = dict(Role.choices)
    return [(r, labels[r]) for r in roles]


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.organisation.name}: {obj.number} {obj.name}"


class InviteForm(DkfdsForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_(
            "The invitation is sent here. If the person already has a user with this address, "
            "they get the new role on that user."
        ),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"))
    organisation = forms.ModelChoiceField(
        label=_("Housing organisation"),
        queryset=None,
        required=False,
        empty_label=_("Choose an organisation"),
    )
    department = DepartmentChoiceField(
        label=_("Department"),
        queryset=None,
        required=False,
        empty_label=_("No department (the whole organisation)"),
        help_text=_("Only for a department board, or a caretaker of one department."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("No municipality"),
        help_text=_("Only for a municipal coordinator."),
    )
    appointed_on = date_field(
        _("Appointed on"),
        help_text=_("For a board member: the day of the election. Used by the yearly review."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        who = access.actor_of(actor)
        self.fields["role"].choices = [
            ("", _("Choose a role")),
            *role_choices(grants.grantable_roles(who)),
        ]
        organisations = access.people_organisations(actor).order_by("name")
        self.fields["organisation"].queryset = organisations
        self.fields["department"].queryset = access.invitable_departments(actor).order_by(
            "organisation__name", "number"
        )
        if not who.is_admin:
            del self.fields["municipality"]
        if not self.is_bound:
            self.initial.setdefault("appointed_on", timezone.localdate())

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if not role or any(
            f in self.errors for f in ("organisation", "department", "municipality")
        ):
            return data
        organisation, department = data.get("organisation"), data.get("department")
        municipality = data.get("municipality")
        try:
            kind = grants.resolve_scope(
                role,
                organisation_id=organisation.pk if organisation else None,
                department_id=department.pk if department else None,
                department_org_id=department.organisation_id if department else None,
                municipality_id=municipality.pk if municipality else None,
            )
        except grants.ScopeError as error:
            field = error.field if error.field in self.fields else None
            self.add_error(field, SCOPE_MESSAGES[error.code])
            return data
        org_id = department.organisation_id if department else organisation and organisation.pk
        if not grants.may_grant(access.actor_of(self.actor), role, org_id):
            self.add_error("role", _("You cannot give this role there."))
        data["scope_kind"] = kind
        return data


class ChangeRoleForm(DkfdsForm):
    role = forms.ChoiceField(label=_("New role"), widget=forms.RadioSelect)

    def __init__(self, *args, actor, membership, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = grants.roles_for_scope(
            access.actor_of(actor),
            membership.scope_kind,
            access.membership_org_id(membership),
        )
        self.fields["role"].choices = role_choices(r for r in allowed if r != membership.role)


class PeopleFilterForm(forms.Form):
    """The filters of the people list (GET). Invalid values are ignored, not an error."""

    organisation = forms.ModelChoiceField(
        label=_("Housing organisation"),
        queryset=None,
        required=False,
        empty_label=_("All organisations"),
    )
    role = forms.ChoiceField(label=_("Role"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = access.people_organisations(actor).order_by("name")
        self.fields["role"].choices = [("", _("All roles")), *Role.choices]
        self.fields["status"].choices = [("", _("All")), *selectors.STATUS_CHOICES]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "organisation_id": data["organisation"].pk if data["organisation"] else None,
            "role": data["role"],
            "status": data["status"],
        }
