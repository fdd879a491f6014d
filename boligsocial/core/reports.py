"""The report builder: one context, computed once in Python, rendered as an HTML page or as a
PDF (WeasyPrint, core/pdf.py) from the same body template, so the two never drift apart.

    report = Report(
        title=_("Traffic light report"),
        template="screening/report/_department_body.html",  # the body: page and PDF
        context=department_report(...),                     # what the templates read
        filename=f"trafiklys-{department.number}",          # the PDF's name (slugified)
        head_template="screening/report/_department_head.html",
        stylesheets=("css/screening.css",),
        pdf_url=reverse(...),                               # the page's "Download as PDF"
        crumbs=[(label, url), ...],                         # the page's breadcrumbs
    )
    return page_response(request, report)   # or pdf_response(request, report)

The templates get the report's context itself, `report`, and `pdf` (True in the PDF), so a body
can leave out links and controls there. Templates compute nothing: everything they show is in
the context.
"""

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from boligsocial.core import pdf

PAGE_TEMPLATE = "core/report_page.html"
PDF_TEMPLATE = "core/report_pdf.html"


@dataclass(frozen=True)
class Report:
    title: str
    template: str
    context: dict[str, Any]
    filename: str
    head_template: str = ""  # above the body, on the page and in the PDF
    actions_template: str = ""  # page only, beside the PDF button (e.g. a year picker)
    stylesheets: tuple[str, ...] = ()  # static paths, on the page and in the PDF
    pdf_url: str = ""  # the page's "Download as PDF" button (none when empty)
    crumbs: list[tuple[str, str]] = field(default_factory=list)  # the page's breadcrumbs
    current: str = ""  # the breadcrumb of the page itself (default: the title)
    brand: str = ""  # the PDF's header (default: Boligsocial)
    cache_seconds: int = 0  # keep the PDF in the shared cache by its HTML (no personal data!)


def _context(report: Report, *, as_pdf: bool) -> dict:
    return {**report.context, "report": report, "pdf": as_pdf}


def page_response(request, report: Report) -> HttpResponse:
    """The report as an HTML page in the site's layout."""
    return render(request, PAGE_TEMPLATE, _context(report, as_pdf=False))


def render_pdf(request, report: Report) -> bytes:
    return pdf.render_pdf(
        request, PDF_TEMPLATE, _context(report, as_pdf=True), cache_seconds=report.cache_seconds
    )


def pdf_response(request, report: Report, *, inline: bool = True) -> HttpResponse:
    """The report as a PDF download (inline by default), named after `report.filename`."""
    return pdf.pdf_response(
        request,
        PDF_TEMPLATE,
        _context(report, as_pdf=True),
        report.filename,
        inline=inline,
        cache_seconds=report.cache_seconds,
    )
