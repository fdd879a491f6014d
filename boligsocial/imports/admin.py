"""The import records in the Django admin: read-only (their rows' provenance, decision 0011)."""

from django.contrib import admin

from boligsocial.imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["filename", "kind", "organisation", "status", "rows_total", "created_at"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the provenance of values (their key to it is no constraint, decision 0011)
