"""Screening URLs: the pages (page_urls.py) and the import (import_urls.py)."""

from boligsocial.screening import import_urls, page_urls

app_name = "screening"

urlpatterns = [*page_urls.urlpatterns, *import_urls.urlpatterns]
