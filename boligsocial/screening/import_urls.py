"""Part of the screening URLconf (see urls.py): the import of screening data."""

from django.urls import path

from boligsocial.screening import import_views

urlpatterns: list = [
    path("trafiklys/import/", import_views.import_view, name="import"),
    path("trafiklys/import/<int:pk>/", import_views.import_batch_view, name="import_batch"),
    path(
        "trafiklys/import/skabelon/<slug:kind>.<slug:fmt>",
        import_views.import_template_view,
        name="import_template",
    ),
]
