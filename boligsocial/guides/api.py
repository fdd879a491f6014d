"""The guides' REST endpoints (read only): guides with their versions, themes and questions,
and a guide's newest version as an XLSForm workbook. Same access as the pages."""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied

from boligsocial.core import permissions
from boligsocial.core.rest import ScopedViewSet
from boligsocial.guides import access
from boligsocial.guides.models import Guide, GuideKind, GuideVersion, Question, Theme
from boligsocial.guides.xlsform.writing import to_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = [
            "key", "type", "text", "text_en", "help_text", "required", "weight", "unit",
            "choices", "show_if_key", "show_if_values",
        ]  # fmt: skip


class ThemeSerializer(serializers.ModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Theme
        fields = ["key", "title", "title_en", "help_text", "questions"]


class VersionSerializer(serializers.ModelSerializer):
    themes = ThemeSerializer(many=True, read_only=True)

    class Meta:
        model = GuideVersion
        fields = ["id", "number", "published_at", "frozen_at", "yellow_from", "red_from", "themes"]


@extend_schema_field({"allOf": [{"type": "string", "enum": list(GuideKind.values)}]})
class GuideKindField(serializers.ChoiceField):
    """Listed in place in the schema (cases' `kind` fields are too): several components have a
    field `kind` with other choices, and named enums would collide."""


class GuideSerializer(serializers.ModelSerializer):
    versions = VersionSerializer(many=True, read_only=True)
    kind = GuideKindField(choices=GuideKind.choices, read_only=True)

    class Meta:
        model = Guide
        fields = [
            "id", "key", "kind", "name", "name_en", "description", "proposal", "organisation",
            "versions",
        ]  # fmt: skip


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("List question guides"),
        description=gettext_lazy(
            "The guides you may read (the social unit and administrators), every version with "
            "its themes and questions, newest version first."
        ),
    ),
    retrieve=extend_schema(summary=gettext_lazy("Get one question guide")),
)
class GuideViewSet(ScopedViewSet):
    queryset = Guide.objects.none()
    serializer_class = GuideSerializer
    filter_backends: list = []

    def get_queryset(self):
        if not permissions.can(self.request.user, access.VIEW_GUIDES, None):
            raise PermissionDenied()
        return (
            access.visible_guides(self.request.user)
            .order_by("pk")
            .prefetch_related("versions__themes__questions")
        )

    @extend_schema(
        summary=gettext_lazy("The guide's newest version as an XLSForm"),
        responses={(200, XLSX): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"])
    def xlsform(self, request, pk=None):
        guide = self.get_object()
        version = guide.versions.order_by("-number").first()
        response = HttpResponse(to_xlsx(version.spec()), content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="{guide.key}-v{version.number}.xlsx"'
        )
        return response
