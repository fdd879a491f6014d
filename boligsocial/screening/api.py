"""The screening REST API: indicators and legend sets (read; a new legend version by
administrators), indicator values (read, and bulk create/update with the file import's rules),
traffic lights and statutory statuses (read).

Access is the pages' (screening/access.py): values and lights of a department follow
`visible_departments`, those of an area `visible_areas`; national values are seen by every user
with any access. Outside the user's scope is a 404, like an object that does not exist. Writing
values is for importers (`access.managed_organisations`), row by row as in imports/lookups.py;
legend sets for administrators. Others get 403."""

import hashlib

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from boligsocial.core import permissions
from boligsocial.core.importreport import ImportIssue
from boligsocial.core.rest import IdFilter, ScopedViewSet
from boligsocial.imports.models import ImportBatch
from boligsocial.screening import engine as legends
from boligsocial.screening.access import (
    IMPORT_VALUES,
    MANAGE_LEGENDS,
    sees_exact_figures,
    small_figure,
    visible_lights,
    visible_statuses,
    visible_values,
)
from boligsocial.screening.imports import values_api as batches
from boligsocial.screening.models import (
    Indicator,
    IndicatorValue,
    LegendRange,
    LegendSet,
    Light,
    LightColour,
    LightResult,
    StatutoryStatus,
)

# --- small numbers (decision 0024) ---------------------------------------------------------------

SMALL_NUMBER_CHOICES = [("primary", "primary"), ("secondary", "secondary")]
SMALL_NUMBER_HELP = gettext_lazy(
    "Why the value is null for you: primary = a count of 1 to k-1 (k = 5 by default), shown as "
    "'<5' on the pages; secondary = a rate that gives such a count away (evictions per 1,000 "
    "leases), shown as 'x'. null = the value is given. Only for viewers who do not see the "
    "organisation's exact figures (its boards, the municipality); its staff see every value."
)


class _Disclosure:
    """Per request: does the user see a department's exact figures (cached per organisation),
    and the unit of each indicator code."""

    def __init__(self, user):
        self.user = user
        self._exact: dict[int, bool] = {}
        self._units: dict[str, str] | None = None

    def exact(self, department) -> bool:
        if department is None:  # national values and areas: as the pages, given
            return True
        org = department.organisation_id
        if org not in self._exact:
            self._exact[org] = sees_exact_figures(self.user, org)
        return self._exact[org]

    def unit(self, code: str) -> str | None:
        if self._units is None:
            self._units = dict(Indicator.objects.values_list("code", "unit"))
        return self._units.get(code)


def _disclosure(serializer) -> _Disclosure | None:
    context = serializer.context
    request = context.get("request")
    if request is None:
        return None
    if "disclosure" not in context:
        context["disclosure"] = _Disclosure(request.user)
    return context["disclosure"]


# --- serializers --------------------------------------------------------------------------------


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "name_en",
            "unit",
            "source",
            "polarity",
            "description",
            "decimals",
            "position",
            "statutory_key",
            "in_light",
            "theme",
            "is_active",
        ]
        read_only_fields = fields


class LegendRangeSerializer(serializers.ModelSerializer):
    lower = serializers.DecimalField(
        max_digits=14,
        decimal_places=4,
        allow_null=True,
        help_text=gettext_lazy("From this value (inclusive); null = no lower bound."),
    )
    upper = serializers.DecimalField(
        max_digits=14,
        decimal_places=4,
        allow_null=True,
        help_text=gettext_lazy("Up to this value (exclusive); null = no upper bound."),
    )
    colour = serializers.ChoiceField(choices=LightColour.choices)

    class Meta:
        model = LegendRange
        fields = ["lower", "upper", "colour"]


class LegendSetSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Indicator.objects.all(),
        help_text=gettext_lazy("The indicator's code."),
    )
    ranges = LegendRangeSerializer(
        many=True,
        help_text=gettext_lazy(
            "The ranges in order, from the lowest values up; together they must cover every "
            "value without gaps or overlaps."
        ),
    )

    class Meta:
        model = LegendSet
        fields = ["id", "indicator", "version", "created_at", "note", "ranges"]
        read_only_fields = ["id", "version", "created_at"]

    def create(self, validated_data):
        ranges = [
            legends.RangeInput(r["lower"], r["upper"], r["colour"])
            for r in validated_data["ranges"]
        ]
        try:
            return legends.save_new_version(
                validated_data["indicator"],
                ranges,
                user=self.context["request"].user,
                note=validated_data.get("note", ""),
            )
        except ValidationError as error:
            raise serializers.ValidationError({"ranges": error.messages}) from None


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=gettext_lazy("The indicator's code.")
    )
    value = serializers.DecimalField(
        max_digits=14,
        decimal_places=4,
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("null when it is a small number (see small_number)."),
    )
    numerator = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy(
            "null for viewers who do not see the organisation's exact figures (boards, the "
            "municipality): the pages do not show them either."
        ),
    )
    denominator = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("null for viewers who do not see the organisation's exact figures."),
    )
    small_number = serializers.ChoiceField(
        SMALL_NUMBER_CHOICES, read_only=True, allow_null=True, help_text=SMALL_NUMBER_HELP
    )

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "department",
            "area",
            "year",
            "value",
            "numerator",
            "denominator",
            "source",
            "batch",
            "small_number",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["small_number"] = None
        disclosure = _disclosure(self)
        if disclosure is None or disclosure.exact(instance.department):
            return data
        data["numerator"] = data["denominator"] = None
        small = small_figure(
            instance.indicator.unit, instance.value, instance.department.lease_count
        )
        if small is not None:
            data["value"], data["small_number"] = None, small.status
        return data


class IndicatorValueInputSerializer(serializers.Serializer):
    """One value to create or update; key: indicator, year and department / area / neither."""

    year = serializers.IntegerField()
    indicator = serializers.CharField(
        max_length=50, help_text=gettext_lazy("The indicator's code.")
    )
    department = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=gettext_lazy("The department's id, for a department's value."),
    )
    area = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=gettext_lazy(
            "The housing area's id, for an area's value. Neither department nor area: the "
            "national value (administrators only)."
        ),
    )
    value = serializers.DecimalField(max_digits=14, decimal_places=4)
    numerator = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    denominator = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    source = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class BulkResultSerializer(serializers.ModelSerializer):
    batch = serializers.IntegerField(source="id", help_text=gettext_lazy("The import's id."))

    class Meta:
        model = ImportBatch
        fields = ["batch", "status", "created", "updated", "unchanged"]
        read_only_fields = fields


class BulkProblemSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text=gettext_lazy("The item's position, from 0."))
    field = serializers.CharField()
    message = serializers.CharField()


class BulkErrorSerializer(serializers.Serializer):
    batch = serializers.IntegerField()
    detail = serializers.CharField()
    errors = BulkProblemSerializer(many=True)


INDICATOR_COLOURS = [("green", "green"), ("yellow", "yellow"), ("red", "red")]


class IndicatorResultSerializer(serializers.Serializer):
    """One indicator of a stored light (`Light.indicators`, see `screening.models`)."""

    value = serializers.CharField(allow_null=True, help_text="Exact decimal, or null if suppressed")
    colour = serializers.ChoiceField(INDICATOR_COLOURS, allow_null=True)
    trend = serializers.ChoiceField(["unchanged", "worse", "better"], allow_null=True)
    direction = serializers.ChoiceField(["stable", "worsening", "improving"], allow_null=True)
    since = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField(
        help_text="Too few residents for register figures (the engine's rule)"
    )
    legend_version = serializers.IntegerField(allow_null=True)
    small_number = serializers.ChoiceField(
        SMALL_NUMBER_CHOICES,
        allow_null=True,
        help_text=SMALL_NUMBER_HELP
        + gettext_lazy(" When set, value, trend, direction and since are null too."),
    )


