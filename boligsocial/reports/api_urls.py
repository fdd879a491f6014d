"""API endpoints of reports, included under /api/v1/ in the "api" namespace."""

urlpatterns: list = []
