"""core.pdf: templates to PDF with WeasyPrint, static files read locally, nothing else fetched."""

import pypdfium2 as pdfium
from django.template import engines
from django.test import RequestFactory

from boligsocial.core import pdf


def _render(body: str) -> bytes:
    template = engines["django"].from_string(
        '{% extends "pdf/base.html" %}{% block title %}Prøve{% endblock %}'
        "{% block content %}" + body + "{% endblock %}"
    )
    request = RequestFactory().get("/")
    html = template.render({}, request)
    from weasyprint import HTML

    return HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=pdf._fetcher()).write_pdf()


def _text(data: bytes) -> tuple[int, str]:
    doc = pdfium.PdfDocument(data)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    return len(doc), text


def test_render_pdf_gives_a_pdf_with_the_danish_text():
    data = _render("<h1>Afdeling Ærtebjerg</h1><p>Æ ø å – 1.234,5 %</p>")
    assert data.startswith(b"%PDF-")
    pages, text = _text(data)
    assert pages == 1
    assert "Afdeling Ærtebjerg" in text
    assert "Æ ø å – 1.234,5 %" in text


def test_static_files_are_read_locally():
    assert pdf._static_file(pdf.BASE_URL + "static/css/print.css").name == "print.css"
    assert pdf._static_file(pdf.BASE_URL + "static/../settings.py") is None
    assert pdf._static_file(pdf.BASE_URL + "static/nope.css") is None
    assert pdf._static_file("https://example.com/static/css/print.css") is None


def test_other_urls_are_not_fetched(caplog):
    data = _render('<img src="https://example.com/x.png" alt="x"><p>Tekst</p>')
    _, text = _text(data)
    assert "Tekst" in text
    assert any("fetches only static files" in r.getMessage() for r in caplog.records)


def test_pdf_response_headers():
    request = RequestFactory().get("/")
    response = pdf.pdf_response(request, "pdf/base.html", {}, "Trafiklys 2025: Afdeling 7")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="trafiklys-2025-afdeling-7.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.startswith(b"%PDF-")


def test_the_cache_key_follows_the_html_and_the_content_of_its_stylesheets(tmp_path, monkeypatch):
    """A changed stylesheet is a new key even where its URL stays the same (DEBUG: no hashed
    names), so a cached PDF never shows yesterday's layout."""
    sheet = tmp_path / "report.css"
    sheet.write_text("p { color: black; }")
    found = {pdf.BASE_URL + "static/report.css": sheet}
    monkeypatch.setattr(pdf, "_static_file", lambda url: found.get(url))
    html = '<link rel="stylesheet" href="/static/report.css"><p>Tekst</p>'
    first = pdf.cache_key(html)
    assert first == pdf.cache_key(html)
    assert first.startswith("pdf:")
    sheet.write_text("p { color: red; }")
    changed = pdf.cache_key(html)
    assert changed != first
    assert pdf.cache_key(html.replace("Tekst", "Tekst!")) not in (first, changed)
    # A stylesheet that is not a static file counts by its address.
    other = '<link rel="stylesheet" href="/static/other.css"><p>Tekst</p>'
    assert pdf.cache_key(other) != pdf.cache_key(other.replace("other", "andet"))
