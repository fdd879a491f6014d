"""The coordination REST API (issue 17, part 9), read-only, same access as the pages:
`/api/v1/efforts/`, `/api/v1/target-groups/`, `/api/v1/coordination/overlaps/`,
`/api/v1/coordination/gaps/` (filters `municipality` (code, required for the last two), `area`,
`from`, `to`) and `/api/v1/coordination/map/` (GeoJSON of departments and areas with light)."""

from datetime import date

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from boligsocial.coordination import access, picture, selectors
from boligsocial.coordination.models import Effort, TargetGroup
from boligsocial.core import permissions
from boligsocial.core.rest import NOT_FOUND, ScopedViewSet, documented
from boligsocial.organisations.access import visible_municipalities

PARAMS = [
    OpenApiParameter("municipality", OpenApiTypes.INT, description=_("Municipality code")),
    OpenApiParameter("area", OpenApiTypes.INT, description=_("Housing area id")),
    OpenApiParameter("from", OpenApiTypes.DATE, description=_("Period from (inclusive)")),
    OpenApiParameter("to", OpenApiTypes.DATE, description=_("Period to (inclusive)")),
]
#: The picture's endpoints (overlaps, gaps, map) are of one municipality: its code is required.
PICTURE_PARAMS = [
    OpenApiParameter(
        "municipality", OpenApiTypes.INT, required=True, description=_("Municipality code")
    ),
    *PARAMS[1:],
]


