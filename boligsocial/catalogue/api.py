"""The catalogue REST API: `/api/v1/interventions/` (read), with the list page's FilterSet."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from boligsocial.catalogue import access, selectors
from boligsocial.catalogue.filters import InterventionFilter
from boligsocial.catalogue.models import Intervention
from boligsocial.core.rest import ScopedViewSet, StableOrderingFilter, documented
from boligsocial.core.strictfilters import StrictFilterBackend


class InterventionSerializer(serializers.ModelSerializer):
    areas = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    main_area = serializers.SlugRelatedField(read_only=True, slug_field="name")
    indicators = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    evidence = serializers.CharField(source="shown_evidence", read_only=True)
    is_local = serializers.BooleanField(read_only=True)
    cost = serializers.SerializerMethodField()

    class Meta:
        model = Intervention
        fields = [
            "id",
            "number",
            "name",
            "main_area",
            "areas",
            "age_band",
            "target_group",
            "evidence",
            "evidence_uncertain",
            "evidence_sources",
            "cfbu_checked",
            "description",
            "cost",
            "cost_source",
            "indicators",
            "is_local",
            "organisation",
        ]

    def get_cost(self, obj) -> str | None:
        """None where no source gives a cost (unknown, never 0)."""
        return obj.cost or None


@documented(
    list_summary=_("List interventions"),
    detail_summary=_("Get an intervention"),
    description=_(
        "The intervention catalogue: the seeded interventions and the local ones of the "
        "organisations you see. A cost is null where no source gives one."
    ),
)
class InterventionViewSet(ScopedViewSet):
    queryset = Intervention.objects.none()
    serializer_class = InterventionSerializer
    filterset_class = InterventionFilter
    filter_backends = [StrictFilterBackend, StableOrderingFilter]
    ordering_fields = ["number", "name"]

    def get_queryset(self):
        return (
            selectors.for_list(access.visible_interventions(self.request.user))
            .prefetch_related("indicators")
            .order_by("number", "name")
        )
