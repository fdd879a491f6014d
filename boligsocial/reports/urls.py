from django.urls import path

from boligsocial.reports.views import pages

app_name = "reports"
urlpatterns = [
    path("styringsdialog/", pages.index, name="index"),
    path("styringsdialog/ny/", pages.create, name="create"),
    path("styringsdialog/<int:pk>/", pages.report, name="report"),
    path("styringsdialog/<int:pk>/pdf/", pages.report_pdf, name="report_pdf"),
    path("styringsdialog/<int:pk>/offentlig/", pages.public, name="public"),
    path("styringsdialog/<int:pk>/offentlig/pdf/", pages.public_pdf, name="public_pdf"),
    path("styringsdialog/<int:pk>/tabel/<slug:key>/", pages.table_export, name="table"),
    path("styringsdialog/<int:pk>/tekster/", pages.texts, name="texts"),
    path("styringsdialog/<int:pk>/punkt/", pages.add_point, name="add_point"),
    path("styringsdialog/<int:pk>/afslut/", pages.finalise, name="finalise"),
    path("styringsdialog/<int:pk>/moede/", pages.meeting, name="meeting"),
    path("styringsdialog/aftaler/<int:pk>/", pages.agreement, name="agreement"),
]
