from django.urls import path

from boligsocial.guides import views

app_name = "guides"

urlpatterns = [
    path("guider/", views.guide_list, name="list"),
    path("guider/importer/", views.import_xlsform, name="import"),
    path("guider/<int:pk>/", views.guide_detail, name="detail"),
    path("guider/versioner/<int:pk>/", views.preview, name="preview"),
    path("guider/versioner/<int:pk>/xlsform/", views.xlsform, name="xlsform"),
    path("guider/versioner/<int:pk>/ny-version/", views.new_version, name="new_version"),
    path("guider/versioner/<int:pk>/udgiv/", views.publish, name="publish"),
    path("guider/spoergsmaal/<int:pk>/", views.question_edit, name="question_edit"),
]
