from django.urls import path

from boligsocial.analyses.views import actions, analysis, coverage

app_name = "analyses"

urlpatterns = [
    path("saarbarhedsanalyser/", coverage.coverage_page, name="coverage"),
    path("saarbarhedsanalyser/aarsplan/", coverage.generate_plan, name="generate_plan"),
    path("saarbarhedsanalyser/interval/", coverage.interval, name="interval"),
    path("saarbarhedsanalyser/ny/<int:department>/", analysis.plan_new, name="plan"),
    path("saarbarhedsanalyser/<int:pk>/", analysis.detail, name="detail"),
    path("saarbarhedsanalyser/<int:pk>/planlaeg/", analysis.plan_edit, name="plan_edit"),
    path("saarbarhedsanalyser/<int:pk>/interview/", analysis.conduct, name="conduct"),
    path("saarbarhedsanalyser/<int:pk>/interview/gem/", analysis.autosave, name="autosave"),
    path("saarbarhedsanalyser/<int:pk>/afslut/", analysis.complete, name="complete"),
    path("saarbarhedsanalyser/<int:pk>/pdf/", analysis.board_pdf, name="pdf"),
    path("saarbarhedsanalyser/<int:pk>/handlinger/", actions.action_add, name="action_add"),
    path(
        "saarbarhedsanalyser/handlinger/<int:pk>/status/",
        actions.action_status,
        name="action_status",
    ),
    path("saarbarhedsanalyser/handlinger/<int:pk>/sag/", actions.action_case, name="action_case"),
    path(
        "saarbarhedsanalyser/handlinger/<int:pk>/besoeg/",
        actions.action_campaign,
        name="action_campaign",
    ),
]
