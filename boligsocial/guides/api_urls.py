"""API endpoints of this app, included under /api/v1/ in the "api" namespace."""

from rest_framework.routers import DefaultRouter

from boligsocial.guides import api

router = DefaultRouter()
router.include_root_view = False
router.register("guides", api.GuideViewSet, basename="guide")

urlpatterns = [*router.urls]
