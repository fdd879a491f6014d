"""Forms of the case pages (the public complaint form and the quick report: `intake_forms`).

Forms only parse and validate input; writing is done by `cases.services`. Choices are read from
the model fields so the forms and the models cannot drift apart."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligsocial.cases import models
from boligsocial.core.forms import DkfdsForm, choices, date_field, datetime_field

#: Leases a search shows at most (narrow the search to find others).
LEASE_RESULTS = 20


def search_leases(leases, department, query: str):
    """The department's leases whose address (with floor and door) contains every word of
    `query`, in address order, at most LEASE_RESULTS: the lease picker's search (with and
    without JavaScript)."""
    from django.db.models import Q

    words = query.replace(",", " ").split()[:6]
    if department is None or not words:
        return []
    found = leases.filter(department=department)
    for word in words:
        found = found.filter(Q(address__icontains=word) | Q(unit__icontains=word))
    return list(found.order_by("address", "unit")[:LEASE_RESULTS])


class LeasePicker(forms.Widget):
    """The lease as a search over the chosen department's leases (never all of them in one
    list): the chosen lease, a search box (htmx asks `cases:lease_search` as you type; without
    JavaScript the "Search" button posts the form, which comes back with the results), and the
    matching leases as radio buttons."""

    template_name = "cases/widgets/lease_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.selected = None
        self.results = []
        self.query = ""
        self.department_chosen = False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = self.selected
        context["widget"].update(
            selected=chosen,
            results=[lease for lease in self.results if chosen is None or lease.pk != chosen.pk],
            query=self.query,
            searched=bool(self.query),
            department_chosen=self.department_chosen,
            limit=LEASE_RESULTS,
        )
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name) or None

    def value_omitted_from_data(self, data, files, name):
        return name not in data


class CaseForm(DkfdsForm):
    """Open or edit a case. `version` carries the version the user started from."""

    kind = forms.ChoiceField(label=_("Type"))
    track = forms.ChoiceField(label=_("Track"))
    category = forms.ChoiceField(label=_("Category"))
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=None,
        empty_label=_("Choose department"),
        error_messages={"required": _("Choose the department.")},
    )
    lease = forms.ModelChoiceField(
        label=_("Lease"),
        queryset=None,
        required=False,
        widget=LeasePicker,
        help_text=_(
            "Search the chosen department's leases by address. If you choose a lease, its "
            "address is used."
        ),
        error_messages={"invalid_choice": _("Choose a lease in the chosen department.")},
    )
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    priority = forms.ChoiceField(label=_("Priority"))
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), queryset=None, required=False, empty_label=_("Nobody")
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )
    dangerous_conduct = forms.BooleanField(
        label=_("Dangerous to people or property"),
        required=False,
        help_text=_(
            "E.g. weapons or dangerous materials. Such a case can go to the tenants' complaints "
            "board without a prior warning."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # What the form showed when it was loaded (signed; cases/views/conflict.py): on a conflict
    # the user's own changes are told apart from the values someone else saved meanwhile.
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    EDITABLE = (
        "kind",
        "track",
        "category",
        "department",
        "lease",
        "address",
        "priority",
        "assignee",
        "description",
        "dangerous_conduct",
    )

    def __init__(
        self, *args, departments=None, leases=None, assignees=None, lease_query="", **kwargs
    ):
        super().__init__(*args, **kwargs)
        for name in ("kind", "track", "category", "priority"):
            self.fields[name].choices = choices(models.Case, name)
        self.fields["priority"].initial = "normal"
        self.fields["department"].queryset = departments
        self.fields["department"].widget.attrs.update(
            {
                # A new department: its leases in the picker (the lease chosen before is gone).
                "hx-get": reverse("cases:lease_search"),
                "hx-trigger": "change",
                "hx-target": "#lease-results",
                "hx-include": "[name=lease_q]",
            }
        )
        self.fields["lease"].queryset = leases
        self._prepare_lease_picker(departments, leases, lease_query)
        self.fields["assignee"].queryset = assignees
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.username

    def _raw(self, name):
        if self.is_bound:
            return self.data.get(self.add_prefix(name))
        value = self.initial.get(name, self.fields[name].initial)
        return getattr(value, "pk", value)

    def _prepare_lease_picker(self, departments, leases, query: str) -> None:
        """The chosen lease (one query) and, for a search, the department's matching leases."""
        widget = self.fields["lease"].widget
        widget.query = " ".join((query or "").split())[:100]
        if leases is None:
            return
        lease_id, department_id = str(self._raw("lease") or ""), str(self._raw("department") or "")
        if lease_id.isdigit() and len(lease_id) <= 12:
            widget.selected = leases.filter(pk=int(lease_id)).first()
        department = None
        if department_id.isdigit() and len(department_id) <= 12 and departments is not None:
            department = departments.filter(pk=int(department_id)).first()
        widget.department_chosen = department is not None
        widget.results = search_leases(leases, department, widget.query)

    def clean(self):
        data = super().clean()
        lease, department = data.get("lease"), data.get("department")
        if lease and department and lease.department_id != department.pk:
            self.add_error("lease", _("The lease is not in the chosen department."))
        if not data.get("address") and not lease and "address" not in self.errors:
            data["address"] = ""
        return data

    def changes(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in self.EDITABLE}


