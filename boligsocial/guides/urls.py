from django.urls import path

from boligsocial.guides import authoring, views

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
    path("guider/ny/", authoring.guide_create, name="create"),
    path("guider/versioner/<int:pk>/rediger/", authoring.version_edit, name="edit"),
    path("guider/versioner/<int:pk>/nyt-tema/", authoring.theme_add, name="theme_add"),
    path("guider/temaer/<int:pk>/", authoring.theme_edit, name="theme_edit"),
    path("guider/temaer/<int:pk>/flyt/", authoring.theme_move, name="theme_move"),
    path("guider/temaer/<int:pk>/fjern/", authoring.theme_delete, name="theme_delete"),
    path("guider/temaer/<int:pk>/nyt-spoergsmaal/", authoring.question_add, name="question_add"),
    path("guider/spoergsmaal/<int:pk>/flyt/", authoring.question_move, name="question_move"),
    path("guider/spoergsmaal/<int:pk>/fjern/", authoring.question_delete, name="question_delete"),
]
