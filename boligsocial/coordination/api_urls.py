"""API endpoints of coordination, included under /api/v1/ in the "api" namespace."""

from rest_framework.routers import DefaultRouter

from boligsocial.coordination.api import (
    EffortViewSet,
    GapViewSet,
    MapViewSet,
    OverlapViewSet,
    TargetGroupViewSet,
)

router = DefaultRouter()
router.include_root_view = False
router.register("efforts", EffortViewSet, basename="effort")
router.register("target-groups", TargetGroupViewSet, basename="target-group")
router.register("coordination/overlaps", OverlapViewSet, basename="coordination-overlap")
router.register("coordination/gaps", GapViewSet, basename="coordination-gap")
router.register("coordination/map", MapViewSet, basename="coordination-map")

urlpatterns = [*router.urls]
