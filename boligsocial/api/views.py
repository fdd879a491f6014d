"""The read-only REST API over the housing model, and its OpenAPI schema and docs. The base
classes are core's (core/rest.py).

Every queryset starts from `boligsocial.organisations.access`: an object outside the requesting
user's scope is a 404, the same answer as one that does not exist. Each list endpoint runs a fixed
number of queries (related rows through `select_related`, counts through annotations, id lists
through one prefetch each)."""

from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.filters import SearchFilter
from rest_framework.permissions import IsAuthenticated

from boligsocial.api import serializers
from boligsocial.core.rest import IdFilter, ScopedViewSet, StableOrderingFilter, documented
from boligsocial.core.strictfilters import StrictFilterBackend
from boligsocial.organisations.access import (
    visible_areas,
    visible_departments,
    visible_leases,
    visible_municipalities,
    visible_organisations,
)
from boligsocial.organisations.models import Area, Department, Lease, Municipality, Organisation


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
    filter_backends = [StrictFilterBackend, SearchFilter, StableOrderingFilter]
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
    # The page's language, a title and colours at WCAG contrast (api/static/api/docs.css).
    template_name = "api/swagger_ui.html"
    template_name_js = "api/swagger_ui.js"  # drf-spectacular's start-up script + landmarks
