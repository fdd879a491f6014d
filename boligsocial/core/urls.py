from django.urls import path

from boligsocial.core import views

app_name = "core"

urlpatterns = [
    path("sundhed/", views.health, name="health"),
]
