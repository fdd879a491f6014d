"""The trafiklys report: the same body as an HTML page and as a PDF (WeasyPrint), with the same
charts. The PDF's first pages are converted to PNG (pypdfium2) into ./screenshots to look at."""

from pathlib import Path

import pypdfium2
from django.urls import reverse

SCREENSHOTS = Path(__file__).resolve().parents[3] / "screenshots"


def _pdf(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pypdfium2.PdfDocument(response.content)


def _save_pages(pdf, name: str, pages: int = 2) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    for index in range(min(pages, len(pdf))):
        image = pdf[index].render(scale=1.4).to_pil()
        image.save(SCREENSHOTS / f"{name}-page{index + 1}.png")


def _text(pdf, index: int) -> str:
    return pdf[index].get_textpage().get_text_range()


def test_department_report_pdf_has_the_name_year_light_and_charts(sw, client_for):
    url = reverse("screening:department_report_pdf", args=[sw.dept_a1.pk])
    response = client_for("head_a").get(url, {"aar": 2024})
    assert response["Content-Disposition"] == (
        'inline; filename="trafiklys-boligselskabet-alfa-1-2024.pdf"'
    )
    pdf = _pdf(response)
    _save_pages(pdf, "trafiklys-report-pdf", pages=len(pdf))
    first = _text(pdf, 0)
    assert "Alfaparken" in first
    assert "2024" in first
    assert "94,4" in first  # the score, Danish format
    assert "Handlingsplan og opfølgning hvert kvartal" in first
    everything = " ".join(_text(pdf, i) for i in range(len(pdf)))
    # every chart (one per indicator with values: 12) is in the PDF as vector text
    assert everything.count("2022") >= 13
    assert "Alfahaven" in everything  # the one twin head_a may see
    assert 4 <= len(pdf) <= 12


def test_html_report_and_pdf_come_from_the_same_body(sw, client_for):
    client = client_for("head_a")
    html = client.get(
        reverse("screening:department_report", args=[sw.dept_a1.pk]), {"aar": 2024}
    ).content.decode()
    # 13 charts: 12 stored indicators + the conviction ratio the screening derives
    assert html.count('<svg role="img"') == 13
    assert "Handlingsplan og opfølgning hvert kvartal" in html
    assert reverse("screening:department_report_pdf", args=[sw.dept_a1.pk]) + "?aar=2024" in html


def test_department_board_gets_only_its_own_report(sw, client_for):
    client = client_for("dept_board_a1")
    ok = client.get(reverse("screening:department_report_pdf", args=[sw.dept_a1.pk]))
    assert len(_pdf(ok)) >= 1
    other = client.get(reverse("screening:department_report_pdf", args=[sw.dept_a2.pk]))
    assert other.status_code == 404


def test_organisation_report_pdf_lists_the_departments_and_the_red_analysis(sw, client_for):
    response = client_for("board_a").get(
        reverse("screening:organisation_report_pdf", args=[sw.org_a.pk]), {"aar": 2024}
    )
    pdf = _pdf(response)
    _save_pages(pdf, "trafiklys-org-report-pdf", pages=2)
    first = _text(pdf, 0)
    assert "Boligselskabet Alfa" in first
    assert "2024" in first
    everything = " ".join(_text(pdf, i) for i in range(len(pdf)))
    assert "Alfaparken" in everything and "Alfahaven" in everything
    assert "Betagården" not in everything  # another organisation's department
    assert "I 2024 er 8 af 9 indikatorer røde" in everything  # Alfaparken's analysis
    assert 1 <= len(pdf) <= 4
