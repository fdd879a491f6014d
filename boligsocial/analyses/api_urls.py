"""API endpoints of this app, included under /api/v1/ in the "api" namespace."""

from rest_framework.routers import DefaultRouter

from boligsocial.analyses import api

router = DefaultRouter()
router.include_root_view = False
router.register("vulnerability-analyses", api.AnalysisViewSet, basename="vulnerability-analysis")

urlpatterns = [*router.urls]
