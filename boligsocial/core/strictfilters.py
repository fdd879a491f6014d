"""The API's filter backend (REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"]).

Kept apart from core/rest.py: DRF reads its filter setting while `rest_framework.generics` is
imported, which core/rest.py itself imports."""

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework.exceptions import ValidationError


class StrictFilterBackend(filters.DjangoFilterBackend):
    """django-filter for the API, refusing what the schema refuses: a yes/no filter is `true`
    or `false` (django-filter reads anything else as "no filter"), and a number filter on a
    whole-number field takes a whole number (not `0.5`). Empty means "no filter", as declared
    (`allowEmptyValue`). A refused value is a 400 naming the parameter, in Danish. The checks
    take django-filter's plain filters too (the rest_framework ones are their subclasses): a
    FilterSet shared with a page is a plain one."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            errors = {}
            for name, declared in filterset_class.base_filters.items():
                value = request.query_params.get(name, "")
                if value == "":
                    continue
                if isinstance(declared, django_filters.BooleanFilter) and value not in (
                    "true",
                    "false",
                ):
                    errors[name] = [_("Write true or false.")]
                elif (
                    isinstance(declared, django_filters.NumberFilter)
                    and _integer_filter(filterset_class, declared)
                    and not value.lstrip("-").isdigit()
                ):
                    errors[name] = [_("Enter a whole number.")]
            if errors:
                raise ValidationError(errors)
        return super().filter_queryset(request, queryset, view)


def _integer_filter(filterset_class, declared) -> bool:
    """A number filter on a whole-number model field whose form field would take a decimal
    (an `IntegerField` form field checks itself, with Django's message)."""
    integer_form_field = issubclass(declared.field_class, forms.IntegerField) and not issubclass(
        declared.field_class,
        forms.DecimalField,  # a DecimalField is an IntegerField in Django
    )
    if integer_form_field:
        return False
    model = filterset_class._meta.model
    try:
        field = model._meta.get_field(declared.field_name.split("__")[0])
    except Exception:
        return False
    return isinstance(field, models.IntegerField) and "__" not in declared.field_name
