from django.urls import path

from boligsocial.coordination.views import edit, pages

app_name = "coordination"
urlpatterns = [
    path("koordinering/", pages.index, name="index"),
    path("koordinering/maalgrupper/", pages.target_groups, name="target_groups"),
    path("koordinering/maalgrupper/ny/", edit.target_group_form, name="add_target_group"),
    path(
        "koordinering/maalgrupper/<int:pk>/ret/", edit.target_group_form, name="edit_target_group"
    ),
    path("koordinering/<int:code>/", pages.municipality, name="municipality"),
    path("koordinering/<int:code>/indsatser/", pages.efforts, name="efforts"),
    path("koordinering/<int:code>/indsatser/ny/", edit.create_effort, name="create_effort"),
    path("koordinering/<int:code>/overlap/", pages.overlaps, name="overlaps"),
    path("koordinering/<int:code>/overlap/<int:a>-<int:b>/", edit.decide, name="decide"),
    path("koordinering/<int:code>/huller/", pages.gaps, name="gaps"),
    path("koordinering/<int:code>/kontakter/", pages.contacts, name="contacts"),
    path("koordinering/<int:code>/kort/", pages.map_page, name="map"),
    path("koordinering/<int:code>/kort/data/", pages.map_geojson, name="map_data"),
    path("koordinering/<int:code>/eksport/", pages.export, name="export"),
    path("koordinering/<int:code>/pdf/", pages.report_pdf, name="report_pdf"),
    path("koordinering/indsats/<int:pk>/", pages.effort, name="effort"),
    path("koordinering/indsats/<int:pk>/ret/", edit.edit_effort, name="edit_effort"),
    path("koordinering/indsats/<int:pk>/slet/", edit.delete_effort, name="delete_effort"),
]
