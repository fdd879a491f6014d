"""Part of the screening URLconf (see urls.py): the trafiklys pages and reports."""

from django.urls import path

from boligsocial.screening import views

urlpatterns: list = [
    path("trafiklys/", views.index, name="index"),
    path("trafiklys/organisationer/<int:pk>/", views.scorecard, name="scorecard"),
    path(
        "trafiklys/organisationer/<int:pk>/rapport/",
        views.organisation_report_page,
        name="organisation_report",
    ),
    path(
        "trafiklys/organisationer/<int:pk>/rapport.pdf",
        views.organisation_report_pdf,
        name="organisation_report_pdf",
    ),
    path("trafiklys/afdelinger/<int:pk>/", views.department, name="department"),
    path(
        "trafiklys/afdelinger/<int:pk>/rapport/",
        views.department_report_page,
        name="department_report",
    ),
    path(
        "trafiklys/afdelinger/<int:pk>/rapport.pdf",
        views.department_report_pdf,
        name="department_report_pdf",
    ),
    path("trafiklys/omraader/<int:pk>/", views.area, name="area"),
    path("trafiklys/kommuner/<int:code>/", views.municipality, name="municipality"),
    path("trafiklys/lister/", views.statutory_lists, name="statutory_lists"),
    path("trafiklys/lister.csv", views.statutory_lists_csv, name="statutory_lists_csv"),
]
