from django.urls import path

from boligsocial.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("indsatskatalog/", views.index, name="index"),
    path("indsatskatalog/excel/", views.export, name="export"),
    path("indsatskatalog/ny/", views.create_local, name="create_local"),
    path("indsatskatalog/<int:pk>/", views.intervention, name="intervention"),
]
