"""The walk list's filters, shared by the page and the API (core/listing.py)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from boligsocial.walks.models import Walk, WalkStatus


class WalkFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        field_name="title", lookup_expr="icontains", label=_("Search")
    )
    status = django_filters.ChoiceFilter(
        choices=WalkStatus.choices,
        label=_("Status"),
        empty_label=_("All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    class Meta:
        model = Walk
        fields = ["search", "status"]
