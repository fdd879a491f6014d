"""API endpoints of coordination, included under /api/v1/ in the "api" namespace."""

urlpatterns: list = []
