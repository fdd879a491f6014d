"""The trafiklys reports print (issue 13, item 14): every page of the department and the
organisation report is rendered to PNG (pypdfium2) for a person to look at, and the layout
WeasyPrint made of each page is checked: no table cell lies outside the page's content area, no
heading is the last thing on its page, and no page holds only a few lines."""

from django.urls import reverse
from weasyprint.formatting_structure import boxes

from boligsocial.core.tests.pdf_layout import (
    box_text,
    cells_outside,
    flow,
    lines_per_page,
    save_pages,
    stranded_headings,
)
from boligsocial.screening import selectors


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
    # forsørgere" were cut off at the right margin): the world's 11 light indicators in 3 groups
    tables = [
        box
        for page in document.pages
        for box in flow(page._page_box).descendants()
        if isinstance(box, boxes.TableBox) and "twins-group" in (box.element.get("class") or "")
    ]
    headers = [
        "".join(box_text(cell).replace("\u2010", "").split())  # without hyphenation's hyphens
        for table in tables
        for cell in table.descendants()
        if isinstance(cell, boxes.TableCellBox) and cell.element.get("class") == "ind"
    ]
    names = ["".join(i.name.split()) for i in selectors.light_indicators()]
    assert len(names) == 11  # the 9 of the register data + vulnerability and safety scores
    assert headers == names
    assert len(tables) == 3  # column groups of PDF_COLUMNS indicators


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