class LightSerializer(serializers.ModelSerializer):
    indicators = serializers.DictField(child=IndicatorResultSerializer(), read_only=True)
    legend_versions = serializers.DictField(
        child=serializers.IntegerField(), read_only=True, help_text="indicator code: LegendSet id"
    )
    recommendation = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="themes of the red indicators"
    )

    class Meta:
        model = Light
        fields = [
            "id",
            "department",
            "area",
            "year",
            "score",
            "colour",
            "indicators",
            "analysis",
            "recommendation",
            "follow_up",
            "review_months",
            "weight_set",
            "legend_versions",
            "computed_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        """Each indicator's small_number, and for a viewer without the organisation's exact
        figures a small count's value (and its trend, which tells its change) withheld, as the
        pages do (screening/views/blocks.py `without_small`)."""
        data = super().to_representation(instance)
        disclosure = _disclosure(self)
        exact = disclosure is None or disclosure.exact(instance.department)
        for code, cell in data["indicators"].items():
            cell["small_number"] = None
            if exact or cell.get("value") is None:
                continue
            small = small_figure(
                disclosure.unit(code), cell["value"], instance.department.lease_count
            )
            if small is not None:
                cell.update(
                    value=None, trend=None, direction=None, since=None, small_number=small.status
                )
        return data


class StatutoryStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatutoryStatus
        fields = [
            "id",
            "area",
            "year",
            "lists",
            "criteria_met",
            "details",
            "from_published",
            "computed_at",
        ]
        read_only_fields = fields


# --- filters -------------------------------------------------------------------------------------


class IndicatorValueFilter(filters.FilterSet):
    year = filters.NumberFilter(
        field_name="year", help_text=gettext_lazy("Only values of this year.")
    )
    indicator = filters.CharFilter(
        field_name="indicator__code", help_text=gettext_lazy("Only this indicator (its code).")
    )
    department = IdFilter(
        field_name="department__id", help_text=gettext_lazy("Only this department's values.")
    )
    area = IdFilter(field_name="area__id", help_text=gettext_lazy("Only this area's values."))
    national = filters.BooleanFilter(
        method="filter_national",
        help_text=gettext_lazy("true: only national values; false: no national values."),
    )

    class Meta:
        model = IndicatorValue
        fields = ["year", "indicator", "department", "area", "national"]

    def filter_national(self, queryset, name, value):
        national = Q(department__isnull=True, area__isnull=True)
        return queryset.filter(national) if value else queryset.exclude(national)


class LightFilter(filters.FilterSet):
    year = filters.NumberFilter(field_name="year", help_text=gettext_lazy("Only this year."))
    department = IdFilter(
        field_name="department__id", help_text=gettext_lazy("Only this department's lights.")
    )
    area = IdFilter(field_name="area__id", help_text=gettext_lazy("Only this area's lights."))
    colour = filters.ChoiceFilter(
        choices=LightResult.choices, help_text=gettext_lazy("Only lights of this colour.")
    )

    class Meta:
        model = Light
        fields = ["year", "department", "area", "colour"]


class StatutoryStatusFilter(filters.FilterSet):
    year = filters.NumberFilter(field_name="year", help_text=gettext_lazy("Only this year."))
    area = IdFilter(field_name="area__id", help_text=gettext_lazy("Only this area."))

    class Meta:
        model = StatutoryStatus
        fields = ["year", "area"]


# --- viewsets ------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("List indicators"),
        description=gettext_lazy("The screening indicators (the same for everyone)."),
    ),
    retrieve=extend_schema(summary=gettext_lazy("Get one indicator")),
)
class IndicatorViewSet(ScopedViewSet):
    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    filter_backends: list = []


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("List legend sets"),
        description=gettext_lazy(
            "Every version of every indicator's legend, newest version first. The current "
            "legend of an indicator is its highest version."
        ),
    ),
    retrieve=extend_schema(summary=gettext_lazy("Get one legend set")),
    create=extend_schema(
        summary=gettext_lazy("Create a new legend version"),
        description=gettext_lazy(
            "Saves the ranges as the indicator's next legend version (earlier versions are "
            "kept, so earlier results can be reproduced). Administrators only."
        ),
    ),
)
class LegendSetViewSet(mixins.CreateModelMixin, ScopedViewSet):
    queryset = LegendSet.objects.none()
    serializer_class = LegendSetSerializer
    filter_backends: list = []

    def get_queryset(self):
        return LegendSet.objects.select_related("indicator").prefetch_related("ranges")

    def create(self, request, *args, **kwargs):
        if not permissions.can(request.user, MANAGE_LEGENDS, None):
            raise PermissionDenied(_("Only administrators can change legends."))
        return super().create(request, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("List indicator values"),
        description=gettext_lazy(
            "The values of the departments and areas you have access to, and the national values."
        ),
    ),
    retrieve=extend_schema(summary=gettext_lazy("Get one indicator value")),
    create=extend_schema(
        summary=gettext_lazy("Create or update indicator values"),
        description=gettext_lazy(
            "A list of values, checked like a file import: all or nothing; a value that is "
            "already stored is updated if it differs and left alone if not. For the "
            "departments of housing organisations you manage, and areas whose departments all "
            "belong to them; national values and shared areas for administrators."
        ),
        request=IndicatorValueInputSerializer(many=True),
        responses={200: BulkResultSerializer, 400: BulkErrorSerializer},
    ),
)
class IndicatorValueViewSet(mixins.CreateModelMixin, ScopedViewSet):
    queryset = IndicatorValue.objects.none()
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilter

    def get_queryset(self):
        return visible_values(self.request.user).select_related("department")

    def create(self, request, *args, **kwargs):
        if not permissions.can(request.user, IMPORT_VALUES, None):
            raise PermissionDenied(_("You cannot import indicator values."))
        if not isinstance(request.data, list) or not request.data:
            return Response(
                {"detail": _("Send a list of one or more values.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        items = IndicatorValueInputSerializer(data=request.data, many=True)
        type_issues = []
        if not items.is_valid():
            errors = items.errors  # per item: a list, or (newer DRF) a dict by index
            pairs = errors.items() if isinstance(errors, dict) else enumerate(errors)
            for index, item_errors in sorted(pairs):
                if isinstance(item_errors, dict):
                    for field, messages in item_errors.items():
                        for message in messages:
                            type_issues.append(ImportIssue(index, field, str(message)))
        batch = batches.start_items(
            items=items.validated_data if not type_issues else [],
            user=request.user,
            sha256=hashlib.sha256(request.body).hexdigest(),
            type_issues=type_issues,
        )
        if batch.status == ImportBatch.Status.FAILED:
            problems = [e for e in batch.errors if "more" not in e]
            return Response(
                {
                    "batch": batch.pk,
                    "detail": _("Nothing was imported."),
                    "errors": [
                        {"index": e["row"], "field": e["column"], "message": e["message"]}
                        for e in problems
                    ],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(BulkResultSerializer(batch).data, status=status.HTTP_200_OK)


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("List traffic lights"),
        description=gettext_lazy(
            "The stored traffic lights of the departments and areas you have access to, per "
            "year, with each indicator's colour, trend and the legend version used."
        ),
    ),
    retrieve=extend_schema(summary=gettext_lazy("Get one traffic light")),
)
class LightViewSet(ScopedViewSet):
    queryset = Light.objects.none()
    serializer_class = LightSerializer
    filterset_class = LightFilter

    def get_queryset(self):
        return visible_lights(self.request.user).select_related("department")


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("List statutory statuses"),
        description=gettext_lazy(
            "Per housing area you have access to and year: the statutory lists (§ 61 a, § 61 b) "
            "it is on, the criteria met, the distance to each threshold and the forecast."
        ),
    ),
    retrieve=extend_schema(summary=gettext_lazy("Get one statutory status")),
)
class StatutoryStatusViewSet(ScopedViewSet):
    queryset = StatutoryStatus.objects.none()
    serializer_class = StatutoryStatusSerializer
    filterset_class = StatutoryStatusFilter

    def get_queryset(self):
        return visible_statuses(self.request.user)
