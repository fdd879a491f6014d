"""Administration of the screening configuration (Django admin, for administrators).

Legend sets and weight sets are versioned: the admin shows them read-only; a new version is
made with `engine.save_new_version` / `save_new_weight_set` (validated, Danish
messages), so a stored traffic light can always be reproduced with the rules it used."""

from django.contrib import admin

from boligsocial.screening.models import (
    Indicator,
    IndicatorWeight,
    LegendRange,
    LegendSet,
    ScreeningPolicy,
    WeightSet,
)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["position", "code", "name", "unit", "source", "polarity", "in_light"]
    list_display_links = ["code"]
    list_filter = ["source", "in_light", "is_active"]
    search_fields = ["code", "name", "name_en"]
    readonly_fields = ["code"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class LegendRangeInline(ReadOnlyInline):
    model = LegendRange
    fields = ["position", "lower", "upper", "colour"]


@admin.register(LegendSet)
class LegendSetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "version", "created_at", "created_by"]
    list_filter = ["indicator"]
    inlines = [LegendRangeInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class IndicatorWeightInline(ReadOnlyInline):
    model = IndicatorWeight
    fields = ["indicator", "weight"]


@admin.register(WeightSet)
class WeightSetAdmin(LegendSetAdmin):
    list_display = ["version", "yellow_from", "red_from", "created_at", "created_by"]
    list_filter = []
    inlines = [IndicatorWeightInline]


@admin.register(ScreeningPolicy)
class ScreeningPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "min_residents", "review_months_red", "review_months_yellow"]
    list_select_related = ["organisation"]
