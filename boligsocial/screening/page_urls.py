"""Part of the screening URLconf (see urls.py): the trafiklys pages and reports."""

from django.urls import path

from boligsocial.screening.views import areas, exports, pages

urlpatterns: list = [
    path("trafiklys/", pages.index, name="index"),
    path("trafiklys/organisationer/<int:pk>/", pages.scorecard, name="scorecard"),
    path(
        "trafiklys/organisationer/<int:pk>/eksport/",
        exports.scorecard_export,
        name="scorecard_export",
    ),
    path(
        "trafiklys/organisationer/<int:pk>/rapport/",
        pages.organisation_report_page,
        name="organisation_report",
    ),
    path(
        "trafiklys/organisationer/<int:pk>/rapport.pdf",
        pages.organisation_report_pdf,
        name="organisation_report_pdf",
    ),
    path("trafiklys/afdelinger/<int:pk>/", pages.department, name="department"),
    path(
        "trafiklys/afdelinger/<int:pk>/rapport/",
        pages.department_report_page,
        name="department_report",
    ),
    path(
        "trafiklys/afdelinger/<int:pk>/rapport.pdf",
        pages.department_report_pdf,
        name="department_report_pdf",
    ),
    path("trafiklys/omraader/<int:pk>/", areas.area, name="area"),
    path("trafiklys/kommuner/<int:code>/", areas.municipality, name="municipality"),
    path("trafiklys/lister/", areas.statutory_lists, name="statutory_lists"),
    path("trafiklys/lister.csv", areas.statutory_lists_csv, name="statutory_lists_csv"),
    path("trafiklys/lister.xlsx", areas.statutory_lists_xlsx, name="statutory_lists_xlsx"),
]
