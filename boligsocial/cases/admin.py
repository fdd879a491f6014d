"""Admin for case settings and letter templates. Cases are listed without content (reference,
department, status, dates only): reading case content goes through the access-logged pages."""

from django.contrib import admin

from boligsocial.cases.models import Case, CaseSettings, LetterTemplate


@admin.register(CaseSettings)
class CaseSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "organisation",
        "first_contact_working_days",
        "warning_follow_up_working_days",
        "retention_years_after_closing",
        "reminders_enabled",
    ]


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ["kind", "organisation", "subject", "updated_at"]
    list_filter = ["kind"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "organisation", "department", "kind", "status", "received_at"]
    list_filter = ["status", "kind"]
    search_fields = ["reference"]
    fields = [*list_display, "closed_at", "anonymised_at", "version"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
