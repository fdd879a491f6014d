"""JSON shapes of the read-only API. English field names; descriptions come from the models'
verbose names and help texts (translated) or are given here.

The serializers read only what the viewsets load: related names through `select_related`, counts
through annotations and id lists through prefetches that the viewset has already filtered to the
requesting user's scope."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from boligsocial.organisations.models import Area, Department, Lease, Municipality, Organisation


class MunicipalitySerializer(serializers.ModelSerializer):
    region_code = serializers.IntegerField(
        source="region_id", read_only=True, help_text=_("The region's official code.")
    )
    region_name = serializers.CharField(
        source="region.name", read_only=True, help_text=_("The region's name.")
    )

    class Meta:
        model = Municipality
        fields = ["code", "name", "region_code", "region_name"]
        read_only_fields = fields


class OrganisationSerializer(serializers.ModelSerializer):
    department_count = serializers.IntegerField(
        read_only=True,
        help_text=_(
            "Number of departments in the housing organisation, including those outside your "
            "access."
        ),
    )

    class Meta:
        model = Organisation
        fields = ["id", "name", "cvr", "lbf_number", "department_count"]
        read_only_fields = fields


class DepartmentSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, help_text=_("The housing organisation's name.")
    )
    areas = serializers.PrimaryKeyRelatedField(
        many=True,
        read_only=True,
        help_text=_("Ids of the housing areas that the department belongs to."),
    )

    class Meta:
        model = Department
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "number",
            "name",
            "address",
            "postal_code",
            "city",
            "municipality",
            "lease_count",
            "year_built",
            "areas",
        ]
        read_only_fields = fields


class AreaSerializer(serializers.ModelSerializer):
    departments = serializers.PrimaryKeyRelatedField(
        many=True,
        read_only=True,
        help_text=_("Ids of the area's departments that you have access to."),
    )
    department_count_total = serializers.IntegerField(
        read_only=True,
        help_text=_("Number of departments in the area, including those outside your access."),
    )

    class Meta:
        model = Area
        fields = ["id", "name", "municipality", "departments", "department_count_total"]
        read_only_fields = fields


class LeaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Lease
        fields = ["id", "department", "address", "unit", "area_m2", "rooms"]
        read_only_fields = fields