def _int(request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    if not value.isdigit() or len(value) > 9:
        raise ValidationError({name: ["Skriv et helt tal."]})
    return int(value)


def _date(request, name: str) -> date | None:
    value = request.query_params.get(name)
    if value is None:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise ValidationError({name: ["Skriv en dato som ÅÅÅÅ-MM-DD."]}) from None
    if not 1900 <= parsed.year <= 2200:
        raise ValidationError({name: ["Datoen ligger uden for det mulige."]})
    return parsed


def _municipality(request, required: bool = True):
    code = _int(request, "municipality")
    if code is None:
        if required:
            raise ValidationError({"municipality": ["Angiv kommunekoden, fx 751."]})
        return None
    m = visible_municipalities(request.user).filter(code=code).first()
    if m is None or not permissions.can(request.user, access.VIEW, m):
        raise NotFound()
    return m


def _filtered(request, qs):
    start, end = _date(request, "from"), _date(request, "to")
    if start and end and end < start:
        raise ValidationError({"to": ["Slutdatoen ligger før startdatoen."]})
    qs = selectors.in_period(qs, start, end)
    area = _int(request, "area")
    if area is not None:
        qs = qs.filter(area_id=area) | qs.filter(department__areas=area)
    return qs.distinct()


class TargetGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetGroup
        fields = ["id", "name", "kind", "age_min", "age_max", "description"]


class EffortSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner_label", read_only=True)
    place = serializers.CharField(source="place_label", read_only=True)
    budget = serializers.SerializerMethodField()

    class Meta:
        model = Effort
        fields = [
            "id",
            "municipality",
            "name",
            "source",
            "activity",
            "owner_kind",
            "owner_organisation",
            "owner",
            "contact_name",
            "contact_email",
            "contact_phone",
            "target_groups",
            "themes",
            "place_kind",
            "department",
            "area",
            "district",
            "place",
            "starts_on",
            "ends_on",
            "budget",
            "version",
        ]

    def get_budget(self, obj) -> str | None:
        """The budget per year, only for the owner and the municipal coordinator."""
        request = self.context.get("request")
        if obj.budget is None or not permissions.can(request.user, access.SEE_BUDGET, obj):
            return None
        return str(obj.budget)


@documented(
    list_summary=_("List target groups"),
    detail_summary=_("Show a target group"),
    description=_("The shared vocabulary of target groups: age band (inclusive) and kind."),
)
class TargetGroupViewSet(ScopedViewSet):
    serializer_class = TargetGroupSerializer

    def get_queryset(self):
        return TargetGroup.objects.all()


@extend_schema(parameters=PARAMS)
@documented(
    list_summary=_("List efforts"),
    detail_summary=_("Show an effort"),
    description=_(
        "Efforts of every owner in the municipalities whose coordination you take part in."
    ),
)
class EffortViewSet(ScopedViewSet):
    serializer_class = EffortSerializer

    def get_queryset(self):
        qs = (
            access.visible_efforts(self.request.user)
            .select_related("owner_organisation", "department", "area", "district", "municipality")
            .prefetch_related("target_groups")
            .order_by("pk")
        )
        if self.action == "list":
            m = _municipality(self.request, required=False)
            if m is not None:
                qs = qs.filter(municipality=m)
            qs = _filtered(self.request, qs)
        return qs


def _bundle(request) -> picture.Bundle:
    """The picture of the municipality and period: from the shared cache; with an area filter,
    computed from the efforts of that area only."""
    m = _municipality(request)
    start, end = _date(request, "from"), _date(request, "to")
    if start and end and end < start:
        raise ValidationError({"to": ["Slutdatoen ligger før startdatoen."]})
    if _int(request, "area") is None:
        return picture.bundle(m, start, end)
    return picture.compute(
        m, start, end, qs=_filtered(request, Effort.objects.filter(municipality=m))
    )


OVERLAP = inline_serializer(
    "CoordinationOverlap",
    many=True,
    fields={
        "effort_a": serializers.IntegerField(),
        "effort_b": serializers.IntegerField(),
        "owner_a": serializers.CharField(),
        "owner_b": serializers.CharField(),
        "target_groups": serializers.ListField(child=serializers.CharField()),
        "departments": serializers.ListField(child=serializers.CharField()),
        "starts_on": serializers.DateField(),
        "ends_on": serializers.DateField(allow_null=True),
        "state": serializers.ChoiceField(["open", "reopened", "coordinated", "duplicate"]),
    },
)
GAP = inline_serializer(
    "CoordinationGap",
    many=True,
    fields={
        "kind": serializers.ChoiceField(["department", "area"]),
        "id": serializers.IntegerField(),
        "name": serializers.CharField(),
        "reasons": serializers.ListField(child=serializers.CharField()),
        "missing_themes": serializers.ListField(child=serializers.CharField()),
    },
)


class OverlapViewSet(viewsets.ViewSet):
    @extend_schema(
        summary=_("List overlaps"),
        parameters=PICTURE_PARAMS,
        responses={200: OVERLAP, 404: NOT_FOUND},
        description=_("The overlapping efforts of a municipality with their decision state."),
    )
    def list(self, request):
        bundle = _bundle(request)
        return Response(
            [
                {
                    "effort_a": r.a.pk,
                    "effort_b": r.b.pk,
                    "owner_a": r.a.owner_label,
                    "owner_b": r.b.owner_label,
                    "target_groups": r.groups,
                    "departments": r.departments,
                    "starts_on": r.overlap.starts_on,
                    "ends_on": r.overlap.ends_on,
                    "state": r.state,
                }
                for r in bundle.overlaps
            ]
        )


class GapViewSet(viewsets.ViewSet):
    @extend_schema(
        summary=_("List gaps"),
        parameters=PICTURE_PARAMS,
        responses={200: GAP, 404: NOT_FOUND},
        description=_("Departments and areas that need an effort and have none aimed at them."),
    )
    def list(self, request):
        bundle = _bundle(request)
        return Response(
            [
                {
                    "kind": g.kind,
                    "id": g.place.pk,
                    "name": str(g.place),
                    "reasons": g.reasons,
                    "missing_themes": list(g.gap.missing_themes),
                }
                for g in bundle.gaps
            ]
        )


class MapViewSet(viewsets.ViewSet):
    @extend_schema(
        summary=_("Map of departments and areas"),
        parameters=PICTURE_PARAMS[:1],
        responses={200: OpenApiTypes.OBJECT, 404: NOT_FOUND},
        description=_(
            "GeoJSON FeatureCollection: departments with coordinates and areas with their latest "
            "traffic light. An area is the convex hull of its departments' points (approximate; "
            "properties.centre is their middle), or a point when they give no outline."
        ),
    )
    def list(self, request):
        m = _municipality(request)
        # Encoded once per change, compactly, rather than by the renderer on every request.
        return HttpResponse(picture.places_geojson_bytes(m), content_type="application/json")
