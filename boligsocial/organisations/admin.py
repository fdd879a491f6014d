"""Administration of the housing model and of users' roles (Django admin, for administrators).
Changes are recorded by django-simple-history (who, when, what)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from boligsocial.organisations.models import (
    Area,
    Department,
    Lease,
    Membership,
    Municipality,
    Organisation,
    Region,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "cvr", "lbf_number", "is_demo"]
    search_fields = ["name", "cvr"]


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "number", "name", "municipality", "lease_count", "year_built"]
    list_filter = ["organisation", "municipality"]
    search_fields = ["name", "address", "number"]
    list_select_related = ["organisation", "municipality"]
    autocomplete_fields = ["municipality"]


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name"]
    filter_horizontal = ["departments"]


@admin.register(Lease)
class LeaseAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "department", "area_m2", "rooms"]
    list_filter = ["department__organisation"]
    search_fields = ["address", "unit", "department__name"]
    list_select_related = ["department"]
    raw_id_fields = ["department"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "organisation", "department", "municipality"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "organisation", "department", "municipality"]
    raw_id_fields = ["user", "department"]
    autocomplete_fields = ["municipality", "organisation"]
