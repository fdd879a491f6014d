from django.urls import path

from boligsocial.walks.views import edit, pages

app_name = "walks"
urlpatterns = [
    path("tryghedsvandringer/", pages.index, name="index"),
    path("tryghedsvandringer/eksport/", pages.index_export, name="index_export"),
    path("tryghedsvandringer/ny/", edit.create, name="create"),
    path("tryghedsvandringer/<int:pk>/", pages.detail, name="detail"),
    path("tryghedsvandringer/<int:pk>/ret/", edit.update, name="update"),
    path("tryghedsvandringer/<int:pk>/status/<str:to>/", edit.advance, name="advance"),
    path("tryghedsvandringer/<int:pk>/fund/", pages.findings, name="findings"),
    path(
        "tryghedsvandringer/<int:pk>/fund/eksport/", pages.findings_export, name="findings_export"
    ),
    path("tryghedsvandringer/<int:pk>/fund/nyt/", edit.record, name="record"),
    path("tryghedsvandringer/<int:pk>/opfoelgning/", pages.follow_up, name="follow_up"),
    path("tryghedsvandringer/<int:pk>/rapport/", pages.report, name="report"),
    path("tryghedsvandringer/<int:pk>/rapport/pdf/", pages.report_pdf, name="report_pdf"),
    path("tryghedsvandringer/fund/<int:pk>/", edit.finding_update, name="finding"),
    path("tryghedsvandringer/fund/<int:pk>/foto/", pages.photo, name="photo"),
]
