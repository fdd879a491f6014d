"""API endpoints of walks, included under /api/v1/ in the "api" namespace."""

urlpatterns: list = []
