"""The styringsdialog: the sections' exact figures, the disclosure of counts, the public summary,
freezing on finalise, agreements coming back next year, the Excel download and the PDF's print
layout (every page as PNG, checked for cells outside the page and stranded headings)."""

import io
import re
from datetime import date

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from boligsocial.core.tests.pdf_layout import (
    cells_outside,
    save_pages,
    stranded_headings,
)
from boligsocial.reports import builder, services
from boligsocial.reports.models import AgreementStatus, Report

TODAY = date(2025, 10, 1)


def _section(context, key):
    return next(s for s in context["sections"] if s["key"] == key)


def _table(context, key):
    return builder.tables(context)[key]


def _texts(table):
    return [[c["t"] for c in row] for row in table["rows"]]


def _clients(personas):
    from conftest import client_as

    return lambda name: client_as(personas, name)


@pytest.fixture
def org_report(rw, personas):
    return services.create_report(by=personas["head_a"], organisation=rw.org_a, year=rw.year)


def test_house_rule_counts_are_suppressed_primary_and_secondary(rw, org_report):
    context = builder.build(org_report, TODAY)
    counts = _texts(_table(context, "housing-counts"))
    # Alfaparken 6 is hidden as "x": with the total 8 it would give Alfahaven's 2 away
    assert [row[:2] for row in counts] == [
        ["1 Alfaparken", "x"],
        ["2 Alfahaven", "<5"],
        ["I alt", "8"],
    ]
    public = builder.public(context)
    assert _texts(_table(public, "housing-counts")) == [["I alt", "8", "0", counts[2][3]]]


def test_the_public_summary_has_no_figure_below_the_threshold(rw, org_report, personas):
    services.set_narrative(
        report=org_report, by=None, section="economy", text="Kun internt.", internal=True
    )
    services.set_narrative(
        report=org_report,
        by=None,
        section="democracy",
        text="Valg i alle afdelinger.",
        internal=False,
    )
    public = builder.public(builder.build(org_report, TODAY))
    for section in public["sections"]:
        for block in section["blocks"]:
            assert not block.get("internal")
            if block["type"] == "table":
                for row in block["rows"]:
                    for c in row:
                        assert not c["small"] and not c["t"].startswith("<")
    assert "economy" not in [s["key"] for s in public["sections"]]
    assert _section(public, "democracy")["blocks"][-1]["paragraphs"] == ["Valg i alle afdelinger."]
    page = Client()
    page.force_login(personas["head_a"])
    html = page.get(reverse("reports:public", args=[org_report.pk])).content.decode()
    assert "Kun internt." not in html
    assert 'class="count"' in html  # the scan below reads the count cells
    assert not re.search(r"&lt;5|<td class=\"count\">\s*[1-4]\s*</td>", html)


def test_sections_exact_values(rw, org_report):
    context = builder.build(org_report, TODAY)
    keys = [s["key"] for s in context["sections"]]
    assert keys[:3] == ["master_data", "letting", "resident_mix"]
    assert "traffic_light" in keys and "housing_counts" in keys
    departments = _texts(_table(context, "departments"))
    assert [row[:2] for row in departments] == [["1", "Alfaparken"], ["2", "Alfahaven"]]
    summary = _table(context, "lights-summary")
    assert summary["header"] == ["Trafiklys", "2024", "2023"]
    assert sum(int(r[1]["n"]) for r in summary["rows"]) == 2
    assert context["agenda"][0] == "Velkomst og godkendelse af dagsorden"


def test_finalising_freezes_the_report_and_closes_the_agenda(rw, org_report, personas):
    dept_report = services.create_report(
        by=None, organisation=rw.org_a, department=rw.dept_a1, year=rw.year
    )
    services.add_agenda_point(
        report=dept_report,
        by=personas["dept_board_a1"],
        title="Belysning",
        text="",
        internal=False,
        department=None,
    )
    report = services.finalise(report=org_report, by=personas["head_a"], today=TODAY)
    frozen = report.snapshot
    assert [p["title"] for p in frozen["points"]] == ["Belysning"]
    from boligsocial.cases.tests.factories import CaseFactory

    CaseFactory(department=rw.dept_a2)  # a later case does not change the frozen report
    report.refresh_from_db()
    assert report.snapshot == frozen
    with pytest.raises(services.ReportError):
        services.add_agenda_point(
            report=dept_report,
            by=None,
            title="For sent",
            text="",
            internal=False,
            department=None,
        )
    with pytest.raises(services.ReportError):
        services.set_narrative(report=report, by=None, section="economy", text="x", internal=False)
    assert dept_report.agenda_points.count() == 1
    assert not report.narratives.exists()


def test_last_years_agreements_come_back_with_their_status(rw, personas):
    last = services.create_report(by=None, organisation=rw.org_a, year=rw.year - 1)
    services.finalise(report=last, by=None, today=TODAY)
    done = services.add_agreement(
        report=last, by=None, what="Tryghedsvandring", who="Kommunen", due_date=date(2025, 3, 1)
    )
    services.update_agreement(agreement=done, by=None, status=AgreementStatus.DONE, note="")
    services.add_agreement(
        report=last,
        by=None,
        what="Restanceplan",
        who="Boligorganisationen",
        due_date=date(2025, 6, 1),
    )
    report = services.create_report(by=None, organisation=rw.org_a, year=rw.year)
    context = builder.build(report, TODAY)
    assert _texts(_table(context, "agreements")) == [
        ["Tryghedsvandring", "Kommunen", "01-03-2025", "Gennemført", ""],
        ["Restanceplan", "Boligorganisationen", "01-06-2025", "Forsinket", ""],
    ]
    assert "Opfølgning på sidste års aftaler" in context["agenda"]


def test_a_second_report_for_the_year_is_refused(rw, org_report):
    with pytest.raises(services.ReportError):
        services.create_report(by=None, organisation=rw.org_a, year=rw.year)
    assert Report.objects.filter(organisation=rw.org_a, year=rw.year).count() == 1


def test_table_downloads_as_excel(rw, org_report, personas):
    client_for = _clients(personas)
    url = reverse("reports:table", args=[org_report.pk, "departments"])
    response = client_for("head_a").get(url)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Nr.", "Afdeling", "Adresse", "Kommune", "Lejemål", "Opført")
    assert rows[1][:2] == (1, "Alfaparken")
    assert (
        client_for("head_a").get(reverse("reports:table", args=[org_report.pk, "nope"])).status_code
        == 404
    )


def test_organisation_pdf_prints_every_page(rw, org_report, personas, documents):
    client_for = _clients(personas)
    response = client_for("head_a").get(reverse("reports:report_pdf", args=[org_report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    document = documents[0]
    assert save_pages(response.content, "reports-organisation") == len(document.pages)
    assert cells_outside(document) == []
    assert stranded_headings(document) == []
