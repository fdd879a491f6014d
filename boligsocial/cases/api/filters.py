"""Query-string filters of the case list. An unknown choice, a malformed id or date is a 400 with
a Danish message; an id outside the user's scope simply matches nothing."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

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

MAX_SEARCH_LENGTH = 100


class IdFilter(filters.NumberFilter):
    """A foreign key by its id (the schema says integer)."""

    field_class = forms.IntegerField


def _start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class CaseFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=Status.choices, help_text=_("Only cases in this status."))
    open = filters.BooleanFilter(
        method="filter_open", help_text=_("true: only open cases; false: only closed ones.")
    )
    kind = filters.ChoiceFilter(choices=CaseKind.choices, help_text=_("Only cases of this type."))
    track = filters.ChoiceFilter(choices=Track.choices, help_text=_("Only cases on this track."))
    category = filters.ChoiceFilter(
        choices=Category.choices, help_text=_("Only cases in this category.")
    )
    priority = filters.ChoiceFilter(
        choices=Priority.choices, help_text=_("Only cases with this priority.")
    )
    department = IdFilter(field_name="department__id", help_text=_("Only this department."))
    assignee = IdFilter(field_name="assignee__id", help_text=_("Only this case worker's cases."))
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
