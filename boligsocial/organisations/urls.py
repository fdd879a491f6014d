from django.urls import path

from boligsocial.organisations.views import pages

app_name = "organisations"

urlpatterns = [
    path("kommuner/", pages.municipality_list, name="municipality_list"),
    path("kommuner/<int:code>/", pages.municipality_detail, name="municipality"),
    path("organisationer/", pages.organisation_list, name="organisation_list"),
    path("organisationer/<int:pk>/", pages.organisation_detail, name="organisation"),
    path("afdelinger/<int:pk>/", pages.department_detail, name="department"),
    path("omraader/", pages.area_list, name="area_list"),
    path("omraader/<int:pk>/", pages.area_detail, name="area"),
]
