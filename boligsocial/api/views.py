"""The read-only REST API over the housing model, and its OpenAPI schema and docs.

Every queryset starts from `boligsocial.organisations.access`: an object outside the requesting
user's scope is a 404, the same answer as one that does not exist. Each list endpoint runs a fixed
number of queries (related rows through `select_related`, counts through annotations, id lists
through one prefetch each)."""

from django import forms
from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.permissions import IsAuthenticated
from rest_framework.viewsets import ReadOnlyModelViewSet

from boligsocial.api import serializers
from boligsocial.organisations.access import (
    visible_areas,
    visible_departments,
    visible_leases,
    visible_municipalities,
    visible_organisations,
)
from boligsocial.organisations.models import Area, Department, Lease, Municipality, Organisation


class IdFilter(filters.NumberFilter):
    """Filter on a foreign key by its id. An id the user cannot see, or one that does not exist,
    gives an empty list rather than an error, so the answer tells nothing about other data.
    (`field_name` names the target's key, e.g. `organisation__id`, so the schema says integer.)"""

    field_class = forms.IntegerField


class DepartmentFilter(filters.FilterSet):
    organisation = IdFilter(
        field_name="organisation__id", help_text=_("Only departments of this housing organisation.")
    )
    municipality = IdFilter(
        field_name="municipality__code",
        help_text=_("Only departments in this municipality (code)."),
    )

    class Meta:
        model = Department
        fields = ["organisation", "municipality"]


class LeaseFilter(filters.FilterSet):
    department = IdFilter(
        field_name="department__id", help_text=_("Only leases of this department.")
    )

    class Meta:
        model = Lease
        fields = ["department"]


class StableOrderingFilter(OrderingFilter):
    """Ordering chosen by the client, with the primary key as tie-breaker so that pages are
    stable."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        return [*ordering, "pk"] if ordering else ordering


class ScopedViewSet(ReadOnlyModelViewSet):
    """Detail lookups go through `get_queryset` (the access module). Whether the object does not
    exist, lies outside the user's scope or the id is malformed, the answer is the same 404 with
    the same body."""

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise NotFound() from None


def documented(*, list_summary, detail_summary, description):
    """OpenAPI texts for a read-only viewset, translated like the rest of the interface."""
    return extend_schema_view(
        list=extend_schema(summary=list_summary, description=description),
        retrieve=extend_schema(summary=detail_summary, description=description),
    )


@documented(
    list_summary=_("List municipalities"),
    detail_summary=_("Get one municipality by its code"),
    description=_("The municipalities you have access to."),
)
class MunicipalityViewSet(ScopedViewSet):
    queryset = Municipality.objects.none()  # for schema generation; see get_queryset
    serializer_class = serializers.MunicipalitySerializer  # detail by code: it is the primary key

    def get_queryset(self):
        return visible_municipalities(self.request.user).select_related("region")


@documented(
    list_summary=_("List housing organisations"),
    detail_summary=_("Get one housing organisation"),
    description=_("The housing organisations you have access to."),
)
class OrganisationViewSet(ScopedViewSet):
    queryset = Organisation.objects.none()
    serializer_class = serializers.OrganisationSerializer

    def get_queryset(self):
        return (
            visible_organisations(self.request.user)
            .annotate(department_count=Count("departments", distinct=True))
            .order_by("name", "id")  # an aggregate drops Meta.ordering
        )


@documented(
    list_summary=_("List departments"),
    detail_summary=_("Get one department"),
    description=_("The departments you have access to."),
)
class DepartmentViewSet(ScopedViewSet):
    queryset = Department.objects.none()
    serializer_class = serializers.DepartmentSerializer
    filter_backends = [filters.DjangoFilterBackend, SearchFilter, StableOrderingFilter]
    filterset_class = DepartmentFilter
    search_fields = ["name", "address"]
    ordering_fields = ["number", "name", "lease_count"]

    def get_queryset(self):
        user = self.request.user
        areas = visible_areas(user).only("id").order_by("id")
        return (
            visible_departments(user)
            .select_related("organisation")
            .prefetch_related(Prefetch("areas", queryset=areas))
        )


@documented(
    list_summary=_("List housing areas"),
    detail_summary=_("Get one housing area"),
    description=_(
        "The housing areas you have access to. An area may span departments of several housing "
        "organisations: `departments` lists only those you have access to, "
        "`department_count_total` counts them all."
    ),
)
class AreaViewSet(ScopedViewSet):
    queryset = Area.objects.none()
    serializer_class = serializers.AreaSerializer

    def get_queryset(self):
        user = self.request.user
        departments = visible_departments(user).only("id").order_by("id")
        return (
            visible_areas(user)
            .annotate(department_count_total=Count("departments", distinct=True))
            .order_by("municipality__name", "name", "id")  # an aggregate drops Meta.ordering
            .prefetch_related(Prefetch("departments", queryset=departments))
        )


@documented(
    list_summary=_("List leases"),
    detail_summary=_("Get one lease"),
    description=_(
        "The leases you have access to. Roles without access to lease lists get an empty list."
    ),
)
class LeaseViewSet(ScopedViewSet):
    queryset = Lease.objects.none()
    serializer_class = serializers.LeaseSerializer
    filterset_class = LeaseFilter

    def get_queryset(self):
        return visible_leases(self.request.user)


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 description; like the API itself, only for logged-in users."""

    permission_classes = [IsAuthenticated]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the vendored sidecar assets. The split view serves its start-up script as a
    separate file (`?script`), so the page needs no inline script under our Content-Security-
    Policy."""

    permission_classes = [IsAuthenticated]
    url_name = "api:schema"
