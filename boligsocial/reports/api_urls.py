"""API endpoints of reports, included under /api/v1/ in the "api" namespace."""

from rest_framework.routers import DefaultRouter

from boligsocial.reports.api import (
    AgreementViewSet,
    BusinessCaseViewSet,
    EffectMeasurementViewSet,
    OutcomeContractViewSet,
    ReportViewSet,
    UnitPriceViewSet,
)

router = DefaultRouter()
router.include_root_view = False
router.register("styringsdialog/reports", ReportViewSet, basename="styringsdialog-report")
router.register("styringsdialog/agreements", AgreementViewSet, basename="styringsdialog-agreement")
router.register("economics/prices", UnitPriceViewSet, basename="economics-price")
router.register("economics/business-cases", BusinessCaseViewSet, basename="economics-business-case")
router.register(
    "economics/effect-measurements", EffectMeasurementViewSet, basename="economics-effect"
)
router.register(
    "economics/outcome-contracts", OutcomeContractViewSet, basename="economics-contract"
)

urlpatterns = [*router.urls]
