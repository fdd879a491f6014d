"""Included at /api/: the versioned endpoints under v1/, the OpenAPI schema and its docs page."""

from csp.decorators import csp_update
from django.urls import include, path
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from boligsocial.api import views

app_name = "api"

router = DefaultRouter()
router.include_root_view = False
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("departments", views.DepartmentViewSet, basename="department")
router.register("areas", views.AreaViewSet, basename="area")
router.register("leases", views.LeaseViewSet, basename="lease")

# drf-spectacular's Swagger UI page carries one fixed inline <style> block (box-sizing and body
# margin). Only that exact block is allowed, by its hash, on this page alone; test_schema.py
# checks that the hash matches what the page serves.
SWAGGER_UI_STYLE_HASH = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"
docs_view = csp_update({"style-src": [SWAGGER_UI_STYLE_HASH]})(views.DocsView.as_view())
# An HTML page for browsers: LoginRequiredMiddleware sends anonymous users to the login page
# (DRF marks its views as exempt; the API endpoints answer 403 themselves).
docs_view.login_required = True

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/", include("boligsocial.screening.api_urls")),
    path("v1/", include("boligsocial.cases.api_urls")),
    path("v1/", include("boligsocial.guides.api_urls")),
    path("v1/", include("boligsocial.analyses.api_urls")),
    path("v1/", include("boligsocial.visits.api_urls")),
    path("v1/", include("boligsocial.surveys.api_urls")),
    path("v1/", include("boligsocial.walks.api_urls")),
    path("v1/", include("boligsocial.plans.api_urls")),
    path("v1/", include("boligsocial.coordination.api_urls")),
    path("v1/", include("boligsocial.reports.api_urls")),
    path("v1/auth/token/", obtain_auth_token, name="token"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", docs_view, name="docs"),
]