class PartyForm(DkfdsForm):
    role = forms.ChoiceField(label=_("Role"))
    name = forms.CharField(label=_("Name"), max_length=200)
    lease = forms.ModelChoiceField(
        label=_("Lease"), queryset=None, required=False, empty_label=_("No lease / not known")
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=200,
        required=False,
        help_text=_("Only when no lease is chosen. Letters to the party are sent here."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, leases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = choices(models.Party, "role")
        self.fields["lease"].queryset = leases


class EventForm(DkfdsForm):
    kind = forms.ChoiceField(label=_("What"))
    occurred_at = datetime_field(_("When"))
    minutes = forms.IntegerField(
        label=_("Time spent (minutes)"), required=False, min_value=0, max_value=24 * 60
    )
    text = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )

    KINDS = ("call", "visit", "letter", "meeting", "note")

    def __init__(self, *args, kinds=KINDS, **kwargs):
        super().__init__(*args, **kwargs)
        every = dict(choices(models.Event, "kind"))
        self.fields["kind"].choices = [(k, every[k]) for k in kinds if k in every]
        if not self.is_bound:
            self.initial.setdefault("occurred_at", timezone.localtime().replace(second=0))

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value and value > timezone.now() + timezone.timedelta(minutes=5):
            raise forms.ValidationError(_("The time cannot be in the future."))
        return value


class ContactForm(EventForm):
    KINDS = ("call", "visit", "meeting", "letter")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, kinds=self.KINDS, **kwargs)
        self.fields["text"].required = False


class StatusForm(DkfdsForm):
    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (s, label) for s, label in choices(models.Case, "status") if s in allowed
        ]


class CloseForm(DkfdsForm):
    outcome = forms.ChoiceField(label=_("Outcome"))
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = choices(
            models.Case, "outcome", blank=_("Choose the outcome")
        )
        self.fields["outcome"].error_messages["required"] = _("Choose the outcome of the case.")


class ReasonForm(DkfdsForm):
    """Confirmation with an optional note (reopen, revoke, legal step)."""

    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AttachmentForm(DkfdsForm):
    file = forms.FileField(
        label=_("File"),
        error_messages={
            "required": _("Choose the file to upload."),
            "empty": _("The file is empty."),
        },
    )


class MediationForm(DkfdsForm):
    """Only that mediation was offered/held, by whom and whether agreement was reached — never
    what was said (domain.md § 5.2)."""

    offered_at = datetime_field(_("Mediation offered"), required=False)
    held_at = datetime_field(_("Mediation held"), required=False)
    mediator = forms.CharField(
        label=_("Mediator(s)"),
        max_length=200,
        required=False,
        help_text=_("Names or e.g. “Boligkonflikten”."),
    )
    agreement = forms.TypedChoiceField(
        label=_("Agreement reached?"),
        required=False,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        choices=[("", _("Not known yet")), ("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
    )

    def clean(self):
        data = super().clean()
        offered, held = data.get("offered_at"), data.get("held_at")
        if held and offered and held < offered:
            self.add_error("held_at", _("The mediation cannot be held before it was offered."))
        if data.get("agreement") is not None and not held:
            self.add_error("held_at", _("Write when the mediation was held."))
        return data


class PresenceDayForm(DkfdsForm):
    date = date_field(_("Date"))
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0, max_value=24, max_digits=4, decimal_places=1
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class CrisisTaskForm(DkfdsForm):
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ShareForm(DkfdsForm):
    user = forms.ModelChoiceField(
        label=_("Municipal user"),
        queryset=None,
        empty_label=_("Choose the person"),
        error_messages={"required": _("Choose who the case is shared with.")},
    )
    reason = forms.ChoiceField(label=_("Basis for sharing"), widget=forms.RadioSelect)
    explanation = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("What the consent covers, or which legal basis and why it applies."),
        error_messages={"required": _("Explain why the case is shared.")},
    )

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.email})" if u.email else u.username
        )
        self.fields["reason"].choices = choices(models.CaseShare, "reason")
        self.fields["reason"].error_messages["required"] = _("Choose the basis for sharing.")


class LetterTemplateForm(DkfdsForm):
    subject = forms.CharField(
        label=_("Subject"), max_length=200, widget=forms.TextInput(attrs={"lang": "da"})
    )
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 16, "lang": "da"}), max_length=20000
    )


class PersonExportForm(DkfdsForm):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    format = forms.ChoiceField(
        label=_("File"),
        required=False,
        initial="pdf",
        widget=forms.RadioSelect,
        choices=[
            ("pdf", _("PDF (to read and hand over)")),
            ("xlsx", _("Excel")),
            ("json", _("JSON (machine-readable)")),
        ],
    )

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in ("name", "email", "phone")):
            raise forms.ValidationError(_("Write a name, an e-mail address or a phone number."))
        return data


class StatisticsFilterForm(DkfdsForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, choices=())
    department = forms.ModelChoiceField(
        label=_("Department"), required=False, queryset=None, empty_label=_("All")
    )
    track = forms.ChoiceField(label=_("Track"), required=False, choices=())
    category = forms.ChoiceField(label=_("Category"), required=False, choices=())
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=())

    def __init__(self, *args, years=(), departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["department"].queryset = departments
        every = _("All")
        for name in ("track", "category", "kind"):
            self.fields[name].choices = choices(models.Case, name, blank=every)
