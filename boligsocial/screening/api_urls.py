"""API endpoints of this app, included under /api/v1/ in the "api" namespace."""

from rest_framework.routers import DefaultRouter

from boligsocial.screening import api

router = DefaultRouter()
router.include_root_view = False
router.register("indicators", api.IndicatorViewSet, basename="indicator")
router.register("legend-sets", api.LegendSetViewSet, basename="legend-set")
router.register("indicator-values", api.IndicatorValueViewSet, basename="indicator-value")
router.register("lights", api.LightViewSet, basename="light")
router.register("statutory-statuses", api.StatutoryStatusViewSet, basename="statutory-status")

urlpatterns = [*router.urls]
