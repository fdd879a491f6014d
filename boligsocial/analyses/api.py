"""The vulnerability analyses' REST endpoint (read only): the results (scores, band, theme
scores, actions) of the analyses the user may read, as on the pages; the answers' free text,
notes and participants are not part of it."""

from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from boligsocial.analyses import access
from boligsocial.analyses.models import Analysis, FollowUpAction
from boligsocial.core.rest import IdFilter, ScopedViewSet, StableOrderingFilter
from boligsocial.core.strictfilters import StrictFilterBackend


class ActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUpAction
        fields = ["id", "title", "theme_key", "owner", "due_date", "status", "case"]


class AnalysisSerializer(serializers.ModelSerializer):
    actions = ActionSerializer(many=True, read_only=True)
    guide = serializers.CharField(source="guide_version.guide.key", read_only=True)
    guide_version = serializers.IntegerField(source="guide_version.number", read_only=True)

    class Meta:
        model = Analysis
        fields = [
            "id", "department", "organisation", "year", "planned_date", "held_on", "status",
            "guide", "guide_version", "score", "band", "theme_scores", "missing", "actions",
        ]  # fmt: skip


class AnalysisFilter(filters.FilterSet):
    department = IdFilter(field_name="department__id")
    organisation = IdFilter(field_name="organisation__id")
    year = filters.NumberFilter(decimal_places=0)  # a whole year: 2025, not 2025.5
    status = filters.ChoiceFilter(choices=Analysis._meta.get_field("status").choices)

    class Meta:
        model = Analysis
        fields = ["department", "organisation", "year", "status"]


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("List vulnerability analyses"),
        description=gettext_lazy(
            "The analyses whose results you may read: the social unit, the organisation board "
            "and management of the organisation, the department board of the department."
        ),
    ),
    retrieve=extend_schema(summary=gettext_lazy("Get one vulnerability analysis")),
)
class AnalysisViewSet(ScopedViewSet):
    queryset = Analysis.objects.none()
    serializer_class = AnalysisSerializer
    filterset_class = AnalysisFilter
    filter_backends = [StrictFilterBackend, StableOrderingFilter]
    ordering_fields = ["year", "planned_date", "score"]
    ordering = ["-year", "pk"]

    def get_queryset(self):
        return (
            access.visible_analyses(self.request.user)
            .select_related("guide_version__guide")
            .prefetch_related("actions")
            .order_by("-year", "pk")
        )
