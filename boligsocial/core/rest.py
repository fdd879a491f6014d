"""The base classes of every REST endpoint (the `api` app keeps the URLs and the schema).

An endpoint's queryset starts from its app's access module: an object outside the user's scope
is a 404, the same answer, with the same body, as one that does not exist or a malformed id."""

from django import forms
from django.http import Http404
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound
from rest_framework.filters import OrderingFilter
from rest_framework.viewsets import ReadOnlyModelViewSet


class IdFilter(filters.NumberFilter):
    """Filter on a foreign key by its id. An id the user cannot see, or one that does not exist,
    gives an empty list rather than an error, so the answer tells nothing about other data.
    (`field_name` names the target's key, e.g. `organisation__id`, so the schema says integer.)"""

    field_class = forms.IntegerField


class StableOrderingFilter(OrderingFilter):
    """Ordering chosen by the client, with the primary key as tie-breaker so that pages are
    stable."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        return [*ordering, "pk"] if ordering else ordering


class NotFoundAsApiError:
    """Mixin for viewsets: any miss of `get_object` (absent, out of scope, malformed id) is the
    same 404 with the same body."""

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise NotFound() from None


class ScopedViewSet(NotFoundAsApiError, ReadOnlyModelViewSet):
    """A read-only viewset whose detail lookups go through `get_queryset` (the access module)."""


def documented(*, list_summary, detail_summary, description):
    """OpenAPI texts for a read-only viewset, translated like the rest of the interface."""
    return extend_schema_view(
        list=extend_schema(summary=list_summary, description=description),
        retrieve=extend_schema(summary=detail_summary, description=description),
    )
