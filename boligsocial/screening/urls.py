"""Screening URLs: the pages (page_urls.py). The import of screening data is the imports app's
(kinds in import_kinds.py)."""

from boligsocial.screening import page_urls

app_name = "screening"

urlpatterns = [*page_urls.urlpatterns]
