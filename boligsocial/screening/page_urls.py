"""Part of the screening URLconf (see urls.py)."""

urlpatterns: list = []
