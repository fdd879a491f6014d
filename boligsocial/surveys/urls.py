from django.urls import path

from boligsocial.surveys.views import public, staff

app_name = "surveys"

urlpatterns = [
    path("beboerundersoegelser/", staff.survey_list, name="list"),
    path("beboerundersoegelser/ny/", staff.survey_create, name="create"),
    path("beboerundersoegelser/<int:pk>/", staff.survey_detail, name="detail"),
    path("beboerundersoegelser/<int:pk>/resultater/", staff.survey_results, name="results"),
    path("beboerundersoegelser/<int:pk>/resultater/excel/", staff.results_export, name="export"),
    path("beboerundersoegelser/<int:pk>/svar/", staff.staff_answer, name="staff_answer"),
    path("beboerundersoegelser/<int:pk>/luk/", staff.confirm_close, name="confirm_close"),
    path("beboerundersoegelser/<int:pk>/rediger/", staff.survey_edit, name="edit"),
    path("beboerundersoegelser/<int:pk>/nyt-brev/", staff.reissue_list, name="reissue_list"),
    path(
        "beboerundersoegelser/<int:pk>/nyt-brev/<int:invitation>/",
        staff.reissue,
        name="reissue",
    ),
    path("beboerundersoegelser/<int:pk>/<str:to>/", staff.survey_transition, name="transition"),
    path(
        "beboerundersoegelser/<int:pk>/breve/<int:department>/",
        staff.survey_letters,
        name="letters",
    ),
    path("svar/", public.code_entry, name="code_entry"),
    path("svar/<str:credential>/", public.answer, name="answer"),
]
