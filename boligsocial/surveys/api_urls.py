"""API endpoints of surveys, included under /api/v1/ in the "api" namespace."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from boligsocial.surveys import api

router = DefaultRouter()
router.include_root_view = False
router.register("surveys", api.SurveyViewSet, basename="survey")

urlpatterns = [
    *router.urls,
    path("survey-answers/", api.AnswerView.as_view(), name="survey-answers"),
]
