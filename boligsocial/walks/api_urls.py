"""API endpoints of walks, included under /api/v1/ in the "api" namespace."""

from rest_framework.routers import DefaultRouter

from boligsocial.walks.api import WalkViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("walks", WalkViewSet, basename="walk")

urlpatterns = [*router.urls]
