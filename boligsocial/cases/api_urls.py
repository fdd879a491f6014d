"""API endpoints of this app, included under /api/v1/ in the "api" namespace."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
router.include_root_view = False

urlpatterns = [*router.urls]
