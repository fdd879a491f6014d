"""The styringsdialog in the browser (issue 18 part 9): the department board of Alfaparken adds
a point for the agenda; the head of the social unit sees it on the organisation's agenda,
finalises the report and downloads its PDF (every page saved as PNG and looked at); records an
agreement at the meeting; and next year's report shows it under last year's agreements."""

import pytest
from playwright.sync_api import expect

from boligsocial.core.tests.pdf_layout import save_pages
from tests.e2e.conftest import menu_link, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_board_point_the_finalised_pdf_and_an_agreement_that_comes_back(
    page, live_server, world, personas, login, console_errors
):
    from boligsocial.reports import services
    from boligsocial.reports.models import Agreement, Report

    org_report = services.create_report(by=None, organisation=world.org_a, year=2024)
    dept_report = services.create_report(
        by=None, organisation=world.org_a, department=world.dept_a1, year=2024
    )

    login("dept-board-a1")
    menu_link(page, "Styringsdialog", exact=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Styringsdialog")
    page.get_by_role("link", name="2024").click()
    page.get_by_role("link", name="Tilføj et punkt til dagsordenen").click()
    page.get_by_label("Punkt til dagsordenen").fill("Belysning på stierne")
    page.get_by_label("Baggrund").fill("Beboerne oplever stierne som utrygge om aftenen.")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator(".report-points")).to_contain_text("Belysning på stierne")
    assert dept_report.agenda_points.get().title == "Belysning på stierne"
    screenshot(page, "reports-department")

    page.context.clear_cookies()
    login("head-a")
    page.goto(f"{live_server.url}/styringsdialog/{org_report.pk}/")
    expect(page.locator(".report-points")).to_contain_text("Belysning på stierne (1 Alfaparken)")
    page.get_by_role("link", name="Afslut").click()
    page.get_by_role("button", name="Afslut").click()
    expect(page.locator(".report-status")).to_contain_text("Afsluttet")
    org_report.refresh_from_db()
    assert org_report.is_finalised
    assert [p["title"] for p in org_report.snapshot["points"]] == ["Belysning på stierne"]
    pdf = page.request.get(f"{live_server.url}/styringsdialog/{org_report.pk}/pdf/")
    assert pdf.headers["content-type"] == "application/pdf"
    assert save_pages(pdf.body(), "e2e-reports-organisation") >= 1

    page.get_by_role("link", name="Møde og aftaler").click()
    page.get_by_label("Aftale", exact=True).fill("Fælles plan for belysning")
    page.get_by_label("Ansvarlig").fill("Kommunen og boligorganisationen")
    page.get_by_label("Hvornår").fill("2025-06-01")
    page.get_by_role("button", name="Registrér aftalen").click()
    expect(page.locator("table")).to_contain_text("Fælles plan for belysning")
    assert Agreement.objects.get().report == org_report
    screenshot(page, "reports-meeting")

    page.goto(f"{live_server.url}/styringsdialog/")
    page.get_by_role("link", name="Ny rapport").click()
    page.get_by_label("Boligorganisation").select_option(label="Boligselskabet Alfa")
    page.get_by_label("År").fill("2025")
    page.get_by_role("button", name="Gem").click()
    next_year = Report.objects.get(year=2025)
    expect(page.locator("#section-agreements")).to_contain_text("Fælles plan for belysning")
    expect(page.locator(".report-agenda")).to_contain_text("Opfølgning på sidste års aftaler")
    assert next_year.department is None
    screenshot(page, "reports-next-year")
