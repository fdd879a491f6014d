"""API endpoints of reports, included under /api/v1/ in the "api" namespace."""

from rest_framework.routers import DefaultRouter

from boligsocial.reports.api import AgreementViewSet, ReportViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("styringsdialog/reports", ReportViewSet, basename="styringsdialog-report")
router.register("styringsdialog/agreements", AgreementViewSet, basename="styringsdialog-agreement")

urlpatterns = [*router.urls]
