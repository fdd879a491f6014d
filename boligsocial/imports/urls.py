"""The import pages (namespace `imports`), and the old import URLs as redirects."""

from django.urls import path

from boligsocial.imports.views import batches, legacy, pages

app_name = "imports"

urlpatterns = [
    path("import/", pages.index, name="index"),
    path("import/<int:pk>/", batches.batch_view, name="batch"),
    path("import/<int:pk>/bekraeft/", batches.confirm_view, name="confirm"),
    path("import/<int:pk>/annuller/", batches.cancel_view, name="cancel"),
    path("import/<int:pk>/fortryd/", batches.undo_view, name="undo"),
    path("import/<slug:kind>/", pages.upload, name="upload"),
    path("import/<slug:kind>/skabelon.<slug:fmt>", pages.template, name="template"),
    # Before the imports app (docs/decisions/0018-imports-app.md):
    path("organisationer/<int:pk>/import/", legacy.organisation_import, name="legacy_organisation"),
    path(
        "organisationer/<int:pk>/import/skabelon/<slug:kind>.<slug:fmt>",
        legacy.organisation_template,
        name="legacy_organisation_template",
    ),
    path("trafiklys/import/", legacy.screening_import, name="legacy_screening"),
    path("trafiklys/import/<int:pk>/", legacy.screening_batch, name="legacy_screening_batch"),
    path(
        "trafiklys/import/skabelon/<slug:kind>.<slug:fmt>",
        legacy.screening_template,
        name="legacy_screening_template",
    ),
]
