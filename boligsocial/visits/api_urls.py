"""API endpoints of visits, included under /api/v1/ in the "api" namespace."""

from rest_framework.routers import DefaultRouter

from boligsocial.visits import api

router = DefaultRouter()
router.include_root_view = False
router.register("visit-campaigns", api.CampaignViewSet, basename="visit-campaign")
router.register("visits", api.VisitViewSet, basename="visit")

urlpatterns = [*router.urls]
