"""The safety-walk REST API: `/api/v1/walks/` (read: route, participants by role, counts) and
`/api/v1/walks/{id}/findings/` (read: every finding with its place, owner, due date and status).
Same access as the pages (`walks.access`); participants' names only in a walk's detail, where
reading them is access-logged."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from boligsocial.audit.services import log_read
from boligsocial.core.rest import ScopedViewSet, documented
from boligsocial.walks import access, selectors
from boligsocial.walks.filters import WalkFilter
from boligsocial.walks.models import Finding, Participant, RoutePoint, Walk


class RoutePointSerializer(serializers.ModelSerializer):
    class Meta:
        model = RoutePoint
        fields = ["id", "position", "name", "latitude", "longitude"]


class ParticipantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = ["role", "count", "organisation_name"]


class NamedParticipantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = ["role", "count", "name", "organisation_name"]


class WalkSerializer(serializers.ModelSerializer):
    points = RoutePointSerializer(many=True, read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)
    finding_count = serializers.IntegerField(read_only=True, help_text=_("Problems noted."))
    open_count = serializers.IntegerField(read_only=True, help_text=_("Problems still open."))
    overdue_count = serializers.IntegerField(read_only=True, help_text=_("Open and past due."))

    class Meta:
        model = Walk
        fields = [
            "id",
            "title",
            "organisation",
            "municipality",
            "departments",
            "area",
            "walk_date",
            "start_time",
            "meeting_point",
            "status",
            "follow_up_date",
            "summary",
            "points",
            "participants",
            "finding_count",
            "open_count",
            "overdue_count",
        ]


class WalkDetailSerializer(WalkSerializer):
    participants = NamedParticipantSerializer(many=True, read_only=True)


class FindingSerializer(serializers.ModelSerializer):
    photo_url = serializers.SerializerMethodField(
        help_text=_("The photo's page (access-checked), or null.")
    )

    class Meta:
        model = Finding
        fields = [
            "id",
            "number",
            "point",
            "latitude",
            "longitude",
            "place_note",
            "category",
            "description",
            "severity",
            "photo_url",
            "owner_kind",
            "owner_name",
            "due_date",
            "status",
            "status_note",
            "resolved_on",
        ]

    def get_photo_url(self, obj) -> str | None:
        return reverse("walks:photo", args=[obj.pk]) if obj.photo else None


@documented(
    list_summary=_("List safety walks"),
    detail_summary=_("Get a safety walk"),
    description=_(
        "Safety walks you may see: route, participants by role and the number of findings. "
        "Participants' names only in a walk's detail (the read is logged)."
    ),
)
class WalkViewSet(ScopedViewSet):
    queryset = Walk.objects.none()
    serializer_class = WalkSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = WalkFilter

    def get_queryset(self):
        return (
            selectors.overview(access.visible_walks(self.request.user), timezone.localdate())
            .prefetch_related("points", "participants")
            .order_by("-walk_date", "pk")
        )

    def get_serializer_class(self):
        return WalkDetailSerializer if self.action == "retrieve" else WalkSerializer

    def retrieve(self, request, *args, **kwargs):
        walk = self.get_object()
        if any(p.name for p in walk.participants.all()):
            log_read(user=request.user, obj=walk, route="api:walk-detail", purpose="deltagere")
        return Response(self.get_serializer(walk).data)

    @extend_schema(
        summary=_("List a walk's findings"),
        responses=FindingSerializer(many=True),
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="findings",
        url_name="findings",
        filter_backends=[],
        pagination_class=None,
    )
    def findings(self, request, pk=None):
        walk = self.get_object()
        return Response(FindingSerializer(selectors.findings_of(walk), many=True).data)
