"""Checking a PDF's print layout page by page (shared by the report tests of screening and
reports): the layout WeasyPrint made of each page, and every page saved as a PNG (pypdfium2) in
./screenshots for a person to look at.

* `documents` (a fixture): every WeasyPrint document rendered during the test;
* `cells_outside(document)`: table cells outside the page's content area (a table cut off);
* `stranded_headings(document)`: headings with nothing but headings after them on their page;
* `lines_per_page(document)`, `save_pages(pdf_bytes, name)`."""

from pathlib import Path

import pypdfium2
import pytest
import weasyprint
from weasyprint.formatting_structure import boxes

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


def flow(page_box):
    """The page's own flow (the root box), without the margin boxes (page numbers)."""
    return page_box.children[0]


def cells_outside(document) -> list[tuple[int, str, float]]:
    """(page, cell text, how far past the content area's right or bottom edge) per cell."""
    outside = []
    for number, page in enumerate(document.pages, start=1):
        left, top, right, bottom = _content_area(page._page_box)
        for box in flow(page._page_box).descendants():
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
                outside.append((number, box_text(box)[:40], round(past, 1)))
    return outside


def box_text(box) -> str:
    return " ".join(
        b.text for b in box.descendants() if isinstance(b, boxes.TextBox) and b.text.strip()
    )


def stranded_headings(document) -> list[tuple[int, str]]:
    """Headings with nothing but other headings after them on their page."""
    stranded = []
    for number, page in enumerate(document.pages, start=1):
        last_heading, content_after = None, False
        for box in flow(page._page_box).descendants():
            tag = getattr(box, "element_tag", None)
            if tag in HEADINGS and isinstance(box, boxes.BlockBox):
                last_heading, content_after = box, False
            elif last_heading is not None and _is_content(box) and not _inside(box, last_heading):
                content_after = True
        if last_heading is not None and not content_after:
            stranded.append((number, box_text(last_heading)))
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
        sum(1 for b in flow(page._page_box).descendants() if isinstance(b, boxes.LineBox))
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
