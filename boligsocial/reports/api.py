"""The styringsdialog REST API: `/api/v1/styringsdialog/reports/` (read: the report with its
context, the frozen snapshot once finalised), `POST .../reports/{id}/points/` (a board's point
for the agenda), `/api/v1/styringsdialog/agreements/` (read; `PATCH` the status, for the
organisation and the municipality). Same access and services as the pages."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from boligsocial.core import permissions
from boligsocial.core.rest import ScopedViewSet, documented
from boligsocial.reports import access, selectors, services
from boligsocial.reports.models import Agreement, AgreementStatus, Report


class ReportSerializer(serializers.ModelSerializer):
    context = serializers.SerializerMethodField(
        help_text=_(
            "The report's sections, agenda and points (the frozen snapshot once finalised)."
        )
    )

    class Meta:
        model = Report
        fields = ["id", "organisation", "department", "year", "status", "finalised_at", "context"]

    def get_context(self, report) -> dict:
        if self.context.get("view") and self.context["view"].action == "list":
            return {}
        return selectors.context_of(report, timezone.localdate())


class PointSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    text = serializers.CharField(required=False, allow_blank=True, default="")
    internal = serializers.BooleanField(required=False, default=False)


class AgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = ["id", "report", "what", "who", "due_date", "status", "status_note"]
        read_only_fields = ["id", "report", "what", "who", "due_date"]

    def validate_status(self, value):
        if value not in AgreementStatus.values:
            raise ValidationError(_("Choose a status."))
        return value


@documented(
    list_summary=_("List styringsdialog reports"),
    detail_summary=_("Get a styringsdialog report"),
    description=_(
        "The yearly reports you may see; the detail has the report's sections (without its "
        "context in the list)."
    ),
)
class ReportViewSet(ScopedViewSet):
    queryset = Report.objects.none()
    serializer_class = ReportSerializer

    def get_queryset(self):
        return access.visible_reports(self.request.user).order_by("-year", "pk")

    @extend_schema(
        summary=_("Add a point for the agenda"), request=PointSerializer, responses={201: None}
    )
    @action(detail=True, methods=["post"], url_path="points", url_name="points")
    def points(self, request, pk=None):
        report = self.get_object()
        if not permissions.can(request.user, access.ADD_POINT, report):
            raise PermissionDenied(_("You may not add points to this agenda."))
        data = PointSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            point = services.add_agenda_point(
                report=report, by=request.user, department=None, **data.validated_data
            )
        except services.ReportError as e:
            raise ValidationError({"non_field_errors": [e.message]}) from None
        return Response({"id": point.pk}, status=status.HTTP_201_CREATED)


@documented(
    list_summary=_("List agreements"),
    detail_summary=_("Get an agreement"),
    description=_("The agreements of the styringsdialog meetings you may see."),
)
class AgreementViewSet(mixins.UpdateModelMixin, ScopedViewSet):
    queryset = Agreement.objects.none()
    serializer_class = AgreementSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return Agreement.objects.filter(
            report__in=access.visible_reports(self.request.user)
        ).order_by("due_date", "pk")

    @extend_schema(summary=_("Update an agreement's status"))
    def partial_update(self, request, *args, **kwargs):
        agreement = self.get_object()
        if not permissions.can(request.user, access.UPDATE_AGREEMENT, agreement.report):
            raise PermissionDenied(_("You may not update this agreement."))
        data = AgreementSerializer(agreement, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        updated = services.update_agreement(
            agreement=agreement,
            by=request.user,
            status=data.validated_data.get("status", agreement.status),
            note=data.validated_data.get("status_note", agreement.status_note),
        )
        return Response(AgreementSerializer(updated).data)
