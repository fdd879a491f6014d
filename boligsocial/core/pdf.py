"""PDF documents from Django templates with WeasyPrint (reports, letters).

A PDF template extends ``pdf/base.html``; the same context can render an HTML page from a
template that includes the same body, so the page and the PDF never drift apart.

WeasyPrint fetches nothing from the network: ``/static/...`` URLs are read from the static files
(finders in development, STATIC_ROOT after collectstatic), ``data:`` URLs are allowed, and every
other URL is refused. Inline SVG (e.g. vl-convert charts) needs no fetching at all.

WeasyPrint builds hundreds of thousands of short-lived objects; the cyclic garbage collector is
paused while it lays out and writes (a third of a 23-page report's time went to collections that
freed nothing, decision 0039) and runs again when the document is done.

`render_pdf(..., cache_seconds=N)` keeps the PDF in the shared cache under the SHA-256 of its
HTML for N seconds, so the same document is laid out once (opt in only for documents without
personal data: the styringsdialog report, whose figures are suppressed counts).
"""

import gc
import hashlib
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

#: Written out in a file name, as Danish does without the letters (slugify would drop them).
DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
BASE_URL = "https://boligsocial.invalid/"  # never resolved: only mapped to local files below


def _static_file(url: str) -> Path | None:
    prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
    if not url.startswith(prefix):
        return None
    relative = url[len(prefix) :].split("?", 1)[0].split("#", 1)[0]
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / relative
        if candidate.is_file():
            return candidate
    return None


def _fetcher():
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _static_file(url)
            if path is None:
                raise ValueError(f"PDF rendering fetches only static files, not {url}")
            return super().fetch(path.as_uri(), headers)

    return LocalOnlyFetcher(allowed_protocols=("file", "data"))


@contextmanager
def gc_paused():
    """The cyclic garbage collector off for the block (on again after, if it was on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    with gc_paused():
        return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf()


def _cache():
    from django.core.cache import caches

    return caches["shared"]


_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def cache_key(html: str) -> str:
    """The PDF's key: its HTML, the stylesheets it links (their content: without the manifest
    storage's hashed names, as under DEBUG, a changed stylesheet keeps its URL) and WeasyPrint's
    version."""
    import weasyprint

    digest = hashlib.sha256(html.encode())
    for href in _STYLESHEET.findall(html):
        path = _static_file(urljoin(BASE_URL, href))
        digest.update(path.read_bytes() if path else href.encode())
    return f"pdf:{weasyprint.__version__}:{digest.hexdigest()}"


def render_pdf(request, template_name: str, context: dict, *, cache_seconds: int = 0) -> bytes:
    """Render `template_name` (which should extend pdf/base.html) to PDF bytes; with
    `cache_seconds`, the same HTML is laid out once and then read from the shared cache."""
    html = render_to_string(template_name, context, request=request)
    if not cache_seconds:
        return html_to_pdf(html)
    key = cache_key(html)
    cached = _cache().get(key)
    if cached is not None:
        return cached
    content = html_to_pdf(html)
    _cache().set(key, content, cache_seconds)
    return content


def pdf_response(
    request,
    template_name: str,
    context: dict,
    filename: str,
    *,
    inline: bool = True,
    cache_seconds: int = 0,
) -> HttpResponse:
    """An HttpResponse with the PDF; `filename` is slugified and gets a .pdf suffix."""
    content = render_pdf(request, template_name, context, cache_seconds=cache_seconds)
    response = HttpResponse(content, "application/pdf")
    disposition = "inline" if inline else "attachment"
    name = slugify(filename.removesuffix(".pdf").translate(DANISH_LETTERS)) or "dokument"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
