"""The safety-walk REST API: `/api/v1/walks/` (read: route, participants by role, counts) and
`/api/v1/walks/{id}/findings/` (GET: every finding with its place, owner, due date and status;
POST: record a finding, as JSON or as multipart with a photo, through the same service and
checks as the phone form: the photo's size and type by its first bytes, private storage, the
change log). Same access as the pages (`walks.access`: recording is the social unit's);
participants' names only in a walk's detail, where reading them is access-logged."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from boligsocial.audit.services import log_read
from boligsocial.core import permissions
from boligsocial.core.parsers import DepthLimitedJSONParser
from boligsocial.core.rest import BoundedIntegerField, ScopedViewSet, documented
from boligsocial.core.strictfilters import StrictFilterBackend
from boligsocial.walks import access, selectors, services
from boligsocial.walks.filters import WalkFilter
from boligsocial.walks.models import Category, Finding, Participant, RoutePoint, Severity, Walk


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


class FindingIn(serializers.Serializer):
    """A finding as the phone form records it: a place (a point of the walk's route, or a
    position, plus where exactly), a category, a description, a severity (not for a good
    place) and an optional photo (multipart; JPEG or PNG by its first bytes, at most 10 MB)."""

    category = serializers.ChoiceField(choices=Category.choices)
    description = serializers.CharField(max_length=2000)
    point = BoundedIntegerField(
        required=False, allow_null=True, min_value=1, help_text=_("A route point of this walk.")
    )
    latitude = serializers.DecimalField(
        max_digits=8, decimal_places=5, min_value=-90, max_value=90, required=False,
        allow_null=True,
    )  # fmt: skip
    longitude = serializers.DecimalField(
        max_digits=8, decimal_places=5, min_value=-180, max_value=180, required=False,
        allow_null=True,
    )  # fmt: skip
    place_note = serializers.CharField(max_length=200, required=False, allow_blank=True)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False, allow_blank=True)
    photo = serializers.FileField(required=False, allow_null=True)


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
    filter_backends = [StrictFilterBackend]
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
        methods=["GET"],
        summary=_("List a walk's findings"),
        responses=FindingSerializer(many=True),
        filters=False,
    )
    @extend_schema(
        methods=["POST"],
        summary=_("Record a finding (with a photo as multipart)"),
        request={"multipart/form-data": FindingIn, "application/json": FindingIn},
        responses={201: FindingSerializer},
        filters=False,
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="findings",
        url_name="findings",
        filter_backends=[],
        pagination_class=None,
        parser_classes=[DepthLimitedJSONParser, MultiPartParser],
    )
    def findings(self, request, pk=None):
        walk = self.get_object()
        if request.method == "GET":
            return Response(FindingSerializer(selectors.findings_of(walk), many=True).data)
        if not permissions.can(request.user, access.MANAGE, walk):
            raise PermissionDenied(_("You may read this walk but not record findings on it."))
        data = FindingIn(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        point = None
        if d.get("point") is not None:
            point = walk.points.filter(pk=d["point"]).first()
            if point is None:
                raise ValidationError({"point": [_("Choose a point on this walk's route.")]})
        try:
            finding = services.record_finding(
                walk=walk,
                actor=request.user,
                category=d["category"],
                description=d["description"],
                point=point,
                latitude=d.get("latitude"),
                longitude=d.get("longitude"),
                place_note=d.get("place_note", ""),
                severity=d.get("severity", ""),
                photo=d.get("photo") or None,
            )
        except services.WalkError as error:
            raise ValidationError({"non_field_errors": [error.message]}) from None
        return Response(FindingSerializer(finding).data, status=status.HTTP_201_CREATED)
