"""The filters of the case lists, shared by the pages (through `core.listing`) and the API (through
core.strictfilters.StrictFilterBackend): one FilterSet, one meaning of each query parameter.

On a page an invalid value is ignored (the list shows the other filters' result); the API answers
it with a 400 and a Danish message. An id outside the user's scope simply matches nothing."""

from datetime import datetime, time, timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from boligsocial.audit.models import ChangeAction
from boligsocial.cases import services
from boligsocial.cases.models import (
    OPEN_STATUSES,
    Case,
    CaseKind,
    Category,
    Priority,
    Status,
    Track,
)
from boligsocial.core.forms import DATE_FORMATS, DateInput, DkfdsForm
from boligsocial.core.rest import IdFilter

MAX_SEARCH_LENGTH = 100
ALL = _("All")
DEADLINES = [
    ("open", _("Open cases")),
    ("overdue", _("Overdue")),
    ("due_soon", _("Due soon")),
    ("all", _("All cases, closed ones too")),
]


def _start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class AssigneeField(forms.CharField):
    """A case worker's id, "me" or "none"."""

    default_error_messages = {"invalid": _("Enter a user id, “me” or “none”.")}

    def to_python(self, value):
        value = super().to_python(value).strip()
        if value in ("", "me", "none"):
            return value
        if not value.isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class AssigneeFilter(filters.CharFilter):
    field_class = AssigneeField


class CaseFilter(filters.FilterSet):
    status = filters.ChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        empty_label=ALL,
        help_text=_("Only cases in this status."),
    )
    open = filters.BooleanFilter(
        method="filter_open", help_text=_("true: only open cases; false: only closed ones.")
    )
    kind = filters.ChoiceFilter(
        label=_("Type"),
        choices=CaseKind.choices,
        empty_label=ALL,
        help_text=_("Only cases of this type."),
    )
    track = filters.ChoiceFilter(
        label=_("Track"),
        choices=Track.choices,
        empty_label=ALL,
        help_text=_("Only cases on this track."),
    )
    category = filters.ChoiceFilter(
        label=_("Category"),
        choices=Category.choices,
        empty_label=ALL,
        help_text=_("Only cases in this category."),
    )
    priority = filters.ChoiceFilter(
        choices=Priority.choices, help_text=_("Only cases with this priority.")
    )
    department = IdFilter(
        label=_("Department"), field_name="department__id", help_text=_("Only this department.")
    )
    assignee = IdFilter(
        label=_("Assignee"),
        field_name="assignee__id",
        help_text=_("Only this case worker's cases."),
    )
    overdue = filters.BooleanFilter(
        method="filter_overdue",
        help_text=_("true: only open cases whose next deadline has passed."),
    )
    due_soon = filters.BooleanFilter(
        method="filter_due_soon",
        help_text=_("true: only open cases whose next deadline falls within the next few days."),
    )
    received_from = filters.DateFilter(
        method="filter_received_from", help_text=_("Received on or after this date.")
    )
    received_to = filters.DateFilter(
        method="filter_received_to", help_text=_("Received on or before this date.")
    )
    search = filters.CharFilter(
        method="filter_search",
        max_length=MAX_SEARCH_LENGTH,
        help_text=_("Text in the reference, the address or a party's name."),
    )

    class Meta:
        model = Case
        fields = [
            "status",
            "open",
            "kind",
            "track",
            "category",
            "priority",
            "department",
            "assignee",
            "overdue",
            "due_soon",
            "received_from",
            "received_to",
            "search",
        ]

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        # A positive IN list (not "status != closed"), so the (organisation, status, …) index
        # narrows the rows before the other conditions are checked.
        if value:
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=Status.CLOSED)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = services.overdue(queryset)
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_due_soon(self, queryset, name, value):
        if value is None:
            return queryset
        soon = services.due_soon(queryset)
        return soon if value else queryset.exclude(pk__in=soon.values("pk"))

    def filter_received_from(self, queryset, name, value):
        return queryset.filter(received_at__gte=_start_of(value))

    def filter_received_to(self, queryset, name, value):
        return queryset.filter(received_at__lt=_start_of(value + timedelta(days=1)))

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # reference, address or a party's name: one LIKE on Case.search_text (lower-cased)
        return queryset.filter(search_text__contains=value.lower())


