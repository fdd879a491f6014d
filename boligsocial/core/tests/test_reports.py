"""core.reports: one Report, its context computed once, rendered as a page and as a PDF from the
same body template."""

import copy

import pypdfium2 as pdfium
import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from boligsocial.core.reports import Report, page_response, pdf_response

BODY = (
    "<p class='body'>Afdeling {{ number }}: {{ name }}</p>"
    "{% if pdf %}<p>Trykt udgave</p>"
    "{% else %}<a href='/afdelinger/{{ number }}/'>Side</a>{% endif %}"
)


@pytest.fixture
def templates(tmp_path, settings):
    (tmp_path / "test_report").mkdir()
    (tmp_path / "test_report" / "body.html").write_text(BODY)
    (tmp_path / "test_report" / "head.html").write_text("<h1>{{ report.title }}</h1>")
    engines = copy.deepcopy(settings.TEMPLATES)
    engines[0]["DIRS"] = [*engines[0]["DIRS"], tmp_path]
    settings.TEMPLATES = engines


def _report(**extra) -> Report:
    return Report(
        title="Rapport 2024 – Ærtebjerg",
        template="test_report/body.html",
        head_template="test_report/head.html",
        context={"number": 7, "name": "Ærtebjerg"},
        filename="Rapport 2024: Ærtebjerg",
        **extra,
    )


def _request():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


def test_the_page_shows_head_body_pdf_button_and_breadcrumbs(templates):
    report = _report(pdf_url="/rapport.pdf?aar=2024", crumbs=[("Trafiklys", "/trafiklys/")])
    body = page_response(_request(), report).content.decode()
    assert "<title>Rapport 2024 – Ærtebjerg – Boligsocial</title>" in body
    assert "<h1>Rapport 2024 – Ærtebjerg</h1>" in body
    assert "<p class='body'>Afdeling 7: Ærtebjerg</p>" in body
    assert "<a href='/afdelinger/7/'>Side</a>" in body and "Trykt udgave" not in body
    assert '<a class="button button-primary" href="/rapport.pdf?aar=2024">' in body
    assert '<a class="breadcrumbs__link" href="/trafiklys/">Trafiklys</a>' in body
    assert 'aria-current="page">' in body


def test_a_page_without_pdf_has_no_button(templates):
    body = page_response(_request(), _report()).content.decode()
    assert "button-primary" not in body
    assert 'class="page-actions"' not in body


def test_the_pdf_has_the_same_body_without_the_pages_links(templates):
    response = pdf_response(_request(), _report(brand="Boligselskabet Alfa"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="rapport-2024-aertebjerg.pdf"'
    doc = pdfium.PdfDocument(response.content)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert "Boligselskabet Alfa" in text
    assert "Rapport 2024 – Ærtebjerg" in text
    assert "Afdeling 7: Ærtebjerg" in text
    assert "Trykt udgave" in text and "Side" not in text


def test_a_pdf_can_be_an_attachment(templates):
    response = pdf_response(_request(), _report(), inline=False)
    assert response["Content-Disposition"] == 'attachment; filename="rapport-2024-aertebjerg.pdf"'
