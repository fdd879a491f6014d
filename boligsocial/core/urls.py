from django.urls import path

from boligsocial.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("sundhed/", views.health, name="health"),
]