class CaseListFilter(CaseFilter):
    """The case list page's filters: the API's, with the case worker also as "me" or "none" and
    one deadline box (overdue / due soon / open) for the API's `overdue`, `due_soon` and
    `open`."""

    assignee = AssigneeFilter(label=_("Assignee"), method="filter_assignee")
    deadline = filters.ChoiceFilter(
        label=_("Show"), choices=DEADLINES, empty_label=None, method="filter_deadline"
    )

    class Meta(CaseFilter.Meta):
        fields = [*CaseFilter.Meta.fields, "deadline"]

    def __init__(self, *args, department_choices=None, assignee_choices=None, **kwargs):
        """A page passes the departments and case workers its boxes offer (callables giving
        (value, label) pairs): a value outside them is then invalid, so ignored, as on any page.
        The API passes none: any id is accepted and one outside the user's scope matches
        nothing."""
        super().__init__(*args, **kwargs)
        if department_choices is not None:
            self._offer("department", department_choices, field_name="department__id")
        if assignee_choices is not None:
            self._offer("assignee", assignee_choices, method="filter_assignee")

    def _offer(self, name: str, choices, **kwargs) -> None:
        old = self.filters[name]
        offered = filters.ChoiceFilter(label=old.label, choices=choices, empty_label=ALL, **kwargs)
        offered.model, offered.parent = old.model, self
        self.filters[name] = offered

    def filter_assignee(self, queryset, name, value):
        if value in ("", None):
            return queryset
        if value == "me":
            user = getattr(self.request, "user", None)
            return queryset.filter(assignee=user) if user else queryset.none()
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee_id=int(value))

    def filter_deadline(self, queryset, name, value):
        if value == "overdue":
            return services.overdue(queryset)
        if value == "due_soon":
            return services.due_soon(queryset)
        if value == "all":
            return queryset
        return queryset.filter(status__in=OPEN_STATUSES)


def _date_filter(label, lookup: str) -> filters.DateFilter:
    return filters.DateFilter(
        label=label,
        field_name="at",
        lookup_expr=lookup,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={"invalid": _("Enter a date, e.g. 24-03-2026.")},
    )


class _LogFilter(filters.FilterSet):
    """What the access and change logs share: who (by user name or name), from and to a day.
    `USER_FIELD` names the log's user field."""

    USER_FIELD = "user"

    user = filters.CharFilter(label=_("User"), max_length=150, method="filter_user")
    date_from = _date_filter(_("From"), "date__gte")
    date_to = _date_filter(_("To"), "date__lte")

    class Meta:
        form = DkfdsForm

    def filter_user(self, queryset, name, value):
        field = self.USER_FIELD
        return queryset.filter(
            Q(**{f"{field}__username__icontains": value})
            | Q(**{f"{field}__first_name__icontains": value})
            | Q(**{f"{field}__last_name__icontains": value})
        )


class AccessLogFilter(_LogFilter):
    """The access log's search: who read, which case, from and to a day."""

    case = filters.CharFilter(
        label=_("Case reference"), max_length=40, field_name="object_repr", lookup_expr="icontains"
    )


class ChangeLogFilter(_LogFilter):
    """The change log's search: who changed, which object, which action, from and to a day."""

    USER_FIELD = "actor"

    object = filters.CharFilter(
        label=_("Object"), max_length=100, field_name="object_repr", lookup_expr="icontains"
    )
    action = filters.ChoiceFilter(label=_("Action"), choices=ChangeAction.choices, empty_label=ALL)
