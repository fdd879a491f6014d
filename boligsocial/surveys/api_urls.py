"""API endpoints of surveys, included under /api/v1/ in the "api" namespace."""

urlpatterns: list = []
