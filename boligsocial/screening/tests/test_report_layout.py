"""The trafiklys reports print (issue 13, item 14): every page of the department and the
organisation report is rendered to PNG (pypdfium2) for a person to look at, and the layout
WeasyPrint made of each page is checked: no table cell lies outside the page's content area, no
heading is the last thing on its page, and no page holds only a few lines."""

from pathlib import Path

import pypdfium2
import pytest
import weasyprint
from django.urls import reverse
from weasyprint.formatting_structure import boxes

from boligsocial.screening import selectors

SHOTS = Path(__file__).resolve().parents[3] / "screenshots"
TOLERANCE = 0.5  # CSS px
HEADINGS = {"h1", "h2", "h3", "h4"}


@pytest.fixture
def documents(monkeypatch):
    """Every WeasyPrint document rendered during the test (the layout behind each PDF)."""
    rendered = []
    original = weasyprint.HTML.render

    def render(self, *args, **kwargs):
        document = original(self, *args, **kwargs)
        rendered.append(document)
        return document

    monkeypatch.setattr(weasyprint.HTML, "render", render)
    return rendered


def _content_area(page_box):
    x, y = page_box.content_box_x(), page_box.content_box_y()
    return x, y, x + page_box.width, y + page_box.height


def _flow(page_box):
    """The page's own flow (the root box), without the margin boxes (page numbers)."""
    return page_box.children[0]


def cells_outside(document) -> list[tuple[int, str, float]]:
    """(page, cell text, how far past the content area's right or bottom edge) per cell."""
    outside = []
    for number, page in enumerate(document.pages, start=1):
        left, top, right, bottom = _content_area(page._page_box)
        for box in _flow(page._page_box).descendants():
            if not isinstance(box, boxes.TableCellBox):
                continue
            x, y = box.border_box_x(), box.border_box_y()
            past = max(
                x + box.border_width() - right,
                y + box.border_height() - bottom,
                left - x,
                top - y,
            )
            if past > TOLERANCE:
                outside.append((number, _text(box)[:40], round(past, 1)))
    return outside


def _text(box) -> str:
    return " ".join(
        b.text for b in box.descendants() if isinstance(b, boxes.TextBox) and b.text.strip()
    )


def stranded_headings(document) -> list[tuple[int, str]]:
    """Headings with nothing but other headings after them on their page."""
    stranded = []
    for number, page in enumerate(document.pages, start=1):
        last_heading, content_after = None, False
        for box in _flow(page._page_box).descendants():
            tag = getattr(box, "element_tag", None)
            if tag in HEADINGS and isinstance(box, boxes.BlockBox):
                last_heading, content_after = box, False
            elif last_heading is not None and _is_content(box) and not _inside(box, last_heading):
                content_after = True
        if last_heading is not None and not content_after:
            stranded.append((number, _text(last_heading)))
    return stranded


def _is_content(box) -> bool:
    if isinstance(box, boxes.TextBox):
        return bool(box.text.strip())
    return isinstance(box, boxes.ReplacedBox)


def _inside(box, heading) -> bool:
    return any(b is box for b in heading.descendants())


def lines_per_page(document) -> list[int]:
    """The number of lines of text in each page's flow."""
    return [
        sum(1 for b in _flow(page._page_box).descendants() if isinstance(b, boxes.LineBox))
        for page in document.pages
    ]


def save_pages(pdf_bytes: bytes, name: str) -> int:
    """Every page as a PNG in ./screenshots; returns the number of pages."""
    SHOTS.mkdir(exist_ok=True)
    for stale in SHOTS.glob(f"{name}-page*.png"):
        stale.unlink()
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    for index in range(len(pdf)):
        pdf[index].render(scale=1.3).to_pil().save(SHOTS / f"{name}-page{index + 1}.png")
    return len(pdf)


def _get_pdf(client, url, documents):
    response = client.get(url, {"aar": 2024})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert len(documents) == 1
    return response.content, documents[0]


def test_department_report_cells_inside_the_page_and_headings_keep_with_what_follows(
    sw, client_for, documents
):
    url = reverse("screening:department_report_pdf", args=[sw.dept_a1.pk])
    content, document = _get_pdf(client_for("admin"), url, documents)
    pages = save_pages(content, "layout-department-report")
    assert pages == len(document.pages)
    assert cells_outside(document) == []
    assert stranded_headings(document) == []
    # every indicator column of the comparison table is printed (the columns after "enlige
    # forsørgere" were cut off at the right margin): the world's 10 light indicators in 2 groups
    tables = [
        box
        for page in document.pages
        for box in _flow(page._page_box).descendants()
        if isinstance(box, boxes.TableBox) and "twins-group" in (box.element.get("class") or "")
    ]
    headers = [
        "".join(_text(cell).replace("\u2010", "").split())  # without hyphenation's hyphens
        for table in tables
        for cell in table.descendants()
        if isinstance(cell, boxes.TableCellBox) and cell.element.get("class") == "ind"
    ]
    names = ["".join(i.name.split()) for i in selectors.light_indicators()]
    assert len(names) == 10  # the 9 of the register data + vulnerability_score
    assert headers == names
    assert len(tables) == 2


def test_organisation_report_cells_inside_the_page_and_no_near_empty_pages(
    sw, client_for, documents
):
    url = reverse("screening:organisation_report_pdf", args=[sw.org_a.pk])
    content, document = _get_pdf(client_for("admin"), url, documents)
    pages = save_pages(content, "layout-organisation-report")
    assert pages == len(document.pages)
    assert cells_outside(document) == []
    assert stranded_headings(document) == []
    lines = lines_per_page(document)
    assert all(n > 3 for n in lines[:-1]), lines  # only the last page may be short
