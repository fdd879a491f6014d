"""The catalogue's FilterSet, shared by the list page and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from boligsocial.catalogue.models import Evidence, Intervention, LbfArea


class InterventionFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", label=_("Search"))
    area = django_filters.ModelChoiceFilter(
        field_name="areas",
        queryset=LbfArea.objects.select_related("period").order_by(
            "-period__first_year", "position"
        ),
        label=_("Area of work"),
        empty_label=_("All areas"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    evidence = django_filters.ChoiceFilter(
        choices=Evidence.choices,
        label=_("Evidence level"),
        empty_label=_("All levels"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    local = django_filters.BooleanFilter(
        field_name="organisation", lookup_expr="isnull", exclude=True, label=_("Local only")
    )

    class Meta:
        model = Intervention
        fields = ["search", "area", "evidence", "local"]

    def filter_search(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(description__icontains=value)
            | Q(target_group__icontains=value)
        )
