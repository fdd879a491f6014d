"""API endpoints of the catalogue and the plans, included under /api/v1/ in the "api" namespace."""

from rest_framework.routers import DefaultRouter

from boligsocial.catalogue.api import InterventionViewSet
from boligsocial.plans.api import ActivityViewSet, PlanViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("interventions", InterventionViewSet, basename="intervention")
router.register("plans", PlanViewSet, basename="plan")
router.register("activities", ActivityViewSet, basename="activity")

urlpatterns = [*router.urls]
