"""API endpoints of visits, included under /api/v1/ in the "api" namespace."""

urlpatterns: list = []
